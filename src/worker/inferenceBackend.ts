/// <reference lib="webworker" />
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';

/**
 * Frozen-backbone embedding is pure inference, and inference does not need WebGL: on a machine
 * whose WebGL is a software renderer (no GPU), TF.js's wasm backend embeds MobileNet images about
 * 7× faster (40 vs 5.5 images/s measured on 2 cores). Training stays on WebGL — wasm cannot train
 * convolutions. With a real GPU, WebGL stays in charge of both.
 */
setWasmPaths({ 'tfjs-backend-wasm.wasm': wasmPlain, 'tfjs-backend-wasm-simd.wasm': wasmSimd, 'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded });

/** True when the WebGL context is a CPU emulation (SwiftShader, llvmpipe): no GPU behind it. */
function softwareWebgl(): boolean {
  if (tf.getBackend() !== 'webgl') return false;
  const gl = (tf.backend() as unknown as { gpgpu?: { gl?: WebGLRenderingContext } }).gpgpu?.gl;
  if (!gl) return false;
  const info = gl.getExtension('WEBGL_debug_renderer_info');
  const renderer = String(info ? gl.getParameter(info.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER));
  return /swiftshader|llvmpipe|software/i.test(renderer);
}

export interface InferenceBackend {
  backend: string;
  run<T>(embedding: () => Promise<T>): Promise<T>;
}

/** Picks the inference backend once, after the training backend is up; wasm only when it initialises. */
export async function pickInferenceBackend(): Promise<InferenceBackend> {
  const training = tf.getBackend();
  const stay: InferenceBackend = { backend: training, run: (f) => f() };
  if (!softwareWebgl()) return stay;
  let ok = false;
  try {
    ok = await tf.setBackend('wasm');
  } catch {
    /* no wasm here: embeddings stay on the training backend */
  }
  await tf.setBackend(training);
  if (!ok) return stay;
  let window: Promise<unknown> = Promise.resolve();
  return {
    backend: 'wasm',
    // One embedding pass at a time owns the switch; tensors made on either backend move to the
    // other on first use, so the head then trains on WebGL as usual.
    run<T>(embedding: () => Promise<T>): Promise<T> {
      const next = window.then(async () => {
        await tf.setBackend('wasm');
        try {
          return await embedding();
        } finally {
          await tf.setBackend(training);
        }
      });
      window = next.catch(() => {});
      return next;
    },
  };
}
