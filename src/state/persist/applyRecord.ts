import { openConfig } from '../../core/config/migrate';
import { SharedResultsSchema } from '../../core/share/link';
import { msg, type Msg } from '../../core/messages';
import { useExperimentStore } from '../experimentStore';
import { useRunStore } from '../runStore';
import { useStudyStore, type StudyRun } from '../studyStore';
import { useUploadStore } from '../uploads/uploadStore';
import { useSourceStore } from '../sourceStore';
import { useZooStore } from '../zooStore';
import { useFusionStore } from '../fusionStore';
import { useSelectionStore } from '../selectionStore';
import { readFusion, readSelection } from './analyses';
import type { StoredExperiment, StoredImages, StoredModel } from './db';
import { ImagesSchema, ModelSchema, StudySchema } from './storedSchemas';

/** While a record is being applied to the stores, their changes are not saved back (autosave asks). */
let applying = false;
export const isApplying = () => applying;

/** Resolves once the lab has started (the zoo listed); engine calls made then wait for the worker themselves. */
function whenEngineReady(): Promise<void> {
  if (useZooStore.getState().status === 'ready') return Promise.resolve();
  return new Promise((resolve) => {
    const stop = useZooStore.subscribe((s) => {
      if (s.status !== 'ready') return;
      stop();
      resolve();
    });
  });
}

/**
 * Applies a stored record to the stores, validating every part. Not ok when its config is
 * unusable (nothing is applied then); `problem` names a part that could not be used (the rest is).
 */
export async function applyRecord(record: StoredExperiment, images: StoredImages | undefined, model?: StoredModel): Promise<{ ok: boolean; problem: Msg | null }> {
  const parsed = openConfig(record.config);
  if (!parsed.ok) return { ok: false, problem: parsed.detail };
  let problem: Msg | null = null;
  applying = true;
  try {
    useExperimentStore.getState().setConfig(parsed.config);
    const results = SharedResultsSchema.safeParse(record.results);
    if (results.success) useRunStore.getState().restoreSaved(results.data, parsed.config);
    else useRunStore.getState().reset();
    const study = StudySchema.safeParse(record.study);
    const studyConfig = study.success ? openConfig(study.data.config) : null;
    if (study.success && studyConfig?.ok) useStudyStore.getState().restore({ ...study.data, runs: study.data.runs as StudyRun[] }, studyConfig.config);
    else useStudyStore.getState().clear();
    useSelectionStore.getState().restore(readSelection(record.selection));
    useFusionStore.getState().restore(readFusion(record.fusion));
    const checked = images ? ImagesSchema.safeParse(images) : null;
    await useUploadStore.getState().restore(checked?.success ? checked.data.classes : []);
    if (checked && !checked.success) problem = msg('msg.storedImagesUnreadable');
    // An own model from local files is loaded again from its stored files, through the same
    // checks as the first time (nothing is fetched: the files are on this device).
    const files = model ? ModelSchema.safeParse(model) : null;
    if (parsed.config.source.kind === 'custom' && !parsed.config.source.url && files?.success) {
      const list = files.data.files.map((f) => new File([f.bytes as Uint8Array<ArrayBuffer>], f.name));
      // Loaded without selecting it: the restored config names it already, with its saved cut and
      // strategy, and a source the user picks while the engine starts must not be taken back.
      void whenEngineReady().then(() => {
        // A model the user started loading meanwhile is newer than the restored one: theirs wins.
        const attempt = useSourceStore.getState().sources.custom?.status;
        if (attempt !== 'checking' && attempt !== 'downloading') return useSourceStore.getState().loadCustomFiles(list, { select: false });
      });
    }
  } finally {
    applying = false;
  }
  return { ok: true, problem };
}

/** A new, empty experiment's stores: runs, study, analyses and images cleared (not saved back while it happens). */
export async function clearRecord(): Promise<void> {
  applying = true;
  try {
    useRunStore.getState().reset();
    useStudyStore.getState().clear();
    useSelectionStore.getState().restore(null);
    useFusionStore.getState().restore(null);
    await useUploadStore.getState().restore([]);
  } finally {
    applying = false;
  }
}
