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
  const xtx = X.transpose().mmul(X);
  const cov = xtx.clone().div(n);
  const shrinkage = ledoitWolfShrinkage(X, xtx, cov);
  const mu = cov.trace() / d;
  const shrunk = cov.clone().mul(1 - shrinkage);
  for (let j = 0; j < d; j++) shrunk.set(j, j, shrunk.get(j, j) + shrinkage * mu);

  // Σ_between, the covariance of every row replaced by its class mean, is Σ_c (n_c / n) μ_c μ_cᵀ,
  // so tr(Σ_α⁻¹ Σ_between) = Σ_c (n_c / n) μ_cᵀ Σ_α⁻¹ μ_c: k solves, not a d × d one.
  const sums = new Matrix(numClasses, d);
  const counts = new Float64Array(numClasses);
  for (let i = 0; i < n; i++) {
    counts[labels[i]]++;
    for (let j = 0; j < d; j++) sums.set(labels[i], j, sums.get(labels[i], j) + X.get(i, j));
  }
  const present = Array.from({ length: numClasses }, (_, c) => c).filter((c) => counts[c] > 0);
  const means = new Matrix(d, present.length);
  present.forEach((c, col) => {
    for (let j = 0; j < d; j++) means.set(j, col, sums.get(c, j) / counts[c]);
  });
  let chol = new CholeskyDecomposition(shrunk);
  // Features that never vary (a dead layer) leave even the shrunk covariance singular: a ridge
  // far below any real variance keeps the solve defined, and such a source scores ~0 as it should.
  if (!chol.isPositiveDefinite()) {
    for (let j = 0; j < d; j++) shrunk.set(j, j, shrunk.get(j, j) + 1e-12 * (mu || 1));
    chol = new CholeskyDecomposition(shrunk);
  }
  const solved = chol.solve(means);
  let score = 0;
  present.forEach((c, col) => {
    let q = 0;
    for (let j = 0; j < d; j++) q += means.get(j, col) * solved.get(j, col);
    score += (counts[c] / n) * q;
  });
  return { score: (1 - shrinkage) * score, shrinkage };
}

/** scikit-learn's `ledoit_wolf_shrinkage` for centred X (n × d), with XᵀX and the empirical covariance. */
function ledoitWolfShrinkage(X: Matrix, xtx: Matrix, cov: Matrix): number {
  const n = X.rows;
  const d = X.columns;
  if (d === 1) return 0;
  const X2 = X.clone().apply(function (this: Matrix, i: number, j: number) {
    this.set(i, j, this.get(i, j) ** 2);
  });
  let traceSum = 0;
  for (let j = 0; j < d; j++) traceSum += cov.get(j, j);
  const mu = traceSum / d;
  // Σ_ij (X2ᵀX2)_ij = Σ_k (Σ_i x_ki²)²: the row sums of X², squared — no d × d product needed.
  let betaSum = 0;
  for (let k = 0; k < n; k++) {
    let r = 0;
    for (let j = 0; j < d; j++) r += X2.get(k, j);
    betaSum += r * r;
  }
  let deltaSum = 0;
  for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) deltaSum += xtx.get(i, j) ** 2;
  deltaSum /= n * n;
  let beta = (1 / (d * n)) * (betaSum / n - deltaSum);
  let delta = deltaSum - 2 * mu * traceSum + d * mu * mu;
  delta /= d;
  beta = Math.min(beta, delta);
  return beta === 0 ? 0 : beta / delta;
}
