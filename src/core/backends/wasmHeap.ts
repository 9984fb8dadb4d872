import * as tf from '@tensorflow/tfjs';
import { bug } from '../messages';
import { flippedPadding, type TrailingPadding, type WindowGeometry } from './windowGeometry';

/**
 * What the lab's own wasm kernels use of BackendWasm (kept structural: the core does not import
 * the wasm package). Kernels run inside the engine's kernel call, so they work on TensorInfos and
 * call other wasm kernels' functions directly — never tf.* ops, which would re-enter the engine
 * and record on a gradient tape.
 */
export interface WasmBackend {
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo;
  typedArrayFromHeap(info: tf.TensorInfo): Float32Array;
  disposeData(dataId: object): boolean;
}

export interface KernelArgs {
  inputs: tf.NamedTensorInfoMap;
  backend: unknown;
  attrs?: unknown;
}

/** The same buffer seen with another shape (no copy; the caller keeps owning it). */
export const view = (t: tf.TensorInfo, shape: number[]): tf.TensorInfo => ({ dataId: t.dataId, shape, dtype: t.dtype });

/** Runs one of the wasm backend's own kernels on TensorInfos (not through the engine: no tape, no tidy). */
export function runWasmKernel(backend: WasmBackend, name: string, inputs: tf.NamedTensorInfoMap, attrs: object): tf.TensorInfo {
  const kernel = tf.getKernel(name, 'wasm');
  if (!kernel) throw bug(`The wasm backend has no ${name} kernel.`); // a property of the bundled TF.js build
  return kernel.kernelFunc({ inputs, backend: backend as never, attrs: attrs as tf.NamedAttrMap }) as tf.TensorInfo;
}

/**
 * a[m, k] · b[k, n] on the wasm backend's BatchMatMul (XNNPACK's GEMM when neither side is
 * transposed, which is why callers lay their operands out so). Returns a new [m, n] buffer.
 * XNNPACK packs `b` once and caches it under b's buffer id alone (not its shape), until that
 * buffer is freed: pass as `b` only a scratch buffer of this call, never a tensor someone else
 * may multiply with under another shape.
 */
export const wasmMatMul = (backend: WasmBackend, a: tf.TensorInfo, b: tf.TensorInfo): tf.TensorInfo =>
  runWasmKernel(backend, 'BatchMatMul', { a, b }, { transposeA: false, transposeB: false });

/**
 * An input gradient as the backend's forward `kernel` (Conv2D or DepthwiseConv2dNative, stride 1):
 * dy, padded fully, correlated with the filter already flipped into `flipped`. Only where
 * windowGeometry.ts's `flippable` holds.
 */
export const convolveFlipped = (
  backend: WasmBackend,
  kernel: 'Conv2D' | 'DepthwiseConv2dNative',
  dy: tf.TensorInfo,
  flipped: tf.TensorInfo,
  g: WindowGeometry & TrailingPadding,
): tf.TensorInfo =>
  runWasmKernel(
    backend,
    kernel,
    { x: dy, filter: flipped },
    { strides: [1, 1], dilations: [1, 1], pad: flippedPadding(g), dataFormat: 'NHWC' },
  );

/** Allocates scratch buffers, runs `body`, and frees them whatever happens. Take heap views inside `body`, after every allocation (growing the heap detaches earlier views). */
export function withScratch<T>(backend: WasmBackend, shapes: number[][], body: (scratch: tf.TensorInfo[]) => T): T {
  const scratch: tf.TensorInfo[] = [];
  try {
    for (const shape of shapes) scratch.push(backend.makeOutput(shape, 'float32'));
    return body(scratch);
  } finally {
    for (const s of scratch) backend.disposeData(s.dataId);
  }
}
