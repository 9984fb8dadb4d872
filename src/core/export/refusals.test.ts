import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import type { ExperimentConfig, Source } from '../config/experiment';
import { serialiseModel } from '../models/artifacts';
import type { ModelFiles } from '../models/external';
import { ModelRegistry } from '../models/registry';
import { config, datasets } from '../testing/experimentHarness';
import { DEFAULT_REMEDIES } from '../remedies/schema';
import { teachableExport } from '../testing/hostileModels';
import { publicFolderFetch } from '../testing/nodeFetch';
import { prepareTarget } from '../train/experiment';
import { render } from '../../i18n';
import { exportExperimentAsPython, exportPythonProject, refusalMessage, type PythonExportResult } from './index';

/** A custom layers model as the page would hand it over: model.json and one weights file. */
async function customFiles(build: (input: tf.SymbolicTensor) => tf.SymbolicTensor): Promise<ModelFiles> {
  const input = tf.input({ shape: [32, 32, 3], name: 'image' });
  const model = tf.model({ inputs: input, outputs: build(input), name: 'own' });
  const { modelJson, weights } = await serialiseModel(model);
  model.dispose();
  return { modelJson, weights: { 'weights.bin': weights.slice().buffer as ArrayBuffer } };
}

const conv = (name: string, filters: number, extra: Partial<Parameters<typeof tf.layers.conv2d>[0]> = {}) =>
  tf.layers.conv2d({ name, filters, kernelSize: 3, padding: 'same', kernelInitializer: tf.initializers.heNormal({ seed: 1 }), ...extra });

/** A 1×1-conv graph model (what tensorflowjs_converter writes for a SavedModel). */
function graphFiles(): ModelFiles {
  const dims = (...d: number[]) => ({ dim: d.map((n) => ({ size: String(n) })) });
  const modelTopology = {
    node: [
      { name: 'x', op: 'Placeholder', attr: { dtype: { type: 'DT_FLOAT' }, shape: { shape: dims(-1, 32, 32, 3) } } },
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
          padding: { s: btoa('SAME') },
          data_format: { s: btoa('NHWC') },
          dilations: { list: { i: ['1', '1', '1', '1'] } },
        },
      },
      { name: 'features', op: 'Relu', input: ['conv'], attr: { T: { type: 'DT_FLOAT' } } },
    ],
    library: {},
    versions: { producer: 1 },
  };
  const w = Float32Array.from({ length: 18 }, (_, i) => Math.sin(i + 1));
  const modelJson = JSON.stringify({
    format: 'graph-model',
    modelTopology,
    weightsManifest: [{ paths: ['w.bin'], weights: [{ name: 'w', shape: [1, 1, 3, 6], dtype: 'float32' }] }],
  });
  return { modelJson, weights: { 'w.bin': w.buffer } };
}

const customConfig = (over: Partial<ExperimentConfig> = {}): ExperimentConfig =>
  config({ source: { kind: 'custom', name: 'mine' }, training: { epochs: 1, batchSize: 8, learningRate: 0.01 }, ...over });

/** Exports with a fresh registry holding `files` as the custom source; checks that no tensor leaks. */
async function exportWith(files: ModelFiles | null, cfg = customConfig(), sources?: Source[]): Promise<PythonExportResult> {
  const registry = new ModelRegistry(publicFolderFetch);
  if (files) await registry.register('custom', files, 'unit', null);
  const before = tf.memory().numTensors;
  const result = await exportExperimentAsPython(cfg, (c) => prepareTarget(c, datasets), registry, { sources });
  expect(tf.memory().numTensors).toBe(before);
  return result;
}

const reasonsOf = (r: PythonExportResult) => (r.ok ? [] : r.reasons);

describe('Python export refusals (codes with params, never sentences)', () => {
  it('a graph model is refused by name: there are no layers to rebuild', async () => {
    expect(reasonsOf(await exportWith(graphFiles()))).toEqual([{ code: 'export.graphSource', params: { source: 'mine' } }]);
  });

  it('a Teachable Machine export (a model inside the model) is refused', async () => {
    const { files } = await teachableExport(['a', 'b', 'c', 'd']);
    expect(reasonsOf(await exportWith(files))).toEqual([{ code: 'export.featureModelSource', params: { source: 'mine' } }]);
  });

  it('a layer class model.py does not implement is named, with its type', async () => {
    const files = await customFiles(
      (x) =>
        conv('last', 8).apply(tf.layers.upSampling2d({ name: 'up', size: [1, 1] }).apply(conv('first', 4).apply(x))) as tf.SymbolicTensor,
    );
    expect(reasonsOf(await exportWith(files))).toEqual([
      { code: 'export.unsupportedLayer', params: { layer: 'up', type: 'UpSampling2D' } },
    ]);
  });

  it('an option a supported layer does not implement is named (BatchNorm over rows instead of channels)', async () => {
    const files = await customFiles(
      (x) =>
        conv('last', 8).apply(tf.layers.batchNormalization({ name: 'bn', axis: 1 }).apply(conv('first', 4).apply(x))) as tf.SymbolicTensor,
    );
    expect(reasonsOf(await exportWith(files))).toEqual([
      { code: 'export.unsupportedLayerOption', params: { layer: 'bn', type: 'BatchNormalization', option: 'axis', value: '1' } },
    ]);
  });

  it('a channels_first layer is refused by name (model.py reads images as channels_last throughout)', async () => {
    // A 1×1 pooling keeps the shape either way, so the model loads and runs; only the layout differs.
    const files = await customFiles(
      (x) =>
        conv('last', 8).apply(
          tf.layers.maxPooling2d({ name: 'pool', poolSize: 1, strides: 1, dataFormat: 'channelsFirst' }).apply(conv('first', 4).apply(x)),
        ) as tf.SymbolicTensor,
    );
    expect(reasonsOf(await exportWith(files))).toEqual([
      {
        code: 'export.unsupportedLayerOption',
        params: { layer: 'pool', type: 'MaxPooling2D', option: 'data_format', value: '"channels_first"' },
      },
    ]);
  });

  it('a layer applied twice is refused (its weights would have to be tied)', async () => {
    const files = await customFiles((x) => {
      const twice = conv('twice', 3);
      return conv('last', 8).apply(twice.apply(twice.apply(x))) as tf.SymbolicTensor;
    });
    expect(reasonsOf(await exportWith(files))).toContainEqual({ code: 'export.sharedLayer', params: { layer: 'twice' } });
  });

  it('an external source the page has not loaded is refused, not thrown', async () => {
    expect(reasonsOf(await exportWith(null, customConfig({ source: { kind: 'hosted', id: 'mobilenet-v1-0.25' } })))).toEqual([
      { code: 'export.sourceNotLoaded', params: { source: 'mobilenet-v1-0.25' } },
    ]);
  });

  it('a remedy the project does not implement is refused by name, one reason per remedy switched on', async () => {
    const cfg = config({ remedies: { ...DEFAULT_REMEDIES, gce: 0.7, logitAdjust: 1, compare: true } });
    const reasons = reasonsOf(await exportWith(null, cfg));
    expect(reasons).toEqual([
      { code: 'export.remedy', params: { remedy: 'gce' } },
      { code: 'export.remedy', params: { remedy: 'logitAdjust' } },
    ]);
    expect(render(refusalMessage(reasons[0]))).toMatch(/GCE yet/);
  });

  it('too much image data to zip in memory is refused with the sizes', async () => {
    const cfg = config({ scratchBaseline: false });
    const data = await prepareTarget(cfg, datasets);
    const result = exportPythonProject(
      { config: cfg, seeds: [{ seed: cfg.seed, train: data.train, val: data.val, shifted: null, runs: [] }] },
      { maxImageBytes: 1000 },
    );
    expect(reasonsOf(result)).toEqual([{ code: 'export.tooLarge', params: { megabytes: 1, limit: 0 } }]);
  });

  it('a refusal renders through the message layer as msg.<code> with its params in order', () => {
    expect(refusalMessage({ code: 'export.unsupportedLayer', params: { layer: 'up', type: 'UpSampling2D' } })).toEqual({
      code: 'msg.export.unsupportedLayer',
      args: ['up', 'UpSampling2D'],
    });
    expect(refusalMessage({ code: 'export.noImageInput' })).toEqual({ code: 'msg.export.noImageInput', args: [] });
  });

  it('a custom model built from supported layers exports (and the zoo twin is replaced by the small CNN)', async () => {
    const files = await customFiles(
      (x) =>
        conv('b', 8, { strides: 2 }).apply(tf.layers.batchNormalization({ name: 'bn' }).apply(conv('a', 4).apply(x))) as tf.SymbolicTensor,
    );
    const result = await exportWith(files);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const experiment = JSON.parse(new TextDecoder().decode(result.files['experiment.json']));
    const [transfer, scratch] = experiment.seeds[0].runs;
    expect(transfer.graph.nodes.map((n: { op: string }) => n.op)).toEqual(['conv2d', 'batchnorm', 'conv2d', 'global_pool', 'dense']);
    expect(transfer.trainingMode).toBe(false); // external sources keep BatchNorm on its statistics
    expect(scratch.graph.nodes.filter((n: { op: string }) => n.op === 'conv2d')).toHaveLength(4);
  });
});
