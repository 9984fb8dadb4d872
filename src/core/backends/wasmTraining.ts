import * as tf from '@tensorflow/tfjs';
import { bug } from '../messages';

/**
 * TF.js's wasm backend has every kernel a small CNN's training step needs but one:
 * `Conv2DBackpropFilter` (the filter gradient). It does have `Conv3DBackpropFilterV2`, and a 2-D
 * convolution is a 3-D one of depth 1, so the filter gradient is that kernel on the same buffers
 * with a unit depth axis. Strided or explicitly padded convolutions are first rewritten as a
 * stride-1 'valid' one: the input padded and cropped to what the strided windows touch, the
 * output gradient dilated with zeros between its rows and columns. With this registered, the
 * zoo's models train on wasm, which on a machine without a GPU is ~7× faster than software WebGL.
 */

/** What this file uses of BackendWasm (kept structural: the core does not import the wasm package). */
interface WasmBackend {
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo;
  typedArrayFromHeap(info: tf.TensorInfo): Float32Array;
  disposeData(dataId: object): boolean;
}

interface FilterAttrs {
  strides: [number, number] | number;
  pad: 'valid' | 'same' | number | tf.backend_util.ExplicitPadding;
  dataFormat: 'NHWC' | 'NCHW';
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
  filterShape: [number, number, number, number];
}

const unitDepth = (t: tf.TensorInfo): tf.TensorInfo => ({ dataId: t.dataId, shape: [t.shape[0], 1, ...t.shape.slice(1)], dtype: t.dtype });

function conv2dBackpropFilterWasm({ inputs, backend: b, attrs }: { inputs: tf.NamedTensorInfoMap; backend: unknown; attrs?: unknown }): tf.TensorInfo {
  const backend = b as WasmBackend;
  const { x, dy } = inputs as { x: tf.TensorInfo; dy: tf.TensorInfo };
  const { strides, pad, dataFormat, dimRoundingMode, filterShape } = attrs as unknown as FilterAttrs;
  if (dataFormat === 'NCHW') throw bug('Conv2DBackpropFilter on wasm: only NHWC is supported.'); // TF.js layers compute in NHWC
  const conv3d = tf.getKernel('Conv3DBackpropFilterV2', 'wasm');
  if (!conv3d) throw bug('Conv2DBackpropFilter on wasm needs the wasm backend’s Conv3DBackpropFilterV2 kernel.'); // a property of the bundled TF.js build
  const [sh, sw] = typeof strides === 'number' ? [strides, strides] : strides;
  const run3d = (x5: tf.TensorInfo, dy5: tf.TensorInfo, s: [number, number], p: 'same' | 'valid') => {
    const out = conv3d.kernelFunc({ inputs: { x: x5, dy: dy5 }, backend: backend as never, attrs: { strides: [1, s[0], s[1]], pad: p, filterShape: [1, ...filterShape] } }) as tf.TensorInfo;
    return { dataId: out.dataId, shape: [...filterShape], dtype: out.dtype };
  };
  if (sh === 1 && sw === 1 && (pad === 'same' || pad === 'valid')) return run3d(unitDepth(x), unitDepth(dy), [1, 1], pad);

  const info = tf.backend_util.computeConv2DInfo(x.shape as [number, number, number, number], filterShape, [sh, sw], 1, pad, dimRoundingMode);
  const [batch, inH, inW, inC] = x.shape;
  const { outHeight: oh, outWidth: ow, outChannels: oc, filterHeight: fh, filterWidth: fw } = info;
  const { top, left } = info.padInfo;
  const xh = (oh - 1) * sh + fh;
  const xw = (ow - 1) * sw + fw;
  const dh = (oh - 1) * sh + 1;
  const dw = (ow - 1) * sw + 1;
  const xs = backend.makeOutput([batch, 1, xh, xw, inC], 'float32');
  const dys = backend.makeOutput([batch, 1, dh, dw, oc], 'float32');
  try {
    // Views after every allocation: growing the wasm heap detaches earlier ones.
    const X = backend.typedArrayFromHeap(x);
    const D = backend.typedArrayFromHeap(dy);
    const XS = backend.typedArrayFromHeap(xs).fill(0);
    const DS = backend.typedArrayFromHeap(dys).fill(0);
    for (let n = 0; n < batch; n++) {
      for (let i = 0; i < xh; i++) {
        const si = i - top;
        if (si < 0 || si >= inH) continue;
        for (let j = 0; j < xw; j++) {
          const sj = j - left;
          if (sj < 0 || sj >= inW) continue;
          const from = ((n * inH + si) * inW + sj) * inC;
          XS.set(X.subarray(from, from + inC), ((n * xh + i) * xw + j) * inC);
        }
      }
      for (let i = 0; i < oh; i++) {
        for (let j = 0; j < ow; j++) {
          const from = ((n * oh + i) * ow + j) * oc;
          DS.set(D.subarray(from, from + oc), ((n * dh + i * sh) * dw + j * sw) * oc);
        }
      }
    }
    return run3d(xs, dys, [1, 1], 'valid');
  } finally {
    backend.disposeData(xs.dataId);
    backend.disposeData(dys.dataId);
  }
}

let registered = false;

/** Registers the missing training kernel for the wasm backend (idempotent; harmless without wasm). */
export function registerWasmTrainingKernels(): void {
  if (registered || tf.getKernel('Conv2DBackpropFilter', 'wasm')) return;
  tf.registerKernel({ kernelName: 'Conv2DBackpropFilter', backendName: 'wasm', kernelFunc: conv2dBackpropFilterWasm as unknown as tf.KernelFunc });
  registered = true;
}
