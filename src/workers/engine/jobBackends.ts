/// <reference lib="webworker" />
import * as tf from '@tensorflow/tfjs';
import { getThreadsCount, setThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import type { JobBackends } from '../../core/backends/jobBackend';
import { calibrate, CalibrationSchema, choose, type Calibration } from '../../core/backends/calibrate';
import { inPhase } from './phase';
import { registerWasmTrainingKernels } from '../../core/backends/wasmTraining';

/**
 * The backend for each job, by timed calibration (core/backends/calibrate.ts): on a machine
 * whose WebGL is a software renderer (no GPU), wasm is far faster at everything it can run
 * (MobileNet embeds 40 vs 5.5 images/s, a zoo model's training step 65 vs 440 ms on 2 cores);
 * with a GPU, WebGL usually wins. wasm uses every core when the page is cross-origin isolated.
 */
// Threads come with cross-origin isolation (TF.js checks for it). The build hands the pthread
// workers an unminified copy of the threaded factory (vite.config.ts, wasmThreadsFactory).
setWasmPaths({
  'tfjs-backend-wasm.wasm': wasmPlain,
  'tfjs-backend-wasm-simd.wasm': wasmSimd,
  'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded,
});
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
  /** The timings behind the choice; null for the provisional choice of a first visit (not measured yet). */
  calibration: Calibration | null;
  /** wasm's thread count (1 without cross-origin isolation), or null without wasm. */
  wasmThreads: number | null;
  /** Whether this pick measured afresh (false: the device's stored calibration was reused). */
  measured: boolean;
}

/** A software renderer (no GPU): WebGL there is emulated on the CPU, far slower than wasm. */
const SOFTWARE_GL = /swiftshader|llvmpipe|softpipe|software|basic render/i;

/**
 * The choice before any measurement, for a first visit that must not wait for one: wasm (when it
 * starts) for the zoo's models and for training, which it does well everywhere; the device's WebGL
 * for MobileNet-sized models on a real GPU, wasm on a software renderer. The measurement that
 * follows at idle replaces it for the next run.
 */
function provisionalChoice(device: string, hasWasm: boolean): JobBackends {
  if (!hasWasm) return { inference: { small: device, large: device }, training: [device] };
  const gpu = device === 'webgl' && !SOFTWARE_GL.test(JSON.parse(deviceSignature())[0]);
  return { inference: { small: 'wasm', large: gpu ? device : 'wasm' }, training: ['wasm', device] };
}

/**
 * Picks the job backends once the device backend (webgl, or cpu) is up: from `stored` when it was
 * measured on this device; else by measuring now (or again, with `remeasure`) — or, with
 * `measureNow` false, a provisional choice at once (the page measures when it is idle).
 */
export async function pickJobBackends(stored: unknown, remeasure = false, measureNow = true): Promise<PickedBackends> {
  const device = tf.getBackend();
  const signature = deviceSignature();
  let hasWasm = false;
  try {
    hasWasm = await startWasm();
  } catch {
    /* no wasm here: everything stays on the device backend */
  }
  await tf.setBackend(device);
  const candidates = hasWasm ? [device, 'wasm'] : [device];
  // Nothing to compare: one backend, or cpu beside wasm (plain JavaScript never beats it, and
  // timing it would stall the worker for seconds). The choice is made at once, for good.
  if (candidates.length < 2 || device === 'cpu') {
    const calibration: Calibration = { device: signature, measuredAt: Date.now(), timings: [] };
    const backends = provisionalChoice(device, hasWasm);
    if (hasWasm) await tf.setBackend('wasm');
    return { backends, calibration, wasmThreads: hasWasm ? await threadsOf() : null, measured: false };
  }
  const previous = CalibrationSchema.safeParse(stored);
  const reuse =
    !remeasure &&
    previous.success &&
    previous.data.device === signature &&
    previous.data.timings.map((t) => t.backend).join() === candidates.join();
  const calibration = reuse ? previous.data : remeasure || measureNow ? await calibrate(candidates, signature) : null;
  const chosen = calibration ? choose(calibration, device) : provisionalChoice(device, hasWasm);
  const backends: JobBackends = chosen;
  // When wasm does any job it is the current backend, so tensors are born there and move to WebGL
  // only for a run that needs it. The other way round corrupts data: WebGL's (and cpu's) int→float
  // casts share the input's buffer, and a moved buffer keeps the first tensor's dtype.
  const usesWasm = [chosen.inference.small, chosen.inference.large, ...chosen.training].includes('wasm');
  if (usesWasm) await tf.setBackend('wasm');
  return { backends, calibration, wasmThreads: hasWasm ? await threadsOf() : null, measured: !reuse && calibration !== null };
}

/**
 * Starts wasm with one thread per logical core (up to TF.js's 8) when the page is cross-origin
 * isolated. TF.js's build halves navigator.hardwareConcurrency, assuming two hyper-threads per
 * core, and caps its pool there: one thread on a 2-core machine, where two embed MobileNet 1.26×
 * faster (73 vs 58 images/s, bench). So the backend starts seeing twice the cores, and the real
 * count is back as soon as it is up (nothing else reads it in between). No-op once started.
 */
export async function startWasm(): Promise<boolean> {
  // (tf.findBackend would start it, with TF.js's own count.)
  if ('wasm' in (tf.engine() as unknown as { registry: Record<string, unknown> }).registry) return tf.setBackend('wasm');
  const cores = Math.max(1, navigator.hardwareConcurrency || 1);
  setThreadsCount(Math.min(8, cores));
  Object.defineProperty(navigator, 'hardwareConcurrency', { value: 2 * cores, configurable: true });
  try {
    return await inPhase('wasm-start', () => tf.setBackend('wasm'));
  } finally {
    // The real getter lives on WorkerNavigator/Navigator.prototype: removing the own property restores it.
    delete (navigator as unknown as Record<string, unknown>).hardwareConcurrency;
  }
}

/** Before wasm starts: its single-threaded build, for a worker whose predecessor hung starting the thread pool. */
export function wasmOnOneThread(): void {
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
}

async function threadsOf(): Promise<number> {
  const before = tf.getBackend();
  await tf.setBackend('wasm');
  const n = getThreadsCount();
  await tf.setBackend(before);
  return n;
}
