import type { StoreApi } from 'zustand';
import { latestExperimentKeys } from '../core/fusion/keptRunKeys';
import { getEngine } from '../platform/engine/engineClient';
import { RUN_FALLBACK_COLOR } from '../theme';
import type { FusionState } from './fusionTypes';

type FusionActions = Pick<FusionState, 'fuseLatest' | 'makeSoup' | 'refresh' | 'combine' | 'discard'>;

/** The labels so far plus those of `keys` as the worker's kept runs name them now. */
function labelled(
  s: Pick<FusionState, 'kept' | 'labels' | 'classNames'>,
  keys: readonly string[],
): Pick<FusionState, 'labels' | 'classNames'> {
  const labels = { ...s.labels };
  for (const key of keys) {
    const r = s.kept.find((x) => x.key === key);
    if (r) labels[key] = { name: r.info.name, experiment: key.split(':')[0] ?? '', color: r.info.color ?? RUN_FALLBACK_COLOR };
  }
  return { labels, classNames: s.kept.find((r) => r.key === keys[0])?.classNames ?? s.classNames };
}

/** The fusion store's actions that ask the engine (kept runs live in the worker); the store's body spreads them in. */
export function createFusionActions(set: StoreApi<FusionState>['setState'], get: StoreApi<FusionState>['getState']): FusionActions {
  return {
    async fuseLatest(seed) {
      await get().refresh();
      const keys = latestExperimentKeys(get().kept);
      if (keys.length < 2) return;
      const r = await getEngine().fuse(keys);
      if (!r.ok) return set({ refusal: r.reason });
      set((s) => ({
        selected: keys,
        report: r.report,
        reportFor: keys,
        refusal: null,
        study: [...s.study, { seed, keys, report: r.report }],
        ...labelled(s, keys),
      }));
    },
    async makeSoup(mode, force = false) {
      const keys = get()
        .kept.map((r) => r.key)
        .filter((k) => get().selected.includes(k));
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
    async combine() {
      const keys = get()
        .kept.map((r) => r.key)
        .filter((k) => get().selected.includes(k));
      set({ busy: true, refusal: null });
      try {
        const r = await getEngine().fuse(keys);
        set(
          r.ok
            ? { report: r.report, reportFor: keys, refusal: null, ...labelled(get(), keys) }
            : { report: null, reportFor: [], refusal: r.reason },
        );
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
  };
}
