/// <reference lib="webworker" />
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import type { JobBackends } from '../core/backends/jobBackend';
import { registerWasmTrainingKernels } from '../core/backends/wasmTraining';

/**
 * On a machine whose WebGL is a software renderer (no GPU), TF.js's wasm backend is far faster
 * for this lab's work: measured on 2 cores, MobileNet embeds 40 vs 5.5 images/s, and a zoo
 * model's training step (batch 16, 32×32) takes 65 vs 440 ms. So there, wasm embeds and trains,
 * and WebGL keeps only what wasm cannot train (depthwise-convolution gradients: MobileNet
 * fine-tuning). With a real GPU, WebGL does everything.
 */
setWasmPaths({ 'tfjs-backend-wasm.wasm': wasmPlain, 'tfjs-backend-wasm-simd.wasm': wasmSimd, 'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded });
registerWasmTrainingKernels();

/** True when the WebGL context is a CPU emulation (SwiftShader, llvmpipe): no GPU behind it. */
function softwareWebgl(): boolean {
  if (tf.getBackend() !== 'webgl') return false;
  const gl = (tf.backend() as unknown as { gpgpu?: { gl?: WebGLRenderingContext } }).gpgpu?.gl;
  if (!gl) return false;
  const info = gl.getExtension('WEBGL_debug_renderer_info');
  const renderer = String(info ? gl.getParameter(info.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER));
  return /swiftshader|llvmpipe|software/i.test(renderer);
}

/** Picks the job backends once, after the device backend (webgl, or cpu) is up; wasm only when it initialises. */
export async function pickJobBackends(): Promise<JobBackends> {
  const device = tf.getBackend();
  const stay: JobBackends = { inference: device, training: [device] };
  // cpu is the fallback when WebGL is missing or keeps failing: wasm beats it at everything.
  if (device !== 'cpu' && !softwareWebgl()) return stay;
  let ok = false;
  try {
    ok = await tf.setBackend('wasm');
  } catch {
    /* no wasm here: everything stays on the device backend */
  }
  if (!ok) {
    await tf.setBackend(device);
    return stay;
  }
  // wasm stays the current backend, so tensors are born there and move to WebGL only for a run
  // that needs it. The other way round corrupts data: WebGL's (and cpu's) int→float casts share the
  // input's buffer, and a moved buffer keeps the first tensor's dtype — a float loss read as int bits.
  return { inference: 'wasm', training: ['wasm', device] };
}
