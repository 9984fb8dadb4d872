import * as tf from '@tensorflow/tfjs';
import { depthwiseFilterGrad, depthwiseInputGrad, flipDepthwiseFilter, type DepthwiseGeometry } from './depthwise';
import { convolveFlipped, withScratch, type KernelArgs, type WasmBackend } from './wasmHeap';
import { flippable, windowGeometry, type Shape4, type TrailingPadding, type WindowAttrs } from './windowGeometry';

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

interface DepthwiseAttrs extends WindowAttrs {
  dilations: [number, number] | number;
}

function geometry(xShape: number[], filterShape: number[], a: DepthwiseAttrs): DepthwiseGeometry & TrailingPadding {
  const info = tf.backend_util.computeConv2DInfo(
    xShape as Shape4,
    filterShape as Shape4,
    a.strides,
    a.dilations ?? 1,
    a.pad,
    a.dimRoundingMode,
    true,
  );
  return { ...windowGeometry(info), inC: info.inChannels, cm: filterShape[3] };
}

export function depthwiseBackpropFilterWasm({ inputs, backend: b, attrs }: KernelArgs): tf.TensorInfo {
  const backend = b as WasmBackend;
  const { x, dy } = inputs as { x: tf.TensorInfo; dy: tf.TensorInfo };
  const a = attrs as DepthwiseAttrs & { filterShape: Shape4 };
  const g = geometry(x.shape, a.filterShape, a);
  const dW = backend.makeOutput([...a.filterShape], 'float32');
  depthwiseFilterGrad(backend.typedArrayFromHeap(x), backend.typedArrayFromHeap(dy), g, backend.typedArrayFromHeap(dW));
  return dW;
}

export function depthwiseBackpropInputWasm({ inputs, backend: b, attrs }: KernelArgs): tf.TensorInfo {
  const backend = b as WasmBackend;
  const { dy, filter } = inputs as { dy: tf.TensorInfo; filter: tf.TensorInfo };
  const a = attrs as DepthwiseAttrs & { inputShape: Shape4 };
  const g = geometry(a.inputShape, filter.shape, a);
  if (g.cm !== 1 || !flippable(g) || !tf.getKernel('DepthwiseConv2dNative', 'wasm')) {
    const dx = backend.makeOutput([...a.inputShape], 'float32');
    depthwiseInputGrad(backend.typedArrayFromHeap(dy), backend.typedArrayFromHeap(filter), g, backend.typedArrayFromHeap(dx));
    return dx;
  }
  return withScratch(backend, [[...filter.shape]], ([flipped]) => {
    flipDepthwiseFilter(backend.typedArrayFromHeap(filter), g.fh, g.fw, g.inC, backend.typedArrayFromHeap(flipped));
    return convolveFlipped(backend, 'DepthwiseConv2dNative', dy, flipped, g);
  });
}
