import { Rng, deriveSeed } from '../random';
import type { ImageSet } from './imageSet';

export interface SplitIndices {
  train: number[];
  validation: number[];
}

/**
 * Stratified, seeded split: each class is shuffled with its own stream and cut at the same
 * fraction, so class balance is kept and adding a class never reshuffles the others.
 * Every class with ≥ 2 images gets at least one image on each side.
 */
export function stratifiedSplit(set: ImageSet, validationFraction: number, seed: number): SplitIndices {
  const byClass: number[][] = set.classNames.map(() => []);
  set.labels.forEach((l, i) => byClass[l].push(i));
  const train: number[] = [];
  const validation: number[] = [];
  byClass.forEach((indices, c) => {
    const rng = new Rng(deriveSeed(seed, `split:${c}`));
    rng.shuffle(indices);
    let nVal = Math.round(indices.length * validationFraction);
    if (indices.length >= 2) nVal = Math.min(Math.max(nVal, 1), indices.length - 1);
    validation.push(...indices.slice(0, nVal));
    train.push(...indices.slice(nVal));
  });
  const byIndex = (a: number, b: number) => a - b;
  return { train: train.sort(byIndex), validation: validation.sort(byIndex) };
}

/**
 * An experiment's split of a set: validation first, then the blend split (fusion's fitting data,
 * `blendFraction` of what is left) carved from the training side. Indices into `set`; the engine
 * and the UI's split summary both call this, so the counts shown are the counts trained on.
 */
export function experimentSplit(
  set: ImageSet,
  split: { validationFraction: number; blendFraction?: number },
  seed: number,
): SplitIndices & { blend: number[] } {
  const first = stratifiedSplit(set, split.validationFraction, deriveSeed(seed, 'split'));
  const blendFraction = split.blendFraction ?? 0;
  if (blendFraction <= 0) return { ...first, blend: [] };
  const trainLabels = { ...set, labels: Uint16Array.from(first.train, (i) => set.labels[i]) };
  const carved = stratifiedSplit(trainLabels, blendFraction, deriveSeed(seed, 'blend'));
  return {
    train: carved.train.map((i) => first.train[i]),
    validation: first.validation,
    blend: carved.validation.map((i) => first.train[i]),
  };
}
