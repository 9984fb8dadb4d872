import { render } from '../../i18n';
import { describe, expect, it } from 'vitest';
import type { EpochMetrics } from '../train/events';
import { bandOverSeeds, meanCI, pairMetrics, tQuantile975, transferReport } from './transfer';

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

describe('meanCI and t quantiles', () => {
  it('matches the hand-computed CI of [1,2,3,4,5]', () => {
    // mean 3, sd √2.5 = 1.5811, se 0.7071, t(4) = 2.776 → half-width 1.9630
    const ci = meanCI([1, 2, 3, 4, 5]);
    expect(ci.mean).toBe(3);
    expect(ci.n).toBe(5);
    expect(ci.hi - ci.mean).toBeCloseTo(1.963, 3);
    expect(ci.lo).toBeCloseTo(3 - 2.776 * Math.sqrt(2.5 / 5), 10);
    expect(ci.hi).toBeCloseTo(3 + 2.776 * Math.sqrt(2.5 / 5), 10);
  });

  it('collapses to the value for one seed or no spread, and throws on empty input', () => {
    expect(meanCI([0.7])).toEqual({ mean: 0.7, lo: 0.7, hi: 0.7, n: 1 });
    expect(meanCI([2, 2, 2])).toEqual({ mean: 2, lo: 2, hi: 2, n: 3 });
    expect(() => meanCI([])).toThrow();
  });

  it('uses the table up to df 30 and the Cornish–Fisher expansion beyond', () => {
    expect(tQuantile975(1)).toBe(12.706);
    expect(tQuantile975(4)).toBe(2.776);
    expect(tQuantile975(30)).toBe(2.042);
    expect(tQuantile975(31)).toBeCloseTo(2.0395, 3); // exact t(0.975, 31) = 2.03951
    expect(tQuantile975(120)).toBeCloseTo(1.9799, 3); // exact 1.97993
    expect(tQuantile975(1e6)).toBeCloseTo(1.96, 4);
    expect(() => tQuantile975(0)).toThrow();
    expect(() => tQuantile975(2.5)).toThrow();
  });
});

describe('pairMetrics', () => {
  const transfer = curve([0.6, 0.8, 0.9]);
  const scratch = curve([0.2, 0.5, 0.7]);

  it('computes jumpstart, asymptotic gain, AUC ratio and NTG by hand', () => {
    const m = pairMetrics(transfer, scratch, 0.75);
    expect(m.jumpstart).toBeCloseTo(0.4, 10);
    expect(m.asymptoticGain).toBeCloseTo(0.2, 10);
    // AUC transfer: ((0.6+0.8)/2 + (0.8+0.9)/2)/2 = 0.775; scratch: (0.35 + 0.6)/2 = 0.475
    expect(m.aucRatio).toBeCloseTo(0.775 / 0.475, 10);
    // NTG = error(transfer) − error(scratch) = 0.1 − 0.3 < 0: transfer helped
    expect(m.ntg).toBeCloseTo(-0.2, 10);
  });

  it('finds time to threshold in epochs and examples, null when never reached', () => {
    const m = pairMetrics(transfer, scratch, 0.75);
    expect(m.epochsToThreshold).toEqual({ transfer: 2, scratch: null });
    expect(m.examplesToThreshold).toEqual({ transfer: 200, scratch: null });
    const low = pairMetrics(transfer, curve([0.2, 0.5, 0.7], 64), 0.7);
    expect(low.epochsToThreshold).toEqual({ transfer: 2, scratch: 3 });
    expect(low.examplesToThreshold).toEqual({ transfer: 200, scratch: 192 });
  });

  it('gives a positive NTG for negative transfer', () => {
    const m = pairMetrics(curve([0.3, 0.4]), curve([0.3, 0.55]), 0.9);
    expect(m.ntg).toBeCloseTo(0.15, 10);
    expect(m.asymptoticGain).toBeCloseTo(-0.15, 10);
  });

  it('handles a zero scratch AUC and rejects empty runs', () => {
    expect(pairMetrics(curve([0.5, 0.5]), curve([0, 0]), 0.9).aucRatio).toBe(Infinity);
    expect(pairMetrics(curve([0, 0]), curve([0, 0]), 0.9).aucRatio).toBe(1);
    expect(() => pairMetrics([], scratch, 0.5)).toThrow();
  });
});

describe('transferReport', () => {
  // Scratch flat at 0.5; transfer ends at 0.5 + g, so the per-seed gain is g and the AUC ratio 1 + g.
  const pairs = (gains: number[]) => gains.map((g) => ({ transfer: curve([0.5, 0.5 + g]), scratch: curve([0.5, 0.5]) }));

  it('is positive when the whole NTG CI is below 0', () => {
    // gains 0.10, 0.12, 0.14: mean 0.12, sd 0.02, se 0.011547, t(2) = 4.303 → half-width 0.049687
    const r = transferReport(pairs([0.1, 0.12, 0.14]), 0.55);
    expect(r.seeds).toBe(3);
    expect(r.verdict).toBe('positive');
    expect(r.ntg.mean).toBeCloseTo(-0.12, 10);
    expect(r.ntg.hi).toBeCloseTo(-0.12 + 0.049687, 5);
    expect(r.asymptoticGain.lo).toBeCloseTo(0.12 - 0.049687, 5);
    expect(r.jumpstart.mean).toBeCloseTo(0, 10);
    expect(r.aucRatio.mean).toBeCloseTo(1.12, 10); // AUC ratio per seed = (0.5 + g/2) / 0.5 = 1 + g
    expect(r.epochsToThreshold.transfer).toEqual({ mean: 2, lo: 2, hi: 2, n: 3 });
    expect(r.epochsToThreshold.scratch).toBeNull();
    expect(render(r.explanation)).toBe('Transfer beats scratch by 12.0 points (95% CI 7.0–17.0) over 3 seeds.');
  });

  it('is negative when the whole NTG CI is above 0', () => {
    const r = transferReport(pairs([-0.1, -0.12, -0.14]), 0.55);
    expect(r.verdict).toBe('negative');
    expect(r.ntg.lo).toBeCloseTo(0.12 - 0.049687, 5);
    expect(render(r.explanation)).toBe('Negative transfer: scratch beats transfer by 12.0 points (95% CI 7.0–17.0) over 3 seeds.');
  });

  it('is inconclusive when the CI straddles 0, and counts only seeds that reached the threshold', () => {
    // gains 0.1, 0.2, 0.3: mean 0.2, sd 0.1, half-width 4.303 · 0.1/√3 = 0.24843 → CI −0.048..0.448
    const r = transferReport(pairs([0.1, 0.2, 0.3]), 0.65);
    expect(r.verdict).toBe('inconclusive');
    expect(render(r.explanation)).toBe('No clear difference: transfer − scratch is 20.0 points (95% CI -4.8 to 44.8) over 3 seeds.');
    expect(r.epochsToThreshold.transfer?.n).toBe(2);
  });

  it('is inconclusive for a single seed and says so', () => {
    const r = transferReport(pairs([0.3]), 0.65);
    expect(r.verdict).toBe('inconclusive');
    expect(r.ntg).toEqual({ mean: r.ntg.mean, lo: r.ntg.mean, hi: r.ntg.mean, n: 1 });
    expect(render(r.explanation)).toBe('Transfer beats scratch by 30.0 points on a single seed; run more seeds for a confidence interval.');
    expect(() => transferReport([], 0.5)).toThrow();
  });
});

describe('bandOverSeeds', () => {
  // Unequal lengths: per-epoch n (3, 2, 1 curves reach epochs 1, 2, 3).
  const curves = [[1, 2, 3], [3, 4], [5]];

  it('gives the 95% CI per epoch over the curves that have that epoch', () => {
    const b = bandOverSeeds(curves, 'ci');
    expect(b).toHaveLength(3);
    // epoch 1: [1,3,5], mean 3, sd 2, half-width 4.303 · 2/√3 = 4.9687
    expect(b[0].mean).toBe(3);
    expect(b[0].hi).toBeCloseTo(3 + 4.303 * (2 / Math.sqrt(3)), 10);
    expect(b[0].n).toBe(3);
    // epoch 2: [2,4], mean 3, sd √2, se 1, t(1) = 12.706
    expect(b[1].lo).toBeCloseTo(3 - 12.706, 10);
    expect(b[2]).toEqual({ mean: 3, lo: 3, hi: 3, n: 1 });
  });

  it('gives min–max bands, skips non-finite values, and is empty without curves', () => {
    expect(bandOverSeeds(curves, 'minmax')).toEqual([
      { mean: 3, lo: 1, hi: 5, n: 3 },
      { mean: 3, lo: 2, hi: 4, n: 2 },
      { mean: 3, lo: 3, hi: 3, n: 1 },
    ]);
    expect(
      bandOverSeeds(
        [
          [NaN, 1],
          [2, 3],
        ],
        'minmax',
      )[0],
    ).toEqual({ mean: 2, lo: 2, hi: 2, n: 1 });
    expect(bandOverSeeds([], 'ci')).toEqual([]);
  });
});
