import { create } from 'zustand';
import type { ExperimentConfig } from '../../core/config/experiment';
import { SharedResultsSchema } from '../../core/share/link';
import { useExperimentStore } from '../experimentStore';
import { useRunStore } from '../runStore';
import { useStudyStore } from '../studyStore';
import { openLabDb, read, StorageError, write, type StorageProblem, type StoredExperiment, type StoredImages, type StoredModel } from './db';
import { useFusionStore } from '../fusionStore';
import { useSelectionStore } from '../selectionStore';
import { copyImageSet, deleteImageSet, loadImageSet } from './imageStore';
import { applyRecord, clearRecord, isApplying } from './applyRecord';
import { messageOf, msg, type Msg } from '../../core/messages';
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

/** A stored experiment's record, images and model: independent reads, in flight together (on a phone each round trip is tens of milliseconds). */
const readStored = (id: string) => Promise.all([read((d) => d.get('experiments', id)), loadImageSet(id), read((d) => d.get('models', id))]);

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

export const usePersistStore = create<PersistState>()((set, get) => {
  const fail = (err: unknown) => {
    const problem = err instanceof StorageError ? err.problem : 'write-failed';
    set({ problem: { problem, detail: messageOf(err) } });
  };
  /** Applies a stored record; a part it could not use is reported, the rest is kept. */
  const apply = async (record: StoredExperiment, images: StoredImages | undefined, model?: StoredModel): Promise<boolean> => {
    const restored = await applyRecord(record, images, model);
    if (restored.problem) set({ problem: { problem: 'corrupt', detail: restored.problem } });
    return restored.ok;
  };
  const refreshList = async () => {
    const all = await read((d) => d.getAll('experiments'));
    set({ experiments: all.map(summaryOf).sort((a, b) => b.updatedAt - a.updatedAt) });
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
          const [record, images, model] = await readStored(current.value);
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
      if (get().status === 'unavailable' || isApplying()) return;
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
        const [record, images, model] = await readStored(id);
        if (!record) return;
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
      await clearRecord();
      set({ currentId: null });
      await get().saveNow();
    },
    dismiss() {
      set({ problem: null });
    },
  };
});

