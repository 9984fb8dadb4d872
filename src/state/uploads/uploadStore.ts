/**
 * The user's own uploaded images, grouped into classes. Pixels are already model-sized uint8 RGB,
 * so handing them to training is a copy (toImageSet), not a re-decode.
 */
import { create } from 'zustand';
import { INPUT_SIDE, LARGE_SIDE } from '../../core/models/inputSpec';
import type { ImageSet } from '../../core/data/imageSet';
import type { ExperimentConfig, Source } from '../../core/config/experiment';
import type { DecodeResult } from './decodeImages';
import { decodeConcurrency, decodeInPool, type Decode } from './decodePool';
import { classFromPath, comparePaths, foldersPerClass } from './folderPaths';
import { filesFromDrop } from './filesFromDrop';
import { thumbnailFromPixels } from './thumbnails';
import { applyDecoded, type Decoded } from './applyDecoded';
import { MAX_CLASSES } from './classLimits';
import { findByName } from './classNames';
import { newId } from './newId';
import { toImageSet } from './toImageSet';
import type { StoredClass, UploadClass, UploadFile, UploadImage, UploadMessage } from './uploadTypes';
import { codes, tUploads } from '../../i18n';
import type { Msg } from '../../core/messages';

// Re-exported: the app imports these from the store, as it did before they had modules of their own.
export { MAX_CLASSES, MIN_IMAGES_PER_CLASS } from './classLimits';
export { trainingBlocker } from './trainingBlocker';
export { toImageSet } from './toImageSet';
export type { StoredClass, UploadClass, UploadFile, UploadImage, UploadMessage };

/** Messages are codes the panel words; a default class name is data, named in the language of the moment. */
const en = codes('uploads');

/**
 * Decoded files reach the store at most this often: each commit re-renders what shows the
 * classes, so committing per file made adding N images cost N × (number of classes).
 */
const COMMIT_EVERY_MS = 150;
/** At most this many files per state update: each renders its thumbnails, and a task must stay short. */
export const COMMIT_AT_MOST = 32;

export interface UploadState {
  /** Side of the stored square images (model input size). */
  readonly side: number;
  classes: UploadClass[];
  messages: UploadMessage[];
  /** Files decoded / queued across all running addFiles calls; both 0 when idle. */
  progress: { done: number; total: number };
  /** Returns the new class id, or null (with a message) if the name is empty or taken. */
  addClass: (name?: string) => string | null;
  /** Returns false (with a message) if the name is empty or taken by another class. */
  renameClass: (id: string, name: string) => boolean;
  deleteClass: (id: string) => void;
  removeImage: (classId: string, imageId: string) => void;
  /**
   * Decode and add files. A file whose path has a parent folder goes to the class of that name
   * (created if needed); other files go to `targetClassId`. Bad files each get one message.
   */
  addFiles: (files: readonly UploadFile[], targetClassId?: string) => Promise<void>;
  /** Drop handler convenience: call synchronously in the drop event (see filesFromDrop). */
  addDrop: (dataTransfer: DataTransfer, targetClassId?: string) => Promise<void>;
  dismissMessage: (id: string) => void;
  clearMessages: () => void;
  /** Replaces every class with stored ones (validated by the caller), thumbnails redrawn from their pixels. */
  restore: (classes: readonly StoredClass[]) => Promise<void>;
}

const revoke = (images: readonly UploadImage[]) => {
  for (const image of images) if (image.thumbnailUrl) URL.revokeObjectURL(image.thumbnailUrl);
};

/**
 * The user's images for an experiment on `config` (null for a built-in target), at the side its
 * sources take: 224 when any source is external (the zoo resizes them down), else 32.
 */
export function uploadedFor(config: Pick<ExperimentConfig, 'source' | 'target'>, sources: readonly Source[] = []): ImageSet | null {
  if (config.target.kind !== 'upload') return null;
  const side = [config.source, ...sources].some((s) => s.kind !== 'zoo') ? LARGE_SIDE : INPUT_SIDE;
  return toImageSet(useUploadStore.getState(), side);
}

export function createUploadStore(side: number = INPUT_SIDE, largeSide: number | null = LARGE_SIDE, decode: Decode = decodeInPool) {
  return create<UploadState>()((set, get) => {
    const say = (text: Msg) => set((s) => ({ messages: [...s.messages, { id: newId('msg'), file: '', text }] }));
    /** Null if the name is usable by class `selfId`; otherwise the message saying why not. */
    const nameProblem = (name: string, selfId?: string) => {
      if (!name) return en.classNameEmpty();
      const clash = findByName(get().classes, name);
      return clash && clash.id !== selfId ? en.classNameTaken(name) : null;
    };

    const addFiles = async (input: readonly UploadFile[], targetClassId?: string) => {
      const n = input.length;
      if (n === 0) return;
      const pathOf = (f: UploadFile) => f.path || f.file.webkitRelativePath || f.file.name;
      // A folder (picked or dropped) is read in one order however it came: same folder, same
      // classes, split and results. Loose files keep the order they were given in.
      const foldered = input.some((f) => /[\\/]/.test(pathOf(f)));
      const files = foldered ? [...input].sort((a, b) => comparePaths(pathOf(a), pathOf(b))) : input;
      const clashes = foldersPerClass(files.map(pathOf));
      if (clashes.length) set((s) => ({ messages: [...s.messages, ...clashes.map((c) => ({ id: newId('msg'), file: '', text: en.mergedFolders(c.className, c.folders) }))] }));
      set((s) => ({ progress: { done: s.progress.done, total: s.progress.total + n } }));
      const decoded: (Decoded | undefined)[] = new Array(n);
      let started = 0;
      let committed = 0;

      // Commit finished files in input order, a ready prefix at a time, in one state update.
      let timer: ReturnType<typeof setTimeout> | null = null;
      const scheduleCommit = () => {
        timer ??= setTimeout(() => {
          timer = null;
          commitReady();
        }, COMMIT_EVERY_MS);
      };
      const commitReady = () => {
        const batch: Decoded[] = [];
        while (committed < n && decoded[committed] && batch.length < COMMIT_AT_MOST) {
          batch.push(decoded[committed]!);
          decoded[committed++] = undefined;
        }
        if (batch.length === 0) return;
        // More ready than one update takes: the rest in the next task, after the page has painted.
        if (committed < n && decoded[committed]) timer ??= setTimeout(() => {
          timer = null;
          commitReady();
        }, 0);
        let discard: string[] = [];
        set((s) => {
          const applied = applyDecoded(s.classes, batch, targetClassId);
          discard = applied.discard;
          const done = s.progress.done + batch.length;
          return {
            classes: applied.classes,
            messages: applied.messages.length ? [...s.messages, ...applied.messages] : s.messages,
            progress: done >= s.progress.total ? { done: 0, total: 0 } : { done, total: s.progress.total },
          };
        });
        for (const url of discard) URL.revokeObjectURL(url);
      };

      const worker = async () => {
        while (started < n) {
          const i = started++;
          const { file, path } = files[i];
          const fullPath = path || file.webkitRelativePath || '';
          const shown = fullPath || file.name;
          let result: DecodeResult;
          try {
            result = await decode(file, side, shown, largeSide);
          } catch (err) {
            // decoding reports failures as results; this only guards against bugs.
            result = { ok: false, message: en.processingFailed(shown, err instanceof Error ? err.message : String(err)) };
          }
          decoded[i] = { shown, name: file.name, className: fullPath ? classFromPath(fullPath) : null, result };
          scheduleCommit();
        }
      };
      await Promise.all(Array.from({ length: Math.min(decodeConcurrency(), n) }, worker));
      // Everything is decoded; what is left (all of it, if the first file was the slowest) goes
      // in batches too, a task apart, so no single update renders hundreds of thumbnails.
      while (committed < n) {
        commitReady();
        if (committed < n) await new Promise((resolve) => setTimeout(resolve, 0));
      }
      if (timer) clearTimeout(timer);
    };

    return {
      side,
      classes: [],
      messages: [],
      progress: { done: 0, total: 0 },

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
        revoke(gone.images);
      },

      removeImage: (classId, imageId) => {
        const image = get().classes.find((c) => c.id === classId)?.images.find((im) => im.id === imageId);
        if (!image) return;
        set((s) => ({
          classes: s.classes.map((c) => (c.id === classId ? { ...c, images: c.images.filter((im) => im.id !== imageId) } : c)),
        }));
        revoke([image]);
      },

      addFiles,

      addDrop: async (dataTransfer, targetClassId) => {
        const files = await filesFromDrop(dataTransfer, (path, reason) =>
          set((s) => ({ messages: [...s.messages, { id: newId('msg'), file: path, text: en.unreadable(path, reason) }] })),
        );
        await addFiles(files, targetClassId);
      },

      dismissMessage: (id) => set((s) => ({ messages: s.messages.filter((m) => m.id !== id) })),
      clearMessages: () => set({ messages: [] }),
      restore: async (stored) => {
        const classes: UploadClass[] = [];
        for (const c of stored) {
          const images: UploadImage[] = [];
          for (const image of c.images) {
            const thumbnailUrl = image.pixelsLarge && largeSide ? await thumbnailFromPixels(image.pixelsLarge, largeSide) : await thumbnailFromPixels(image.pixels, side);
            images.push({ id: newId('img'), name: image.name, hash: image.hash, pixels: image.pixels, pixelsLarge: image.pixelsLarge, thumbnailUrl });
          }
          classes.push({ id: newId('class'), name: c.name, images });
        }
        revoke(get().classes.flatMap((c) => c.images));
        set({ classes });
      },
    };
  });
}

/** The app's upload store, at the built-in models' input size. */
export const useUploadStore = createUploadStore();
