import * as tf from '@tensorflow/tfjs';
import { bug } from '../messages';
import { col2im, flipFilter, im2colT, maxPoolGrad, transposeFilter, type ConvGeometry } from './im2col';
import { view, wasmMatMul, withScratch, type KernelArgs, type WasmBackend } from './wasmHeap';

/**
 * Convolution gradients on wasm through the backend's own XNNPACK GEMM: the filter gradient as
 * im2col + one matrix multiply, the input gradient of a stride-1 convolution as the forward Conv2D
 * of dy with the flipped filter (other strides: one matrix multiply + col2im; layouts in
 * im2col.ts), and a max-pool gradient in one pass. TF.js's wasm build computes
 * these with direct loops (the input gradient, max-pool's) or not at all (the filter gradient,
 * which wasmTraining.ts's conv3d route fills in): per zoo-CNN training step on one thread, the
 * three took ~33 ms of kernel time; these take ~5 ms (numbers in wasmTraining.ts).
 */

type Pad = 'valid' | 'same' | number | tf.backend_util.ExplicitPadding;
type Strides = [number, number] | number;

interface ConvGradAttrs {
  strides: Strides;
  pad: Pad;
  dataFormat: 'NHWC' | 'NCHW';
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
}

/** The convolution's geometry, with the padding after the last row and column too. */
function geometry(
  xShape: number[],
  filterShape: number[],
  a: ConvGradAttrs,
  kernel: string,
): ConvGeometry & { bottom: number; right: number } {
  if (a.dataFormat === 'NCHW') throw bug(`${kernel} on wasm: only NHWC is supported.`); // TF.js layers compute in NHWC
  const info = tf.backend_util.computeConv2DInfo(
    xShape as [number, number, number, number],
    filterShape as [number, number, number, number],
    a.strides,
    1,
    a.pad,
    a.dimRoundingMode,
  );
  return {
    batch: info.batchSize,
    inH: info.inHeight,
    inW: info.inWidth,
    inC: info.inChannels,
    outH: info.outHeight,
    outW: info.outWidth,
    outC: info.outChannels,
    fh: info.filterHeight,
    fw: info.filterWidth,
    sh: info.strideHeight,
    sw: info.strideWidth,
    top: info.padInfo.top,
    left: info.padInfo.left,
    bottom: info.padInfo.bottom,
    right: info.padInfo.right,
  };
}

const taps = (g: ConvGeometry) => g.fh * g.fw * g.inC;
const positions = (g: ConvGeometry) => g.batch * g.outH * g.outW;

/** dW[K, OC] = colᵀ[K, M] · dy[M, OC]. */
export function conv2dBackpropFilterGemm({ inputs, backend: b, attrs }: KernelArgs): tf.TensorInfo {
  const backend = b as WasmBackend;
  const { x, dy } = inputs as { x: tf.TensorInfo; dy: tf.TensorInfo };
  const a = attrs as ConvGradAttrs & { filterShape: [number, number, number, number] };
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

/** dcol[M, K] = dy[M, OC] · Wᵀ[OC, K], then scattered back onto the input (col2im). */
export function conv2dBackpropInputGemm({ inputs, backend: b, attrs }: KernelArgs): tf.TensorInfo {
  const backend = b as WasmBackend;
  const { dy, filter } = inputs as { dy: tf.TensorInfo; filter: tf.TensorInfo };
  const a = attrs as ConvGradAttrs & { inputShape: [number, number, number, number] };
  const g = geometry(a.inputShape, filter.shape, a, 'Conv2DBackpropInput');
  const [k, m] = [taps(g), positions(g)];
  return withScratch(backend, [[g.outC, k]], ([wT]) => {
    transposeFilter(backend.typedArrayFromHeap(filter), k, g.outC, backend.typedArrayFromHeap(wT));
    const dcol = wasmMatMul(backend, view(dy, [m, g.outC]), wT);
    try {
      const dx = backend.makeOutput([...a.inputShape], 'float32');
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
 * That runs on the backend's forward Conv2D (XNNPACK's indirect GEMM) with no col2im pass.
 */
export function conv2dBackpropInputConv({ inputs, backend: b, attrs }: KernelArgs): tf.TensorInfo {
  const backend = b as WasmBackend;
  const { dy, filter } = inputs as { dy: tf.TensorInfo; filter: tf.TensorInfo };
  const a = attrs as ConvGradAttrs & { inputShape: [number, number, number, number] };
  const g = geometry(a.inputShape, filter.shape, a, 'Conv2DBackpropInput');
  if (!flippable(g)) return conv2dBackpropInputGemm({ inputs, backend, attrs });
  const conv = tf.getKernel('Conv2D', 'wasm');
  if (!conv) throw bug('The wasm backend has no Conv2D kernel.'); // a property of the bundled TF.js build
  return withScratch(backend, [[g.fh, g.fw, g.outC, g.inC]], ([flipped]) => {
    flipFilter(backend.typedArrayFromHeap(filter), g.fh, g.fw, g.inC, g.outC, backend.typedArrayFromHeap(flipped));
    const pad: tf.backend_util.ExplicitPadding = [
      [0, 0],
      [g.fh - 1 - g.top, g.fh - 1 - g.bottom],
      [g.fw - 1 - g.left, g.fw - 1 - g.right],
      [0, 0],
    ];
    const attrs = { strides: [1, 1], pad, dataFormat: 'NHWC', dilations: [1, 1] };
    return conv.kernelFunc({
      inputs: { x: dy, filter: flipped },
      backend: backend as never,
      attrs: attrs as unknown as tf.NamedAttrMap,
    }) as tf.TensorInfo;
  });
}

/** Whether the flipped-filter route applies: stride 1, and no side padded by a whole filter or more. */
const flippable = (g: ConvGeometry & { bottom: number; right: number }) =>
  g.sh === 1 && g.sw === 1 && Math.max(g.top, g.bottom) < g.fh && Math.max(g.left, g.right) < g.fw;

interface PoolGradAttrs {
  filterSize: [number, number] | number;
  strides: Strides;
  pad: Pad;
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
}

/** MaxPoolGrad in one pass over the windows (the forward's cost), first-maximum rule as on cpu. */
export function maxPoolGradDirect({ inputs, backend: b, attrs }: KernelArgs): tf.TensorInfo {
  const backend = b as WasmBackend;
  const { dy, input } = inputs as { dy: tf.TensorInfo; input: tf.TensorInfo };
  const a = attrs as PoolGradAttrs;
  const info = tf.backend_util.computePool2DInfo(
    input.shape as [number, number, number, number],
    a.filterSize,
    a.strides,
    1,
    a.pad,
    a.dimRoundingMode,
  );
  const dx = backend.makeOutput([...input.shape], 'float32');
  maxPoolGrad(
    backend.typedArrayFromHeap(input),
    backend.typedArrayFromHeap(dy),
    {
      batch: info.batchSize,
      inH: info.inHeight,
      inW: info.inWidth,
      channels: info.inChannels,
      outH: info.outHeight,
      outW: info.outWidth,
      fh: info.filterHeight,
      fw: info.filterWidth,
      sh: info.strideHeight,
      sw: info.strideWidth,
      dh: info.dilationHeight,
      dw: info.dilationWidth,
      top: info.padInfo.top,
      left: info.padInfo.left,
    },
    backend.typedArrayFromHeap(dx),
  );
  return dx;
}
