import type { StoreApi } from 'zustand';
import { messageOf, type Msg } from '../../core/messages';
import { read, StorageError, type StorageProblem } from './db';
import { summaryOf, type ExperimentSummary } from './records';

export interface PersistState {
  status: 'starting' | 'ready' | 'unavailable';
  problem: { problem: StorageProblem; detail: Msg } | null;
  /** Whether the browser granted persistent storage (null: it cannot say). */
  persisted: boolean | null;
  currentId: string | null;
  experiments: ExperimentSummary[];
  savedAt: number | null;
  /**
   * Restores the current experiment; with `fromLink` (a share link was just opened) it starts a new
   * one instead. `onRestored` is called once the lab is back, before the list is read and a first
   * visit's record written (the returned promise waits for those too).
   */
  init(options?: { fromLink?: boolean; onRestored?: () => void }): Promise<void>;
  saveNow(): Promise<void>;
  open(id: string): Promise<void>;
  rename(id: string, name: string): Promise<void>;
  duplicate(id: string): Promise<void>;
  remove(id: string): Promise<void>;
  /** Starts a new, empty experiment (the current one stays in the list). */
  newExperiment(): Promise<void>;
  dismiss(): void;
}

/** What the store's actions share: its set/get, how a storage failure is reported, the list's refresh. */
export interface PersistKit {
  set: StoreApi<PersistState>['setState'];
  get: () => PersistState;
  fail(err: unknown): void;
  refreshList(): Promise<void>;
}

export function persistKit(set: PersistKit['set'], get: PersistKit['get']): PersistKit {
  return {
    set,
    get,
    fail(err) {
      const problem = err instanceof StorageError ? err.problem : 'write-failed';
      set({ problem: { problem, detail: messageOf(err) } });
    },
    async refreshList() {
      const all = await read((d) => d.getAll('experiments'));
      set({ experiments: all.map(summaryOf).sort((a, b) => b.updatedAt - a.updatedAt) });
    },
  };
}
