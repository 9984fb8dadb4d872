import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import type { ModelFiles } from './external';
import { inspectModel } from './source';
import { ModelRegistry } from './registry';
import { DEFAULT_CONFIG, type ExperimentConfig } from '../config/experiment';
import { DEFAULT_AUGMENTATIONS } from '../augment/schema';
import { DatasetStore } from '../data/datasetRef';
import { DEFAULT_SHAPES } from '../data/synthetic';
import { publicFolderFetch } from '../testing/nodeFetch';
import { RunControl } from '../train/control';
import type { EngineEvent } from '../train/events';
import { prepareTarget, runExperiment } from '../train/experiment';
import { renderParts } from '../../i18n';
import { saidAsync } from '../testing/said';

const b64 = (s: string) => btoa(s);
const dims = (...d: number[]) => ({ dim: d.map((n) => ({ size: String(n) })) });

/**
 * A hand-written TF.js graph model (what tensorflowjs_converter writes for a SavedModel):
 * x[?, 16, 16, 3] → 1×1 conv to 6 channels → ReLU. `op` swaps the activation, to test unsupported ops.
 */
function graphFiles(op = 'Relu'): ModelFiles {
  const w = Float32Array.from({ length: 3 * 6 }, (_, i) => Math.sin(i + 1));
  const modelTopology = {
    node: [
      { name: 'x', op: 'Placeholder', attr: { dtype: { type: 'DT_FLOAT' }, shape: { shape: dims(-1, 16, 16, 3) } } },
      {
        name: 'w',
        op: 'Const',
        attr: { value: { tensor: { dtype: 'DT_FLOAT', tensorShape: dims(1, 1, 3, 6) } }, dtype: { type: 'DT_FLOAT' } },
      },
      {
        name: 'conv',
        op: 'Conv2D',
        input: ['x', 'w'],
        attr: {
          T: { type: 'DT_FLOAT' },
          strides: { list: { i: ['1', '1', '1', '1'] } },
          padding: { s: b64('SAME') },
          data_format: { s: b64('NHWC') },
          dilations: { list: { i: ['1', '1', '1', '1'] } },
        },
      },
      { name: 'features', op, input: ['conv'], attr: { T: { type: 'DT_FLOAT' } } },
    ],
    library: {},
    versions: { producer: 1 },
  };
  const modelJson = JSON.stringify({
    format: 'graph-model',
    generatedBy: 'test',
    convertedBy: 'hand',
    modelTopology,
    weightsManifest: [{ paths: ['group1-shard1of1.bin'], weights: [{ name: 'w', shape: [1, 1, 3, 6], dtype: 'float32' }] }],
  });
  return { modelJson, weights: { 'group1-shard1of1.bin': w.buffer } };
}

describe('graph models (frozen feature extractors)', () => {
  it('load, report their input and pooled feature width, and dispose what they built', async () => {
    const before = tf.memory().numTensors;
    const { info } = await inspectModel(graphFiles(), 'unit', null);
    expect(info).toMatchObject({ format: 'graph', side: 16, channels: 3, cuts: [], defaultCut: null, embeddingSize: 6, parameters: 18 });
    expect(tf.memory().numTensors).toBe(before);
  });

  it('an op TF.js cannot run is named', async () => {
    expect(await saidAsync(inspectModel(graphFiles('MyCustomOp'), 'unit', null))).toMatch(
      /uses an operation TF\.js cannot run in the browser \(MyCustomOp\)/,
    );
  });

  it('train as a linear probe, on cached embeddings and with augmentation (embedded per batch), without leaks', async () => {
    const registry = new ModelRegistry(publicFolderFetch);
    await registry.register('custom', graphFiles(), 'unit', null);
    const datasets = new DatasetStore(publicFolderFetch);
    const cfg: ExperimentConfig = {
      ...DEFAULT_CONFIG,
      source: { kind: 'custom', name: 'graph' },
      // Asking for fine-tuning still probes: a graph model has no layers to unfreeze.
      strategy: { kind: 'fine-tune', trainableBlocks: 1 },
      target: { kind: 'builtin', presetId: 't', ref: { kind: 'shapes', spec: DEFAULT_SHAPES, count: 24, seed: 4 }, maxPerClass: 6 },
      training: { epochs: 2, batchSize: 8, learningRate: 0.01 },
      scratchBaseline: false,
    };
    const before = tf.memory().numTensors;
    for (const augmentations of [DEFAULT_AUGMENTATIONS, { ...DEFAULT_AUGMENTATIONS, hflip: { enabled: true, p: 0.5, strength: 1 } }]) {
      const events: EngineEvent[] = [];
      const c = { ...cfg, augmentations };
      await runExperiment(c, await prepareTarget(c, datasets), registry, (e) => events.push(e), new RunControl());
      const setup = events.find((e) => e.type === 'setup');
      expect(setup?.type === 'setup' && renderParts(setup.runs[0].description)).toMatch(
        /^Linear probe on graph \(a graph model: frozen feature extractor\), head trained/,
      );
      expect(events.filter((e) => e.type === 'epoch')).toHaveLength(2);
      expect(events.some((e) => e.type === 'progress' && e.phase === 'embed')).toBe(augmentations === DEFAULT_AUGMENTATIONS);
    }
    expect(tf.memory().numTensors).toBe(before);
  });
});
