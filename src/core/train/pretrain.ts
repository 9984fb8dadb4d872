import * as tf from '@tensorflow/tfjs';
import type { DatasetStore } from '../data/datasetRef';
import { buildSmallCnn, countMultiplyAdds, BLOCK_COUNT } from '../models/architecture';
import type { ModelCard } from '../models/card';
import type { ZooEntry } from '../models/zoo';
import { accuracy, batchTensors, epochBatches } from './batches';

export interface PretrainProgress {
  id: string;
  epoch: number;
  epochs: number;
  loss: number;
  testAccuracy?: number;
}

/**
 * Pretrains one zoo entry from its seed. Used by `npm run pretrain` (in headless Chromium for
 * WebGL speed, or in Node on the cpu backend); the result is a model and its card.
 */
export async function pretrain(
  entry: ZooEntry,
  store: DatasetStore,
  onProgress: (p: PretrainProgress) => void = () => {},
): Promise<{ model: tf.LayersModel; card: ModelCard }> {
  const started = Date.now();
  const [train, test] = await Promise.all([store.resolve(entry.train), store.resolve(entry.test)]);
  const { recipe } = entry;
  const model = buildSmallCnn({ numClasses: train.classNames.length, seed: recipe.seed });
  const optimizer = tf.train.adam(recipe.learningRate);
  model.compile({ optimizer, loss: 'categoricalCrossentropy' });
  for (let epoch = 0; epoch < recipe.epochs; epoch++) {
    if (recipe.schedule === 'cosine') {
      // AdamOptimizer reads its learningRate field on every step.
      (optimizer as unknown as { learningRate: number }).learningRate =
        recipe.learningRate * 0.5 * (1 + Math.cos((Math.PI * epoch) / recipe.epochs));
    }
    let lossSum = 0;
    const batches = epochBatches(train.labels.length, recipe.batchSize, recipe.seed, epoch);
    for (const b of batches) {
      const { x, y } = batchTensors(train, b);
      lossSum += (await model.trainOnBatch(x, y)) as number;
      tf.dispose([x, y]);
    }
    const last = epoch === recipe.epochs - 1;
    onProgress({
      id: entry.id,
      epoch: epoch + 1,
      epochs: recipe.epochs,
      loss: lossSum / batches.length,
      testAccuracy: last ? undefined : await accuracy(model, test),
    });
  }
  const testAccuracy = await accuracy(model, test);
  const card: ModelCard = {
    id: entry.id,
    name: entry.name,
    description: entry.description,
    family: 'small-cnn',
    sourceDomain: entry.sourceDomain,
    classNames: [...train.classNames],
    train: entry.train,
    test: entry.test,
    input: {
      shape: [32, 32, 3],
      range: [0, 1],
      adapter:
        entry.train.kind === 'packed'
          ? '28×28 grayscale zero-padded by 2 px to 32×32, replicated to RGB, divided by 255'
          : 'rendered at 32×32 RGB, divided by 255',
    },
    blocks: Array.from({ length: BLOCK_COUNT }, (_, i) => `block${i + 1}`),
    parameters: model.countParams(),
    multiplyAdds: countMultiplyAdds(model),
    recipe,
    trainImages: train.labels.length,
    testImages: test.labels.length,
    sourceTestAccuracy: Math.round(testAccuracy * 10000) / 10000,
    trainedWith: { backend: tf.getBackend(), tfjs: tf.version.tfjs, seconds: Math.round((Date.now() - started) / 1000) },
    reproduce: `npm run pretrain -- --only ${entry.id}`,
  };
  return { model, card };
}
