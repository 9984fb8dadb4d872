import { describe, expect, it } from 'vitest';
import reference from './fixtures/reference.json';
import { featureMatrix } from './features';
import { logme } from './logme';
import { leep } from './leep';
import { shrinkageHScore } from './hscore';
import { knnAccuracy } from './knn';
import { kendallTau } from './kendall';
import { Rng } from '../random';

// Reference values: scripts/selection_reference.py (dense NumPy formulas, scikit-learn, SciPy).
const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-12);

describe('transferability scores against independent references', () => {
  for (const c of reference.logmeAndHscore) {
    it(`LogME matches the dense NumPy evidence maximisation to 1e-6: ${c.name} (n = ${c.n}, d = ${c.d})`, () => {
      const score = logme(featureMatrix(c.features, c.n, c.d), c.labels, c.k).score;
      expect(rel(score, c.logme)).toBeLessThan(1e-6);
    });
    if (c.hscore !== null) {
      it(`shrinkage H-score matches scikit-learn's Ledoit–Wolf and NumPy to 1e-6: ${c.name}`, () => {
        const h = shrinkageHScore(featureMatrix(c.features, c.n, c.d), c.labels, c.k);
        expect(rel(h.shrinkage, c.shrinkage!)).toBeLessThan(1e-6);
        expect(rel(h.score, c.hscore)).toBeLessThan(1e-6);
      });
    }
  }

  it('LogME keeps the (d − n)/2·log α term when n < d: dropping it would change the score', () => {
    const c = reference.logmeAndHscore.find((x) => x.name === 'n<d')!;
    const r = logme(featureMatrix(c.features, c.n, c.d), c.labels, c.k);
    // What the widely copied code computes: the same fixed point, without the (d − n)·log α share of log|A|.
    const truncated = r.perClass.reduce((a, k) => a + k.evidence + (((c.d - c.n) / 2) * Math.log(k.alpha)) / c.n, 0) / c.k;
    expect(rel(truncated, c.logme)).toBeGreaterThan(1e-3);
    expect(rel(r.score, c.logme)).toBeLessThan(1e-6);
  });

  for (const c of reference.leep) {
    it(`LEEP matches NumPy to 1e-6 (n = ${c.n}, ${c.z} source classes, ${c.k} target classes)`, () => {
      expect(rel(leep(c.probs, c.n, c.z, c.labels, c.k), c.leep)).toBeLessThan(1e-6);
    });
  }

  for (const c of reference.kendall) {
    it(`Kendall τ-b and its p-value match SciPy: ${JSON.stringify(c.x)} vs ${JSON.stringify(c.y)}`, () => {
      const r = kendallTau(c.x, c.y);
      expect(rel(r.tau, c.tau)).toBeLessThan(1e-9);
      // Exact p-values to 1e-9; the normal approximation through an erfc good to ~1e-7.
      expect(rel(r.p, c.p)).toBeLessThan(r.method === 'exact' ? 1e-9 : 1e-5);
    });
  }
});

describe('hand-computed cases', () => {
  it('Kendall τ on hand-computed rankings: identical 1, reversed −1, one swap of four 2/3', () => {
    expect(kendallTau([1, 2, 3, 4], [10, 20, 30, 40]).tau).toBe(1);
    expect(kendallTau([1, 2, 3, 4], [4, 3, 2, 1]).tau).toBe(-1);
    // Pairs: 6; one discordant (the swapped pair) → (5 − 1) / 6.
    expect(kendallTau([1, 2, 3, 4], [1, 3, 2, 4]).tau).toBeCloseTo(2 / 3, 12);
    // Exact p for n = 4, τ = 1: 2 · 1/24.
    expect(kendallTau([1, 2, 3, 4], [1, 2, 3, 4]).p).toBeCloseTo(1 / 12, 12);
  });

  it('k-NN leave-one-out on a hand-made set: two tight clusters and one stray point', () => {
    // Class 0 near (1, 0), class 1 near (0, 1); the last class-0 point sits among class 1.
    const rows = [
      [1, 0.05],
      [1, 0.1],
      [1, -0.05],
      [1, 0],
      [0.05, 1],
      [0.1, 1],
      [-0.05, 1],
      [0, 1],
      [0.02, 1],
    ];
    const labels = [0, 0, 0, 0, 1, 1, 1, 1, 0];
    const f = featureMatrix(rows.flat(), rows.length, 2);
    // k = 3: every clustered point has 3 same-class neighbours except the stray, misclassified → 8/9.
    expect(knnAccuracy(f, labels, 2, 3)).toBeCloseTo(8 / 9, 12);
    // k = 1: the stray is now the nearest neighbour of (0.05, 1) and (0, 1), so they go wrong too → 6/9.
    expect(knnAccuracy(f, labels, 2, 1)).toBeCloseTo(6 / 9, 12);
  });

  it('k-NN gives the same accuracy from the pairwise matrix and row by row (the large-set path)', () => {
    const rng = new Rng(3);
    const n = 300;
    const d = 6;
    const labels = Array.from({ length: n }, (_, i) => i % 3);
    const f = featureMatrix(
      Array.from({ length: n * d }, (_, i) => rng.next() + (i % d === labels[Math.floor(i / d)] ? 0.6 : 0)),
      n,
      d,
    );
    const fromMatrix = knnAccuracy(f, labels, 3, 5);
    expect(fromMatrix).toBeGreaterThan(0.4);
    expect(knnAccuracy(f, labels, 3, 5, 0)).toBe(fromMatrix);
  });

  it('k-NN breaks a vote tie by summed similarity', () => {
    // Query (row 0) has two neighbours at k = 2: one of each class; class 1's is closer.
    const rows = [
      [1, 0],
      [0.9, 0.5],
      [0.99, 0.1],
    ];
    const labels = [1, 0, 1];
    const f = featureMatrix(rows.flat(), 3, 2);
    // Row 0: neighbours 2 (class 1, closer) and 1 (class 0): tie → class 1, correct.
    // Row 1: neighbours 2 (class 1) and 0 (class 1) → class 1, wrong. Row 2: neighbours 0 (1) and 1 (0) → 0 is closer → class 1, correct.
    expect(knnAccuracy(f, labels, 2, 2)).toBeCloseTo(2 / 3, 12);
  });

  it('LEEP is 0 when the source head already names the target classes with certainty, and below 0 otherwise', () => {
    const labels = [0, 1, 2, 0, 1, 2];
    const certain = labels.flatMap((y) => [0, 1, 2].map((z) => (z === y ? 1 : 0)));
    expect(leep(certain, 6, 3, labels, 3)).toBeCloseTo(0, 12);
    const uniform = labels.flatMap(() => [1 / 3, 1 / 3, 1 / 3]);
    expect(leep(uniform, 6, 3, labels, 3)).toBeCloseTo(Math.log(1 / 3), 12);
  });

  it('bad shapes and labels are refused with the reason', () => {
    expect(() => featureMatrix([1, 2, 3], 2, 2)).toThrow('Expected 2×2 = 4 feature values, got 3.');
    expect(() => logme(featureMatrix([1, 2, 3, 4], 2, 2), [0, 2], 2)).toThrow('Label 2 at row 1 is not a class index below 2.');
  });
});
