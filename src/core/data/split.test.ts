import { describe, expect, it } from 'vitest';
import { experimentSplit, stratifiedSplit } from './split';
import { deriveSeed } from '../random';
import { capPerClass } from './sampling';
import { classCounts, subset, type ImageSet } from './imageSet';

const labelsOnly = (perClass: number[]): ImageSet => ({
  width: 1,
  height: 1,
  channels: 1,
  pixels: new Uint8Array(perClass.reduce((a, b) => a + b, 0)).map((_, i) => i % 256),
  labels: Uint16Array.from(perClass.flatMap((n, c) => new Array<number>(n).fill(c))),
  classNames: perClass.map((_, c) => `c${c}`),
});

describe('splits and caps', () => {
  it('stratified split keeps every class on both sides, is seeded, and partitions the set', () => {
    const set = labelsOnly([10, 3, 2, 50]);
    const a = stratifiedSplit(set, 0.2, 1);
    expect(classCounts(subset(set, a.validation))).toEqual([2, 1, 1, 10]);
    expect(classCounts(subset(set, a.train))).toEqual([8, 2, 1, 40]);
    expect([...a.train, ...a.validation].sort((x, y) => x - y)).toEqual(Array.from({ length: 65 }, (_, i) => i));
    expect(stratifiedSplit(set, 0.2, 1)).toEqual(a);
    expect(stratifiedSplit(set, 0.2, 2)).not.toEqual(a);
  });

  it('capPerClass keeps at most N per class, seeded', () => {
    const set = labelsOnly([10, 3, 20]);
    const kept = capPerClass(set, 5, 9);
    expect(classCounts(subset(set, kept))).toEqual([5, 3, 5]);
    expect(capPerClass(set, 5, 9)).toEqual(kept);
    expect(capPerClass(set, 5, 10)).not.toEqual(kept);
  });

  it('an experiment split carves the blend split from the training side only: validation is the same with or without it, and the three partition the set', () => {
    const set = labelsOnly([20, 10, 40]);
    const plain = experimentSplit(set, { validationFraction: 0.2 }, 7);
    expect(plain.blend).toEqual([]);
    expect(plain).toEqual({ ...stratifiedSplit(set, 0.2, deriveSeed(7, 'split')), blend: [] });
    const s = experimentSplit(set, { validationFraction: 0.2, blendFraction: 0.25 }, 7);
    expect(s.validation).toEqual(plain.validation);
    expect(classCounts(subset(set, s.blend))).toEqual([4, 2, 8]);
    expect(classCounts(subset(set, s.train))).toEqual([12, 6, 24]);
    expect([...s.train, ...s.validation, ...s.blend].sort((x, y) => x - y)).toEqual(Array.from({ length: 70 }, (_, i) => i));
    expect(experimentSplit(set, { validationFraction: 0.2, blendFraction: 0.25 }, 7)).toEqual(s);
  });
});
