import { create } from 'zustand';
import { useExperimentStore } from '../experimentStore';
import { openLabDb, read, write, type StoredExperiment, type StoredImages, type StoredModel } from './db';
import { applyRecord, clearRecord, isApplying } from './applyRecord';
import { msg } from '../../core/messages';
import { libraryActions } from './library';
import { persistKit, type PersistKit, type PersistState } from './persistKit';
import { defaultName, newId, readStored, recordNow } from './records';

export type { ExperimentSummary } from './records';
export type { PersistState } from './persistKit';

/**
 * Saved experiments: the current one is saved as it changes (config at once, runs every few
 * seconds while training and when they end, images when the classes change), so a reload — even
 * mid-training — brings back everything that had finished and says which run was cut off.
 * Whatever comes back from storage is validated like a link: it may be from an older version of
 * the lab, or edited by hand. What a record holds is the lab's document (src/lab): this store
 * only decides when, and which experiment.
 */

/** Applies a stored record; a part it could not use is reported, the rest is kept. */
async function apply(
  { set }: PersistKit,
  record: StoredExperiment,
  images: StoredImages | undefined,
  model?: StoredModel,
): Promise<boolean> {
  const restored = await applyRecord(record, images, model);
  if (restored.problem) set({ problem: { problem: 'corrupt', detail: restored.problem } });
  return restored.ok;
}

/** Starting, saving, opening another and starting anew: the actions that move the lab between experiments. */
function currentActions(kit: PersistKit): Pick<PersistState, 'init' | 'saveNow' | 'open' | 'newExperiment'> {
  const { set, get, fail, refreshList } = kit;
  /** Saves the current experiment as it is now: a first save gives it an id and makes it current. */
  const saveOnce = async () => {
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
  };
  let saving: Promise<void> = Promise.resolve();
  return {
    async init({ fromLink = false, onRestored } = {}) {
      try {
        await openLabDb(() => set({ problem: { problem: 'blocked', detail: msg('msg.olderTab') } }));
        // Ask for storage the browser will not evict under pressure; a refusal is shown, not hidden.
        // The answer does not hold up the restore (the lab is usable only once that is done).
        if (navigator.storage?.persist)
          void navigator.storage.persist().then(
            (persisted) => set({ persisted }),
            () => set({ persisted: false }),
          );
        const current = fromLink ? undefined : await read((d) => d.get('meta', 'current'));
        if (current) {
          const [record, images, model] = await readStored(current.value);
          if (record && (await apply(kit, record, images, model))) set({ currentId: record.id });
        }
        set({ status: 'ready' });
        // The lab is back: it may be used (and saved) while the list is read and a first visit's record written.
        onRestored?.();
        await refreshList();
        if (!get().currentId) await get().saveNow();
      } catch (err) {
        set({ status: 'unavailable' });
        fail(err);
      }
    },
    saveNow() {
      // One save at a time: two saves of a first visit would each make a new experiment.
      const next = saving.then(saveOnce);
      saving = next.catch(() => {});
      return next;
    },
    async open(id) {
      await get().saveNow();
      try {
        const [record, images, model] = await readStored(id);
        if (!record) return;
        if (await apply(kit, record, images, model)) {
          set({ currentId: id });
          await write((d) => d.put('meta', { key: 'current', value: id }));
        }
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
  };
}

export const usePersistStore = create<PersistState>()((set, get) => {
  const kit = persistKit(set, get);
  return {
    status: 'starting',
    problem: null,
    persisted: null,
    currentId: null,
    experiments: [],
    savedAt: null,
    ...currentActions(kit),
    ...libraryActions(kit),
    dismiss() {
      set({ problem: null });
    },
  };
});
