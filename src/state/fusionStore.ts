import { create } from 'zustand';
import type { FusionReport } from '../core/fusion/ensemble';
import { latestExperimentKeys, type FusionRefusal, type KeptRunSummary } from '../core/fusion/keptRuns';
import type { SoupResult } from '../core/fusion/soupEval';
import { getEngine } from './engineClient';
import { useRunStore } from './runStore';

/** The fusion lab: finished runs the engine kept (trained with a blend split), chosen and combined. */
interface FusionState {
  kept: KeptRunSummary[];
  selected: string[];
  report: FusionReport | null;
  /** The keys the report is for, in order. */
  reportFor: string[];
  refusal: FusionRefusal | null;
  busy: boolean;
  /** The latest soup (or why it was refused), for the keys it was asked for. */
  soup: SoupResult | null;
  soupFor: string[];
  /** The fusion preset's study: each seed's experiment fused as it finished. */
  study: { seed: number; keys: string[]; report: FusionReport }[];
  /** Fuses every kept run of the latest experiment (seed `seed` of a study) and adds it to the study. */
  fuseLatest(seed: number): Promise<void>;
  clearStudy(): void;
  refresh(): Promise<void>;
  makeSoup(mode: 'uniform' | 'greedy', force?: boolean): Promise<void>;
  toggle(key: string): void;
  combine(): Promise<void>;
  discard(): Promise<void>;
}

export const useFusionStore = create<FusionState>()((set, get) => ({
  kept: [],
  selected: [],
  report: null,
  reportFor: [],
  refusal: null,
  busy: false,
  soup: null,
  soupFor: [],
  study: [],
  async fuseLatest(seed) {
    await get().refresh();
    const keys = latestExperimentKeys(get().kept);
    if (keys.length < 2) return;
    const r = await getEngine().fuse(keys);
    if (!r.ok) return set({ refusal: r.reason });
    set((s) => ({ selected: keys, report: r.report, reportFor: keys, refusal: null, study: [...s.study, { seed, keys, report: r.report }] }));
  },
  clearStudy() {
    set({ study: [] });
  },
  async makeSoup(mode, force = false) {
    const keys = get().kept.map((r) => r.key).filter((k) => get().selected.includes(k));
    set({ busy: true });
    try {
      const r = await getEngine().soup(keys, mode, force);
      if ('reason' in r) set({ refusal: r.reason, soup: null, soupFor: [] });
      else set({ soup: r, soupFor: keys, refusal: null });
    } finally {
      set({ busy: false });
    }
  },
  async refresh() {
    const kept = await getEngine().keptRuns();
    set((s) => ({ kept, selected: s.selected.filter((k) => kept.some((r) => r.key === k)) }));
  },
  toggle(key) {
    set((s) => ({ selected: s.selected.includes(key) ? s.selected.filter((k) => k !== key) : [...s.selected, key], refusal: null }));
  },
  async combine() {
    const keys = get().kept.map((r) => r.key).filter((k) => get().selected.includes(k));
    set({ busy: true, refusal: null });
    try {
      const r = await getEngine().fuse(keys);
      set(r.ok ? { report: r.report, reportFor: keys, refusal: null } : { report: null, reportFor: [], refusal: r.reason });
    } finally {
      set({ busy: false });
    }
  },
  async discard() {
    const keys = get().selected;
    await getEngine().discardRuns(keys);
    set({ selected: [], report: null, reportFor: [], soup: null, soupFor: [] });
    await get().refresh();
  },
}));

// A finished experiment may have left runs to fuse: list them.
useRunStore.subscribe((s, prev) => {
  if (s.phase === 'finished' && prev.phase !== 'finished') void useFusionStore.getState().refresh();
});
