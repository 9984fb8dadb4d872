import { meanCI } from '../../src/core/metrics/transfer';

/** A figure over one set's seeds: mean and 95% CI (core/metrics/transfer.ts meanCI), and each seed's value. */
export interface Stat {
  mean: number;
  lo: number;
  hi: number;
  n: number;
  perSeed: number[];
}

/**
 * One part of a preset's claim on one set. `claim` parts decide the set's pass; `candidate`
 * parts are claims the preset does not make (yet), measured so a narrative can be chosen.
 */
export interface Check {
  part: string;
  pass: boolean;
  kind: 'claim' | 'candidate';
  /** The figure the part is judged on, as shown (points, τ, a count). */
  value: string;
}

/** What one preset's claim measured on one set (the seeds, the target seed and timing are added by the runner). */
export interface Measured {
  metrics: Record<string, Stat>;
  checks: Check[];
  /** Parts of the claim not checked here, and why. */
  skipped?: string[];
  verdict?: string;
}

export const stat = (perSeed: number[]): Stat => {
  const ci = meanCI(perSeed);
  return { mean: ci.mean, lo: ci.lo, hi: ci.hi, n: ci.n, perSeed };
};

export const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;

/** Accuracy-like fractions as points, one decimal. */
export const pts = (x: number): string => (x * 100).toFixed(1);
export const ci = (s: Stat): string => `${pts(s.mean)} [${pts(s.lo)}, ${pts(s.hi)}]`;

export const claim = (part: string, pass: boolean, value: string): Check => ({ part, pass, kind: 'claim', value });
export const candidate = (part: string, pass: boolean, value: string): Check => ({ part, pass, kind: 'candidate', value });
