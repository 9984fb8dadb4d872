import { create } from 'zustand';
import type { ExperimentConfig } from '../core/config/experiment';
import type { ImageSet } from '../core/data/imageSet';
import { useRunStore } from './runStore';

/** The few-shot sizes a sweep runs, in order. */
export const SWEEP_SIZES = [1, 5, 10, 20, 50] as const;

export interface SweepPoint {
  samplesPerClass: number;
  /** Final validation (and shifted-test) accuracy per run kind; null if that run did not finish. */
  transfer: number | null;
  scratch: number | null;
  transferShifted: number | null;
  scratchShifted: number | null;
}

interface SweepState {
  status: 'idle' | 'running' | 'done' | 'stopped';
  /** Index into SWEEP_SIZES of the experiment in flight. */
  current: number;
  points: SweepPoint[];
  config: ExperimentConfig | null;
  run(config: ExperimentConfig, uploaded: ImageSet | null): Promise<void>;
  stop(): void;
  clear(): void;
}

/**
 * A few-shot sweep is the same experiment at every N in SWEEP_SIZES, run one after another
 * through the ordinary run store (so each N's curves are live as usual); the final accuracies
 * are collected here for the accuracy-vs-N plot.
 */
export const useSweepStore = create<SweepState>()((set, get) => ({
  status: 'idle',
  current: 0,
  points: [],
  config: null,
  async run(config, uploaded) {
    set({ status: 'running', current: 0, points: [], config });
    for (let i = 0; i < SWEEP_SIZES.length; i++) {
      if (get().status !== 'running') return;
      set({ current: i });
      const n = SWEEP_SIZES[i];
      await useRunStore.getState().start({ ...config, bias: { ...config.bias, samplesPerClass: n } }, uploaded);
      const { runs, phase } = useRunStore.getState();
      if (phase !== 'finished') {
        set({ status: 'stopped' });
        return;
      }
      const final = (kind: string, key: 'valAccuracy' | 'shiftedAccuracy') => runs.find((r) => r.info.kind === kind)?.epochs.at(-1)?.[key] ?? null;
      const point: SweepPoint = {
        samplesPerClass: n,
        transfer: final('transfer', 'valAccuracy'),
        scratch: final('scratch', 'valAccuracy'),
        transferShifted: final('transfer', 'shiftedAccuracy'),
        scratchShifted: final('scratch', 'shiftedAccuracy'),
      };
      set((s) => ({ points: [...s.points, point] }));
    }
    set({ status: 'done' });
  },
  stop() {
    set({ status: 'stopped' });
    useRunStore.getState().stop();
  },
  clear() {
    set({ status: 'idle', current: 0, points: [], config: null });
  },
}));
