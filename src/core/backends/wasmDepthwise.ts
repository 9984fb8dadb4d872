import * as tf from '@tensorflow/tfjs';
import { depthwiseFilterGrad, depthwiseInputGrad, flipDepthwiseFilter, type DepthwiseGeometry } from './depthwise';
import { withScratch, type KernelArgs, type WasmBackend } from './wasmHeap';

/**
 * The two gradients of DepthwiseConv2dNative on wasm, which TF.js's wasm build lacks (so MobileNet
 * fine-tunes could not train there). The filter gradient is a direct loop (depthwise.ts); the input
 * gradient of a stride-1, multiplier-1 layer (most of MobileNet's) is the backend's own forward
 * depthwise convolution of dy with the flipped filter, the rest a direct loop.
 *
 * Registered for completeness; models with depthwise layers still train elsewhere until
 * jobBackend.ts lists DepthwiseConv2D as wasm-trainable — a decision for a measured MobileNet
 * training step on wasm against the device's WebGL.
 */

interface DepthwiseAttrs {
  strides: [number, number] | number;
  dilations: [number, number] | number;
  pad: 'valid' | 'same' | number | tf.backend_util.ExplicitPadding;
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
}

function geometry(xShape: number[], filterShape: number[], a: DepthwiseAttrs) {
  const info = tf.backend_util.computeConv2DInfo(
    xShape as [number, number, number, number],
    filterShape as [number, number, number, number],
    a.strides,
    a.dilations ?? 1,
    a.pad,
    a.dimRoundingMode,
    true,
  );
  const g: DepthwiseGeometry = {
    batch: info.batchSize,
    inH: info.inHeight,
    inW: info.inWidth,
    inC: info.inChannels,
    cm: filterShape[3],
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
  };
  return { g, bottom: info.padInfo.bottom, right: info.padInfo.right };
}

export function depthwiseBackpropFilterWasm({ inputs, backend: b, attrs }: KernelArgs): tf.TensorInfo {
  const backend = b as WasmBackend;
  const { x, dy } = inputs as { x: tf.TensorInfo; dy: tf.TensorInfo };
  const a = attrs as DepthwiseAttrs & { filterShape: [number, number, number, number] };
  const { g } = geometry(x.shape, a.filterShape, a);
  const dW = backend.makeOutput([...a.filterShape], 'float32');
  depthwiseFilterGrad(backend.typedArrayFromHeap(x), backend.typedArrayFromHeap(dy), g, backend.typedArrayFromHeap(dW));
  return dW;
}

export function depthwiseBackpropInputWasm({ inputs, backend: b, attrs }: KernelArgs): tf.TensorInfo {
  const backend = b as WasmBackend;
  const { dy, filter } = inputs as { dy: tf.TensorInfo; filter: tf.TensorInfo };
  const a = attrs as DepthwiseAttrs & { inputShape: [number, number, number, number] };
  const { g, bottom, right } = geometry(a.inputShape, filter.shape, a);
  const forward = tf.getKernel('DepthwiseConv2dNative', 'wasm');
  const flippable =
    g.cm === 1 && g.sh === 1 && g.sw === 1 && g.dh === 1 && g.dw === 1 && Math.max(g.top, bottom) < g.fh && Math.max(g.left, right) < g.fw;
  if (!forward || !flippable) {
    const dx = backend.makeOutput([...a.inputShape], 'float32');
    depthwiseInputGrad(backend.typedArrayFromHeap(dy), backend.typedArrayFromHeap(filter), g, backend.typedArrayFromHeap(dx));
    return dx;
  }
  return withScratch(backend, [[...filter.shape]], ([flipped]) => {
    flipDepthwiseFilter(backend.typedArrayFromHeap(filter), g.fh, g.fw, g.inC, backend.typedArrayFromHeap(flipped));
    const pad: tf.backend_util.ExplicitPadding = [
      [0, 0],
      [g.fh - 1 - g.top, g.fh - 1 - bottom],
      [g.fw - 1 - g.left, g.fw - 1 - right],
      [0, 0],
    ];
    const attrs = { strides: [1, 1], dilations: [1, 1], pad, dataFormat: 'NHWC' };
    return forward.kernelFunc({
      inputs: { x: dy, filter: flipped },
      backend: backend as never,
      attrs: attrs as unknown as tf.NamedAttrMap,
    }) as tf.TensorInfo;
  });
}
