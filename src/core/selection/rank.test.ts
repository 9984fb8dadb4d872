import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { config, datasets, registry } from '../testing/experimentHarness';
import { prepareTarget } from '../train/experiment';
import { scoreSource, SCORE_NAMES, type SourceScores } from './rank';
import { ModelRegistry } from '../models/registry';
import { publicFolderFetch } from '../testing/nodeFetch';
import { smallImageModelFiles } from '../testing/hostileModels';
import { serialiseModel } from '../models/artifacts';

describe('ranking the zoo on a target', () => {
  it('every zoo source gets every score from its frozen features, timed; the outline-trained shapes source outranks the colour-shortcut one on grey shapes; nothing leaks', async () => {
    const base = config();
    const cfg = config({ target: base.target.kind === 'builtin' ? { ...base.target, maxPerClass: 20 } : base.target });
    const { train } = await prepareTarget(cfg, datasets);
    const before = tf.memory().numTensors;
    const ids = (await registry.listModels()).models.map((m) => m.id);
    expect(ids).toHaveLength(6);
    const rows: SourceScores[] = [];
    for (const id of ids) rows.push(await scoreSource({ kind: 'zoo', id }, registry, train));
    expect(tf.memory().numTensors).toBe(before);
    for (const r of rows) {
      expect(r.images).toBe(train.labels.length);
      expect(r.dims).toBe(64);
      for (const s of SCORE_NAMES) {
        expect(Number.isFinite(r.scores[s]), `${JSON.stringify(r.source)} ${s}`).toBe(true);
        expect(r.ms[s]).toBeGreaterThanOrEqual(0);
      }
      expect(r.scores.leep!).toBeLessThanOrEqual(0);
      expect(r.scores.knn!).toBeGreaterThanOrEqual(0);
      expect(r.scores.knn!).toBeLessThanOrEqual(1);
    }
    const of = (id: string) => rows.find((r) => r.source.kind === 'zoo' && r.source.id === id)!;
    // Grey shapes: the shapes source (trained on outlines) separates them; the colour-shortcut one does not.
    expect(of('shapes').scores.knn!).toBeGreaterThan(of('shapes-shortcut').scores.knn!);
    expect(of('shapes').scores.logme!).toBeGreaterThan(of('shapes-shortcut').scores.logme!);
  });

  it('your own model: features at its cut, LEEP from its softmax head; without a head LEEP is not available and says why', async () => {
    const base = config();
    const { train } = await prepareTarget(
      config({ target: base.target.kind === 'builtin' ? { ...base.target, maxPerClass: 8 } : base.target }),
      datasets,
    );
    const own = new ModelRegistry(publicFolderFetch);
    await own.register('custom', await smallImageModelFiles(), 'unit', null);
    const withHead = await scoreSource({ kind: 'custom', name: 'own' }, own, train);
    expect(withHead.dims).toBe(8); // conv_b, the last feature map, pooled
    expect(withHead.scores.leep).toEqual(expect.any(Number));
    expect(withHead.unavailable.leep).toBeUndefined();

    // The same backbone ending in raw features (no softmax): LEEP cannot be computed.
    const input = tf.input({ shape: [32, 32, 3] });
    const conv = tf.layers
      .conv2d({ filters: 4, kernelSize: 3, activation: 'relu', kernelInitializer: tf.initializers.heNormal({ seed: 1 }) })
      .apply(input) as tf.SymbolicTensor;
    const pooled = tf.layers.globalAveragePooling2d({}).apply(conv) as tf.SymbolicTensor;
    const headless = tf.model({
      inputs: input,
      outputs: tf.layers
        .dense({ units: 6, kernelInitializer: tf.initializers.glorotUniform({ seed: 2 }) })
        .apply(pooled) as tf.SymbolicTensor,
    });
    const { modelJson, weights } = await serialiseModel(headless);
    headless.dispose();
    await own.register('custom', { modelJson, weights: { 'weights.bin': weights.slice().buffer as ArrayBuffer } }, 'unit', null);
    const before = tf.memory().numTensors;
    const noHead = await scoreSource({ kind: 'custom', name: 'headless' }, own, train);
    expect(noHead.scores.leep).toBeNull();
    expect(noHead.unavailable.leep).toBe('not-probabilities');
    expect(noHead.scores.logme).toEqual(expect.any(Number));
    expect(tf.memory().numTensors).toBe(before);
  });
});
