import { create } from 'zustand';
import { z } from 'zod';
import type { ExperimentConfig } from '../../core/config/experiment';
import { openConfig } from '../../core/config/migrate';
import { LARGE_SIDE, INPUT_SIDE } from '../../core/models/inputSpec';
import { SharedResultsSchema, SharedStudySchema } from '../../core/share/link';
import { useExperimentStore } from '../experimentStore';
import { useRunStore } from '../runStore';
import { useStudyStore, type StudyRun } from '../studyStore';
import { MAX_CLASSES, useUploadStore } from '../uploads/uploadStore';
import { useSourceStore } from '../sourceStore';
import { useZooStore } from '../zooStore';
import { openLabDb, read, StorageError, write, type StorageProblem, type StoredExperiment, type StoredImages, type StoredModel } from './db';
import { readFusion, readSelection } from './analyses';
import { useFusionStore } from '../fusionStore';
import { useSelectionStore } from '../selectionStore';
import { copyImageSet, deleteImageSet, loadImageSet, saveImageSet } from './imageStore';
import { codeText, messageOf, msg, type Msg } from '../../core/messages';
import { ui } from '../../i18n';

/**
 * Saved experiments: the current one is saved as it changes (config at once, runs every few
 * seconds while training and when they end, images when the classes change), so a reload — even
 * mid-training — brings back everything that had finished and says which run was cut off.
 * Whatever comes back from storage is validated like a link: it may be from an older version of
 * the lab, or edited by hand.
 */

export interface ExperimentSummary {
  id: string;
  name: string;
  updatedAt: number;
  /** Validation accuracy per epoch of its first run, for the list's thumbnail. */
  curve: number[];
}

interface PersistState {
  status: 'starting' | 'ready' | 'unavailable';
  problem: { problem: StorageProblem; detail: Msg } | null;
  /** Whether the browser granted persistent storage (null: it cannot say). */
  persisted: boolean | null;
  currentId: string | null;
  experiments: ExperimentSummary[];
  savedAt: number | null;
  /** Restores the current experiment; with `fromLink` (a share link was just opened) it starts a new one instead. */
  init(options?: { fromLink?: boolean }): Promise<void>;
  saveNow(): Promise<void>;
  open(id: string): Promise<void>;
  rename(id: string, name: string): Promise<void>;
  duplicate(id: string): Promise<void>;
  remove(id: string): Promise<void>;
  /** Starts a new, empty experiment (the current one stays in the list). */
  newExperiment(): Promise<void>;
  dismiss(): void;
}

/** A stored study: the shared-study snapshot plus the config it varied. */
const StudySchema = SharedStudySchema.extend({ config: z.unknown() });

const ImagesSchema = z.strictObject({
  experimentId: z.string(),
  classes: z
    .array(
      z.strictObject({
        name: z.string().min(1).max(200),
        images: z.array(
          z.strictObject({
            name: z.string().max(500),
            hash: z.string().max(128),
            pixels: z.instanceof(Uint8Array).refine((p) => p.length === INPUT_SIDE * INPUT_SIDE * 3, codeText('err.zod.pixelSize')),
            pixelsLarge: z.instanceof(Uint8Array).refine((p) => p.length === LARGE_SIDE * LARGE_SIDE * 3, codeText('err.zod.pixelSize')).nullable(),
          }),
        ),
      }),
    )
    .max(MAX_CLASSES),
});

const ModelSchema = z.strictObject({
  experimentId: z.string(),
  files: z.array(z.strictObject({ name: z.string().min(1).max(300), bytes: z.instanceof(Uint8Array) })).min(1).max(200),
});

/** Resolves once the engine is initialised (a model can only be registered with a live worker). */
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

const newId = () => `exp-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

/** Named in the language of the moment, like anything else the user could have typed. */
function defaultName(config: ExperimentConfig): string {
  const source = config.source.kind === 'custom' ? config.source.name : config.source.id;
  return ui.experiments.defaultName(source, config.target.kind === 'builtin' ? config.target.presetId : null);
}

function summaryOf(r: StoredExperiment): ExperimentSummary {
  const results = SharedResultsSchema.safeParse(r.results);
  const first = results.success ? results.data.runs[0] : null;
  return { id: r.id, name: r.name, updatedAt: r.updatedAt, curve: first ? first.epochs.map((m) => m.valAccuracy) : [] };
}

/** While a record is being applied to the stores, their changes are not saved back. */
let applying = false;

export const usePersistStore = create<PersistState>()((set, get) => {
  const fail = (err: unknown) => {
    const problem = err instanceof StorageError ? err.problem : 'write-failed';
    set({ problem: { problem, detail: messageOf(err) } });
  };
  const refreshList = async () => {
    const all = await read((d) => d.getAll('experiments'));
    set({ experiments: all.map(summaryOf).sort((a, b) => b.updatedAt - a.updatedAt) });
  };

  /** Applies a stored record to the stores, validating every part; returns false if its config is unusable. */
  const apply = async (record: StoredExperiment, images: StoredImages | undefined, model?: StoredModel): Promise<boolean> => {
    const parsed = openConfig(record.config);
    if (!parsed.ok) {
      set({ problem: { problem: 'corrupt', detail: parsed.detail } });
      return false;
    }
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
      if (checked && !checked.success) set({ problem: { problem: 'corrupt', detail: msg('msg.storedImagesUnreadable') } });
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
    return true;
  };

  const recordNow = (id: string, createdAt: number, name: string): StoredExperiment => {
    const config = useExperimentStore.getState().config;
    const study = useStudyStore.getState();
    return {
      id,
      name,
      createdAt,
      updatedAt: Date.now(),
      config,
      results: useRunStore.getState().snapshot({ live: true }),
      study: study.kind && study.config ? { kind: study.kind, config: study.config, sources: study.sources, runs: study.runs } : null,
      selection: useSelectionStore.getState().snapshot(),
      fusion: useFusionStore.getState().snapshot(),
    };
  };

  return {
    status: 'starting',
    problem: null,
    persisted: null,
    currentId: null,
    experiments: [],
    savedAt: null,
    async init({ fromLink = false } = {}) {
      try {
        await openLabDb(() => set({ problem: { problem: 'blocked', detail: msg('msg.olderTab') } }));
        // Ask for storage the browser will not evict under pressure; a refusal is shown, not hidden.
        // The answer does not hold up the restore (the lab is usable only once that is done).
        if (navigator.storage?.persist) void navigator.storage.persist().then((persisted) => set({ persisted }), () => set({ persisted: false }));
        const current = fromLink ? undefined : await read((d) => d.get('meta', 'current'));
        if (current) {
          // Independent reads, in flight together: on a phone each round trip is tens of milliseconds.
          const [record, images, model] = await Promise.all([read((d) => d.get('experiments', current.value)), loadImageSet(current.value), read((d) => d.get('models', current.value))]);
          if (record && (await apply(record, images, model))) set({ currentId: record.id });
        }
        await refreshList();
        set({ status: 'ready' });
        if (!get().currentId) await get().saveNow();
      } catch (err) {
        set({ status: 'unavailable' });
        fail(err);
      }
    },
    async saveNow() {
      if (get().status === 'unavailable' || applying) return;
      const id = get().currentId ?? newId();
      try {
        const existing = get().currentId ? await read((d) => d.get('experiments', id)) : undefined;
        const record = recordNow(id, existing?.createdAt ?? Date.now(), existing?.name ?? defaultName(useExperimentStore.getState().config));
        await write(async (d) => {
          const tx = d.transaction(['experiments', 'meta'], 'readwrite');
          await tx.objectStore('experiments').put(record);
          await tx.objectStore('meta').put({ key: 'current', value: id });
          await tx.done;
        });
        set({ currentId: id, savedAt: record.updatedAt });
        await refreshList();
      } catch (err) {
        fail(err);
      }
    },
    async open(id) {
      await get().saveNow();
      try {
        const record = await read((d) => d.get('experiments', id));
        if (!record) return;
        const images = await loadImageSet(id);
        const model = await read((d) => d.get('models', id));
        if (await apply(record, images, model)) {
          set({ currentId: id });
          await write((d) => d.put('meta', { key: 'current', value: id }));
        }
      } catch (err) {
        fail(err);
      }
    },
    async rename(id, name) {
      const clean = name.replace(/[\p{Cc}<>]/gu, '').trim().slice(0, 120);
      if (!clean) return;
      try {
        const record = await read((d) => d.get('experiments', id));
        if (record) await write((d) => d.put('experiments', { ...record, name: clean, updatedAt: Date.now() }));
        await refreshList();
      } catch (err) {
        fail(err);
      }
    },
    async duplicate(id) {
      try {
        const record = await read((d) => d.get('experiments', id));
        if (!record) return;
        const model = await read((d) => d.get('models', id));
        const copy = { ...record, id: newId(), name: `${record.name} (copy)`, createdAt: Date.now(), updatedAt: Date.now() };
        // Images first: the copy appears in the list only once it is whole.
        await copyImageSet(id, copy.id);
        await write(async (d) => {
          const tx = d.transaction(['experiments', 'models'], 'readwrite');
          await tx.objectStore('experiments').put(copy);
          if (model) await tx.objectStore('models').put({ ...model, experimentId: copy.id });
          await tx.done;
        });
        await refreshList();
      } catch (err) {
        fail(err);
      }
    },
    async remove(id) {
      try {
        await write(async (d) => {
          const tx = d.transaction(['experiments', 'models'], 'readwrite');
          await tx.objectStore('experiments').delete(id);
          await tx.objectStore('models').delete(id);
          await tx.done;
        });
        await deleteImageSet(id);
        if (get().currentId === id) set({ currentId: null });
        await refreshList();
      } catch (err) {
        fail(err);
      }
    },
    async newExperiment() {
      await get().saveNow();
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
      set({ currentId: null });
      await get().saveNow();
    },
    dismiss() {
      set({ problem: null });
    },
  };
});

/** The user's images of the current experiment, saved when the classes change (bytes, not URLs). */
async function saveImagesNow(): Promise<void> {
  const { currentId, status } = usePersistStore.getState();
  if (!currentId || status !== 'ready' || applying) return;
  const classes = useUploadStore.getState().classes.map((c) => ({ name: c.name, images: c.images.map(({ name, hash, pixels, pixelsLarge }) => ({ name, hash, pixels, pixelsLarge })) }));
  try {
    await saveImageSet(currentId, classes);
  } catch (err) {
    usePersistStore.setState({ problem: { problem: err instanceof StorageError ? err.problem : 'write-failed', detail: messageOf(err) } });
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
  if (!currentId || status !== 'ready' || applying) return;
  try {
    const stored = await Promise.all(files.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })));
    await write((d) => d.put('models', { experimentId: currentId, files: stored }));
  } catch (err) {
    usePersistStore.setState({ problem: { problem: err instanceof StorageError ? err.problem : 'write-failed', detail: messageOf(err) } });
  }
}

/** Starts saving the current experiment as the stores change. */
export function startAutosave(): void {
  const save = debounce(300, () => void usePersistStore.getState().saveNow());
  let lastTrainingSave = 0;
  useExperimentStore.subscribe((s, prev) => s.config !== prev.config && !applying && save());
  useRunStore.subscribe((s, prev) => {
    if (applying || (s.runs === prev.runs && s.phase === prev.phase)) return;
    if (s.phase === 'running' || s.phase === 'paused') {
      if (performance.now() - lastTrainingSave < TRAINING_SAVE_MS) return;
      lastTrainingSave = performance.now();
    }
    save();
  });
  useStudyStore.subscribe((s, prev) => s.runs !== prev.runs && !applying && save());
  useSelectionStore.subscribe((s, prev) => (s.rows !== prev.rows || s.actual !== prev.actual || s.status !== prev.status) && !applying && save());
  useFusionStore.subscribe((s, prev) => (s.report !== prev.report || s.study !== prev.study) && !applying && save());
  const images = debounce(500, saveImages);
  useUploadStore.subscribe((s, prev) => s.classes !== prev.classes && !applying && images());
  useSourceStore.subscribe((s, prev) => s.localFiles !== prev.localFiles && s.localFiles && void saveModelFiles(s.localFiles));
}

