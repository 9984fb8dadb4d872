import { meanCI, type Interval } from '../metrics/transfer';
import type { EpochMetrics } from '../train/events';
import { remedyRunId } from '../train/plan';
import { REMEDY_IDS, REMEDY_METRIC, type RemedyId } from './schema';

/**
 * A remedy comparison's verdict: each remedy's run against plain transfer, seed by seed, on the
 * metric that matters for its challenge (REMEDY_METRIC), as the study verdicts are made — the mean
 * difference with a t-based 95% CI over seeds. Pure; the seeds panel and the calibration share it.
 */
export type RemedyVerdict = 'helps' | 'hurts' | 'unclear' | 'single';

export interface RemedyReport {
  remedy: RemedyId;
  metric: 'valAccuracy' | 'balancedAccuracy';
  /** remedy − plain, in accuracy points as fractions (0.05 = 5 points). */
  difference: Interval;
  verdict: RemedyVerdict;
}

/** The remedy a comparison run adds, from its run id (null for plain, scratch or a multi-source run). */
export const remedyOfRun = (runId: string): RemedyId | null => REMEDY_IDS.find((id) => remedyRunId(id) === runId) ?? null;

/** A run's final value of a metric; balanced accuracy falls back to accuracy for results saved before it was measured. */
export function finalMetric(epochs: readonly EpochMetrics[], metric: RemedyReport['metric']): number | null {
  const last = epochs.at(-1);
  if (!last) return null;
  return metric === 'balancedAccuracy' ? (last.balancedAccuracy ?? last.valAccuracy) : last.valAccuracy;
}

/**
 * The verdict of `remedy` over seeds: one (plain, remedy) pair of curves per seed that finished
 * both. Helps when the CI lies above 0, hurts when below, else unclear; one seed has no CI.
 */
export function remedyReport(
  remedy: RemedyId,
  pairs: readonly { plain: readonly EpochMetrics[]; remedy: readonly EpochMetrics[] }[],
): RemedyReport | null {
  const metric = REMEDY_METRIC[remedy];
  const diffs = pairs.flatMap((p) => {
    const a = finalMetric(p.remedy, metric);
    const b = finalMetric(p.plain, metric);
    return a === null || b === null ? [] : [a - b];
  });
  if (!diffs.length) return null;
  const difference = meanCI(diffs);
  const verdict: RemedyVerdict = diffs.length === 1 ? 'single' : difference.lo > 0 ? 'helps' : difference.hi < 0 ? 'hurts' : 'unclear';
  return { remedy, metric, difference, verdict };
}

/** Every remedy run of a set of runs (one seed's, or a study's per seed) against the plain run `transfer`. */
export function remedyReports(seeds: readonly (readonly { id: string; epochs: readonly EpochMetrics[] }[])[]): RemedyReport[] {
  const ids = [...new Set(seeds.flatMap((runs) => runs.map((r) => r.id)))];
  return ids.flatMap((id) => {
    const remedy = remedyOfRun(id);
    if (!remedy) return [];
    const pairs = seeds.flatMap((runs) => {
      const plain = runs.find((r) => r.id === 'transfer')?.epochs ?? [];
      const mine = runs.find((r) => r.id === id)?.epochs ?? [];
      return plain.length && mine.length ? [{ plain, remedy: mine }] : [];
    });
    const report = remedyReport(remedy, pairs);
    return report ? [report] : [];
  });
}

/** Small-loss selection's last epoch (precision, recall) among `runs`, or null when none selected. */
export function lastSelection(
  runs: readonly { id: string; epochs: readonly EpochMetrics[] }[] | undefined,
): { precision: number; recall: number } | null {
  return runs?.find((r) => r.epochs.at(-1)?.selection)?.epochs.at(-1)?.selection ?? null;
}
