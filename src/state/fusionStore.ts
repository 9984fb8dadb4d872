import { create } from 'zustand';
import type { FusionReport } from '../core/fusion/ensemble';
import type { FusionRefusal, KeptRunSummary } from '../core/fusion/keptRuns';
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
  refresh(): Promise<void>;
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
    set({ selected: [], report: null, reportFor: [] });
    await get().refresh();
  },
}));

// A finished experiment may have left runs to fuse: list them.
useRunStore.subscribe((s, prev) => {
  if (s.phase === 'finished' && prev.phase !== 'finished') void useFusionStore.getState().refresh();
});
