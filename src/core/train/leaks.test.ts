import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import type { ExperimentConfig } from '../config/experiment';
import { DEFAULT_SHAPES } from '../data/synthetic';
import { EmbeddingCache } from '../models/embeddingCache';
import { ModelRegistry } from '../models/registry';
import { mobilenetTestFiles, publicFolderFetch } from '../testing/nodeFetch';
import { config, datasets, run } from '../testing/experimentHarness';
import { RunControl } from './control';
import type { EngineEvent } from './events';
import { prepareTarget, runExperiment, SMALL_CNN_BASELINE } from './experiment';
import { messageOf } from '../messages';
import { render, renderParts } from '../../i18n';

describe('tensor memory', () => {
  it('no tensor growth across 20 epochs (transfer + scratch)', async () => {
    const small = config();
    const cfg = config({
      target: { ...(small.target as Extract<ExperimentConfig['target'], { kind: 'builtin' }>), maxPerClass: 4 },
      strategy: { kind: 'fine-tune', trainableBlocks: 1 },
      training: { epochs: 1, batchSize: 4, learningRate: 0.01 },
    });
    await run(cfg); // warm-up: backend-wide constants are created on first use
    const before = tf.memory().numTensors;
    const { transfer } = await run({ ...cfg, training: { ...cfg.training, epochs: 20 } });
    expect(transfer).toHaveLength(20);
    expect(tf.memory().numTensors).toBe(before);
  }, 400_000);
});

describe('external sources (MobileNet v1 0.25, local test copy)', () => {
  it('probe on cached embeddings; the scratch baseline is the small CNN; a rerun embeds nothing; no leaks', async () => {
    const reg = new ModelRegistry(publicFolderFetch);
    await reg.register('mobilenet-v1-0.25', mobilenetTestFiles(), 'symmetric', 'conv_pw_13_relu');
    const cfg = config({
      source: { kind: 'hosted', id: 'mobilenet-v1-0.25' },
      strategy: { kind: 'linear-probe' },
      target: {
        kind: 'builtin',
        presetId: 't',
        ref: { kind: 'shapes', spec: { ...DEFAULT_SHAPES, shapes: ['circle', 'square', 'triangle'] }, count: 30, seed: 2 },
        maxPerClass: 6,
      },
    });
    const cache = new EmbeddingCache();
    const before = tf.memory().numTensors;
    const go = async () => {
      const events: EngineEvent[] = [];
      await runExperiment(cfg, await prepareTarget(cfg, datasets), reg, (e) => events.push(e), new RunControl(), { embeddingCache: cache });
      return events;
    };
    const events = await go();
    const setup = events.find((e) => e.type === 'setup');
    expect(setup && setup.type === 'setup' && setup.runs.map((r) => renderParts(r.description))).toEqual([
      'Linear probe on mobilenet-v1-0.25 · conv_pw_13_relu: backbone frozen, head trained',
      render(SMALL_CNN_BASELINE),
    ]);
    expect(events.filter((e) => e.type === 'epoch')).toHaveLength(4);
    expect(events.some((e) => e.type === 'error')).toBe(false);
    expect(cache.computed).toBe(18);
    expect(cache.bytes).toBe(18 * 256 * 4);
    await go();
    expect(cache.computed).toBe(18); // the second experiment embedded nothing
    expect(tf.memory().numTensors).toBe(before);
  }, 300_000);

  it('an external source that was never loaded fails with a clear message', async () => {
    const cfg = config({ source: { kind: 'custom', name: 'mine' }, strategy: { kind: 'linear-probe' } });
    const events: EngineEvent[] = [];
    const failure = await runExperiment(
      cfg,
      await prepareTarget(cfg, datasets),
      new ModelRegistry(publicFolderFetch),
      (e) => events.push(e),
      new RunControl(),
    ).then(
      () => null,
      (err: unknown) => render(messageOf(err)),
    );
    expect(failure).toBe('This source model is not loaded yet: load it in the source panel first.');
  });
});
