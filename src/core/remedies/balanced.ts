import { Rng, deriveSeed } from '../random';

/**
 * Class-balanced re-sampling and the metrics an imbalanced target is judged on. Pure, TF.js-free:
 * the page's tables and the engine use the same functions.
 */

/**
 * One epoch of class-balanced batches: as many draws as training images (the plain budget), each
 * a class picked uniformly among those present, then one of its images uniformly, with
 * replacement; a pure function of (seed, epoch, labels), like epochBatches.
 */
export function balancedBatches(labels: ArrayLike<number>, batchSize: number, seed: number, epoch: number): number[][] {
  const byClass = new Map<number, number[]>();
  for (let i = 0; i < labels.length; i++) {
    const list = byClass.get(labels[i]) ?? [];
    list.push(i);
    byClass.set(labels[i], list);
  }
  const classes = [...byClass.keys()].sort((a, b) => a - b).map((c) => byClass.get(c)!);
  const rng = new Rng(deriveSeed(seed, `resample:${epoch}`));
  const draws = Array.from({ length: labels.length }, () => rng.pick(rng.pick(classes)));
  const batches: number[][] = [];
  for (let i = 0; i < draws.length; i += batchSize) batches.push(draws.slice(i, i + batchSize));
  return batches;
}

/** Recall of each class (correct ÷ images of that class), null for a class with no image. */
export function perClassRecall(predictions: ArrayLike<number>, labels: ArrayLike<number>, numClasses: number): (number | null)[] {
  const hits = new Array<number>(numClasses).fill(0);
  const totals = new Array<number>(numClasses).fill(0);
  for (let i = 0; i < labels.length; i++) {
    totals[labels[i]]++;
    if (predictions[i] === labels[i]) hits[labels[i]]++;
  }
  return totals.map((n, c) => (n ? hits[c] / n : null));
}

/** Balanced accuracy: the mean recall over the classes that have images (0 with none). */
export function balancedAccuracy(predictions: ArrayLike<number>, labels: ArrayLike<number>, numClasses: number): number {
  const recalls = perClassRecall(predictions, labels, numClasses).filter((r): r is number => r !== null);
  return recalls.length ? recalls.reduce((a, b) => a + b, 0) / recalls.length : 0;
}

/**
 * How well small-loss selection avoids the flipped labels, counted over an epoch's batches:
 * precision = clean among the kept, recall = the clean samples it kept.
 */
export interface SelectionCounts {
  kept: number;
  keptClean: number;
  clean: number;
}
export const selectionQuality = ({ kept, keptClean, clean }: SelectionCounts): { precision: number; recall: number } => ({
  precision: kept ? keptClean / kept : 0,
  recall: clean ? keptClean / clean : 0,
});
