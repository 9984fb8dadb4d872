import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { buildTransferModel, disposeModels } from '../models/registry';
import { datasets, forgettingConfig, registry } from '../testing/experimentHarness';
import { toInputTensor } from '../data/tensors';
import { distillationLoss } from './regularizers';
import { prepareTarget } from './experiment';
import { TrainableRun } from './run';

describe('LwF', () => {
  it('LwF keeps the old head’s answers on the training images closer to the originals than plain fine-tuning', async () => {
    const data = await prepareTarget(forgettingConfig({}), datasets);
    const labels = Int32Array.from(data.train.labels);
    const drift = async (lwf: number) => {
      const source = await registry.load('digits-0-4');
      const model = buildTransferModel(source, { numClasses: 10, seed: 1, keepSource: true });
      const before = source.predict(toInputTensor(data.train, null)) as tf.Tensor2D;
      const task = { model: source, images: data.train, labels, l2sp: 0, lwf, temperature: 2 };
      const run = new TrainableRun(
        model,
        { train: data.train, val: data.val, trainLabels: labels, valLabels: Int32Array.from(data.val.labels), numClasses: 10 },
        0.003,
        { source: task },
      );
      const all = Array.from({ length: labels.length }, (_, i) => i);
      for (let step = 0; step < 16; step++)
        tf.dispose(
          Object.values(
            run.step(
              all.filter((i) => i % 4 === step % 4),
              step,
            ),
          ),
        );
      const after = source.predict(toInputTensor(data.train, null)) as tf.Tensor2D;
      const kl = distillationLoss(before, after, 1);
      const value = (await kl.data())[0];
      tf.dispose([before, after, kl]);
      run.dispose();
      disposeModels(model, source);
      return value;
    };
    const plain = await drift(0);
    const lwf = await drift(2);
    expect(plain).toBeGreaterThan(0);
    expect(lwf).toBeLessThan(plain / 2);
  }, 400_000);
});
