import * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import { expect } from 'vitest';
import { onBackend } from './jobBackend';
import type { Shape4 } from './windowGeometry';

/** What the wasm kernels' tests share (wasmGemm.test.ts, wasmDepthwise.test.ts). */

/** Deterministic values in [-1, 1) from a seed; `step` > 0 rounds them onto a grid, so max-pool windows have ties. */
export function values(n: number, seed: number, step = 0): Float32Array {
  let s = seed >>> 0 || 1;
  return Float32Array.from({ length: n }, () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const v = s / 2 ** 31 - 1;
    return step ? Math.round(v / step) * step : v;
  });
}

export const size = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

/** Random NHWC input dimensions (batch ≤ 3, 1–9 pixels a side, 1–maxC channels), to spread into an fc.record first. */
export const nhwc = (maxC: number) => ({
  n: fc.integer({ min: 1, max: 3 }),
  h: fc.integer({ min: 1, max: 9 }),
  w: fc.integer({ min: 1, max: 9 }),
  c: fc.integer({ min: 1, max: maxC }),
});

/** A convolution's two gradient kernels and what they run on: shapes, the output's, the attributes both take, a seed. */
export interface GradKernelCase {
  kernels: { input: string; filter: string };
  x: Shape4;
  f: Shape4;
  out: Shape4;
  attrs: Record<string, unknown>;
  seed: number;
}

/**
 * Both gradient kernels run directly on random x, filter and output gradient dy (through the
 * engine, as tf.grads calls them), checking that neither leaves a tensor or a heap buffer behind.
 */
export function gradKernels(backend: string, c: GradKernelCase) {
  return onBackend(backend, async () => {
    const before = tf.memory().numTensors;
    const dataIds = tf.engine().backend.numDataIds();
    const [dx, dw] = tf.tidy(() => {
      const x = tf.tensor4d(values(size(c.x), c.seed), c.x);
      const w = tf.tensor4d(values(size(c.f), c.seed + 1), c.f);
      const dy = tf.tensor4d(values(size(c.out), c.seed + 2), c.out);
      return [
        tf.engine().runKernel(c.kernels.input, { dy, filter: w }, { ...c.attrs, inputShape: c.x }) as tf.Tensor,
        tf.engine().runKernel(c.kernels.filter, { x, dy }, { ...c.attrs, filterShape: c.f }) as tf.Tensor,
      ];
    });
    const out = { dx: await dx.data(), dw: await dw.data() };
    tf.dispose([dx, dw]);
    expect(tf.memory().numTensors).toBe(before);
    expect(tf.engine().backend.numDataIds()).toBe(dataIds); // no scratch buffer left on the heap
    return out;
  });
}

/** Largest |a − b| over the largest |a| (1e-4: "within 1e-4 relative"), and element-wise |a − b| / (1 + |a|). */
export function relErrors(ref: ArrayLike<number>, got: ArrayLike<number>): { normwise: number; elementwise: number } {
  let maxDiff = 0;
  let maxRef = 0;
  let elementwise = 0;
  for (let i = 0; i < ref.length; i++) {
    const d = Math.abs(ref[i] - got[i]);
    maxDiff = Math.max(maxDiff, d);
    maxRef = Math.max(maxRef, Math.abs(ref[i]));
    elementwise = Math.max(elementwise, d / (1 + Math.abs(ref[i])));
  }
  expect(got.length).toBe(ref.length);
  return { normwise: maxRef ? maxDiff / maxRef : maxDiff, elementwise };
}

/**
 * A gradient against central differences of `loss` at `base` (step 1e-2) along a pseudo-random
 * direction seeded by `dirSeed`: exact for a quadratic loss, up to float32 rounding.
 */
export function expectDirectionalDerivative(
  base: Float32Array,
  grad: ArrayLike<number>,
  loss: (v: Float32Array) => number,
  dirSeed: number,
): void {
  const dir = values(base.length, dirSeed);
  const eps = 1e-2;
  const numeric = (loss(base.map((v, i) => v + eps * dir[i])) - loss(base.map((v, i) => v - eps * dir[i]))) / (2 * eps);
  const analytic = Array.from(grad).reduce((s, g, i) => s + g * dir[i], 0);
  expect(Math.abs(numeric - analytic)).toBeLessThan(2e-3 * (1 + Math.abs(analytic)));
}
