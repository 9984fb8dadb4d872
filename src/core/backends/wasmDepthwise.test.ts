import * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectDirectionalDerivative, gradKernels, nhwc, relErrors, size, values } from './kernelTestKit';
import type { Shape4 } from './windowGeometry';

interface DepthwiseCase {
  x: Shape4;
  f: Shape4;
  strides: [number, number];
  dilations: [number, number];
  pad: 'same' | 'valid';
  seed: number;
}

/** Both depthwise gradient kernels on random x, filter and output gradient (through the engine, as tf.grads calls them). */
function depthwiseGrads(backend: string, c: DepthwiseCase) {
  const out = tf.backend_util.computeConv2DInfo(c.x, c.f, c.strides, c.dilations, c.pad, undefined, true).outShape;
  const kernels = { input: 'DepthwiseConv2dNativeBackpropInput', filter: 'DepthwiseConv2dNativeBackpropFilter' };
  const attrs = { strides: c.strides, dilations: c.dilations, pad: c.pad };
  return gradKernels(backend, { kernels, x: c.x, f: c.f, out, attrs, seed: c.seed });
}

/** Largest |a − b| over the largest |a|. */
const normwise = (ref: ArrayLike<number>, got: ArrayLike<number>): number => relErrors(ref, got).normwise;

const depthwiseCase: fc.Arbitrary<DepthwiseCase> = fc
  .record({
    ...nhwc(5),
    cm: fc.integer({ min: 1, max: 3 }),
    fh: fc.integer({ min: 1, max: 3 }),
    fw: fc.integer({ min: 1, max: 3 }),
    // Dilation 1 only: TF.js's depthwise gradient refuses dilated convolutions (and cpu's kernels ignore the rate).
    sd: fc.constantFrom<[[number, number], [number, number]]>(
      [
        [1, 1],
        [1, 1],
      ],
      [
        [2, 2],
        [1, 1],
      ],
      [
        [1, 2],
        [1, 1],
      ],
      [
        [2, 1],
        [1, 1],
      ],
    ),
    pad: fc.constantFrom<'same' | 'valid'>('same', 'valid'),
    seed: fc.integer({ min: 1, max: 1e6 }),
  })
  .filter((r) => r.pad === 'same' || ((r.fh - 1) * r.sd[1][0] < r.h && (r.fw - 1) * r.sd[1][1] < r.w))
  .map((r) => ({
    x: [r.n, r.h, r.w, r.c] as Shape4,
    f: [r.fh, r.fw, r.c, r.cm] as Shape4,
    strides: r.sd[0],
    dilations: r.sd[1],
    pad: r.pad,
    seed: r.seed,
  }));

describe('depthwise convolution gradients on wasm', () => {
  it('match the cpu backend within 1e-4 on random shapes, multipliers, strides 1 and 2, same and valid', async () => {
    await fc.assert(
      fc.asyncProperty(depthwiseCase, async (c) => {
        const [cpu, wasm] = [await depthwiseGrads('cpu', c), await depthwiseGrads('wasm', c)];
        expect(normwise(cpu.dx, wasm.dx), `dx ${JSON.stringify(c)}`).toBeLessThan(1e-4);
        expect(normwise(cpu.dw, wasm.dw), `dw ${JSON.stringify(c)}`).toBeLessThan(1e-4);
      }),
      { numRuns: 100, seed: 30 },
    );
  });

  it('MobileNet-like shapes (3×3, multiplier 1, stride 1 and 2) match the cpu backend', async () => {
    for (const strides of [
      [1, 1],
      [2, 2],
    ] as [number, number][]) {
      const c: DepthwiseCase = { x: [4, 28, 28, 32], f: [3, 3, 32, 1], strides, dilations: [1, 1], pad: 'same', seed: 5 };
      const [cpu, wasm] = [await depthwiseGrads('cpu', c), await depthwiseGrads('wasm', c)];
      expect(normwise(cpu.dx, wasm.dx)).toBeLessThan(1e-4);
      expect(normwise(cpu.dw, wasm.dw)).toBeLessThan(1e-4);
    }
  });

  it('agree with central differences of a quadratic loss through tf.grads on wasm', async () => {
    const xShape: Shape4 = [2, 6, 5, 3];
    const fShape: Shape4 = [3, 3, 3, 2];
    const x0 = values(size(xShape), 1);
    const w0 = values(size(fShape), 2);
    const r = tf.tensor4d(values(2 * 6 * 5 * 6, 3), [2, 6, 5, 6]);
    const loss = (x: tf.Tensor, w: tf.Tensor) =>
      tf
        .depthwiseConv2d(x as tf.Tensor4D, w as tf.Tensor4D, 1, 'same')
        .square()
        .mul(r)
        .sum() as tf.Scalar;
    const [gx, gw] = tf.grads(loss)([tf.tensor4d(x0, xShape), tf.tensor4d(w0, fShape)]);
    const [dx, dw] = [await gx.data(), await gw.data()];
    tf.dispose([gx, gw]);
    const value = (x: Float32Array, w: Float32Array) => tf.tidy(() => loss(tf.tensor4d(x, xShape), tf.tensor4d(w, fShape)).dataSync()[0]);
    expectDirectionalDerivative(x0, dx, (x) => value(x, w0), 9);
    expectDirectionalDerivative(w0, dw, (w) => value(x0, w), 9);
    r.dispose();
  });
});
