import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { disposeModels } from '../models/registry';
import { forgettingConfig, registry, runWithSourceTask } from '../testing/experimentHarness';
import { toInputTensor } from '../data/tensors';
import { WISE_FT_ALPHAS } from './experiment';
import { renderParts } from '../../i18n';

describe('forgetting meter, L2-SP, LwF and WiSE-FT', () => {
  it('tracks source accuracy every epoch; WiSE-FT runs from the pretrained (α = 0) to the fine-tuned model (α = 1)', async () => {
    const before = tf.memory().numTensors;
    const plain = await runWithSourceTask(forgettingConfig({}));
    expect(plain.data.sourceEval!.labels.length).toBe(200);
    expect(plain.epochs.map((m) => m.sourceAccuracy).every((a) => typeof a === 'number')).toBe(true);
    // α = 0 is the untouched source model: its accuracy on the held-out source images.
    const fresh = await registry.load('digits-0-4');
    const hits = tf.tidy(() => {
      const pred = (fresh.predict(toInputTensor(plain.data.sourceEval!, null)) as tf.Tensor).argMax(-1);
      return tf.equal(pred, tf.tensor1d(Int32Array.from(plain.data.sourceEval!.labels), 'int32')).sum();
    });
    const expected = (await hits.data())[0] / 200;
    hits.dispose();
    disposeModels(fresh);
    expect(expected).toBeGreaterThan(0.9);
    expect(plain.wise.map((p) => p.alpha)).toEqual(WISE_FT_ALPHAS);
    expect(plain.wise[0].sourceAccuracy).toBeCloseTo(expected, 10);
    const last = plain.epochs[plain.epochs.length - 1];
    expect(plain.wise[10].sourceAccuracy).toBeCloseTo(last.sourceAccuracy!, 10);
    expect(plain.wise[10].targetAccuracy).toBeCloseTo(last.valAccuracy, 10);
    // Full fine-tuning at a high learning rate on clothing forgets digits.
    expect(last.sourceAccuracy!).toBeLessThan(expected - 0.3);
    expect(tf.memory().numTensors).toBe(before);
  }, 300_000);

  it('L2-SP holds the source task at a high learning rate, and the run description says so', async () => {
    const plain = (await runWithSourceTask(forgettingConfig({}))).epochs.at(-1)!.sourceAccuracy!;
    const l2sp = await runWithSourceTask(forgettingConfig({ l2sp: 50 }));
    const setup = l2sp.events.find((e) => e.type === 'setup');
    expect(setup?.type === 'setup' && renderParts(setup.runs[0].description)).toMatch(/; L2-SP α = 50$/);
    expect(l2sp.epochs.at(-1)!.sourceAccuracy!).toBeGreaterThan(plain + 0.3);
  }, 240_000);
});
