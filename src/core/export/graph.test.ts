import * as tf from '@tensorflow/tfjs';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Rng } from '../random';
import { convertLayersModel } from './graph';
import { encodeNpy, encodeNpz } from './npy';
import { PYTHON_FILES } from './python';
import { findPython, runPython } from './testing';
import { transpose } from './transpose';

const L = tf.layers;

/**
 * Every layer class the converter supports, in shapes that catch layout mistakes: an odd input side
 * (TF's 'same' puts the extra pixel after, at stride 2), depthwise with a multiplier, a residual add,
 * channel and feature concatenation, asymmetric zero padding, NHWC flatten before a dense layer.
 */
function zooOfLayers(): tf.LayersModel {
  const input = tf.input({ shape: [17, 17, 3], name: 'image' });
  const a = L.conv2d({ name: 'stem', filters: 6, kernelSize: 3, strides: 2, padding: 'same', activation: 'relu6' }).apply(
    input,
  ) as tf.SymbolicTensor;
  const b = L.batchNormalization({ name: 'stem_bn' }).apply(a) as tf.SymbolicTensor;
  const c = L.depthwiseConv2d({ name: 'dw', kernelSize: 3, strides: 2, padding: 'same', depthMultiplier: 2, activation: 'elu' }).apply(
    b,
  ) as tf.SymbolicTensor;
  const d = L.separableConv2d({ name: 'sep', filters: 8, kernelSize: 3, padding: 'same', activation: 'swish' }).apply(
    c,
  ) as tf.SymbolicTensor;
  const e = L.conv2d({ name: 'shortcut', filters: 8, kernelSize: 1, activation: 'tanh' }).apply(c) as tf.SymbolicTensor;
  const sum = L.add({ name: 'sum' }).apply([d, e]) as tf.SymbolicTensor;
  const cat = L.concatenate({ name: 'cat' }).apply([sum, d]) as tf.SymbolicTensor;
  const padded = L.zeroPadding2d({
    name: 'pad',
    padding: [
      [1, 0],
      [0, 2],
    ],
  }).apply(cat) as tf.SymbolicTensor;
  const avg = L.averagePooling2d({ name: 'avg', poolSize: 3, strides: 2, padding: 'same' }).apply(padded) as tf.SymbolicTensor;
  const max = L.maxPooling2d({ name: 'max', poolSize: 2, strides: 1, padding: 'same' }).apply(avg) as tf.SymbolicTensor;
  const leaky = L.leakyReLU({ name: 'leaky', alpha: 0.2 }).apply(max) as tf.SymbolicTensor;
  const capped = L.reLU({ name: 'capped', maxValue: 0.5 }).apply(leaky) as tf.SymbolicTensor;
  const soft = L.activation({ name: 'soft', activation: 'softplus' }).apply(capped) as tf.SymbolicTensor;
  const flat = L.flatten({ name: 'flat' }).apply(soft) as tf.SymbolicTensor;
  const dense = L.dense({ name: 'fc', units: 10, activation: 'sigmoid' }).apply(flat) as tf.SymbolicTensor;
  const dropped = L.dropout({ name: 'drop', rate: 0.3 }).apply(dense) as tf.SymbolicTensor;
  const pooled = L.globalMaxPooling2d({ name: 'gmax' }).apply(cat) as tf.SymbolicTensor;
  const joined = L.concatenate({ name: 'join' }).apply([dropped, pooled]) as tf.SymbolicTensor;
  const grid = L.reshape({ name: 'grid', targetShape: [2, 13, 1] }).apply(joined) as tf.SymbolicTensor;
  const again = L.flatten({ name: 'again' }).apply(L.elu({ name: 'elu' }).apply(grid) as tf.SymbolicTensor) as tf.SymbolicTensor;
  const out = L.dense({ name: 'head', units: 5, activation: 'softmax' }).apply(again) as tf.SymbolicTensor;
  const model = tf.model({ inputs: input, outputs: out, name: 'zoo_of_layers' });
  // Seeded weights, and moving variances that are positive and far from 1 (so a skipped BatchNorm shows).
  const rng = new Rng(7);
  for (const layer of model.layers) {
    const fresh = layer.weights.map((w) => {
      const n = w.shape.reduce((p, q) => p! * q!, 1)!;
      const variance = w.originalName.endsWith('moving_variance');
      return tf.tensor(
        Float32Array.from({ length: n }, () => (variance ? rng.uniform(0.2, 3) : rng.uniform(-0.6, 0.6))),
        w.shape as number[],
      );
    });
    layer.setWeights(fresh);
    tf.dispose(fresh);
  }
  return model;
}

describe('layers → PyTorch conversion', () => {
  it('transpose permutes row-major arrays (HWIO → OIHW)', () => {
    const hwio = Float32Array.from({ length: 2 * 3 * 4 * 5 }, (_, i) => i);
    const { data, shape } = transpose(hwio, [2, 3, 4, 5], [3, 2, 0, 1]);
    expect(shape).toEqual([5, 4, 2, 3]);
    // out[o][i][y][x] = in[y][x][i][o]
    const at = (o: number, i: number, y: number, x: number) => data[((o * 4 + i) * 2 + y) * 3 + x];
    expect(at(4, 3, 1, 2)).toBe(hwio[((1 * 3 + 2) * 4 + 3) * 5 + 4]);
    expect(at(0, 1, 0, 2)).toBe(hwio[((0 * 3 + 2) * 4 + 1) * 5 + 0]);
  });

  it('reads the graph, the trainable flags and the block groups', () => {
    const model = zooOfLayers();
    model.getLayer('stem').trainable = false;
    const converted = convertLayersModel(model);
    model.dispose();
    expect(converted.ok).toBe(true);
    if (!converted.ok) return;
    const { graph, params, weights } = converted.model;
    expect(graph.input).toEqual({ name: 'image', shape: [17, 17, 3] });
    expect(graph.output).toBe('head');
    expect(graph.nodes.find((n) => n.name === 'sum')).toMatchObject({ op: 'merge', kind: 'add', inputs: ['sep', 'shortcut'] });
    expect(params.stem).toEqual({ trainable: false, backbone: false });
    expect(params.head).toEqual({ trainable: true, backbone: false });
    expect(weights['dw.weight'].shape).toEqual([12, 1, 3, 3]);
    expect(weights['fc.weight'].shape).toEqual([10, 3 * 4 * 16]); // 17 → 9 → 5, padded to 6×7, pooled to 3×4, 16 channels
    expect(Object.keys(weights).filter((k) => k.startsWith('stem_bn.'))).toEqual([
      'stem_bn.running_mean',
      'stem_bn.running_var',
      'stem_bn.weight',
      'stem_bn.bias',
    ]);
  });

  const py = findPython() ?? 'python3';
  const dir = mkdtempSync(join(tmpdir(), 'tl-graph-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('model.py gives TF.js outputs on every supported layer (max |diff| ≤ 1e-5)', () => {
    const before = tf.memory().numTensors;
    const model = zooOfLayers();
    const rng = new Rng(3);
    const x = Float32Array.from({ length: 4 * 17 * 17 * 3 }, () => rng.uniform(0, 1));
    const want = tf.tidy(() => (model.predict(tf.tensor4d(x, [4, 17, 17, 3])) as tf.Tensor).dataSync() as Float32Array);
    const converted = convertLayersModel(model);
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
    if (!converted.ok) throw new Error(JSON.stringify(converted.reasons));
    writeFileSync(join(dir, 'model.py'), PYTHON_FILES['model.py']);
    writeFileSync(join(dir, 'graph.json'), JSON.stringify(converted.model.graph));
    writeFileSync(join(dir, 'weights.npz'), encodeNpz(converted.model.weights));
    writeFileSync(join(dir, 'x.npy'), encodeNpy({ data: x, shape: [4, 17, 17, 3] }));
    writeFileSync(join(dir, 'want.npy'), encodeNpy({ data: Float32Array.from(want), shape: [4, 5] }));
    const script = [
      'import json, numpy as np, torch',
      'from model import TfGraph, load_weights',
      "m = TfGraph(json.load(open('graph.json'))).eval()",
      "left = load_weights(m, 'weights.npz')",
      "out = m(torch.from_numpy(np.load('x.npy'))).detach().numpy()",
      "print(json.dumps({'diff': float(np.abs(out - np.load('want.npy')).max()), 'unused': left}))",
    ].join('\n');
    const r = runPython(py, ['-c', script], dir);
    expect(r.status, r.stderr).toBe(0);
    const { diff, unused } = JSON.parse(r.stdout);
    console.log(`zoo of layers: max |PyTorch − TF.js| = ${diff.toExponential(2)}`);
    expect(unused).toEqual([]);
    expect(diff).toBeLessThanOrEqual(1e-5);
  });
});
