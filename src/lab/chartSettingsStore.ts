import { create } from 'zustand';

/**
 * View settings of the learning curves (not part of the experiment config: they change no result).
 * Lab-wide because the threshold is shared: the summary table, the seeds' metrics and the exports use it.
 */
interface ChartSettings {
  smoothing: number;
  xAxis: 'epoch' | 'examples';
  threshold: number;
  set(patch: Partial<Omit<ChartSettings, 'set'>>): void;
}

export const useChartSettings = create<ChartSettings>()((set) => ({
  smoothing: 0.6,
  xAxis: 'epoch',
  threshold: 0.8,
  set: (patch) => set(patch),
}));
