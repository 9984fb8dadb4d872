import { bug } from '../messages';

/** Feature rows for scoring: n rows of d values, row-major, in float64 (scores accumulate over many rows). */
export interface FeatureMatrix {
  n: number;
  d: number;
  values: Float64Array;
}

export function featureMatrix(values: ArrayLike<number>, n: number, d: number): FeatureMatrix {
  if (values.length !== n * d) throw bug(`Expected ${n}×${d} = ${n * d} feature values, got ${values.length}.`);
  return { n, d, values: Float64Array.from(values) };
}

/** Checks labels against a matrix's rows; returns the class count. */
export function checkLabels(labels: ArrayLike<number>, n: number, numClasses: number): void {
  if (labels.length !== n) throw bug(`Expected ${n} labels, got ${labels.length}.`);
  for (let i = 0; i < n; i++) {
    const y = labels[i];
    if (!Number.isInteger(y) || y < 0 || y >= numClasses) throw bug(`Label ${y} at row ${i} is not a class index below ${numClasses}.`);
  }
}
