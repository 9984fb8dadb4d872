import * as tf from '@tensorflow/tfjs';
import { bug } from '../messages';
import { depthwiseBackpropFilterWasm, depthwiseBackpropInputWasm } from './wasmDepthwise';
import { conv2dBackpropFilterGemm, conv2dBackpropInputConv, maxPoolGradDirect } from './wasmGemm';
import type { KernelArgs, WasmBackend } from './wasmHeap';

/**
 * Training kernels for TF.js's wasm backend. Its build lacks `Conv2DBackpropFilter` (the filter
 * gradient) and the depthwise gradients, and computes the input gradient and MaxPoolGrad with
 * direct loops. This file registers the lab's replacements (wasmGemm.ts, wasmDepthwise.ts) and
 * keeps the first route to the filter gradient as the bench's baseline: `Conv3DBackpropFilterV2`
 * on the same buffers with a unit depth axis (a 2-D convolution is a 3-D one of depth 1), strided
 * or explicitly padded convolutions first rewritten as a stride-1 'valid' one — the input padded
 * and cropped to what the strided windows touch, the output gradient dilated with zeros.
 */

interface FilterAttrs {
  strides: [number, number] | number;
  pad: 'valid' | 'same' | number | tf.backend_util.ExplicitPadding;
  dataFormat: 'NHWC' | 'NCHW';
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
  filterShape: [number, number, number, number];
}

const unitDepth = (t: tf.TensorInfo): tf.TensorInfo => ({ dataId: t.dataId, shape: [t.shape[0], 1, ...t.shape.slice(1)], dtype: t.dtype });

/** The filter gradient through wasm's Conv3DBackpropFilterV2: the first route, kept as the bench's baseline. */
export function conv2dBackpropFilterConv3d({ inputs, backend: b, attrs }: KernelArgs): tf.TensorInfo {
  const backend = b as WasmBackend;
  const { x, dy } = inputs as { x: tf.TensorInfo; dy: tf.TensorInfo };
  const { strides, pad, dataFormat, dimRoundingMode, filterShape } = attrs as unknown as FilterAttrs;
  if (dataFormat === 'NCHW') throw bug('Conv2DBackpropFilter on wasm: only NHWC is supported.'); // TF.js layers compute in NHWC
  const conv3d = tf.getKernel('Conv3DBackpropFilterV2', 'wasm');
  if (!conv3d) throw bug('Conv2DBackpropFilter on wasm needs the wasm backend’s Conv3DBackpropFilterV2 kernel.'); // a property of the bundled TF.js build
  const [sh, sw] = typeof strides === 'number' ? [strides, strides] : strides;
  const run3d = (x5: tf.TensorInfo, dy5: tf.TensorInfo, s: [number, number], p: 'same' | 'valid') => {
    const out = conv3d.kernelFunc({
      inputs: { x: x5, dy: dy5 },
      backend: backend as never,
      attrs: { strides: [1, s[0], s[1]], pad: p, filterShape: [1, ...filterShape] },
    }) as tf.TensorInfo;
    return { dataId: out.dataId, shape: [...filterShape], dtype: out.dtype };
  };
  if (sh === 1 && sw === 1 && (pad === 'same' || pad === 'valid')) return run3d(unitDepth(x), unitDepth(dy), [1, 1], pad);

  const info = tf.backend_util.computeConv2DInfo(
    x.shape as [number, number, number, number],
    filterShape,
    [sh, sw],
    1,
    pad,
    dimRoundingMode,
  );
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

/**
 * Which training kernels wasm runs. `matmul`: the filter and input gradients of Conv2D through the
 * backend's GEMM and a one-pass MaxPoolGrad (wasmGemm.ts). `baseline`: the conv3d filter gradient
 * above with TF.js's own input gradient and MaxPoolGrad — what the lab ran before, kept so the
 * bench can time both on the same page.
 *
 * Measured in Node, one wasm thread, the zoo CNN at batch 16, same process, alternating (ms,
 * best of 6 profiled rounds, baseline → matmul): filter gradients 3.7 → 1.3, 5.0 → 1.0,
 * 5.9 → 0.6, 7.7 → 0.5 (32² to 4² maps); input gradients 3.1 → 0.3, 2.5 → 0.3, 2.0 → 0.4;
 * MaxPoolGrad 1.6 → 0.24, 0.9 → 0.17, 0.5 → 0.12. Whole step (Adam): best 42 → 11 ms. `matmul`
 * wins on every shape measured, so it is the default and no per-shape choice is made.
 */
export type WasmTrainingKernels = 'matmul' | 'baseline';

const OVERRIDDEN = ['Conv2DBackpropFilter', 'Conv2DBackpropInput', 'MaxPoolGrad'] as const;
type Overridden = (typeof OVERRIDDEN)[number];

/** TF.js's own configs of the kernels we override (none for the filter gradient), captured once. */
let originals: Partial<Record<Overridden, tf.KernelConfig>> | null = null;
let active: WasmTrainingKernels | null = null;

const IMPLEMENTATIONS: Record<WasmTrainingKernels, Record<Overridden, tf.KernelFunc | 'original'>> = {
  matmul: {
    Conv2DBackpropFilter: conv2dBackpropFilterGemm as unknown as tf.KernelFunc,
    Conv2DBackpropInput: conv2dBackpropInputConv as unknown as tf.KernelFunc,
    MaxPoolGrad: maxPoolGradDirect as unknown as tf.KernelFunc,
  },
  baseline: {
    Conv2DBackpropFilter: conv2dBackpropFilterConv3d as unknown as tf.KernelFunc,
    Conv2DBackpropInput: 'original',
    MaxPoolGrad: 'original',
  },
};

/**
 * Registers the lab's wasm training kernels (idempotent per choice; harmless without wasm). The
 * overridden originals keep their setup functions, so switching back works before or after the
 * backend initialises. Every choice is deterministic: one thread order, one summation order.
 */
export function registerWasmTrainingKernels(which: WasmTrainingKernels = 'matmul'): void {
  if (active === which) return;
  if (!originals) {
    originals = {};
    for (const name of OVERRIDDEN) {
      const config = tf.getKernel(name, 'wasm');
      if (config) originals[name] = config;
    }
  }
  for (const name of OVERRIDDEN) {
    const original = originals[name];
    const impl = IMPLEMENTATIONS[which][name];
    const kernelFunc = impl === 'original' ? original?.kernelFunc : impl;
    if (!kernelFunc) throw bug(`The wasm backend has no ${name} kernel to fall back on.`); // a property of the bundled TF.js build
    if (tf.getKernel(name, 'wasm')) tf.unregisterKernel(name, 'wasm');
    tf.registerKernel({
      kernelName: name,
      backendName: 'wasm',
      kernelFunc,
      setupFunc: original?.setupFunc,
      disposeFunc: original?.disposeFunc,
    });
  }
  // Depthwise gradients: absent from TF.js's wasm build, so the same under either choice.
  for (const [kernelName, kernelFunc] of [
    ['DepthwiseConv2dNativeBackpropFilter', depthwiseBackpropFilterWasm],
    ['DepthwiseConv2dNativeBackpropInput', depthwiseBackpropInputWasm],
  ] as const) {
    if (!tf.getKernel(kernelName, 'wasm'))
      tf.registerKernel({ kernelName, backendName: 'wasm', kernelFunc: kernelFunc as unknown as tf.KernelFunc });
  }
  active = which;
}

/** Which kernel set is registered (null before the first registration). */
export const wasmTrainingKernels = (): WasmTrainingKernels | null => active;
