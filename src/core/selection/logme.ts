import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { checkLabels, type FeatureMatrix } from './features';

/**
 * LogME (You et al., "LogME: Practical Assessment of Pre-trained Models for Transfer Learning",
 * ICML 2021): for each class, the log evidence of a Bayesian linear regression from the frozen
 * features to that class's 0/1 indicator, maximised over the prior precision α and the noise
 * precision β by MacKay's fixed point; the score is the mean over classes, per image.
 *
 *   L(α, β) = n/2·log β + d/2·log α − n/2·log 2π − β/2·‖F m − y‖² − α/2·‖m‖² − 1/2·log|A|,
 *   A = α I + β FᵀF,  m = β A⁻¹ Fᵀ y.
 *
 * Everything is computed in FᵀF's eigenbasis (from the smaller of the two Gram matrices). With
 * fewer images than dimensions (n < d), FᵀF has only n non-zero eigenvalues, yet A is d × d:
 * log|A| = Σᵢ log(α + β sᵢ) + (d − n)·log α. The widely copied reference code sums over the n
 * eigenvalues only, which drops the second term and biases the comparison between backbones of
 * different widths; it is kept here.
 */
export interface LogMeClass {
  alpha: number;
  beta: number;
  /** Log evidence divided by n. */
  evidence: number;
  iterations: number;
}

export interface LogMeResult {
  score: number;
  perClass: LogMeClass[];
}

const LOG_2PI = Math.log(2 * Math.PI);

export function logme(
  f: FeatureMatrix,
  labels: ArrayLike<number>,
  numClasses: number,
  { maxIterations = 1000, tolerance = 1e-12 } = {},
): LogMeResult {
  const { n, d, values } = f;
  checkLabels(labels, n, numClasses);
  const F = new Matrix(n, d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) F.set(i, j, values[i * d + j]);
  // Eigen-decompose the smaller Gram matrix: FᵀF (d × d) or FFᵀ (n × n) share their non-zero eigenvalues.
  const wide = n < d;
  const gram = wide ? F.mmul(F.transpose()) : F.transpose().mmul(F);
  const eig = new EigenvalueDecomposition(gram, { assumeSymmetric: true });
  const s = eig.realEigenvalues.map((x) => Math.max(x, 0));
  const vectors = eig.eigenvectorMatrix; // columns: u (n-dim) when wide, v (d-dim) otherwise
  const r = s.length;

  const perClass: LogMeClass[] = [];
  for (let k = 0; k < numClasses; k++) {
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) y[i] = labels[i] === k ? 1 : 0;
    const yy = y.reduce((a, b) => a + b * b, 0);
    // z = Uᵀ y: y's coordinates along the left singular vectors; when not wide, uᵢ = F vᵢ / σᵢ,
    // so zᵢ = vᵢᵀ (Fᵀ y) / σᵢ.
    const fty = new Float64Array(wide ? 0 : d);
    if (!wide) for (let i = 0; i < n; i++) if (y[i]) for (let j = 0; j < d; j++) fty[j] += values[i * d + j];
    const z = new Float64Array(r);
    const top = Math.max(...s, 0);
    for (let c = 0; c < r; c++) {
      if (!(s[c] > 1e-12 * top)) continue; // a zero direction: y has no component the features can fit
      let acc = 0;
      if (wide) for (let i = 0; i < n; i++) acc += vectors.get(i, c) * y[i];
      else {
        for (let j = 0; j < d; j++) acc += vectors.get(j, c) * fty[j];
        acc /= Math.sqrt(s[c]);
      }
      z[c] = acc;
    }
    perClass.push(maximiseEvidence(s, z, yy, n, d, maxIterations, tolerance));
  }
  return { score: perClass.reduce((a, c) => a + c.evidence, 0) / numClasses, perClass };
}

/**
 * MacKay's updates α ← γ / ‖m‖², β ← (n − γ) / ‖F m − y‖², γ = Σ β sᵢ / (α + β sᵢ), to the fixed
 * point. In the eigenbasis mᵢ = β σᵢ zᵢ / (α + β sᵢ), and the residual is computed as
 * ‖y − P y‖² + Σ (α zᵢ / (α + β sᵢ))² — a sum of squares, so it stays accurate when the fit is
 * nearly perfect (n < d), where expanding ‖F m − y‖² cancels catastrophically.
 */
function maximiseEvidence(
  s: number[],
  z: Float64Array,
  yy: number,
  n: number,
  d: number,
  maxIterations: number,
  tolerance: number,
): LogMeClass {
  const r = s.length;
  const eps = 1e-300;
  const outside = Math.max(yy - z.reduce((a, b) => a + b * b, 0), 0);
  let alpha = 1;
  let beta = 1;
  let evidence = -Infinity;
  let iterations = 0;
  const stats = (a: number, b: number) => {
    let gamma = 0;
    let mm = 0;
    let residual = outside;
    let logDet = (d - r) * Math.log(a);
    for (let i = 0; i < r; i++) {
      const denom = a + b * s[i];
      const m = (b * Math.sqrt(s[i]) * z[i]) / denom;
      gamma += (b * s[i]) / denom;
      mm += m * m;
      residual += ((a * z[i]) / denom) ** 2;
      logDet += Math.log(denom);
    }
    return { gamma, mm, residual, logDet };
  };
  for (; iterations < maxIterations; iterations++) {
    const { gamma, mm, residual } = stats(alpha, beta);
    alpha = gamma / (mm + eps);
    beta = (n - gamma) / (residual + eps);
    const next = evidenceAt(alpha, beta, stats(alpha, beta), n, d);
    const done = Math.abs(next - evidence) <= tolerance * Math.abs(next);
    evidence = next;
    if (done) break;
  }
  return { alpha, beta, evidence: evidence / n, iterations: iterations + 1 };
}

function evidenceAt(alpha: number, beta: number, st: { mm: number; residual: number; logDet: number }, n: number, d: number): number {
  return (
    (n / 2) * Math.log(beta) +
    (d / 2) * Math.log(alpha) -
    (n / 2) * LOG_2PI -
    (beta / 2) * st.residual -
    (alpha / 2) * st.mm -
    st.logDet / 2
  );
}
