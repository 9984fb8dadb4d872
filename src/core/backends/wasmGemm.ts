import * as tf from '@tensorflow/tfjs';
import { bug } from '../messages';
import { col2im, flipFilter, im2colT, maxPoolGrad, transposeFilter, type ConvGeometry } from './im2col';
import { convolveFlipped, view, wasmMatMul, withScratch, type KernelArgs, type WasmBackend } from './wasmHeap';
import { flippable, windowGeometry, type Shape4, type TrailingPadding, type WindowAttrs, type WindowGeometry } from './windowGeometry';

/**
 * Convolution gradients on wasm through the backend's own XNNPACK GEMM: the filter gradient as
 * im2col + one matrix multiply, the input gradient of a stride-1 convolution as the forward Conv2D
 * of dy with the flipped filter (other strides: one matrix multiply + col2im; layouts in
 * im2col.ts), and a max-pool gradient in one pass. TF.js's wasm build computes
 * these with direct loops (the input gradient, max-pool's) or not at all (the filter gradient,
 * which wasmTraining.ts's conv3d route fills in): per zoo-CNN training step on one thread, the
 * three took ~33 ms of kernel time; these take ~5 ms (numbers in wasmTraining.ts).
 */

interface ConvGradAttrs extends WindowAttrs {
  dataFormat: 'NHWC' | 'NCHW';
}

/** The convolution's geometry, with the padding after the last row and column too. */
function geometry(
  xShape: number[],
  filterShape: number[],
  a: ConvGradAttrs,
  kernel: string,
): ConvGeometry & WindowGeometry & TrailingPadding {
  if (a.dataFormat === 'NCHW') throw bug(`${kernel} on wasm: only NHWC is supported.`); // TF.js layers compute in NHWC
  const info = tf.backend_util.computeConv2DInfo(xShape as Shape4, filterShape as Shape4, a.strides, 1, a.pad, a.dimRoundingMode);
  return { ...windowGeometry(info), inC: info.inChannels, outC: info.outChannels };
}

const taps = (g: ConvGeometry) => g.fh * g.fw * g.inC;
const positions = (g: ConvGeometry) => g.batch * g.outH * g.outW;

/** dW[K, OC] = colᵀ[K, M] · dy[M, OC]. */
export function conv2dBackpropFilterGemm({ inputs, backend: b, attrs }: KernelArgs): tf.TensorInfo {
  const backend = b as WasmBackend;
  const { x, dy } = inputs as { x: tf.TensorInfo; dy: tf.TensorInfo };
  const a = attrs as ConvGradAttrs & { filterShape: Shape4 };
  const g = geometry(x.shape, a.filterShape, a, 'Conv2DBackpropFilter');
  const [k, m] = [taps(g), positions(g)];
  const dw = withScratch(
    backend,
    [
      [k, m],
      [m, g.outC],
    ],
    ([colT, dyCopy]) => {
      im2colT(backend.typedArrayFromHeap(x), g, backend.typedArrayFromHeap(colT));
      // The right operand goes through a copy: wasm's GEMM caches its packed weights under the
      // operand's buffer id, whatever the shape, so dy itself must never be a GEMM's weights here.
      backend.typedArrayFromHeap(dyCopy).set(backend.typedArrayFromHeap(dy));
      return wasmMatMul(backend, colT, dyCopy);
    },
  );
  return view(dw, [...a.filterShape]);
}

/** What Conv2DBackpropInput gets, and the geometry derived from it (once, whichever route runs). */
interface InputGrad {
  backend: WasmBackend;
  dy: tf.TensorInfo;
  filter: tf.TensorInfo;
  inputShape: Shape4;
  g: ReturnType<typeof geometry>;
}

function inputGradArgs({ inputs, backend, attrs }: KernelArgs): InputGrad {
  const { dy, filter } = inputs as { dy: tf.TensorInfo; filter: tf.TensorInfo };
  const a = attrs as ConvGradAttrs & { inputShape: Shape4 };
  const g = geometry(a.inputShape, filter.shape, a, 'Conv2DBackpropInput');
  return { backend: backend as WasmBackend, dy, filter, inputShape: a.inputShape, g };
}

/** dcol[M, K] = dy[M, OC] · Wᵀ[OC, K], then scattered back onto the input (col2im). */
function inputGradGemm({ backend, dy, filter, inputShape, g }: InputGrad): tf.TensorInfo {
  const [k, m] = [taps(g), positions(g)];
  return withScratch(backend, [[g.outC, k]], ([wT]) => {
    transposeFilter(backend.typedArrayFromHeap(filter), k, g.outC, backend.typedArrayFromHeap(wT));
    const dcol = wasmMatMul(backend, view(dy, [m, g.outC]), wT);
    try {
      const dx = backend.makeOutput([...inputShape], 'float32');
      col2im(backend.typedArrayFromHeap(dcol), g, backend.typedArrayFromHeap(dx));
      return dx;
    } finally {
      backend.disposeData(dcol.dataId);
    }
  });
}

/**
 * The input gradient of a stride-1 convolution is itself a stride-1 convolution: dy, padded by
 * FH−1−top above (FH−1−bottom below, likewise for columns), correlated with the flipped filter.
 * That runs on the backend's forward Conv2D (XNNPACK's indirect GEMM) with no col2im pass; other
 * convolutions take inputGradGemm.
 */
export function conv2dBackpropInputConv(args: KernelArgs): tf.TensorInfo {
  const p = inputGradArgs(args);
  const { backend, dy, filter, g } = p;
  if (!flippable(g)) return inputGradGemm(p);
  return withScratch(backend, [[g.fh, g.fw, g.outC, g.inC]], ([flipped]) => {
    flipFilter(backend.typedArrayFromHeap(filter), g.fh, g.fw, g.inC, g.outC, backend.typedArrayFromHeap(flipped));
    return convolveFlipped(backend, 'Conv2D', dy, flipped, g);
  });
}

interface PoolGradAttrs extends WindowAttrs {
  filterSize: [number, number] | number;
}

/** MaxPoolGrad in one pass over the windows (the forward's cost), first-maximum rule as on cpu. */
export function maxPoolGradDirect({ inputs, backend: b, attrs }: KernelArgs): tf.TensorInfo {
  const backend = b as WasmBackend;
  const { dy, input } = inputs as { dy: tf.TensorInfo; input: tf.TensorInfo };
  const a = attrs as PoolGradAttrs;
  const info = tf.backend_util.computePool2DInfo(input.shape as Shape4, a.filterSize, a.strides, 1, a.pad, a.dimRoundingMode);
  const dx = backend.makeOutput([...input.shape], 'float32');
  const g = { ...windowGeometry(info), channels: info.inChannels };
  maxPoolGrad(backend.typedArrayFromHeap(input), backend.typedArrayFromHeap(dy), g, backend.typedArrayFromHeap(dx));
  return dx;
}
