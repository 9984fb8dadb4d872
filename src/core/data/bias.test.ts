import { describe, expect, it } from 'vitest';
import {
  BiasSchema,
  DEFAULT_BIAS,
  PIXEL_SHIFT_KINDS,
  SHIFT_KINDS,
  applyTrainBias,
  plannedCounts,
  shiftAmount,
  shiftImages,
  shiftedShapesSpec,
  type Bias,
} from './bias';
import { classCounts, type ImageSet } from './imageSet';
import { Rng } from '../random';
import { DEFAULT_SHAPES, ShapesSpecSchema, type ShapesSpec } from './synthetic';

/** perClass[c] images of class c, classes interleaved; 2×2 gray images whose first two pixels encode the index. */
const labelled = (perClass: number[]): ImageSet => {
  const labels: number[] = [];
  const left = [...perClass];
  while (left.some((n) => n > 0))
    left.forEach((n, c) => {
      if (n > 0) labels.push(c);
      left[c]--;
    });
  return {
    width: 2,
    height: 2,
    channels: 1,
    pixels: Uint8Array.from(labels.flatMap((_, i) => [i & 255, i >> 8, 9, 99])),
    labels: Uint16Array.from(labels),
    classNames: perClass.map((_, c) => `c${c}`),
  };
};

/** Smooth gradient + seeded texture, mid-range values: every shift has room to move pixels. */
const photos = (count: number, side = 16, channels: 1 | 3 = 3): ImageSet => {
  const rng = new Rng(42);
  const pixels = new Uint8Array(count * side * side * channels);
  for (let i = 0; i < count; i++)
    for (let y = 0; y < side; y++)
      for (let x = 0; x < side; x++)
        for (let c = 0; c < channels; c++)
          pixels[((i * side + y) * side + x) * channels + c] = Math.round(40 + (x * 100) / side + (y * 40) / side + rng.uniform(0, 60));
  return {
    width: side,
    height: side,
    channels,
    pixels,
    labels: Uint16Array.from({ length: count }, (_, i) => i % 2),
    classNames: ['a', 'b'],
  };
};

/** Source index of every image of a `labelled` set. */
const ids = (s: ImageSet) => Array.from({ length: s.labels.length }, (_, i) => s.pixels[i * 4] + 256 * s.pixels[i * 4 + 1]);
const bias = (overrides: Partial<Bias>): Bias => ({ ...DEFAULT_BIAS, ...overrides });
const noise = (fraction: number, mode: 'symmetric' | 'pair' = 'symmetric') => bias({ labelNoise: { fraction, mode } });
const meanAbsDiff = (a: Uint8Array, b: Uint8Array) => a.reduce((s, v, i) => s + Math.abs(v - b[i]), 0) / a.length;
const same = (a: Uint8Array | Uint16Array, b: Uint8Array | Uint16Array) => a.length === b.length && a.every((v, i) => v === b[i]);

describe('schema', () => {
  it('defaults parse to DEFAULT_BIAS and mean "no bias"', () => {
    expect(BiasSchema.parse({})).toEqual(DEFAULT_BIAS);
    expect(DEFAULT_BIAS).toEqual({
      samplesPerClass: 'all',
      imbalanceRatio: 1,
      labelNoise: { fraction: 0, mode: 'symmetric' },
      shift: { kind: 'none', severity: 3 },
    });
    expect(BiasSchema.parse({ labelNoise: { fraction: 0.3 } }).labelNoise).toEqual({ fraction: 0.3, mode: 'symmetric' });
  });

  it('rejects invalid values', () => {
    for (const bad of [
      { samplesPerClass: 3 },
      { samplesPerClass: 'some' },
      { imbalanceRatio: 0.5 },
      { imbalanceRatio: 101 },
      { labelNoise: { fraction: 0.9 } },
      { labelNoise: { fraction: -0.1 } },
      { labelNoise: { mode: 'flip' } },
      { shift: { kind: 'fog' } },
      { shift: { kind: 'blur', severity: 0 } },
      { shift: { kind: 'blur', severity: 2.5 } },
      { shift: { kind: 'blur', severity: 6 } },
    ])
      expect(BiasSchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
  });
});

describe('label noise', () => {
  const set = labelled([20, 20, 20, 20, 20]);

  it.each([0.2, 0.5])('corrupts exactly %s of the labels, always to another class', (fraction) => {
    const out = applyTrainBias(set, noise(fraction), 3);
    const flipped = out.set.labels.reduce((n, l, i) => n + (l !== out.trueLabels[i] ? 1 : 0), 0);
    expect(flipped).toBe(Math.round(fraction * 100));
    expect(out.noisy.reduce((a, b) => a + b, 0)).toBe(flipped);
    out.noisy.forEach((m, i) => expect(m === 1).toBe(out.set.labels[i] !== out.trueLabels[i]));
    // Only labels change: same images, same order, true labels are the originals.
    expect(same(out.set.pixels, set.pixels)).toBe(true);
    expect(same(out.trueLabels, set.labels)).toBe(true);
    expect(out.cleanCounts).toEqual(classCounts(set));
    expect(out.noisyCounts).toEqual(classCounts(out.set));
    expect(out.noisyCounts.reduce((a, b) => a + b, 0)).toBe(100);
  });

  it('symmetric noise spreads over all other classes', () => {
    const out = applyTrainBias(set, noise(0.8), 5);
    const targets = new Set<number>();
    out.noisy.forEach((m, i) => m && out.trueLabels[i] === 0 && targets.add(out.set.labels[i]));
    expect([...targets].sort()).toEqual([1, 2, 3, 4]);
  });

  it('pair mode maps c → c+1 mod K', () => {
    const out = applyTrainBias(set, noise(0.5, 'pair'), 4);
    let seen = 0;
    out.noisy.forEach((m, i) => {
      if (m) expect(out.set.labels[i]).toBe((out.trueLabels[i] + 1) % 5);
      else expect(out.set.labels[i]).toBe(out.trueLabels[i]);
      if (m && out.trueLabels[i] === 4) seen++;
    });
    expect(seen).toBeGreaterThan(0); // the wrap-around 4 → 0 was exercised
  });

  it('zero noise leaves labels untouched; a single class cannot be corrupted', () => {
    const out = applyTrainBias(set, DEFAULT_BIAS, 1);
    expect(same(out.set.labels, set.labels)).toBe(true);
    expect(out.noisy.every((m) => m === 0)).toBe(true);
    const one = applyTrainBias(labelled([10]), noise(0.5), 1);
    expect(one.noisy.every((m) => m === 0)).toBe(true);
  });
});

describe('few-shot and imbalance', () => {
  const counts = [60, 60, 60, 60, 60];
  const set = labelled(counts);

  it.each([
    ['all', 1],
    [1, 1],
    [5, 1],
    ['all', 2],
    ['all', 10],
    [50, 10],
    [20, 2],
    [5, 10],
    [10, 100],
  ] as const)('samplesPerClass=%s, ratio=%s gives exactly plannedCounts', (samplesPerClass, imbalanceRatio) => {
    const b = bias({ samplesPerClass, imbalanceRatio, labelNoise: { fraction: 0.3, mode: 'symmetric' } });
    const planned = plannedCounts(counts, b);
    const out = applyTrainBias(set, b, 11);
    expect(out.cleanCounts).toEqual(planned);
    expect(classCounts({ ...out.set, labels: out.trueLabels })).toEqual(planned);
    expect(out.set.labels.length).toBe(planned.reduce((a, b) => a + b, 0));
    // Label noise keeps the number of images.
    expect(out.noisyCounts.reduce((a, b) => a + b, 0)).toBe(out.set.labels.length);
  });

  it('few-shot caps every class and keeps images with their labels', () => {
    expect(plannedCounts(counts, bias({ samplesPerClass: 1 }))).toEqual([1, 1, 1, 1, 1]);
    expect(plannedCounts(counts, bias({ samplesPerClass: 5 }))).toEqual([5, 5, 5, 5, 5]);
    expect(plannedCounts([3, 8, 0], bias({ samplesPerClass: 5 }))).toEqual([3, 5, 0]);
    expect(plannedCounts(counts, DEFAULT_BIAS)).toEqual(counts);
    // Each kept image's pixels name its source index, whose label must match; order is kept.
    const out = applyTrainBias(set, bias({ samplesPerClass: 5 }), 2);
    const src = ids(out.set);
    out.trueLabels.forEach((l, i) => expect(set.labels[src[i]]).toBe(l));
    expect(src).toEqual([...src].sort((a, b) => a - b));
  });

  it.each([2, 5, 10, 30])('ratio %s: max/min matches, class 0 is the head, counts decay', (ratio) => {
    const planned = plannedCounts(counts, bias({ imbalanceRatio: ratio }));
    expect(planned[0]).toBe(60);
    for (let c = 1; c < planned.length; c++) expect(planned[c]).toBeLessThanOrEqual(planned[c - 1]);
    const [max, min] = [Math.max(...planned), Math.min(...planned)];
    // Within integer rounding of the tail count.
    expect(max / (min + 0.5)).toBeLessThanOrEqual(ratio);
    expect(max / Math.max(1, min - 0.5)).toBeGreaterThanOrEqual(ratio);
  });

  it('imbalance never asks a class for more images than it has, and keeps every class', () => {
    for (const cc of [
      [10, 50, 30, 5],
      [7, 3, 100],
      [1, 1, 1],
    ]) {
      for (const imbalanceRatio of [1, 2, 10, 100]) {
        const planned = plannedCounts(cc, bias({ imbalanceRatio }));
        planned.forEach((n, c) => {
          expect(n).toBeGreaterThanOrEqual(1);
          expect(n).toBeLessThanOrEqual(cc[c]);
        });
      }
    }
    expect(plannedCounts([10, 50, 30, 5], bias({ imbalanceRatio: 1 }))).toEqual([10, 50, 30, 5]);
  });

  it('is deterministic per seed, differs across seeds, and few-shot subsets nest', () => {
    const b = bias({ samplesPerClass: 10, imbalanceRatio: 5, labelNoise: { fraction: 0.2, mode: 'symmetric' } });
    const a = applyTrainBias(set, b, 7);
    expect(applyTrainBias(set, b, 7)).toEqual(a);
    const c = applyTrainBias(set, b, 8);
    expect(c.cleanCounts).toEqual(a.cleanCounts);
    expect(same(c.set.pixels, a.set.pixels)).toBe(false);
    expect(same(applyTrainBias(set, noise(0.2), 8).noisy, applyTrainBias(set, noise(0.2), 7).noisy)).toBe(false);
    const one = ids(applyTrainBias(set, bias({ samplesPerClass: 1 }), 7).set);
    const five = new Set(ids(applyTrainBias(set, bias({ samplesPerClass: 5 }), 7).set));
    for (const id of one) expect(five.has(id)).toBe(true);
  });
});

describe('pixel shifts', () => {
  const set = photos(6);

  it.each(PIXEL_SHIFT_KINDS)('%s: deterministic, same shape, and stronger with severity', (kind) => {
    let previous = 0;
    for (let severity = 1; severity <= 5; severity++) {
      const out = shiftImages(set, kind, severity, 9);
      expect(shiftImages(set, kind, severity, 9)).toEqual(out);
      expect([out.width, out.height, out.channels, out.pixels.length]).toEqual([set.width, set.height, set.channels, set.pixels.length]);
      expect(same(out.labels, set.labels)).toBe(true);
      const d = meanAbsDiff(out.pixels, set.pixels);
      expect(d, `${kind} severity ${severity}`).toBeGreaterThan(previous);
      previous = d;
    }
    expect(shiftImages(set, kind, 3, 9).pixels).not.toBe(set.pixels);
  });

  it('seeded kinds depend on the seed; deterministic kinds do not', () => {
    const differs = (kind: (typeof PIXEL_SHIFT_KINDS)[number]) =>
      !same(shiftImages(set, kind, 3, 1).pixels, shiftImages(set, kind, 3, 2).pixels);
    expect(differs('noise')).toBe(true);
    expect(differs('rotation')).toBe(true);
    expect(differs('brightness')).toBe(false);
  });

  it('known values: brightness adds, full inversion negates, contrast keeps the mean', () => {
    const flat: ImageSet = {
      width: 2,
      height: 1,
      channels: 1,
      pixels: Uint8Array.from([100, 200]),
      labels: Uint16Array.from([0]),
      classNames: ['x'],
    };
    expect([...shiftImages(flat, 'brightness', 2, 0).pixels]).toEqual([177, 255]);
    expect([...shiftImages(flat, 'invert', 5, 0).pixels]).toEqual([155, 55]);
    expect([...shiftImages(flat, 'contrast', 5, 0).pixels]).toEqual([145, 155]);
    const gray = photos(2, 8, 1);
    expect(shiftImages(gray, 'blur', 2, 0).pixels.length).toBe(gray.pixels.length);
  });

  it('rejects severities outside 1–5', () => {
    expect(() => shiftImages(set, 'blur', 0, 1)).toThrow(/severity must be 1–5, got 0/);
    expect(() => shiftImages(set, 'blur', 6, 1)).toThrow(/severity must be 1–5, got 6/);
    expect(() => shiftedShapesSpec(DEFAULT_SHAPES, 2.5)).toThrow(/severity must be 1–5, got 2\.5/);
  });
});

describe('background shift and descriptions', () => {
  it.each(['plain', 'texture', 'noise', 'mixed'] as const)('%s: every severity gives a valid, different spec', (background) => {
    const spec: ShapesSpec = { ...DEFAULT_SHAPES, background };
    let area = Infinity;
    for (let severity = 1; severity <= 5; severity++) {
      const shifted = shiftedShapesSpec(spec, severity);
      expect(ShapesSpecSchema.parse(shifted)).toEqual(shifted);
      expect(shifted.background).not.toBe(background);
      expect(shifted.shapes).toEqual(spec.shapes);
      expect(shifted.size[0]).toBeLessThanOrEqual(area); // shapes never grow with severity
      area = shifted.size[0];
    }
    expect(shiftedShapesSpec(spec, 5).size[1]).toBeLessThan(spec.size[1]);
  });

  it('every kind names its strength, growing with severity', () => {
    expect(shiftAmount('brightness', 2)).toBeCloseTo(0.3);
    expect(shiftAmount('invert', 5)).toBe(100);
    expect(shiftAmount('contrast', 1)).toBeCloseTo(0.82);
    for (const kind of SHIFT_KINDS.filter((k) => k !== 'none' && k !== 'contrast' && k !== 'background'))
      expect(shiftAmount(kind, 4)).toBeGreaterThan(shiftAmount(kind, 1));
  });
});
