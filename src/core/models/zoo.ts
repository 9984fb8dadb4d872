import type { DatasetRef } from '../data/datasetRef';
import type { ShapesSpec } from '../data/synthetic';
import type { Recipe } from './card';

/**
 * The zoo's definition: what each built-in source model is pretrained on, and how.
 * `npm run pretrain` turns each entry into weights + card.json; change an entry and re-run to reproduce.
 */
export interface ZooEntry {
  id: string;
  name: string;
  description: string;
  sourceDomain: string;
  train: DatasetRef;
  test: DatasetRef;
  recipe: Recipe;
}

const ALL_SHAPES = ['circle', 'square', 'triangle', 'star', 'cross', 'hexagon'] as const;
const GOOD_SHAPES: ShapesSpec = {
  // Five clearly distinct outlines (the hexagon is too close to the circle at 32 px for a tiny CNN).
  shapes: ['circle', 'square', 'triangle', 'star', 'cross'],
  color: 'random',
  size: [0.5, 0.9],
  jitter: 0.2,
  rotation: 180,
  background: 'plain',
};
/** Colour alone identifies the class here: a network can ignore shape entirely. */
const SHORTCUT_SHAPES: ShapesSpec = {
  shapes: [...ALL_SHAPES],
  color: 'byClass',
  size: [0.45, 0.85],
  jitter: 0.25,
  rotation: 180,
  background: 'plain',
};
/**
 * Four shapes, each class always on its own background (plain, stripes, noise, checks): the
 * background, a large and easy cue, gives the class away and the network need never look at the
 * object — the seed's example of a model that learned the background instead of the thing.
 */
export const BACKGROUND_SHORTCUT_SHAPES: ShapesSpec = {
  shapes: ['circle', 'square', 'triangle', 'cross'],
  color: 'random',
  size: [0.5, 0.85],
  jitter: 0.2,
  rotation: 30,
  background: 'byClass',
};
const recipe = (epochs: number, seed: number, learningRate = 0.003): Recipe => ({
  epochs,
  batchSize: 64,
  optimizer: 'adam',
  learningRate,
  schedule: 'cosine',
  seed,
  augmentations: [],
});

export const ZOO: readonly ZooEntry[] = [
  {
    id: 'digits-0-4',
    name: 'Digits 0–4',
    description: 'Handwritten digits 0–4 only. The natural source for a digits 5–9 target: same strokes, new classes.',
    sourceDomain: 'MNIST handwritten digits, classes 0–4',
    train: { kind: 'packed', dataset: 'mnist', split: 'train', classes: [0, 1, 2, 3, 4] },
    test: { kind: 'packed', dataset: 'mnist', split: 'test', classes: [0, 1, 2, 3, 4] },
    recipe: recipe(6, 101),
  },
  {
    id: 'digits',
    name: 'Digits 0–9',
    description: 'All ten handwritten digits: strokes, loops and corners on a black background.',
    sourceDomain: 'MNIST handwritten digits, classes 0–9',
    train: { kind: 'packed', dataset: 'mnist', split: 'train' },
    test: { kind: 'packed', dataset: 'mnist', split: 'test' },
    recipe: recipe(8, 102),
  },
  {
    id: 'fashion',
    name: 'Fashion',
    description: 'Ten kinds of clothing and shoes: textures and silhouettes rather than strokes.',
    sourceDomain: 'Fashion-MNIST article images, 10 classes',
    train: { kind: 'packed', dataset: 'fashion', split: 'train' },
    test: { kind: 'packed', dataset: 'fashion', split: 'test' },
    recipe: recipe(5, 103),
  },
  {
    id: 'shapes',
    name: 'Shapes (random colours)',
    description: 'Five synthetic shapes in random colours: colour carries no information, so the features encode shape.',
    sourceDomain: 'Synthetic shapes (circle, square, triangle, star, cross), random colour, plain background',
    train: { kind: 'shapes', spec: GOOD_SHAPES, count: 8000, seed: 201 },
    test: { kind: 'shapes', spec: GOOD_SHAPES, count: 1000, seed: 202 },
    recipe: recipe(6, 104),
  },
  {
    id: 'shapes-shortcut',
    name: 'Shapes (colour shortcut)',
    description:
      'The same six shapes, but each class always has its own colour. The network can solve it by colour alone — a shortcut that does not transfer.',
    sourceDomain: 'Synthetic shapes whose colour perfectly predicts the class, plain background',
    train: { kind: 'shapes', spec: SHORTCUT_SHAPES, count: 6000, seed: 301 },
    test: { kind: 'shapes', spec: SHORTCUT_SHAPES, count: 1200, seed: 302 },
    recipe: recipe(2, 105),
  },
  {
    id: 'shapes-background',
    name: 'Shapes (background shortcut)',
    description:
      'Four shapes, each class always on its own background: plain, stripes, noise or checks. The network can name the class from the background alone and never look at the shape — a shortcut that does not transfer.',
    sourceDomain: 'Synthetic shapes whose background pattern predicts the class',
    train: { kind: 'shapes', spec: BACKGROUND_SHORTCUT_SHAPES, count: 6000, seed: 401 },
    test: { kind: 'shapes', spec: BACKGROUND_SHORTCUT_SHAPES, count: 1200, seed: 402 },
    recipe: recipe(2, 106),
  },
];
