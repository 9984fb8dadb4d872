import type { StoreApi } from 'zustand';
import { MAX_CLASSES } from './classLimits';
import { findByName } from './classNames';
import { newId } from './newId';
import type { UploadImage } from './uploadTypes';
import type { UploadState } from './uploadTypes';
import { codes, tUploads } from '../../i18n';
import type { Msg } from '../../core/messages';

/** Messages are codes the panel words; a default class name is data, named in the language of the moment. */
const en = codes('uploads');

type ClassActions = Pick<UploadState, 'addClass' | 'renameClass' | 'deleteClass' | 'removeImage'>;

/** Frees the thumbnails' object URLs of images that left the store. */
export const revokeThumbnails = (images: readonly UploadImage[]) => {
  for (const image of images) if (image.thumbnailUrl) URL.revokeObjectURL(image.thumbnailUrl);
};

/** The store's class and image editing actions; names are checked (empty, taken) with a message on refusal. */
export function createClassActions(set: StoreApi<UploadState>['setState'], get: StoreApi<UploadState>['getState']): ClassActions {
  const say = (text: Msg) => set((s) => ({ messages: [...s.messages, { id: newId('msg'), file: '', text }] }));
  /** Null if the name is usable by class `selfId`; otherwise the message saying why not. */
  const nameProblem = (name: string, selfId?: string) => {
    if (!name) return en.classNameEmpty();
    const clash = findByName(get().classes, name);
    return clash && clash.id !== selfId ? en.classNameTaken(name) : null;
  };

  return {
    addClass: (name) => {
      let chosen = name?.trim();
      if (chosen === undefined) {
        const taken = (k: number) => findByName(get().classes, tUploads.defaultClassName(k));
        let k = get().classes.length + 1;
        while (taken(k)) k++;
        chosen = tUploads.defaultClassName(k);
      }
      const problem = nameProblem(chosen) ?? (get().classes.length >= MAX_CLASSES ? en.tooManyClasses(chosen, MAX_CLASSES) : null);
      if (problem) {
        say(problem);
        return null;
      }
      const id = newId('class');
      set((s) => ({ classes: [...s.classes, { id, name: chosen, images: [] }] }));
      return id;
    },

    renameClass: (id, name) => {
      const chosen = name.trim();
      const problem = nameProblem(chosen, id);
      if (problem) {
        say(problem);
        return false;
      }
      set((s) => ({ classes: s.classes.map((c) => (c.id === id ? { ...c, name: chosen } : c)) }));
      return true;
    },

    deleteClass: (id) => {
      const gone = get().classes.find((c) => c.id === id);
      if (!gone) return;
      set((s) => ({ classes: s.classes.filter((c) => c.id !== id) }));
      revokeThumbnails(gone.images);
    },

    removeImage: (classId, imageId) => {
      const image = get()
        .classes.find((c) => c.id === classId)
        ?.images.find((im) => im.id === imageId);
      if (!image) return;
      set((s) => ({
        classes: s.classes.map((c) => (c.id === classId ? { ...c, images: c.images.filter((im) => im.id !== imageId) } : c)),
      }));
      revokeThumbnails([image]);
    },
  };
}
