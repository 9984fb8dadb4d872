import { Rng, deriveSeed } from '../random';
import type { ImageSet } from './imageSet';

/** At most `max` images per class, drawn with a per-class seeded stream; returned in index order. */
export function capPerClass(set: ImageSet, max: number, seed: number): number[] {
  const byClass: number[][] = set.classNames.map(() => []);
  set.labels.forEach((l, i) => byClass[l].push(i));
  const kept = byClass.flatMap((indices, c) => new Rng(deriveSeed(seed, `cap:${c}`)).shuffle(indices).slice(0, max));
  return kept.sort((a, b) => a - b);
}
