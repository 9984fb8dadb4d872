/**
 * The user's own uploaded images, grouped into classes. Pixels are already model-sized uint8 RGB,
 * so handing them to training is a copy (toImageSet), not a re-decode.
 */
import { create } from 'zustand';
import { INPUT_SIDE, LARGE_SIDE } from '../../core/models/inputSpec';
import type { ImageSet } from '../../core/data/imageSet';
import type { ExperimentConfig, Source } from '../../core/config/experiment';
import { decodeInPool, type Decode } from '../../platform/decode/decodePool';
import { filesFromDrop } from './filesFromDrop';
import { thumbnailFromPixels } from '../../platform/decode/thumbnails';
import { newId } from './newId';
import { toImageSet } from './toImageSet';
import { createAddFiles } from './addFiles';
import { createClassActions, revokeThumbnails } from './classActions';
import type { StoredClass, UploadClass, UploadFile, UploadImage, UploadMessage, UploadState } from './uploadTypes';
import { codes } from '../../i18n';
import { registerActivity } from '../busy';

// Re-exported: the app imports these from the store, as it did before they had modules of their own.
export { MAX_CLASSES, MIN_IMAGES_PER_CLASS } from './classLimits';
export { trainingBlocker } from './trainingBlocker';
export { toImageSet } from './toImageSet';
export { COMMIT_AT_MOST } from './addFiles';
export type { StoredClass, UploadClass, UploadFile, UploadImage, UploadMessage, UploadState };

/** Messages are codes the panel words; a default class name is data, named in the language of the moment. */
const en = codes('uploads');

/** Stored classes with fresh ids, their thumbnails redrawn from their pixels (the large ones when kept). */
async function classesFromStored(stored: readonly StoredClass[], side: number, largeSide: number | null): Promise<UploadClass[]> {
  const classes: UploadClass[] = [];
  for (const c of stored) {
    const images: UploadImage[] = [];
    for (const image of c.images) {
      const thumbnailUrl =
        image.pixelsLarge && largeSide
          ? await thumbnailFromPixels(image.pixelsLarge, largeSide)
          : await thumbnailFromPixels(image.pixels, side);
      images.push({
        id: newId('img'),
        name: image.name,
        hash: image.hash,
        pixels: image.pixels,
        pixelsLarge: image.pixelsLarge,
        thumbnailUrl,
      });
    }
    classes.push({ id: newId('class'), name: c.name, images });
  }
  return classes;
}

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
    const addFiles = createAddFiles(set, side, largeSide, decode);
    return {
      side,
      classes: [],
      messages: [],
      progress: { done: 0, total: 0 },
      ...createClassActions(set, get),
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
        const classes = await classesFromStored(stored, side, largeSide);
        revokeThumbnails(get().classes.flatMap((c) => c.images));
        set({ classes });
      },
    };
  });
}

/** The app's upload store, at the built-in models' input size. */
export const useUploadStore = createUploadStore();

registerActivity(
  'uploading',
  () => {
    const { done, total } = useUploadStore.getState().progress;
    return done < total;
  },
  useUploadStore.subscribe,
);
