import { describe, expect, it } from 'vitest';
import type { EpochMetrics } from '../train/events';
import { areaUnderCurve, emaSmooth, jumpstart, summariseRun } from './summary';

const curve = (accs: number[], perEpoch = 100): EpochMetrics[] =>
  accs.map((a, i) => ({
    epoch: i + 1,
    examplesSeen: (i + 1) * perEpoch,
    trainLoss: 1,
    trainAccuracy: a,
    valLoss: 1,
    valAccuracy: a,
    shiftedAccuracy: null,
    sourceAccuracy: null,
    wallMs: (i + 1) * 10,
  }));

describe('run summary', () => {
  it('computes final, best, AUC and time-to-threshold on a hand-computed curve', () => {
    const s = summariseRun(curve([0.2, 0.6, 0.9, 0.8]), 0.85);
    expect(s.finalValAccuracy).toBe(0.8);
    expect(s.bestValAccuracy).toBe(0.9);
    expect(s.bestEpoch).toBe(3);
    // trapezoids: (0.2+0.6)/2 + (0.6+0.9)/2 + (0.9+0.8)/2 = 0.4 + 0.75 + 0.85 = 2.0, ÷ 3
    expect(s.auc).toBeCloseTo(2 / 3, 10);
    expect(s.epochsToThreshold).toBe(3);
    expect(s.examplesToThreshold).toBe(300);
    expect(s.wallMs).toBe(40);
    expect(summariseRun(curve([0.1, 0.2]), 0.5).epochsToThreshold).toBeNull();
  });

  it('jumpstart is the first-epoch accuracy difference', () => {
    expect(jumpstart(curve([0.7, 0.8]), curve([0.3, 0.6]))).toBeCloseTo(0.4, 10);
    expect(jumpstart([], curve([0.3]))).toBeNull();
  });

  it('AUC of a flat curve is its value; EMA with weight 0 is the identity and is debiased', () => {
    expect(areaUnderCurve([0.5, 0.5, 0.5])).toBeCloseTo(0.5, 10);
    expect(emaSmooth([1, 2, 3], 0)).toEqual([1, 2, 3]);
    expect(emaSmooth([4, 4, 4], 0.9).map((v) => Math.round(v * 1e9) / 1e9)).toEqual([4, 4, 4]);
  });
});
