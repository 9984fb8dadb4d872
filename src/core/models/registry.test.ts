import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { ModelRegistry, blockCount, buildTransferModel, featureExtractor, freezeUpTo, scratchTwin } from './registry';
import { generateShapes, DEFAULT_SHAPES } from '../data/synthetic';
import { batchTensors } from '../train/batches';
import { publicFolderFetch } from '../testing/nodeFetch';

const registry = new ModelRegistry(publicFolderFetch);
const SOURCE = 'shapes-shortcut';
const target = generateShapes(DEFAULT_SHAPES, 16, 1).set; // 4 classes

const weightsOf = (model: tf.LayersModel, prefix: string) =>
  model.layers.filter((l) => l.name.startsWith(prefix)).flatMap((l) => l.getWeights().map((w) => w.dataSync().slice()));

async function trainStep(model: tf.LayersModel) {
  model.compile({ optimizer: tf.train.sgd(0.5), loss: 'categoricalCrossentropy' });
  const { x, y } = batchTensors(
    target,
    Array.from({ length: 16 }, (_, i) => i),
  );
  await model.trainOnBatch(x, y);
  tf.dispose([x, y]);
}

describe('model registry', () => {
  it('every load is an independent copy', async () => {
    const a = await registry.load(SOURCE);
    const b = await registry.load(SOURCE);
    const before = weightsOf(b, 'block1')[0];
    const head = a.getLayer('head');
    head.setWeights(head.getWeights().map((w) => tf.zerosLike(w)));
    a.getLayer('block1_conv').setWeights(
      a
        .getLayer('block1_conv')
        .getWeights()
        .map((w) => tf.zerosLike(w)),
    );
    expect(weightsOf(b, 'block1')[0]).toEqual(before);
    a.dispose();
    b.dispose();
  });

  it('cuts at a named block and attaches a fresh head for N classes', async () => {
    const source = await registry.load(SOURCE);
    const srcBlock2 = weightsOf(source, 'block2');
    const model = buildTransferModel(source, { numClasses: 4, cutBlock: 2, seed: 1 });
    expect(model.outputs[0].shape).toEqual([null, 4]);
    expect(blockCount(model)).toBe(2);
    expect(model.layers.map((l) => l.name)).toEqual(['input', 'block1_conv', 'block1_pool', 'block2_conv', 'block2_pool', 'gap', 'head']);
    expect(weightsOf(model, 'block2')).toEqual(srcBlock2);
    const features = featureExtractor(model, 2);
    expect(features.outputs[0].shape).toEqual([null, 16]);
    model.dispose();
  });

  for (const k of [1, 3]) {
    it(`freezing up to block ${k} keeps those weights bit-identical through a training step; the rest and the head change`, async () => {
      const model = buildTransferModel(await registry.load(SOURCE), { numClasses: 4, seed: 2 });
      const frozen = freezeUpTo(model, k);
      expect(frozen).toEqual(model.layers.filter((l) => /^block(\d)_/.test(l.name) && Number(l.name[5]) <= k).map((l) => l.name));
      const snapshot = (b: number) => weightsOf(model, `block${b}_`);
      const beforeFrozen = Array.from({ length: k }, (_, i) => snapshot(i + 1));
      const beforeNext = snapshot(k + 1);
      const beforeHead = weightsOf(model, 'head');
      await trainStep(model);
      Array.from({ length: k }, (_, i) => expect(snapshot(i + 1)).toEqual(beforeFrozen[i]));
      expect(snapshot(k + 1)).not.toEqual(beforeNext);
      expect(weightsOf(model, 'head')).not.toEqual(beforeHead);
      model.dispose();
    });
  }

  it('the scratch twin has the same layer shapes, fresh backbone weights and the same head', async () => {
    const model = buildTransferModel(await registry.load(SOURCE), { numClasses: 4, seed: 3 });
    const twin = await scratchTwin(model, 3);
    const again = await scratchTwin(model, 3);
    expect(twin.layers.map((l) => [l.name, l.getWeights().map((w) => w.shape)])).toEqual(
      model.layers.map((l) => [l.name, l.getWeights().map((w) => w.shape)]),
    );
    for (let b = 1; b <= 4; b++) expect(weightsOf(twin, `block${b}_`)).not.toEqual(weightsOf(model, `block${b}_`));
    expect(weightsOf(twin, 'head')).toEqual(weightsOf(model, 'head'));
    expect(weightsOf(again, 'block1')).toEqual(weightsOf(twin, 'block1')); // seeded
    [model, twin, again].forEach((m) => m.dispose());
  });

  it('leaks no tensors across load → cut → train → dispose', async () => {
    // Warm up once: TF.js keeps a few backend-wide tensors on first use.
    const warm = buildTransferModel(await registry.load(SOURCE), { numClasses: 4, seed: 4 });
    await trainStep(warm);
    warm.dispose();
    const before = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) {
      const model = buildTransferModel(await registry.load(SOURCE), { numClasses: 4, cutBlock: 3, seed: i });
      freezeUpTo(model, 1);
      await trainStep(model);
      const twin = await scratchTwin(model, i);
      await trainStep(twin);
      (model.optimizer as tf.Optimizer).dispose();
      (twin.optimizer as tf.Optimizer).dispose();
      model.dispose();
      twin.dispose();
    }
    expect(tf.memory().numTensors).toBe(before);
  });
});
