import * as tf from '@tensorflow/tfjs';
import { bug } from '../messages';

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

/**
 * a[m, k] · b[k, n] on the wasm backend's BatchMatMul (XNNPACK's GEMM when neither side is
 * transposed, which is why callers lay their operands out so). Returns a new [m, n] buffer.
 * XNNPACK packs `b` once and caches it under b's buffer id alone (not its shape), until that
 * buffer is freed: pass as `b` only a scratch buffer of this call, never a tensor someone else
 * may multiply with under another shape.
 */
export function wasmMatMul(backend: WasmBackend, a: tf.TensorInfo, b: tf.TensorInfo): tf.TensorInfo {
  const kernel = tf.getKernel('BatchMatMul', 'wasm');
  if (!kernel) throw bug('The wasm backend has no BatchMatMul kernel.'); // a property of the bundled TF.js build
  return kernel.kernelFunc({
    inputs: { a, b },
    backend: backend as never,
    attrs: { transposeA: false, transposeB: false },
  }) as tf.TensorInfo;
}

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
