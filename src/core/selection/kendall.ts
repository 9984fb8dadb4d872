import { bug } from '../messages';

/**
 * Kendall's τ-b between two rankings (ties allowed), with a two-sided p-value computed as SciPy
 * does: exact (from the distribution of inversions) when there are no ties and n ≤ 33, otherwise
 * the normal approximation with the tie-corrected variance.
 */
export interface KendallResult {
  tau: number;
  p: number;
  n: number;
  method: 'exact' | 'asymptotic';
}

export function kendallTau(x: readonly number[], y: readonly number[]): KendallResult {
  const n = x.length;
  if (y.length !== n) throw bug('Kendall τ needs two rankings of the same length.');
  if (n < 2) return { tau: NaN, p: NaN, n, method: 'exact' };
  let concordant = 0;
  let discordant = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const s = Math.sign(x[i] - x[j]) * Math.sign(y[i] - y[j]);
      if (s > 0) concordant++;
      else if (s < 0) discordant++;
    }
  }
  const ties = (v: readonly number[]) => {
    const groups = new Map<number, number>();
    v.forEach((a) => groups.set(a, (groups.get(a) ?? 0) + 1));
    return [...groups.values()].filter((t) => t > 1);
  };
  const tx = ties(x);
  const ty = ties(y);
  const total = (n * (n - 1)) / 2;
  const pairs = (ts: number[]) => ts.reduce((a, t) => a + (t * (t - 1)) / 2, 0);
  const denom = Math.sqrt((total - pairs(tx)) * (total - pairs(ty)));
  const tau = denom > 0 ? (concordant - discordant) / denom : NaN;
  if (!Number.isFinite(tau)) return { tau, p: NaN, n, method: 'exact' };
  if (!tx.length && !ty.length && n <= 33) {
    const c = Math.min(discordant, total - discordant);
    return { tau, p: Math.min(1, (2 * inversionsUpTo(n, c)) / factorial(n)), n, method: 'exact' };
  }
  const m = n * (n - 1);
  const sum = (ts: number[], f: (t: number) => number) => ts.reduce((a, t) => a + f(t), 0);
  const x0 = sum(tx, (t) => t * (t - 1) * (t - 2));
  const y0 = sum(ty, (t) => t * (t - 1) * (t - 2));
  const x1 = sum(tx, (t) => t * (t - 1) * (2 * t + 5));
  const y1 = sum(ty, (t) => t * (t - 1) * (2 * t + 5));
  const xt = sum(tx, (t) => (t * (t - 1)) / 2);
  const yt = sum(ty, (t) => (t * (t - 1)) / 2);
  const variance = (m * (2 * n + 5) - x1 - y1) / 18 + (2 * xt * yt) / m + (n > 2 ? (x0 * y0) / (9 * m * (n - 2)) : 0);
  const zScore = (concordant - discordant) / Math.sqrt(variance);
  return { tau, p: Math.min(1, erfc(Math.abs(zScore) / Math.SQRT2)), n, method: 'asymptotic' };
}

/** Permutations of n items with at most c inversions (Mahonian numbers, summed). */
function inversionsUpTo(n: number, c: number): number {
  let row = [1];
  for (let m = 2; m <= n; m++) {
    const next = new Array<number>(Math.min(row.length + m - 1, c + 1)).fill(0);
    for (let k = 0; k < next.length; k++) for (let j = 0; j < m && j <= k; j++) next[k] += row[k - j] ?? 0;
    row = next;
  }
  return row.slice(0, c + 1).reduce((a, b) => a + b, 0);
}

function factorial(n: number): number {
  let f = 1;
  for (let i = 2; i <= n; i++) f *= i;
  return f;
}

/** Complementary error function (Numerical Recipes' erfcc; fractional error below 1.2e-7). */
function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + z / 2);
  const r =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? r : 2 - r;
}
