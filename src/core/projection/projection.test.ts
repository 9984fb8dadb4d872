import { describe, expect, it } from 'vitest';
import { featureMatrix } from '../selection/features';
import { pca } from './pca';
import { umap2d } from './umap';
import { Rng } from '../random';

describe('projections', () => {
  it('PCA on a hand-made set returns its known principal axes (up to sign) and explained variance', () => {
    // A 5 × 3 grid in the plane spanned by u = (1, 1, 0)/√2 and v = (1, −1, 0)/√2, with t ∈ {−2…2}
    // along u and 0.5·s, s ∈ {−1, 0, 1}, along v, shifted by (3, −1, 7). Sample variances (n − 1 = 14):
    // along u Σt²·3/14 = 30/14, along v Σ(0.5s)²·5/14 = 2.5/14; nothing along the third axis.
    const r = Math.SQRT1_2;
    const rows: number[][] = [];
    for (let t = -2; t <= 2; t++) for (let s = -1; s <= 1; s++) rows.push([3 + r * (t + 0.5 * s), -1 + r * (t - 0.5 * s), 7]);
    const p = pca(featureMatrix(rows.flat(), rows.length, 3), 2);
    expect(p.variance[0]).toBeCloseTo(30 / 14, 10);
    expect(p.variance[1]).toBeCloseTo(2.5 / 14, 10);
    expect(p.explained[0]).toBeCloseTo(30 / 32.5, 10);
    expect(p.explained[1]).toBeCloseTo(2.5 / 32.5, 10);
    const axis = (c: number) => Array.from(p.axes.subarray(c * 3, c * 3 + 3));
    const sameUpToSign = (a: number[], b: number[]) => Math.abs(Math.abs(a.reduce((x, ai, i) => x + ai * b[i]!, 0)) - 1);
    expect(sameUpToSign(axis(0), [r, r, 0])).toBeLessThan(1e-10);
    expect(sameUpToSign(axis(1), [r, -r, 0])).toBeLessThan(1e-10);
    // Coordinates are the centred rows on those axes: the first row is t = −2, s = −1.
    expect(Math.abs(p.coords[0]!)).toBeCloseTo(2, 10);
    expect(Math.abs(p.coords[1]!)).toBeCloseTo(0.5, 10);
    // Deterministic: the same input gives the same signs and numbers.
    expect(pca(featureMatrix(rows.flat(), rows.length, 3), 2).coords).toEqual(p.coords);
  });

  it('UMAP is deterministic per seed, separates two far clusters, and reports progress', async () => {
    const rng = new Rng(1);
    const rows: number[] = [];
    for (let i = 0; i < 60; i++) for (let j = 0; j < 8; j++) rows.push((i < 30 ? 0 : 10) + rng.uniform(-1, 1));
    const f = featureMatrix(rows, 60, 8);
    const seen: number[] = [];
    const a = await umap2d(f, 7, (x) => seen.push(x));
    const b = await umap2d(f, 7);
    const c = await umap2d(f, 8);
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
    expect(a.every(Number.isFinite)).toBe(true);
    expect(seen.at(-1)).toBe(1);
    expect(seen.length).toBeGreaterThan(5);
    // Each point's nearest neighbour in the map is from its own cluster.
    let same = 0;
    for (let i = 0; i < 60; i++) {
      let best = -1;
      let bestD = Infinity;
      for (let j = 0; j < 60; j++) {
        if (j === i) continue;
        const dd = (a[i * 2]! - a[j * 2]!) ** 2 + (a[i * 2 + 1]! - a[j * 2 + 1]!) ** 2;
        if (dd < bestD) [best, bestD] = [j, dd];
      }
      if (i < 30 === best < 30) same++;
    }
    expect(same).toBe(60);
  });
});
