import { create } from 'zustand';
import type { ExperimentConfig, Source } from '../core/config/experiment';
import type { ImageSet } from '../core/data/imageSet';
import { kendallTau, type KendallResult } from '../core/selection/kendall';
import { SCORE_NAMES, type ScoreName } from '../core/selection/scoreNames';
import { planRuns } from '../core/train/plan';
import { meanCI, type Interval } from '../core/metrics/transfer';
import type { ScoreRow } from '../workers/engine/api';
import type { SelectionSnapshot } from './persist/analyses';
import { Comlink, getEngine } from '../platform/engine/engineClient';
import { useRunStore } from './runStore';
import { messageOf, type Msg } from '../core/messages';
import { studySeeds, trainValKey } from '../core/config/keys';
import { labBusy, registerActivity, TRAINING } from './busy';

/**
 * Model selection: score every candidate source on the current target before training, then
 * (one click) fine-tune each with the same strategy, budget and seeds, and see how well each
 * score's ranking matched the real one (Kendall τ).
 */
export const sourceKey = (s: Source): string =>
  s.kind === 'zoo' ? `zoo:${s.id}` : s.kind === 'hosted' ? `hosted:${s.id}` : `custom:${s.name}`;

/** What decides the scores: the training images (their target, preprocessing, split, bias and seeds). */
const targetKey = trainValKey;

export interface ActualAccuracy {
  /** Final validation accuracy of the fine-tuned source, one per seed. */
  perSeed: number[];
  ci: Interval;
}

interface SelectionState {
  status: 'idle' | 'scoring' | 'scored' | 'checking' | 'checked' | 'stopped';
  rows: ScoreRow[];
  /** The target the rows were scored for: a changed target makes them stale. */
  scoredFor: string | null;
  actual: Record<string, ActualAccuracy>;
  /** Fine-tune-all progress: which run of how many. */
  check: { current: number; total: number };
  error: Msg | null;
  score(config: ExperimentConfig, uploaded: ImageSet | null, sources: Source[]): Promise<void>;
  fineTuneAll(config: ExperimentConfig, uploaded: ImageSet | null): Promise<void>;
  stop(): void;
  isStale(config: ExperimentConfig): boolean;
  snapshot(): SelectionSnapshot | null;
  /** Puts back a stored table (a fine-tune-all cut off by a reload shows as stopped). */
  restore(snapshot: SelectionSnapshot | null): void;
}

const busy = () => labBusy(TRAINING);

export const useSelectionStore = create<SelectionState>()((set, get) => ({
  status: 'idle',
  rows: [],
  scoredFor: null,
  actual: {},
  check: { current: 0, total: 0 },
  error: null,
  async score(config, uploaded, sources) {
    if (busy() || get().status === 'scoring' || get().status === 'checking') return;
    set({ status: 'scoring', rows: [], actual: {}, scoredFor: targetKey(config), error: null });
    const onRow = Comlink.proxy((row: ScoreRow) => set((s) => ({ rows: [...s.rows, row] })));
    try {
      await getEngine().scoreSources(config, uploaded, sources, onRow);
      set({ status: 'scored' });
    } catch (err) {
      set({ status: 'idle', error: messageOf(err) });
    }
  },
  async fineTuneAll(config, uploaded) {
    if (busy() || get().status === 'scoring' || get().status === 'checking') return;
    const sources = get().rows.flatMap((r) => (r.ok ? [r.row.source] : []));
    const seeds = studySeeds(config);
    set({ status: 'checking', actual: {}, check: { current: 0, total: seeds.length } });
    const perSeed: Record<string, number[]> = {};
    // One experiment per seed with every candidate as a run of its plan: their curves grow side
    // by side on one chart. No scratch twin: it does not depend on the source.
    const planned = { ...config, seeds: 1, scratchBaseline: false };
    const ids = planRuns(planned, sources).map((p) => p.id);
    for (const seed of seeds) {
      if (get().status !== 'checking') return;
      await useRunStore.getState().start({ ...planned, seed }, uploaded, sources);
      const { phase, runs } = useRunStore.getState();
      if (phase !== 'finished') {
        set({ status: 'stopped' });
        return;
      }
      const actual: Record<string, ActualAccuracy> = { ...get().actual };
      sources.forEach((source, i) => {
        const final = runs.find((r) => r.info.id === ids[i])?.epochs.at(-1)?.valAccuracy;
        if (final === undefined) return;
        const key = sourceKey(source);
        perSeed[key] = [...(perSeed[key] ?? []), final];
        actual[key] = { perSeed: perSeed[key], ci: meanCI(perSeed[key]) };
      });
      set((s) => ({ actual, check: { ...s.check, current: s.check.current + 1 } }));
    }
    set({ status: 'checked' });
  },
  stop() {
    if (get().status === 'checking') {
      set({ status: 'stopped' });
      useRunStore.getState().stop();
    }
  },
  isStale: (config) => get().scoredFor !== null && get().scoredFor !== targetKey(config),
  snapshot() {
    const { rows, scoredFor, actual, status } = get();
    if (!rows.length || status === 'scoring') return null;
    return {
      rows,
      scoredFor,
      actual: Object.fromEntries(Object.entries(actual).map(([k, a]) => [k, a.perSeed])),
      checked: status === 'checked',
    };
  },
  restore(snapshot) {
    if (!snapshot) return set({ status: 'idle', rows: [], scoredFor: null, actual: {}, check: { current: 0, total: 0 }, error: null });
    const actual = Object.fromEntries(Object.entries(snapshot.actual).map(([k, perSeed]) => [k, { perSeed, ci: meanCI(perSeed) }]));
    const partial = !snapshot.checked && Object.keys(actual).length > 0;
    set({
      status: snapshot.checked ? 'checked' : partial ? 'stopped' : 'scored',
      rows: snapshot.rows,
      scoredFor: snapshot.scoredFor,
      actual,
      check: { current: 0, total: 0 },
      error: null,
    });
  },
}));

/** Each score's Kendall τ with the actual ranking, over the sources that have both. */
export function scoreAgreement(
  rows: readonly ScoreRow[],
  actual: Record<string, ActualAccuracy>,
): Partial<Record<ScoreName, KendallResult>> {
  const out: Partial<Record<ScoreName, KendallResult>> = {};
  for (const name of SCORE_NAMES) {
    const pairs = rows.flatMap((r) => {
      if (!r.ok) return [];
      const score = r.row.scores[name];
      const a = actual[sourceKey(r.row.source)];
      return score !== null && a ? [[score, a.ci.mean] as const] : [];
    });
    if (pairs.length >= 3)
      out[name] = kendallTau(
        pairs.map((p) => p[0]),
        pairs.map((p) => p[1]),
      );
  }
  return out;
}

registerActivity('scoring', () => ['scoring', 'checking'].includes(useSelectionStore.getState().status), useSelectionStore.subscribe);
