import * as Comlink from 'comlink';
import type { EngineApi } from '../worker/api';

/** The one training worker of the page, behind its typed Comlink proxy. Created on first use. */
let engine: Comlink.Remote<EngineApi> | null = null;

export function getEngine(): Comlink.Remote<EngineApi> {
  if (!engine) {
    const worker = new Worker(new URL('../worker/engine.worker.ts', import.meta.url), { type: 'module' });
    engine = Comlink.wrap<EngineApi>(worker);
  }
  return engine;
}

export { Comlink };
