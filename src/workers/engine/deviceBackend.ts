import * as tf from '@tensorflow/tfjs';
import { msg } from '../../core/messages';
import { FATAL_MESSAGE, type BackendInfo, type CpuReason } from './api';
import { inPhase } from './phase';
import type { PickedBackends } from './jobBackends';
import { session } from './session';

/** Once set, errors are the lost context's doing: the page replaces this worker and says so. */
let contextLost = false;

export const contextWasLost = () => contextLost;

/** The WebGL context TF.js draws with, when the backend is webgl. */
export function webglContext(): WebGLRenderingContext | null {
  // Not necessarily the current backend: without a GPU, wasm is (see jobBackends.ts).
  const backend = tf.findBackend('webgl') as unknown as { gpgpu?: { gl?: WebGLRenderingContext } } | null;
  return backend?.gpgpu?.gl ?? null;
}

export async function pickBackend(noWebgl: CpuReason | null): Promise<Pick<BackendInfo, 'backend' | 'fallbackReason'>> {
  if (!noWebgl) {
    try {
      if (await inPhase('webgl-probe', () => tf.setBackend('webgl'))) {
        await tf.ready();
        // A lost context makes every later op fail or return garbage: tell the page, which
        // replaces this worker (see engineClient), rather than train on.
        const canvas = webglContext()?.canvas as OffscreenCanvas | HTMLCanvasElement | undefined;
        canvas?.addEventListener('webglcontextlost', (e) => {
          e.preventDefault();
          contextLost = true;
          self.postMessage({ type: FATAL_MESSAGE, reason: 'webgl-lost' });
        });
        return { backend: 'webgl', fallbackReason: null };
      }
    } catch {
      /* fall through to cpu */
    }
  }
  await tf.setBackend('cpu');
  return {
    backend: 'cpu',
    fallbackReason: msg(
      noWebgl === 'webgl-lost-twice'
        ? 'msg.backend.webglLostTwice'
        : noWebgl === 'webgl-hung'
          ? 'msg.backend.webglHung'
          : 'msg.backend.noWebgl',
    ),
  };
}

/** What the page is told about the backends just picked (they become the session's). */
export function backendInfo(picked: PickedBackends): BackendInfo {
  session.backends = picked.backends;
  return {
    ...session.deviceBackend!,
    inference: picked.backends.inference,
    training: picked.backends.training[0]!,
    wasmThreads: picked.wasmThreads,
    calibration: picked.calibration,
    measured: picked.measured,
  };
}
