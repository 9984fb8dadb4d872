import { messageOf } from '../../core/messages';
import { slicesIn } from '..';
import { useUploadStore } from '../uploads/uploadStore';
import { useSourceStore } from '../sourceStore';
import { StorageError, write } from './db';
import { saveImageSet } from './imageStore';
import { isApplying } from './applyRecord';
import { usePersistStore } from './persistence';
import { storedClasses } from '../slices/images';

/**
 * Saving as the lab changes: the record whenever a slice it holds says it changed (the config at
 * once, runs every few seconds while training and when they end), images when the classes change,
 * an own model's files when it is loaded (those two are kept apart from the record).
 */

const reportFailure = (err: unknown) =>
  usePersistStore.setState({ problem: { problem: err instanceof StorageError ? err.problem : 'write-failed', detail: messageOf(err) } });

/** The user's images of the current experiment, saved when the classes change (bytes, not URLs). */
async function saveImagesNow(): Promise<void> {
  const { currentId, status } = usePersistStore.getState();
  if (!currentId || status !== 'ready' || isApplying()) return;
  try {
    await saveImageSet(currentId, storedClasses());
  } catch (err) {
    reportFailure(err);
  }
}

// One image save at a time (two interleaved would delete each other's chunks); changes made
// during a save are saved once it ends.
let imageSave: Promise<void> | null = null;
let imagesDirty = false;
function saveImages(): void {
  if (imageSave) {
    imagesDirty = true;
    return;
  }
  imageSave = saveImagesNow().finally(() => {
    imageSave = null;
    if (imagesDirty) {
      imagesDirty = false;
      saveImages();
    }
  });
}

const debounce = (ms: number, f: () => void) => {
  let timer: ReturnType<typeof setTimeout> | null = null;
  return () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => ((timer = null), f()), ms);
  };
};

/** An own model's local files, saved with the current experiment when it is loaded. */
async function saveModelFiles(files: readonly File[]): Promise<void> {
  const { currentId, status } = usePersistStore.getState();
  if (!currentId || status !== 'ready' || isApplying()) return;
  try {
    const stored = await Promise.all(files.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })));
    await write((d) => d.put('models', { experimentId: currentId, files: stored }));
  } catch (err) {
    reportFailure(err);
  }
}

/** Starts saving the current experiment as the stores change. */
export function startAutosave(): void {
  const save = debounce(300, () => void usePersistStore.getState().saveNow());
  // Every slice the record holds says when it changed; what a restore changes is not saved back.
  for (const slice of slicesIn('record')) if (!slice.apart) slice.watch?.(() => !isApplying() && save());
  const images = debounce(500, saveImages);
  useUploadStore.subscribe((s, prev) => s.classes !== prev.classes && !isApplying() && images());
  useSourceStore.subscribe((s, prev) => s.localFiles !== prev.localFiles && s.localFiles && void saveModelFiles(s.localFiles));
}
