/// <reference lib="webworker" />
import * as tf from '@tensorflow/tfjs';
import { getThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import type { JobBackends } from '../core/backends/jobBackend';
import { calibrate, CalibrationSchema, choose, type Calibration } from '../core/backends/calibrate';
import { registerWasmTrainingKernels } from '../core/backends/wasmTraining';

/**
 * The backend for each job, by timed calibration (core/backends/calibrate.ts): on a machine
 * whose WebGL is a software renderer (no GPU), wasm is far faster at everything it can run
 * (MobileNet embeds 40 vs 5.5 images/s, a zoo model's training step 65 vs 440 ms on 2 cores);
 * with a GPU, WebGL usually wins. wasm uses every core when the page is cross-origin isolated.
 */
// Single-threaded wasm, even where the page is cross-origin isolated: the threaded build starts
// its pthread workers from the source text of its bundled factory function, which no longer
// stands alone once the bundler has minified it (the workers fail with "e is not defined" and
// the backend never initialises). One SIMD thread is what every user gets without isolation anyway.
tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
setWasmPaths({ 'tfjs-backend-wasm.wasm': wasmPlain, 'tfjs-backend-wasm-simd.wasm': wasmSimd, 'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded });
registerWasmTrainingKernels();

/** What a calibration is valid for: the GPU (or software renderer), the cores, and whether wasm may use threads. */
function deviceSignature(): string {
  let renderer = 'none';
  if (tf.getBackend() === 'webgl') {
    const gl = (tf.backend() as unknown as { gpgpu?: { gl?: WebGLRenderingContext } }).gpgpu?.gl;
    const info = gl?.getExtension('WEBGL_debug_renderer_info');
    if (gl) renderer = String(info ? gl.getParameter(info.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER));
  } else renderer = tf.getBackend();
  return JSON.stringify([renderer, navigator.hardwareConcurrency ?? 0, self.crossOriginIsolated === true, tf.version.tfjs]);
}

export interface PickedBackends {
  backends: JobBackends;
  calibration: Calibration;
  /** wasm's thread count (1 without cross-origin isolation), or null without wasm. */
  wasmThreads: number | null;
  /** Whether this pick measured afresh (false: the device's stored calibration was reused). */
  measured: boolean;
}

/**
 * Picks the job backends once the device backend (webgl, or cpu) is up: from `stored` when it was
 * measured on this device, else by measuring now (or again, with `remeasure`).
 */
export async function pickJobBackends(stored: unknown, remeasure = false): Promise<PickedBackends> {
  const device = tf.getBackend();
  const signature = deviceSignature();
  let hasWasm = false;
  try {
    hasWasm = await tf.setBackend('wasm');
  } catch {
    /* no wasm here: everything stays on the device backend */
  }
  await tf.setBackend(device);
  const candidates = hasWasm ? [device, 'wasm'] : [device];
  const previous = CalibrationSchema.safeParse(stored);
  const reuse = !remeasure && previous.success && previous.data.device === signature && previous.data.timings.map((t) => t.backend).join() === candidates.join();
  const calibration = reuse ? previous.data : await calibrate(candidates, signature);
  const chosen = choose(calibration, device);
  const backends: JobBackends = chosen;
  // When wasm does any job it is the current backend, so tensors are born there and move to WebGL
  // only for a run that needs it. The other way round corrupts data: WebGL's (and cpu's) int→float
  // casts share the input's buffer, and a moved buffer keeps the first tensor's dtype.
  const usesWasm = [chosen.inference.small, chosen.inference.large, ...chosen.training].includes('wasm');
  if (usesWasm) await tf.setBackend('wasm');
  return { backends, calibration, wasmThreads: hasWasm ? await threadsOf() : null, measured: !reuse };
}

async function threadsOf(): Promise<number> {
  const before = tf.getBackend();
  await tf.setBackend('wasm');
  const n = getThreadsCount();
  await tf.setBackend(before);
  return n;
}
