import { PHASE_MESSAGE, type WorkerPhase } from './api';

/** Tells the page what the worker is about to do (outside Comlink, so it arrives even if the call then blocks). */
export function reportPhase(phase: WorkerPhase): void {
  self.postMessage({ type: PHASE_MESSAGE, phase });
}

/** Runs a start-up step that may block the worker's thread in some browsers, reporting it first. */
export async function inPhase<T>(phase: WorkerPhase, step: () => Promise<T>): Promise<T> {
  reportPhase(phase);
  try {
    return await step();
  } finally {
    reportPhase('idle');
  }
}
