import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { assembleModelFiles, describeFetchFailure, HOSTED_MODELS, type ModelFiles } from './external';
import { chooseCut, cutPoints, imageInput, inspectModel } from './source';
import { blockCount, blockOf, freezeUpTo } from './registry';
import { serialiseModel, WEIGHTS_FILE } from './artifacts';
import { toRange } from '../train/run';
import { mobilenetTestFiles } from '../testing/nodeFetch';
import { render } from '../../i18n';
import { said, saidAsync } from '../testing/said';

/** A small image model saved as TF.js files, with its weights split into two shards. */
async function smallModelFiles(inputShape: number[] = [16, 16, 3]): Promise<ModelFiles> {
  const input = tf.input({ shape: inputShape });
  let x: tf.SymbolicTensor = input;
  if (inputShape.length === 3) {
    x = tf.layers.conv2d({ name: 'c1', filters: 4, kernelSize: 3, activation: 'relu' }).apply(x) as tf.SymbolicTensor;
    x = tf.layers.conv2d({ name: 'c2', filters: 8, kernelSize: 3, activation: 'relu' }).apply(x) as tf.SymbolicTensor;
    x = tf.layers.flatten().apply(x) as tf.SymbolicTensor;
  }
  const out = tf.layers.dense({ units: 3, activation: 'softmax', name: 'probs' }).apply(x) as tf.SymbolicTensor;
  const model = tf.model({ inputs: input, outputs: out });
  const { modelJson, weights } = await serialiseModel(model);
  model.dispose();
  const json = JSON.parse(modelJson);
  const half = Math.floor(weights.byteLength / 8) * 4;
  json.weightsManifest[0].paths = ['group1-shard1of2.bin', 'group1-shard2of2.bin'];
  const copy = (a: Uint8Array) => a.slice().buffer as ArrayBuffer;
  expect(json.weightsManifest[0].paths).not.toContain(WEIGHTS_FILE);
  return {
    modelJson: JSON.stringify(json),
    weights: { 'group1-shard1of2.bin': copy(weights.subarray(0, half)), 'group1-shard2of2.bin': copy(weights.subarray(half)) },
  };
}

describe('loading your own model files', () => {
  it('a complete set loads; its info names the input, the cut points and the default cut', async () => {
    const files = await smallModelFiles();
    const before = tf.memory().numTensors;
    const { info, assembled } = await inspectModel(files, 'unit', null);
    expect(assembled.format).toBe('layers');
    expect(info).toMatchObject({
      format: 'layers',
      side: 16,
      channels: 3,
      range: 'unit',
      defaultCut: 'c2',
      embeddingSize: 8,
      warnings: [],
    });
    expect(info.cuts).toEqual([
      { name: 'c1', shape: [14, 14, 4] },
      { name: 'c2', shape: [12, 12, 8] },
    ]);
    expect(info.parameters).toBe(3 * 3 * 3 * 4 + 4 + 3 * 3 * 4 * 8 + 8 + 12 * 12 * 8 * 3 + 3);
    expect(tf.memory().numTensors).toBe(before); // inspection disposes the model it built
  });

  it('a missing weight file is named, with what to do', async () => {
    const files = await smallModelFiles();
    delete files.weights['group1-shard2of2.bin'];
    expect(said(() => assembleModelFiles(files))).toContain(
      'Missing weight file: group1-shard2of2.bin. model.json lists 2 weight files; choose model.json together with all of them.',
    );
  });

  it('a corrupt model.json, a non-model JSON and a truncated weight file each get their own message', async () => {
    const files = await smallModelFiles();
    expect(said(() => assembleModelFiles({ ...files, modelJson: files.modelJson.slice(0, 200) }))).toMatch(
      /^model\.json is not valid JSON/,
    );
    expect(said(() => assembleModelFiles({ ...files, modelJson: '{"name": "not a model"}' }))).toMatch(
      /has no "modelTopology": it is not a TF\.js model file/,
    );
    const cut = { ...files.weights, 'group1-shard2of2.bin': files.weights['group1-shard2of2.bin'].slice(0, 100) };
    expect(said(() => assembleModelFiles({ ...files, weights: cut }))).toMatch(
      /group1-shard1of2\.bin, group1-shard2of2\.bin: [\d,]+ bytes, but model\.json describes [\d,]+ bytes/,
    );
  });

  it('extra files are ignored with a warning, not an error', async () => {
    const files = await smallModelFiles();
    files.weights['notes.txt'] = new ArrayBuffer(3);
    expect(assembleModelFiles(files).warnings.map(render)).toEqual(['Ignored file not listed in model.json: notes.txt.']);
  });

  it('a model whose input is not an image is refused with the shape it has', async () => {
    const files = await smallModelFiles([10]);
    expect(await saidAsync(inspectModel(files, 'unit', null))).toContain("The model's input has shape [null, 10], which is not an image.");
    expect(said(() => imageInput([null, 32, 32, 4]))).toMatch(/4 channels/);
    expect(said(() => imageInput([null, 32, 48, 3]))).toMatch(/not a fixed square image size/);
    expect(imageInput([null, 96, 96, 1])).toEqual({ side: 96, channels: 1 });
  });

  it('download failures say offline, HTTP status or CORS', () => {
    const url = 'https://example.org/m/model.json';
    expect(render(describeFetchFailure(url, new TypeError('Failed to fetch'), false))).toMatch(/^You are offline and .* is not cached/);
    expect(render(describeFetchFailure(url, new Error('HTTP 404'), true))).toBe(`${url} answered HTTP 404. Check the address.`);
    expect(render(describeFetchFailure(url, new TypeError('Failed to fetch'), true))).toMatch(/cross-origin \(CORS\)/);
  });
});

describe('MobileNet v1 0.25 (Google’s files, served locally for tests)', () => {
  it('cut points: the default is conv_pw_13_relu with a 7×7×256 map; any 4-D layer can be chosen', async () => {
    const { info } = await inspectModel(mobilenetTestFiles(), 'symmetric', 'conv_pw_13_relu');
    expect(info).toMatchObject({
      format: 'layers',
      side: 224,
      channels: 3,
      range: 'symmetric',
      defaultCut: 'conv_pw_13_relu',
      embeddingSize: 256,
    });
    expect(info.cuts.find((c) => c.name === 'conv_pw_13_relu')!.shape).toEqual([7, 7, 256]);
    expect(chooseCut(info.cuts, 'conv_pw_11_relu', 'conv_pw_13_relu')).toEqual({ name: 'conv_pw_11_relu', shape: [14, 14, 128] });
    expect(said(() => chooseCut(info.cuts, 'predictions', null))).toContain('The model has no layer "predictions" to cut at.');
    // Without a family default, the last feature map wins (after the source's own pooling there is none).
    expect(chooseCut(info.cuts, undefined, null).name).toBe(info.cuts[info.cuts.length - 1].name);
  });

  it('blocks follow MobileNet names, so "fine-tune the top k blocks" freezes the rest and the stem', async () => {
    const model = await tf.loadLayersModel(tf.io.fromMemory(assembleModelFiles(mobilenetTestFiles()).artifacts));
    expect(blockCount(model)).toBe(13);
    expect(blockOf(model.getLayer('conv1'))).toBe(0);
    expect(blockOf(model.getLayer('conv_dw_12_bn'))).toBe(12);
    const frozen = freezeUpTo(model, 11);
    expect(frozen).toContain('conv1');
    expect(frozen).toContain('conv_pw_11');
    expect(model.getLayer('conv_dw_12').trainable).toBe(true);
    freezeUpTo(model, 0);
    expect(model.layers.every((l) => l.trainable)).toBe(true);
    expect(cutPoints(model).length).toBeGreaterThan(20);
    model.dispose();
  });
});

describe('preprocessing per model family', () => {
  it('MobileNets take [−1, 1]; the zoo and own models [0, 1]', () => {
    for (const m of HOSTED_MODELS) expect(m.range, m.id).toBe('symmetric');
    expect(HOSTED_MODELS.filter((m) => m.family === 'mobilenet-v1').map((m) => m.defaultCut)).toEqual([
      'conv_pw_13_relu',
      'conv_pw_13_relu',
      'conv_pw_13_relu',
    ]);
    expect(HOSTED_MODELS.filter((m) => m.family === 'mobilenet-v2').every((m) => m.defaultCut === 'out_relu')).toBe(true);
    const x = tf.tensor1d([0, 0.25, 1]);
    expect(Array.from(toRange(x, 'symmetric').dataSync())).toEqual([-1, -0.5, 1]);
    expect(toRange(x, 'unit')).toBe(x);
    x.dispose();
  });
});
