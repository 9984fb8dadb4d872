import type { EpochMetrics } from '../train/events';

/**
 * Per-run summary figures for the results table and exports. Pure functions of the epoch
 * curve, so the table, the JSON export and the tests all agree by construction.
 */
export interface RunSummary {
  finalValAccuracy: number | null;
  /** Final accuracy on the shifted evaluation set (null without a shift). */
  finalShiftedAccuracy: number | null;
  bestValAccuracy: number | null;
  bestEpoch: number | null;
  /** Normalised area under the validation-accuracy curve (trapezoids over epochs 1..E, ÷ (E−1)); in [0, 1]. */
  auc: number | null;
  /** First epoch whose validation accuracy reaches the threshold, or null if never. */
  epochsToThreshold: number | null;
  examplesToThreshold: number | null;
  wallMs: number | null;
}

export function areaUnderCurve(values: readonly number[]): number | null {
  if (!values.length) return null;
  if (values.length === 1) return values[0];
  let area = 0;
  for (let i = 1; i < values.length; i++) area += (values[i - 1] + values[i]) / 2;
  return area / (values.length - 1);
}

export function summariseRun(epochs: readonly EpochMetrics[], threshold: number): RunSummary {
  if (!epochs.length) {
    return {
      finalValAccuracy: null,
      finalShiftedAccuracy: null,
      bestValAccuracy: null,
      bestEpoch: null,
      auc: null,
      epochsToThreshold: null,
      examplesToThreshold: null,
      wallMs: null,
    };
  }
  const acc = epochs.map((e) => e.valAccuracy);
  const best = acc.reduce((b, a, i) => (a > acc[b] ? i : b), 0);
  const hit = epochs.find((e) => e.valAccuracy >= threshold);
  return {
    finalValAccuracy: acc[acc.length - 1],
    finalShiftedAccuracy: epochs[epochs.length - 1].shiftedAccuracy ?? null,
    bestValAccuracy: acc[best],
    bestEpoch: epochs[best].epoch,
    auc: areaUnderCurve(acc),
    epochsToThreshold: hit ? hit.epoch : null,
    examplesToThreshold: hit ? hit.examplesSeen : null,
    wallMs: epochs[epochs.length - 1].wallMs,
  };
}

/** Jumpstart: validation accuracy after the first epoch, transfer − scratch. */
export function jumpstart(transfer: readonly EpochMetrics[], scratch: readonly EpochMetrics[]): number | null {
  if (!transfer.length || !scratch.length) return null;
  return transfer[0].valAccuracy - scratch[0].valAccuracy;
}

/** Exponential moving average as TensorBoard draws it (debiased, so the start is not pulled to 0). */
export function emaSmooth(values: readonly number[], weight: number): number[] {
  let last = 0;
  let debias = 0;
  return values.map((v) => {
    if (!Number.isFinite(v)) return v;
    last = last * weight + (1 - weight) * v;
    debias = debias * weight + (1 - weight);
    return last / debias;
  });
}
