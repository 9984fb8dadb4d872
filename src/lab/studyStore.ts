import { create } from 'zustand';
import type { ExperimentConfig, Source } from '../core/config/experiment';
import type { ImageSet } from '../core/data/imageSet';
import type { EpochMetrics, RunKind, WiseFtPoint } from '../core/train/events';
import { useRunStore } from './runStore';
import type { Msg } from '../core/messages';
import { studySeeds } from '../core/config/keys';
import { registerActivity } from './busy';

/** The few-shot sizes a sweep runs, in order. */
export const SWEEP_SIZES = [1, 5, 10, 20, 50] as const;

/**
 * A study is one experiment run several times with one thing varied — the seed (multi-seed runs:
 * uncertainty and a verdict) or the images per class (few-shot sweep). Each variant goes through
 * the ordinary run store, so its curves are live as usual; finished curves are collected here.
 */
export type StudyKind = 'seeds' | 'sweep';

/** One planned run's finished curve in one variant (ids, names and colours from train/plan.ts). */
export interface StudyCurve {
  id: string;
  kind: RunKind;
  /** A message code; studies from older links and records carry plain text. */
  name: Msg | string;
  color: string;
  epochs: EpochMetrics[];
  /** WiSE-FT trade-off of a transfer run (forgetting meter on), else null. */
  wiseft: WiseFtPoint[] | null;
}

/** One variant of the study: every run of its plan (one or more transfer runs, maybe scratch). */
export interface StudyRun {
  seed: number;
  samplesPerClass: ExperimentConfig['bias']['samplesPerClass'];
  runs: StudyCurve[];
}

/** The study's planned runs, in plan order, from whichever variants have them. */
export function studyPlan(variants: readonly StudyRun[]): Omit<StudyCurve, 'epochs' | 'wiseft'>[] {
  const seen = new Map<string, Omit<StudyCurve, 'epochs' | 'wiseft'>>();
  for (const v of variants) for (const { id, kind, name, color } of v.runs) if (!seen.has(id)) seen.set(id, { id, kind, name, color });
  return [...seen.values()];
}

/** The curve of run `id` in each variant ([] where it has none). */
export const curvesOf = (variants: readonly StudyRun[], id: string): EpochMetrics[][] =>
  variants.map((v) => v.runs.find((r) => r.id === id)?.epochs ?? []);

/** Transfer run `id` against the scratch baseline, per variant that finished both (for transferReport). */
export function pairsFor(variants: readonly StudyRun[], id: string): { seed: number; transfer: EpochMetrics[]; scratch: EpochMetrics[] }[] {
  return variants.flatMap((v) => {
    const transfer = v.runs.find((r) => r.id === id)?.epochs ?? [];
    const scratch = v.runs.find((r) => r.kind === 'scratch')?.epochs ?? [];
    return transfer.length && scratch.length ? [{ seed: v.seed, transfer, scratch }] : [];
  });
}

interface StudyState {
  kind: StudyKind | null;
  status: 'idle' | 'running' | 'done' | 'stopped';
  /** Index of the variant in flight, and how many there are. */
  current: number;
  total: number;
  runs: StudyRun[];
  config: ExperimentConfig | null;
  /** The sources of a multi-source plan (null: the config's own source). */
  sources: Source[] | null;
  /** Called after each variant finishes, with its index (the fusion preset fuses each seed's runs). */
  run(
    kind: StudyKind,
    config: ExperimentConfig,
    uploaded: ImageSet | null,
    sources?: Source[],
    afterEach?: (i: number) => Promise<void>,
  ): Promise<void>;
  stop(): void;
  clear(): void;
  /** Shows a finished study from a link, a bundle or storage (validated by the caller). */
  restore(study: { kind: StudyKind; sources: Source[] | null; runs: StudyRun[] }, config: ExperimentConfig): void;
}

/** The configs a study runs: seeds seed, seed+1, …; or the sweep's sizes at the config's seed. */
export function studyVariants(kind: StudyKind, config: ExperimentConfig): ExperimentConfig[] {
  if (kind === 'seeds') return studySeeds(config).map((seed) => ({ ...config, seed }));
  return SWEEP_SIZES.map((n) => ({ ...config, bias: { ...config.bias, samplesPerClass: n } }));
}

export const useStudyStore = create<StudyState>()((set, get) => ({
  kind: null,
  status: 'idle',
  current: 0,
  total: 0,
  runs: [],
  config: null,
  sources: null,
  async run(kind, config, uploaded, sources, afterEach) {
    const variants = studyVariants(kind, config);
    set({ kind, status: 'running', current: 0, total: variants.length, runs: [], config, sources: sources ?? null });
    for (let i = 0; i < variants.length; i++) {
      if (get().status !== 'running') return;
      set({ current: i });
      await useRunStore.getState().start(variants[i], uploaded, sources);
      const { runs, phase } = useRunStore.getState();
      if (phase !== 'finished') {
        set({ status: 'stopped' });
        return;
      }
      const done: StudyRun = {
        seed: variants[i].seed,
        samplesPerClass: variants[i].bias.samplesPerClass,
        runs: runs.map((r) => ({
          id: r.info.id,
          kind: r.info.kind,
          name: r.info.name,
          color: r.color,
          epochs: r.epochs,
          wiseft: r.wiseft ?? null,
        })),
      };
      set((s) => ({ runs: [...s.runs, done] }));
      await afterEach?.(i);
    }
    set({ status: 'done' });
  },
  stop() {
    set({ status: 'stopped' });
    useRunStore.getState().stop();
  },
  clear() {
    set({ kind: null, status: 'idle', current: 0, total: 0, runs: [], config: null, sources: null });
  },
  restore({ kind, sources, runs }, config) {
    set({ kind, status: 'done', current: 0, total: runs.length, runs, config, sources });
  },
}));

registerActivity('study', () => useStudyStore.getState().status === 'running', useStudyStore.subscribe);
