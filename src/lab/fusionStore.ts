import { create } from 'zustand';
import { createFusionActions } from './fusionActions';
import type { FusionState } from './fusionTypes';
import { useRunStore } from './runStore';

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
  labels: {},
  classNames: [],
  // The engine's side (fuse, soup, list and discard kept runs) lives in fusionActions.ts.
  ...createFusionActions(set, get),
  clearStudy() {
    set({ study: [] });
  },
  toggle(key) {
    set((s) => ({ selected: s.selected.includes(key) ? s.selected.filter((k) => k !== key) : [...s.selected, key], refusal: null }));
  },
  snapshot() {
    const { report, reportFor, labels, classNames, study } = get();
    const named = new Set([...reportFor, ...study.flatMap((s) => s.keys)]);
    return { report, reportFor, labels: Object.fromEntries(Object.entries(labels).filter(([k]) => named.has(k))), classNames, study };
  },
  restore(snapshot) {
    set({
      selected: [],
      refusal: null,
      soup: null,
      soupFor: [],
      ...(snapshot ?? { report: null, reportFor: [], labels: {}, classNames: [], study: [] }),
    });
  },
}));

// A finished experiment may have left runs to fuse: list them.
useRunStore.subscribe((s, prev) => {
  if (s.phase === 'finished' && prev.phase !== 'finished') void useFusionStore.getState().refresh();
});
