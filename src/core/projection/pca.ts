import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import type { FeatureMatrix } from '../selection/features';
import { bug } from '../messages';

export interface Pca {
  /** n × k coordinates: each row centred and projected on the axes. */
  coords: Float64Array;
  /** k × d unit principal axes, largest variance first; each one's largest entry is positive (a fixed sign). */
  axes: Float64Array;
  /** Variance along each axis (the covariance's top eigenvalues, divided by n − 1). */
  variance: number[];
  /** Each axis's share of the total variance. */
  explained: number[];
  k: number;
}

/**
 * Principal component analysis: the symmetric eigendecomposition (ml-matrix, as LogME uses) of
 * the d × d covariance of a few hundred rows of at most a few hundred features — exact and
 * instant. Deterministic, signs included (each axis's largest entry positive), so a map never
 * flips between draws.
 */
export function pca(f: FeatureMatrix, k = 2): Pca {
  const { n, d, values } = f;
  if (n < 2) throw bug('PCA needs at least two rows.'); // a map draws training and validation images: two at least
  k = Math.min(k, d);
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j] += values[i * d + j]! / n;
  const centred = new Float64Array(n * d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) centred[i * d + j] = values[i * d + j]! - mean[j]!;
  const rows = Array.from({ length: d }, () => new Float64Array(d));
  for (let i = 0; i < n; i++) {
    const o = i * d;
    for (let a = 0; a < d; a++) {
      const x = centred[o + a]!;
      if (x === 0) continue;
      const row = rows[a]!;
      for (let b = a; b < d; b++) row[b] += x * centred[o + b]!;
    }
  }
  let trace = 0;
  for (let a = 0; a < d; a++) {
    for (let b = a; b < d; b++) {
      rows[a]![b] /= n - 1;
      rows[b]![a] = rows[a]![b]!;
    }
    trace += rows[a]![a]!;
  }
  const eig = new EigenvalueDecomposition(new Matrix(rows.map((r) => Array.from(r))), { assumeSymmetric: true });
  // Eigenvalues come in ascending order: the principal axes are the last columns.
  const lambdas = eig.realEigenvalues;
  const vectors = eig.eigenvectorMatrix;
  const axes = new Float64Array(k * d);
  const variance: number[] = [];
  for (let c = 0; c < k; c++) {
    const col = d - 1 - c;
    let big = 0;
    for (let j = 0; j < d; j++) if (Math.abs(vectors.get(j, col)) > Math.abs(vectors.get(big, col))) big = j;
    const sign = vectors.get(big, col) < 0 ? -1 : 1;
    for (let j = 0; j < d; j++) axes[c * d + j] = sign * vectors.get(j, col);
    variance.push(Math.max(0, lambdas[col]!));
  }
  const coords = new Float64Array(n * k);
  for (let i = 0; i < n; i++)
    for (let c = 0; c < k; c++) {
      let s = 0;
      for (let j = 0; j < d; j++) s += centred[i * d + j]! * axes[c * d + j]!;
      coords[i * k + c] = s;
    }
  return { coords, axes, variance, explained: variance.map((x) => (trace > 0 ? x / trace : 0)), k };
}
