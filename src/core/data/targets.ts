import type { Target } from '../config/experiment';
import type { ShapesSpec } from './synthetic';

/**
 * Built-in target datasets offered in the UI; each becomes `target` of an experiment config.
 * Real targets draw from the held-out test split, so no source model has seen them.
 */
type BuiltinTarget = Extract<Target, { kind: 'builtin' }> & { name: string; description: string };

/** The config part of a built-in target: its display fields are looked up by `presetId`, never stored. */
export function builtinTargetConfig({
  kind,
  presetId,
  ref,
  maxPerClass,
}: BuiltinTarget | Extract<Target, { kind: 'builtin' }>): Extract<Target, { kind: 'builtin' }> {
  return { kind, presetId, ref, maxPerClass };
}

const shapes = (overrides: Partial<ShapesSpec>): ShapesSpec => ({
  shapes: ['circle', 'square', 'triangle', 'star', 'cross', 'hexagon'],
  color: 'random',
  size: [0.45, 0.85],
  jitter: 0.25,
  rotation: 180,
  background: 'mixed',
  ...overrides,
});

export const BUILTIN_TARGETS: readonly BuiltinTarget[] = [
  {
    kind: 'builtin',
    presetId: 'digits-5-9',
    name: 'Digits 5–9',
    description: 'Handwritten 5, 6, 7, 8, 9 — new classes in a familiar domain.',
    ref: { kind: 'packed', dataset: 'mnist', split: 'test', classes: [5, 6, 7, 8, 9] },
    maxPerClass: 40,
  },
  {
    kind: 'builtin',
    presetId: 'digits-5-9-paper',
    name: 'Digits 5–9 on paper',
    description: 'The same digits written dark on light, as a photo of handwriting is — the opposite of what MNIST-trained sources saw.',
    ref: { kind: 'packed', dataset: 'mnist', split: 'test', classes: [5, 6, 7, 8, 9], look: 'ink-on-paper' },
    maxPerClass: 40,
  },
  {
    kind: 'builtin',
    presetId: 'fashion',
    name: 'Fashion-MNIST',
    description: 'Ten kinds of clothing — a different domain from digits.',
    ref: { kind: 'packed', dataset: 'fashion', split: 'test' },
    maxPerClass: 30,
  },
  {
    kind: 'builtin',
    presetId: 'shapes-gray',
    name: 'Shapes (grayscale)',
    description: 'Six shapes with no colour cue at all: only shape tells them apart.',
    ref: { kind: 'shapes', spec: shapes({ color: 'grayscale', background: 'plain' }), count: 240, seed: 901 },
    maxPerClass: 40,
  },
  {
    kind: 'builtin',
    presetId: 'shapes-gray-4',
    name: 'Four grey shapes',
    description:
      'Circle, square, triangle and cross in grey, large and nearly upright: easy to learn from scratch, but only outline tells them apart.',
    ref: {
      kind: 'shapes',
      spec: shapes({
        shapes: ['circle', 'square', 'triangle', 'cross'],
        color: 'grayscale',
        background: 'plain',
        size: [0.6, 0.9],
        jitter: 0.15,
        rotation: 30,
      }),
      count: 400,
      seed: 901,
    },
    maxPerClass: 100,
  },
  {
    kind: 'builtin',
    presetId: 'shapes-any-background',
    name: 'Four shapes, any background',
    description:
      'Circle, square, triangle and cross in random colours, each on a background drawn at random (plain, stripes, noise or checks): here the background says nothing about the shape.',
    ref: {
      kind: 'shapes',
      spec: shapes({ shapes: ['circle', 'square', 'triangle', 'cross'], size: [0.5, 0.85], jitter: 0.2, rotation: 30, background: 'any' }),
      count: 800,
      seed: 903,
    },
    maxPerClass: 200,
  },
  {
    kind: 'builtin',
    presetId: 'shapes-random',
    name: 'Shapes (random colours)',
    description: 'Six shapes in random colours on varied backgrounds.',
    ref: { kind: 'shapes', spec: shapes({}), count: 240, seed: 902 },
    maxPerClass: 40,
  },
];
