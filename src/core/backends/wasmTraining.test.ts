import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { buildSmallCnn } from '../models/architecture';
import { TrainableRun } from '../train/run';
import type { ImageSet } from '../data/imageSet';
import { canTrainOn, onBackend, trainingBackendFor } from './jobBackend';

/** A deterministic, non-trivial tensor of the given shape. */
const wave = (shape: number[], phase: number) =>
  tf.tensor(
    Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, (_, i) => Math.sin(i * 0.37 + phase)),
    shape,
  );

async function gradsOn(
  backend: string,
  xShape: number[],
  fShape: number[],
  strides: number | [number, number],
  pad: 'same' | 'valid' | number,
) {
  return onBackend(backend, async () => {
    const x = wave(xShape, 0.1);
    const w = wave(fShape, 0.7);
    const { dx, dw } = tf.tidy(() => {
      const loss = (a: tf.Tensor4D, b: tf.Tensor4D) => tf.conv2d(a, b, strides, pad).square().sum();
      const [dx, dw] = tf.grads((a, b) => loss(a as tf.Tensor4D, b as tf.Tensor4D))([x, w]);
      return { dx, dw };
    });
    const out = { dx: await dx.data(), dw: await dw.data() };
    tf.dispose([x, w, dx, dw]);
    return out;
  });
}

const maxRelDiff = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]) / (1 + Math.abs(a[i])));
  return m;
};

describe('wasm training kernels', () => {
  // Same, valid and explicit padding; unit and non-unit strides, square and not; odd sizes, 1×1 filters.
  const cases: [string, number[], number[], number | [number, number], 'same' | 'valid' | number][] = [
    ['3×3 same, stride 1', [4, 9, 9, 3], [3, 3, 3, 5], 1, 'same'],
    ['3×3 same, stride 2', [2, 8, 8, 4], [3, 3, 4, 6], 2, 'same'],
    ['1×1 valid, stride 1', [2, 7, 7, 2], [1, 1, 2, 3], 1, 'valid'],
    ['3×3 valid, stride 2 on an odd size', [3, 11, 11, 2], [3, 3, 2, 4], 2, 'valid'],
    ['3×2 filter, strides [2, 1], same', [2, 9, 8, 3], [3, 2, 3, 2], [2, 1], 'same'],
  ];
  for (const [name, xShape, fShape, strides, pad] of cases) {
    it(`the filter gradient on wasm matches the cpu backend: ${name}`, async () => {
      const before = tf.memory().numTensors;
      const cpu = await gradsOn('cpu', xShape, fShape, strides, pad);
      const wasm = await gradsOn('wasm', xShape, fShape, strides, pad);
      expect(maxRelDiff(cpu.dw, wasm.dw)).toBeLessThan(1e-4);
      expect(maxRelDiff(cpu.dx, wasm.dx)).toBeLessThan(1e-4);
      expect(tf.memory().numTensors).toBe(before);
    });
  }

  it('a zoo CNN can train on wasm; a depthwise one cannot, so it trains on the next backend; the probe leaks nothing', async () => {
    const cnn = buildSmallCnn({ numClasses: 3, seed: 1 });
    const input = tf.input({ shape: [16, 16, 3] });
    const dw = tf.layers.depthwiseConv2d({ kernelSize: 3, padding: 'same' }).apply(input) as tf.SymbolicTensor;
    const pooled = tf.layers.globalAveragePooling2d({}).apply(dw) as tf.SymbolicTensor;
    const depthwise = tf.model({ inputs: input, outputs: tf.layers.dense({ units: 2 }).apply(pooled) as tf.SymbolicTensor });
    const before = tf.memory().numTensors;
    expect(await canTrainOn('wasm', [cnn])).toBe(true);
    expect(await canTrainOn('wasm', [depthwise])).toBe(false);
    expect(await trainingBackendFor(['wasm', 'cpu'], [cnn])).toBe('wasm');
    expect(await trainingBackendFor(['wasm', 'cpu'], [cnn, depthwise])).toBe('cpu');
    // Frozen and first, the depthwise layer needs no gradient at all (nothing trainable lies below it).
    depthwise.layers[1].trainable = false;
    expect(await canTrainOn('wasm', [depthwise])).toBe(true);
    expect(tf.getBackend()).toBe('wasm');
    expect(tf.memory().numTensors).toBe(before);
    cnn.dispose();
    depthwise.dispose();
  });

  it('a model born on wasm trains on another backend with the same losses (the direction the worker moves data)', async () => {
    // The other direction is unsafe: cpu's and WebGL's int→float casts share their input's buffer,
    // and a buffer moved to wasm keeps the first dtype (see worker/jobBackends.ts).
    const n = 8;
    const set: ImageSet = {
      width: 32,
      height: 32,
      channels: 3,
      pixels: Uint8Array.from({ length: n * 32 * 32 * 3 }, (_, i) => (i * 7) % 251),
      labels: Uint16Array.from({ length: n }, (_, i) => i % 3),
      classNames: ['a', 'b', 'c'],
    };
    const labels = Int32Array.from(set.labels);
    const inputs = { train: set, val: set, shifted: null, trainLabels: labels, valLabels: labels, numClasses: 3, shiftedLabels: null };
    const losses = async (trainOn: string) => {
      const run = new TrainableRun(buildSmallCnn({ numClasses: 3, seed: 5 }), inputs, 0.003, {});
      return onBackend(trainOn, async () => {
        const out: number[] = [];
        for (let s = 0; s < 3; s++) {
          const { loss, correct } = run.step([0, 1, 2, 3, 4, 5], s);
          out.push((await loss.data())[0]);
          tf.dispose([loss, correct]);
        }
        run.dispose();
        run.model.dispose();
        return out;
      });
    };
    const before = tf.memory().numTensors;
    const onWasm = await losses('wasm');
    const moved = await losses('cpu');
    // Real cross-entropies (about ln 3 for three classes), not reinterpreted bits.
    onWasm.forEach((l) => expect(l).toBeGreaterThan(0.5));
    moved.forEach((l, i) => expect(l).toBeCloseTo(onWasm[i], 4));
    expect(tf.memory().numTensors).toBe(before);
  });
});
