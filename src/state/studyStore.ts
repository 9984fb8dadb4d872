import { create } from 'zustand';
import type { ExperimentConfig } from '../core/config/experiment';
import type { ImageSet } from '../core/data/imageSet';
import type { EpochMetrics, WiseFtPoint } from '../core/train/events';
import { useRunStore } from './runStore';

/** The few-shot sizes a sweep runs, in order. */
export const SWEEP_SIZES = [1, 5, 10, 20, 50] as const;

/**
 * A study is one experiment run several times with one thing varied — the seed (multi-seed runs:
 * uncertainty and a verdict) or the images per class (few-shot sweep). Each variant goes through
 * the ordinary run store, so its curves are live as usual; finished curves are collected here.
 */
export type StudyKind = 'seeds' | 'sweep';

export interface StudyRun {
  seed: number;
  samplesPerClass: ExperimentConfig['bias']['samplesPerClass'];
  transfer: EpochMetrics[];
  scratch: EpochMetrics[];
  /** WiSE-FT trade-off of the transfer run (forgetting meter on), else null. */
  wiseft: WiseFtPoint[] | null;
}

interface StudyState {
  kind: StudyKind | null;
  status: 'idle' | 'running' | 'done' | 'stopped';
  /** Index of the variant in flight, and how many there are. */
  current: number;
  total: number;
  runs: StudyRun[];
  config: ExperimentConfig | null;
  run(kind: StudyKind, config: ExperimentConfig, uploaded: ImageSet | null): Promise<void>;
  stop(): void;
  clear(): void;
}

/** The configs a study runs: seeds seed, seed+1, …; or the sweep's sizes at the config's seed. */
export function studyVariants(kind: StudyKind, config: ExperimentConfig): ExperimentConfig[] {
  if (kind === 'seeds') return Array.from({ length: config.seeds }, (_, i) => ({ ...config, seed: config.seed + i }));
  return SWEEP_SIZES.map((n) => ({ ...config, bias: { ...config.bias, samplesPerClass: n } }));
}

export const useStudyStore = create<StudyState>()((set, get) => ({
  kind: null,
  status: 'idle',
  current: 0,
  total: 0,
  runs: [],
  config: null,
  async run(kind, config, uploaded) {
    const variants = studyVariants(kind, config);
    set({ kind, status: 'running', current: 0, total: variants.length, runs: [], config });
    for (let i = 0; i < variants.length; i++) {
      if (get().status !== 'running') return;
      set({ current: i });
      await useRunStore.getState().start(variants[i], uploaded);
      const { runs, phase } = useRunStore.getState();
      if (phase !== 'finished') {
        set({ status: 'stopped' });
        return;
      }
      const curves = (kind: string) => runs.find((r) => r.info.kind === kind)?.epochs ?? [];
      const done: StudyRun = {
        seed: variants[i].seed,
        samplesPerClass: variants[i].bias.samplesPerClass,
        transfer: curves('transfer'),
        scratch: curves('scratch'),
        wiseft: runs.find((r) => r.info.kind === 'transfer')?.wiseft ?? null,
      };
      set((s) => ({ runs: [...s.runs, done] }));
    }
    set({ status: 'done' });
  },
  stop() {
    set({ status: 'stopped' });
    useRunStore.getState().stop();
  },
  clear() {
    set({ kind: null, status: 'idle', current: 0, total: 0, runs: [], config: null });
  },
}));
