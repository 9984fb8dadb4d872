import { CholeskyDecomposition, Matrix } from 'ml-matrix';
import { checkLabels, type FeatureMatrix } from './features';

/**
 * Shrinkage H-score (Ibrahim, Ponomareva & Mazumder, "Newer is not always better: Rethinking
 * transferability metrics, their peculiarities, stability and performance", ECML-PKDD 2022), the
 * H-score of Bao et al. (ICIP 2019) with a well-conditioned covariance:
 *
 *   H = tr( Σ_α⁻¹ (1 − α) Σ_between ),  Σ_α = (1 − α) Σ + α·(tr Σ / d)·I,
 *
 * Σ the features' covariance, Σ_between the covariance of each image's class mean, α the
 * Ledoit–Wolf shrinkage (as scikit-learn computes it). Plain H-score inverts Σ itself, which is
 * singular whenever there are fewer images than dimensions — the usual case in this lab.
 * Larger is better: between-class spread measured in units of the overall spread.
 */
export interface HScoreResult {
  score: number;
  shrinkage: number;
}

export function shrinkageHScore(f: FeatureMatrix, labels: ArrayLike<number>, numClasses: number): HScoreResult {
  const { n, d, values } = f;
  checkLabels(labels, n, numClasses);
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j] += values[i * d + j] / n;
  const X = new Matrix(n, d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) X.set(i, j, values[i * d + j] - mean[j]);
  const cov = X.transpose().mmul(X).div(n);
  const shrinkage = ledoitWolfShrinkage(X, cov);
  const mu = cov.trace() / d;
  const shrunk = cov.clone().mul(1 - shrinkage);
  for (let j = 0; j < d; j++) shrunk.set(j, j, shrunk.get(j, j) + shrinkage * mu);

  // Σ_between: every row replaced by its class mean (of the centred features).
  const classMean = new Matrix(numClasses, d);
  const counts = new Float64Array(numClasses);
  for (let i = 0; i < n; i++) {
    counts[labels[i]]++;
    for (let j = 0; j < d; j++) classMean.set(labels[i], j, classMean.get(labels[i], j) + X.get(i, j));
  }
  const G = new Matrix(n, d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) G.set(i, j, classMean.get(labels[i], j) / counts[labels[i]]);
  const between = G.transpose().mmul(G).div(n);
  let chol = new CholeskyDecomposition(shrunk);
  // Features that never vary (a dead layer) leave even the shrunk covariance singular: a ridge
  // far below any real variance keeps the solve defined, and such a source scores ~0 as it should.
  if (!chol.isPositiveDefinite()) {
    for (let j = 0; j < d; j++) shrunk.set(j, j, shrunk.get(j, j) + 1e-12 * (mu || 1));
    chol = new CholeskyDecomposition(shrunk);
  }
  const solved = chol.solve(between.mul(1 - shrinkage));
  return { score: solved.trace(), shrinkage };
}

/** scikit-learn's `ledoit_wolf_shrinkage` for centred X (n × d) with empirical covariance `cov`. */
function ledoitWolfShrinkage(X: Matrix, cov: Matrix): number {
  const n = X.rows;
  const d = X.columns;
  if (d === 1) return 0;
  const X2 = X.clone().apply(function (this: Matrix, i: number, j: number) {
    this.set(i, j, this.get(i, j) ** 2);
  });
  let traceSum = 0;
  for (let j = 0; j < d; j++) traceSum += cov.get(j, j);
  const mu = traceSum / d;
  const betaSum = X2.transpose().mmul(X2).sum();
  const xtx = X.transpose().mmul(X);
  let deltaSum = 0;
  for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) deltaSum += xtx.get(i, j) ** 2;
  deltaSum /= n * n;
  let beta = (1 / (d * n)) * (betaSum / n - deltaSum);
  let delta = deltaSum - 2 * mu * traceSum + d * mu * mu;
  delta /= d;
  beta = Math.min(beta, delta);
  return beta === 0 ? 0 : beta / delta;
}
