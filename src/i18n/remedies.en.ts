import { range } from './messages.en';

/**
 * User-facing strings of the remedies (core/remedies): the switches in the training panel and the
 * remedy comparison's verdicts. Kept apart like classBoard.en.ts so a translation mirrors it key for key.
 */
export const remediesEn = {
  title: 'Remedies',
  switchedOn: (n: number) => `${n} on`,
  hint: 'Fix what the bias knobs broke. Each remedy acts on the transfer run; the scratch twin stays plain.',
  noise: 'Label noise',
  imbalance: 'Class imbalance',
  names: {
    labelSmoothing: 'Label smoothing',
    gce: 'Generalised cross-entropy (GCE)',
    smallLoss: 'Small-loss selection',
    classBalanced: 'Class-balanced loss weights',
    resample: 'Class-balanced re-sampling',
    logitAdjust: 'Logit adjustment (post hoc)',
  },
  oneLine: {
    labelSmoothing: 'Aim at (1 − ε)·label + ε/K instead of the label alone: a wrong label pulls less hard.',
    gce: 'Loss (1 − p^q)/q: cross-entropy at q → 0, mean absolute error at q = 1, which a wrong label cannot dominate.',
    smallLoss: 'Train each batch only on its smallest losses (mostly clean labels), forgetting more as training goes on.',
    classBalanced: 'Weigh each class by the inverse of its effective number of images, so rare classes count.',
    resample: 'Draw batches with every class equally likely, so rare classes are seen as often as common ones.',
    logitAdjust: 'After training, subtract τ·log(class frequency) before picking a class: no retraining.',
  },
  params: {
    labelSmoothing: 'ε',
    gce: 'q',
    smallLoss: 'Forget up to (%)',
    classBalanced: 'β',
    logitAdjust: 'τ',
  },
  compare: 'Compare with plain transfer (one run per remedy, same split, seeds, batches and budget)',
  noNoise: 'No label noise is injected: switch some on in Data bias to see what these fix.',
  noImbalance: 'Classes are balanced: set an imbalance ratio in Data bias to see what these fix.',
  // The comparison's verdicts (seeds panel and results)
  verdictTitle: 'Remedies against plain transfer',
  verdicts: { helps: 'Helps', hurts: 'Hurts', unclear: 'No clear effect' },
  metricNames: { valAccuracy: 'validation accuracy', balancedAccuracy: 'balanced accuracy' },
  helps: (remedy: string, metric: string, mean: number, lo: number, hi: number, seeds: number) =>
    `${remedy} beats plain transfer on ${metric} by ${mean.toFixed(1)} points (95% CI ${range(lo, hi)}, ${seeds} seeds).`,
  hurts: (remedy: string, metric: string, mean: number, lo: number, hi: number, seeds: number) =>
    `${remedy} does worse than plain transfer on ${metric}: ${mean.toFixed(1)} points (95% CI ${range(lo, hi)}, ${seeds} seeds).`,
  unclear: (remedy: string, metric: string, mean: number, lo: number, hi: number, seeds: number) =>
    `No clear difference between ${remedy} and plain transfer on ${metric}: ${mean.toFixed(1)} points (95% CI ${range(lo, hi)}, ${seeds} seeds).`,
  single: (remedy: string, metric: string, diff: number) =>
    `${remedy} − plain transfer on ${metric}: ${diff >= 0 ? '+' : ''}${diff.toFixed(1)} points on one seed (run several seeds for a confidence interval).`,
  selection: (precision: string, recall: string) =>
    `Kept samples: ${precision} clean (precision), ${recall} of the clean ones kept (recall)`,
  balanced: (value: string) => `balanced accuracy ${value}`,
};
