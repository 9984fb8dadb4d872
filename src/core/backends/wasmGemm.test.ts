import * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { onBackend } from './jobBackend';
import { expectDirectionalDerivative, gradKernels, nhwc, relErrors, size, values } from './kernelTestKit';
import { registerWasmTrainingKernels, wasmTrainingKernels } from './wasmTraining';
import type { Shape4 } from './windowGeometry';

/** Everything a gradient needs, in Float32Arrays so it can be built on any backend. */
interface ConvCase {
  x: number[];
  f: number[];
  strides: [number, number];
  pad: 'same' | 'valid';
  seed: number;
}

/**
 * The two gradient kernels run directly on random x, w and output gradient dy (through the engine,
 * not through tf.grads: TF.js's wasm forward Conv2D is itself wrong on some shapes — a filter wider
 * than a one-pixel-wide input with 'same' padding gives zeros — and this tests the gradients alone).
 */
function convGrads(backend: string, c: ConvCase) {
  const [x, f] = [c.x as Shape4, c.f as Shape4];
  const out = tf.backend_util.computeConv2DInfo(x, f, c.strides, 1, c.pad).outShape;
  const kernels = { input: 'Conv2DBackpropInput', filter: 'Conv2DBackpropFilter' };
  return gradKernels(backend, { kernels, x, f, out, attrs: { strides: c.strides, pad: c.pad, dataFormat: 'NHWC' }, seed: c.seed });
}

const convCase: fc.Arbitrary<ConvCase> = fc
  .record({
    ...nhwc(5),
    oc: fc.integer({ min: 1, max: 6 }),
    fh: fc.integer({ min: 1, max: 3 }),
    fw: fc.integer({ min: 1, max: 3 }),
    strides: fc.constantFrom<[number, number]>([1, 1], [2, 2], [1, 2], [2, 1]),
    pad: fc.constantFrom<'same' | 'valid'>('same', 'valid'),
    seed: fc.integer({ min: 1, max: 1e6 }),
  })
  .filter((r) => r.pad === 'same' || (r.fh <= r.h && r.fw <= r.w))
  .map((r) => ({ x: [r.n, r.h, r.w, r.c], f: [r.fh, r.fw, r.c, r.oc], strides: r.strides, pad: r.pad, seed: r.seed }));

interface PoolCase {
  n: number;
  h: number;
  w: number;
  c: number;
  size: [number, number];
  strides: [number, number];
  pad: 'same' | 'valid';
  seed: number;
}

describe('wasm training kernels through the matrix multiply', () => {
  it('are the ones registered for the tests (the lab’s default)', () => {
    expect(wasmTrainingKernels()).toBe('matmul');
  });

  it('Conv2D filter and input gradients match the cpu backend within 1e-4 on random shapes, strides 1 and 2, same and valid', async () => {
    await fc.assert(
      fc.asyncProperty(convCase, async (c) => {
        const [cpu, wasm] = [await convGrads('cpu', c), await convGrads('wasm', c)];
        for (const key of ['dx', 'dw'] as const) {
          const e = relErrors(cpu[key], wasm[key]);
          expect(e.normwise, `${key} ${JSON.stringify(c)}`).toBeLessThan(1e-4);
          expect(e.elementwise, `${key} ${JSON.stringify(c)}`).toBeLessThan(1e-4);
        }
      }),
      { numRuns: 100, seed: 30 },
    );
  });

  it('the zoo CNN’s shapes (batch 16, 3×3 same) match the cpu backend, and repeat bit for bit', async () => {
    for (const [x, f] of [
      [
        [16, 32, 32, 3],
        [3, 3, 3, 8],
      ],
      [
        [16, 8, 8, 16],
        [3, 3, 16, 32],
      ],
      [
        [16, 4, 4, 32],
        [3, 3, 32, 64],
      ],
    ]) {
      const c: ConvCase = { x, f, strides: [1, 1], pad: 'same', seed: 7 };
      const [cpu, wasm, again] = [await convGrads('cpu', c), await convGrads('wasm', c), await convGrads('wasm', c)];
      expect(relErrors(cpu.dw, wasm.dw).normwise).toBeLessThan(1e-4);
      expect(relErrors(cpu.dx, wasm.dx).normwise).toBeLessThan(1e-4);
      expect(Array.from(again.dw)).toEqual(Array.from(wasm.dw));
      expect(Array.from(again.dx)).toEqual(Array.from(wasm.dx));
    }
  });

  it('the filter gradient agrees with central differences of the loss (exact for a quadratic, up to float32 rounding)', async () => {
    const c: ConvCase = { x: [2, 7, 6, 3], f: [3, 3, 3, 4], strides: [2, 1], pad: 'same', seed: 11 };
    const x = tf.tensor4d(values(size(c.x), c.seed), c.x as Shape4);
    const w0 = values(size(c.f), c.seed + 1);
    const r = tf.tensor(values(size([2, 4, 6, 4]), c.seed + 2), [2, 4, 6, 4]);
    const loss = (w: tf.Tensor) =>
      tf
        .conv2d(x, w as tf.Tensor4D, c.strides, c.pad)
        .square()
        .mul(r)
        .sum();
    const dwT = tf.tidy(() => tf.grad(loss)(tf.tensor4d(w0, c.f as Shape4)));
    const dw = await dwT.data();
    dwT.dispose();
    expectDirectionalDerivative(w0, dw, (w) => tf.tidy(() => loss(tf.tensor4d(w, c.f as Shape4)).dataSync()[0]), 99);
    tf.dispose([x, r]);
  });

  it('MaxPoolGrad matches the cpu backend, ties included (first maximum wins), on random pools', async () => {
    const poolCase: fc.Arbitrary<PoolCase> = fc
      .record({
        ...nhwc(4),
        size: fc.constantFrom<[number, number]>([2, 2], [3, 3], [1, 2], [3, 2]),
        strides: fc.constantFrom<[number, number]>([1, 1], [2, 2], [1, 2], [3, 3]),
        pad: fc.constantFrom<'same' | 'valid'>('same', 'valid'),
        seed: fc.integer({ min: 1, max: 1e6 }),
      })
      .filter((r) => r.pad === 'same' || (r.size[0] <= r.h && r.size[1] <= r.w));
    const grad = (backend: string, p: PoolCase) =>
      onBackend(backend, async () => {
        const shape: Shape4 = [p.n, p.h, p.w, p.c];
        const before = tf.memory().numTensors;
        const g = tf.tidy(() => {
          const x = tf.relu(tf.tensor4d(values(size(shape), p.seed, 0.25), shape)); // ReLU zeros and a coarse grid: many ties
          const outShape = tf.maxPool(x, p.size, p.strides, p.pad).shape;
          const r = tf.tensor(values(size(outShape), p.seed + 1), outShape);
          const f = (a: tf.Tensor) =>
            tf
              .maxPool(a as tf.Tensor4D, p.size, p.strides, p.pad)
              .mul(r)
              .sum();
          return tf.grad(f)(x);
        });
        const out = await g.data();
        g.dispose();
        expect(tf.memory().numTensors).toBe(before);
        return out;
      });
    await fc.assert(
      fc.asyncProperty(poolCase, async (p) => {
        const e = relErrors(await grad('cpu', p), await grad('wasm', p));
        expect(e.normwise, JSON.stringify(p)).toBeLessThan(1e-6);
      }),
      { numRuns: 100, seed: 30 },
    );
  });

  it('the baseline kernels (the bench’s "before") can be switched back in and agree', async () => {
    const c: ConvCase = { x: [2, 9, 9, 3], f: [3, 3, 3, 5], strides: [2, 2], pad: 'same', seed: 3 };
    const now = await convGrads('wasm', c);
    registerWasmTrainingKernels('baseline');
    try {
      expect(wasmTrainingKernels()).toBe('baseline');
      const before = await convGrads('wasm', c);
      expect(relErrors(before.dw, now.dw).normwise).toBeLessThan(1e-4);
      expect(relErrors(before.dx, now.dx).normwise).toBeLessThan(1e-4);
    } finally {
      registerWasmTrainingKernels('matmul');
    }
  });
});
