import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { ModelRegistry } from './registry';
import { ZOO } from './zoo';
import { DatasetStore } from '../data/datasetRef';
import { accuracy } from '../train/batches';
import { publicFolderFetch } from '../testing/nodeFetch';

const registry = new ModelRegistry(publicFolderFetch);
const store = new DatasetStore(publicFolderFetch);
const index = await registry.listModels();

/** Accuracy targets on held-out source images, from the foundation issue. */
const TARGETS: Record<string, number> = {
  'digits-0-4': 0.98,
  digits: 0.97,
  fashion: 0.85,
  shapes: 0.95,
  'shapes-shortcut': 0.95,
  // Two epochs, like the colour shortcut: enough to read the backgrounds, which is the point.
  'shapes-background': 0.9,
};

describe('built-in source-model zoo', () => {
  it('ships every zoo entry, in zoo order', () => {
    expect(index.models.map((m) => m.id)).toEqual(ZOO.map((e) => e.id));
  });

  for (const { id, card } of index.models) {
    it(`${id}: loads as a 32×32×3 small CNN within budget and reproduces its card accuracy`, async () => {
      const before = tf.memory().numTensors;
      const model = await registry.load(id);
      expect(model.inputs[0].shape).toEqual([null, 32, 32, 3]);
      expect(model.countParams()).toBeLessThanOrEqual(100_000);
      expect(model.countParams()).toBe(card.parameters);
      expect(card.multiplyAdds).toBeLessThanOrEqual(1_200_000);
      expect(model.getLayer('head').outputShape).toEqual([null, card.classNames.length]);
      expect(card.blocks).toEqual(['block1', 'block2', 'block3', 'block4']);
      expect(card.sourceTestAccuracy).toBeGreaterThanOrEqual(TARGETS[id]);
      const test = await store.resolve(card.test);
      expect(test.labels.length).toBe(card.testImages);
      const acc = await accuracy(model, test);
      expect(Math.abs(acc - card.sourceTestAccuracy)).toBeLessThanOrEqual(0.01);
      model.dispose();
      expect(tf.memory().numTensors).toBe(before);
    });
  }

  it('held-out synthetic test images never overlap the training draw', () => {
    for (const { card } of index.models) {
      if (card.train.kind === 'shapes' && card.test.kind === 'shapes') expect(card.test.seed).not.toBe(card.train.seed);
      if (card.train.kind === 'packed' && card.test.kind === 'packed') {
        expect([card.train.split, card.test.split]).toEqual(['train', 'test']);
      }
    }
  });
});
