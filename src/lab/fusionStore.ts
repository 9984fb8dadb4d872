import { create } from 'zustand';
import type { FusionReport } from '../core/fusion/ensemble';
import { latestExperimentKeys, type FusionRefusal } from '../core/fusion/keptRunKeys';
import type { KeptRunSummary } from '../core/fusion/keptRuns';
import type { SoupResult } from '../core/fusion/soupEval';
import type { FusionSnapshot, MemberLabel } from './persist/analyses';
import { getEngine } from '../platform/engine/engineClient';
import { useRunStore } from './runStore';
import { RUN_FALLBACK_COLOR } from '../theme';

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
  /**
   * How the members of the report and the study are named and coloured, and the classes, taken
   * when they were fused: kept runs live in the worker and are gone after a reload, the report is not.
   */
  labels: Record<string, MemberLabel>;
  classNames: string[];
  snapshot(): FusionSnapshot;
  restore(snapshot: FusionSnapshot | null): void;
  /** Fuses every kept run of the latest experiment (seed `seed` of a study) and adds it to the study. */
  fuseLatest(seed: number): Promise<void>;
  clearStudy(): void;
  refresh(): Promise<void>;
  makeSoup(mode: 'uniform' | 'greedy', force?: boolean): Promise<void>;
  toggle(key: string): void;
  combine(): Promise<void>;
  discard(): Promise<void>;
}

/** The labels so far plus those of `keys` as the worker's kept runs name them now. */
function labelled(s: Pick<FusionState, 'kept' | 'labels' | 'classNames'>, keys: readonly string[]): Pick<FusionState, 'labels' | 'classNames'> {
  const labels = { ...s.labels };
  for (const key of keys) {
    const r = s.kept.find((x) => x.key === key);
    if (r) labels[key] = { name: r.info.name, experiment: key.split(':')[0] ?? '', color: r.info.color ?? RUN_FALLBACK_COLOR };
  }
  return { labels, classNames: s.kept.find((r) => r.key === keys[0])?.classNames ?? s.classNames };
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
  labels: {},
  classNames: [],
  async fuseLatest(seed) {
    await get().refresh();
    const keys = latestExperimentKeys(get().kept);
    if (keys.length < 2) return;
    const r = await getEngine().fuse(keys);
    if (!r.ok) return set({ refusal: r.reason });
    set((s) => ({ selected: keys, report: r.report, reportFor: keys, refusal: null, study: [...s.study, { seed, keys, report: r.report }], ...labelled(s, keys) }));
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
      set(r.ok ? { report: r.report, reportFor: keys, refusal: null, ...labelled(get(), keys) } : { report: null, reportFor: [], refusal: r.reason });
    } finally {
      set({ busy: false });
    }
  },
  snapshot() {
    const { report, reportFor, labels, classNames, study } = get();
    const named = new Set([...reportFor, ...study.flatMap((s) => s.keys)]);
    return { report, reportFor, labels: Object.fromEntries(Object.entries(labels).filter(([k]) => named.has(k))), classNames, study };
  },
  restore(snapshot) {
    set({ selected: [], refusal: null, soup: null, soupFor: [], ...(snapshot ?? { report: null, reportFor: [], labels: {}, classNames: [], study: [] }) });
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
