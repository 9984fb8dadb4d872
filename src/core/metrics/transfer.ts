import type { EpochMetrics } from '../train/events';
import { jumpstart, summariseRun } from './summary';
import { bug, msg, type Msg } from '../messages';

/**
 * Transfer-vs-scratch metrics over seeds, with 95% confidence intervals. One seed gives one
 * (transfer, scratch) pair; the report aggregates the per-pair figures, so the verdict rests on
 * the seed-to-seed spread rather than on a single lucky run.
 */

/** 95% CI of the mean (Student t, two-sided). n = 1 → lo = hi = mean (no spread to estimate). */
export interface Interval {
  mean: number;
  lo: number;
  hi: number;
  n: number;
}

// Two-sided 95% Student t critical values t(0.975, df) for df = 1..30 (standard tables).
const T975 = [
  12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131, 2.12, 2.11, 2.101, 2.093, 2.086,
  2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042,
];

/**
 * t(0.975, df): table for df 1..30; above that the Cornish–Fisher expansion around the normal
 * quantile z = 1.959964, z + (z³+z)/(4df) + (5z⁵+16z³+3z)/(96df²), which is within 1e-3 of the
 * exact value at df = 31 and converges to 1.96 as df grows.
 */
export function tQuantile975(df: number): number {
  if (!Number.isInteger(df) || df < 1) throw bug(`Degrees of freedom must be a positive integer, got ${df}.`);
  if (df <= T975.length) return T975[df - 1];
  const z = 1.959964;
  return z + (z ** 3 + z) / (4 * df) + (5 * z ** 5 + 16 * z ** 3 + 3 * z) / (96 * df * df);
}

/**
 * Mean and 95% CI (sample sd, n − 1). A non-finite mean (e.g. an infinite AUC ratio in the
 * input) has no meaningful spread: lo = hi = mean then.
 */
export function meanCI(values: readonly number[]): Interval {
  const n = values.length;
  if (!n) throw bug('meanCI needs at least one value.');
  const mean = values.reduce((s, v) => s + v, 0) / n;
  if (n === 1 || !Number.isFinite(mean)) return { mean, lo: mean, hi: mean, n };
  const sd = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1));
  const half = tQuantile975(n - 1) * (sd / Math.sqrt(n));
  return { mean, lo: mean - half, hi: mean + half, n };
}

/** Figures of one (transfer, scratch) pair, i.e. one seed. Accuracies are fractions in [0, 1]. */
export interface PairMetrics {
  /** Validation accuracy after epoch 1, transfer − scratch. */
  jumpstart: number;
  /** Final validation accuracy, transfer − scratch. */
  asymptoticGain: number;
  /**
   * AUC(transfer) / AUC(scratch) of the validation-accuracy curves (areaUnderCurve, via summariseRun).
   * A scratch AUC of 0 (never a correct prediction) gives Infinity if transfer's AUC is positive, else 1.
   */
  aucRatio: number;
  /** First epoch (its `epoch` field) whose validation accuracy reaches the threshold, or null. */
  epochsToThreshold: { transfer: number | null; scratch: number | null };
  /** Training examples seen by that epoch, or null. */
  examplesToThreshold: { transfer: number | null; scratch: number | null };
  /** Negative transfer gap: error(transfer) − error(scratch) at the final epoch = scratchAcc − transferAcc. < 0 is good. */
  ntg: number;
}

export function pairMetrics(transfer: readonly EpochMetrics[], scratch: readonly EpochMetrics[], threshold: number): PairMetrics {
  if (!transfer.length || !scratch.length) throw bug('pairMetrics needs at least one epoch of each run.');
  // summariseRun defines time-to-threshold for the results table; reusing it keeps them identical.
  const t = summariseRun(transfer, threshold);
  const s = summariseRun(scratch, threshold);
  const gain = (t.finalValAccuracy as number) - (s.finalValAccuracy as number);
  const tAuc = t.auc as number;
  const sAuc = s.auc as number;
  return {
    jumpstart: jumpstart(transfer, scratch) as number,
    asymptoticGain: gain,
    aucRatio: sAuc === 0 ? (tAuc > 0 ? Infinity : 1) : tAuc / sAuc,
    epochsToThreshold: { transfer: t.epochsToThreshold, scratch: s.epochsToThreshold },
    examplesToThreshold: { transfer: t.examplesToThreshold, scratch: s.examplesToThreshold },
    ntg: -gain,
  };
}

export type Verdict = 'positive' | 'negative' | 'inconclusive';

export interface TransferReport {
  seeds: number;
  jumpstart: Interval;
  asymptoticGain: Interval;
  aucRatio: Interval;
  ntg: Interval;
  /**
   * Over the seeds whose run reached the threshold (Interval.n = how many did); null if none did.
   * Seeds that never reached it are left out rather than counted as "at the last epoch".
   */
  epochsToThreshold: { transfer: Interval | null; scratch: Interval | null };
  verdict: Verdict;
  /** One line for the results page, as a message code (the UI words it). */
  explanation: Msg;
}

const reached = (values: (number | null)[]): Interval | null => {
  const hit = values.filter((v): v is number => v !== null);
  return hit.length ? meanCI(hit) : null;
};

/** Points (×100) rounded as shown, so the message and the table agree. */
const pts = (x: number) => Math.round(x * 1000) / 10;

/**
 * Verdict from the NTG CI: entirely < 0 → positive; entirely > 0 → negative; else inconclusive,
 * which includes a single seed, where no CI exists (the explanation says so).
 */
export function transferReport(
  pairs: readonly { transfer: readonly EpochMetrics[]; scratch: readonly EpochMetrics[] }[],
  threshold: number,
): TransferReport {
  if (!pairs.length) throw bug('transferReport needs at least one (transfer, scratch) pair.');
  const m = pairs.map((p) => pairMetrics(p.transfer, p.scratch, threshold));
  const seeds = m.length;
  const ntg = meanCI(m.map((p) => p.ntg));
  const gain = meanCI(m.map((p) => p.asymptoticGain));

  let verdict: Verdict = 'inconclusive';
  let explanation: Msg;
  if (seeds === 1) {
    explanation = msg(gain.mean >= 0 ? 'msg.verdict.singleTransfer' : 'msg.verdict.singleScratch', pts(Math.abs(gain.mean)));
  } else if (ntg.hi < 0) {
    verdict = 'positive';
    explanation = msg('msg.verdict.positive', pts(gain.mean), pts(gain.lo), pts(gain.hi), seeds);
  } else if (ntg.lo > 0) {
    verdict = 'negative';
    explanation = msg('msg.verdict.negative', pts(ntg.mean), pts(ntg.lo), pts(ntg.hi), seeds);
  } else {
    explanation = msg('msg.verdict.unclear', pts(gain.mean), pts(gain.lo), pts(gain.hi), seeds);
  }

  return {
    seeds,
    jumpstart: meanCI(m.map((p) => p.jumpstart)),
    asymptoticGain: gain,
    aucRatio: meanCI(m.map((p) => p.aucRatio)),
    ntg,
    epochsToThreshold: {
      transfer: reached(m.map((p) => p.epochsToThreshold.transfer)),
      scratch: reached(m.map((p) => p.epochsToThreshold.scratch)),
    },
    verdict,
    explanation,
  };
}

/**
 * Mean and band per epoch across seeds, for charts: band = 95% CI of the mean or min–max.
 * Curves of unequal length (a run stopped or diverged early) use per-epoch n: epoch i is
 * aggregated over the curves that have it, so the output is as long as the longest curve and
 * `n` says how many seeds each point rests on. Non-finite values count as missing; an epoch
 * with no finite value gives NaN (a gap in the chart).
 */
export function bandOverSeeds(curves: readonly (readonly number[])[], band: 'ci' | 'minmax'): Interval[] {
  const length = Math.max(0, ...curves.map((c) => c.length));
  return Array.from({ length }, (_, i) => {
    const values = curves.filter((c) => i < c.length && Number.isFinite(c[i])).map((c) => c[i]);
    if (!values.length) return { mean: NaN, lo: NaN, hi: NaN, n: 0 };
    if (band === 'ci') return meanCI(values);
    return { mean: values.reduce((s, v) => s + v, 0) / values.length, lo: Math.min(...values), hi: Math.max(...values), n: values.length };
  });
}
