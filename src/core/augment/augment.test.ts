import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { Rng } from '../random';
import { augmentBatch } from './augment';
import {
  AUGMENTATION_KINDS,
  AugmentationsSchema,
  DEFAULT_AUGMENTATIONS,
  enabledKinds,
  type AugmentationKind,
  type Augmentations,
} from './schema';

const SHAPE: [number, number, number, number] = [4, 16, 16, 3];

/** Random images in (0, 1): no exact 0s or 1s, so any change (incl. cutout zeros, clipping) is visible. */
function images(seed = 1, shape = SHAPE): tf.Tensor4D {
  const rng = new Rng(seed);
  const size = shape.reduce((a, b) => a * b, 1);
  return tf.tensor4d(
    Float32Array.from({ length: size }, () => rng.uniform(0.05, 0.95)),
    shape,
  );
}

/** Strengths chosen so that every kind visibly changes a random image. */
const STRONG: Record<AugmentationKind, number> = {
  hflip: 1,
  vflip: 1,
  rotate: 30,
  rot90: 1,
  crop: 0.5,
  translate: 0.2,
  noise: 0.1,
  brightness: 0.3,
  contrast: 0.5,
  saturation: 0.8,
  hue: 0.3,
  blur: 1.5,
  cutout: 0.4,
};

function config(kinds: readonly AugmentationKind[], p = 1): Augmentations {
  const a = AugmentationsSchema.parse({});
  for (const k of kinds) a[k] = { enabled: true, p, strength: STRONG[k] };
  return a;
}

/** Runs augmentBatch and returns its values, disposing the result. */
function run(x: tf.Tensor4D, aug: Augmentations, seed: number): Float32Array {
  const y = augmentBatch(x, aug, seed);
  expect(y.shape).toEqual(x.shape);
  expect(y.dtype).toBe('float32');
  const v = y.dataSync() as Float32Array;
  y.dispose();
  return v;
}

const same = (a: Float32Array, b: Float32Array) => a.length === b.length && a.every((v, i) => v === b[i]);
const imageSize = SHAPE[1] * SHAPE[2] * SHAPE[3];
const imageEqual = (a: Float32Array, b: Float32Array, i: number) =>
  same(a.subarray(i * imageSize, (i + 1) * imageSize), b.subarray(i * imageSize, (i + 1) * imageSize));

describe('augmentBatch', () => {
  it.each(AUGMENTATION_KINDS)('%s alone with p=1 keeps shape, dtype and range, and changes every image', (kind) => {
    const x = images();
    const input = x.dataSync() as Float32Array;
    const out = run(x, config([kind]), 3);
    expect(out.every((v) => v >= 0 && v <= 1)).toBe(true);
    for (let i = 0; i < SHAPE[0]; i++) expect(imageEqual(out, input, i)).toBe(false);
    x.dispose();
  });

  it('hflip matches tf.reverse on the width axis; flips with p=1 applied twice are the identity', () => {
    const x = images();
    const input = x.dataSync() as Float32Array;
    const rev = tf.reverse(x, 2);
    expect(same(run(x, config(['hflip']), 5), rev.dataSync() as Float32Array)).toBe(true);
    rev.dispose();
    for (const kind of ['hflip', 'vflip'] as const) {
      const once = augmentBatch(x, config([kind]), 5);
      expect(same(run(once, config([kind]), 5), input)).toBe(true);
      once.dispose();
    }
    // With p = 0.5 the same seed flips the same images again: still an involution, image by image.
    const half = config(['vflip'], 0.5);
    const a = augmentBatch(x, half, 12);
    const av = a.dataSync() as Float32Array;
    expect([0, 1, 2, 3].some((i) => imageEqual(av, input, i))).toBe(true);
    expect([0, 1, 2, 3].some((i) => !imageEqual(av, input, i))).toBe(true);
    expect(same(run(a, half, 12), input)).toBe(true);
    tf.dispose([a, x]);
  });

  it('rot90 gives an exact quarter turn of every image in the batch', () => {
    const x = images();
    const out = run(x, config(['rot90']), 8);
    const t = tf.transpose(x, [0, 2, 1, 3]);
    const turns = [tf.reverse(t, 2), tf.reverse(x, [1, 2]), tf.reverse(t, 1)].map((r) => r.dataSync() as Float32Array);
    for (let i = 0; i < SHAPE[0]; i++) expect(turns.some((r) => imageEqual(out, r, i))).toBe(true);
    x.dispose();
    t.dispose();
  });

  it('geometric kinds at strength 0 are the identity for every image (batched transform)', () => {
    const x = images();
    const input = x.dataSync() as Float32Array;
    for (const kind of ['crop', 'rotate', 'translate'] as const) {
      const aug = config([kind]);
      aug[kind].strength = 0;
      expect(same(run(x, aug, 6), input)).toBe(true);
    }
    x.dispose();
  });

  it('colour maps leave grey images grey: saturation and hue do not move them, contrast keeps the mean', () => {
    const rng = new Rng(4);
    const grey = tf.tidy(
      () =>
        tf
          .tensor4d(
            Float32Array.from({ length: 4 * 16 * 16 }, () => rng.uniform(0.3, 0.7)),
            [4, 16, 16, 1],
          )
          .tile([1, 1, 1, 3]) as tf.Tensor4D,
    );
    const input = grey.dataSync() as Float32Array;
    const out = run(grey, config(['saturation', 'hue']), 2);
    expect(out.every((v, i) => Math.abs(v - input[i]) < 1e-5)).toBe(true);
    const aug = config(['contrast']);
    aug.contrast.strength = 0.3; // mid-range inputs stay inside [0, 1], so nothing is clipped
    const mean = (v: Float32Array) => v.reduce((s, a) => s + a, 0) / v.length;
    const contrasted = run(grey, aug, 2);
    expect(mean(contrasted)).toBeCloseTo(mean(input), 4);
    expect(same(contrasted, input)).toBe(false);
    grey.dispose();
  });

  it('is reproducible per seed and differs across seeds (all kinds on)', () => {
    const x = images();
    const all = config(AUGMENTATION_KINDS, 0.7);
    const a = run(x, all, 11);
    expect(same(a, run(x, all, 11))).toBe(true);
    expect(same(a, run(x, all, 12))).toBe(false);
    expect(a.every((v) => v >= 0 && v <= 1)).toBe(true);
    x.dispose();
  });

  it('p=0 with every kind enabled, and everything disabled, are the exact identity', () => {
    const x = images();
    const input = x.dataSync() as Float32Array;
    expect(same(run(x, config(AUGMENTATION_KINDS, 0), 4), input)).toBe(true);
    expect(same(run(x, DEFAULT_AUGMENTATIONS, 4), input)).toBe(true);
    x.dispose();
  });

  it('with p=0.5, unselected images are bit-identical and selected ones change', () => {
    const x = images(2, [16, 16, 16, 3]);
    const input = x.dataSync() as Float32Array;
    for (const kind of ['rotate', 'contrast', 'hue', 'blur', 'noise'] as const) {
      const out = run(x, config([kind], 0.5), 9);
      const unchanged = Array.from({ length: 16 }, (_, i) => imageEqual(out, input, i));
      expect(unchanged.some(Boolean)).toBe(true);
      expect(unchanged.every(Boolean)).toBe(false);
    }
    x.dispose();
  });

  it("draws per kind are independent: adding cutout does not change the flips' draws", () => {
    const x = images(2, [16, 16, 16, 3]);
    const flips = run(x, config(['hflip'], 0.5), 21);
    const both = run(x, config(['hflip', 'cutout'], 0.5), 21);
    expect(both.every((v, i) => v === flips[i] || v === 0)).toBe(true);
    expect(same(both, flips)).toBe(false);
    x.dispose();
  });

  it('leaks no tensors and leaves the input alive', () => {
    const x = images();
    const before = tf.memory().numTensors;
    for (const aug of [config(AUGMENTATION_KINDS), config(AUGMENTATION_KINDS, 0.5), DEFAULT_AUGMENTATIONS])
      augmentBatch(x, aug, 7).dispose();
    expect(tf.memory().numTensors).toBe(before);
    expect(x.isDisposed).toBe(false);
    x.dispose();
  });
});

describe('AugmentationsSchema', () => {
  it('parses {} to the all-off defaults and fills partial entries', () => {
    expect(AugmentationsSchema.parse({})).toEqual(DEFAULT_AUGMENTATIONS);
    expect(enabledKinds(DEFAULT_AUGMENTATIONS)).toEqual([]);
    for (const k of AUGMENTATION_KINDS) expect(DEFAULT_AUGMENTATIONS[k]).toMatchObject({ enabled: false, p: 0.5 });
    const a = AugmentationsSchema.parse({ hue: { enabled: true } });
    expect(a.hue).toEqual({ ...DEFAULT_AUGMENTATIONS.hue, enabled: true });
    expect(enabledKinds(a)).toEqual(['hue']);
    expect(enabledKinds({ ...a, hue: { ...a.hue, p: 0 } })).toEqual([]);
  });

  it('does not share default objects between parses', () => {
    const a = AugmentationsSchema.parse({});
    a.blur.enabled = true;
    expect(AugmentationsSchema.parse({}).blur.enabled).toBe(false);
  });

  it('rejects invalid values', () => {
    expect(AugmentationsSchema.safeParse({ hflip: { enabled: true, p: 2, strength: 1 } }).success).toBe(false);
    expect(AugmentationsSchema.safeParse({ rotate: { enabled: true, p: 0.5, strength: 400 } }).success).toBe(false);
    expect(AugmentationsSchema.safeParse({ noise: { enabled: 'yes' } }).success).toBe(false);
  });
});
