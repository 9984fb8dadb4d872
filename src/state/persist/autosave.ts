import { messageOf } from '../../core/messages';
import { useExperimentStore } from '../experimentStore';
import { useRunStore } from '../runStore';
import { useStudyStore } from '../studyStore';
import { useUploadStore } from '../uploads/uploadStore';
import { useSourceStore } from '../sourceStore';
import { useFusionStore } from '../fusionStore';
import { useSelectionStore } from '../selectionStore';
import { StorageError, write } from './db';
import { saveImageSet } from './imageStore';
import { isApplying } from './applyRecord';
import { usePersistStore } from './persistence';

/**
 * Saving as the lab changes: the config at once, runs every few seconds while training and when
 * they end, images when the classes change, an own model's files when it is loaded.
 */

const reportFailure = (err: unknown) => usePersistStore.setState({ problem: { problem: err instanceof StorageError ? err.problem : 'write-failed', detail: messageOf(err) } });

/** The user's images of the current experiment, saved when the classes change (bytes, not URLs). */
async function saveImagesNow(): Promise<void> {
  const { currentId, status } = usePersistStore.getState();
  if (!currentId || status !== 'ready' || isApplying()) return;
  const classes = useUploadStore.getState().classes.map((c) => ({ name: c.name, images: c.images.map(({ name, hash, pixels, pixelsLarge }) => ({ name, hash, pixels, pixelsLarge })) }));
  try {
    await saveImageSet(currentId, classes);
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

/** While training, runs are saved at most this often (each save serialises every curve). */
const TRAINING_SAVE_MS = 2000;

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
  let lastTrainingSave = 0;
  useExperimentStore.subscribe((s, prev) => s.config !== prev.config && !isApplying() && save());
  useRunStore.subscribe((s, prev) => {
    if (isApplying() || (s.runs === prev.runs && s.phase === prev.phase)) return;
    if (s.phase === 'running' || s.phase === 'paused') {
      if (performance.now() - lastTrainingSave < TRAINING_SAVE_MS) return;
      lastTrainingSave = performance.now();
    }
    save();
  });
  useStudyStore.subscribe((s, prev) => s.runs !== prev.runs && !isApplying() && save());
  useSelectionStore.subscribe((s, prev) => (s.rows !== prev.rows || s.actual !== prev.actual || s.status !== prev.status) && !isApplying() && save());
  useFusionStore.subscribe((s, prev) => (s.report !== prev.report || s.study !== prev.study) && !isApplying() && save());
  const images = debounce(500, saveImages);
  useUploadStore.subscribe((s, prev) => s.classes !== prev.classes && !isApplying() && images());
  useSourceStore.subscribe((s, prev) => s.localFiles !== prev.localFiles && s.localFiles && void saveModelFiles(s.localFiles));
}
