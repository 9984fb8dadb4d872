import * as Comlink from 'comlink';
import type { EngineApi } from '../worker/api';

/** The one training worker of the page, behind its typed Comlink proxy. Created on first use. */
let engine: Comlink.Remote<EngineApi> | null = null;
const crashListeners = new Set<(message: string) => void>();

export function getEngine(): Comlink.Remote<EngineApi> {
  if (!engine) {
    const worker = new Worker(new URL('../worker/engine.worker.ts', import.meta.url), { type: 'module' });
    // A worker that dies (out of memory, a script error) would otherwise leave the UI "running" forever.
    const crashed = (message: string) => crashListeners.forEach((l) => l(message));
    worker.addEventListener('error', (e) => crashed(`The training engine stopped unexpectedly: ${e.message || 'unknown error'}`));
    worker.addEventListener('messageerror', () => crashed('The training engine sent a message that could not be read.'));
    engine = Comlink.wrap<EngineApi>(worker);
  }
  return engine;
}

export function onEngineCrash(listener: (message: string) => void): () => void {
  crashListeners.add(listener);
  return () => crashListeners.delete(listener);
}

export { Comlink };
