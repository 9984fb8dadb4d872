import { create } from 'zustand';
import type { ZooIndex } from '../core/models/card';
import type { BackendInfo } from '../worker/api';
import { getEngine, onEngineRestart } from './engineClient';
import { messageOf, type Msg } from '../core/messages';

/** The built-in zoo and the engine's backend, loaded once through the worker. */
interface ZooState {
  models: ZooIndex['models'];
  backend: BackendInfo | null;
  status: 'idle' | 'loading' | 'ready' | 'error';
  error: Msg | null;
  /** 1 for the first worker, +1 for each replacement of a dead one (0 while not ready). */
  generation: number;
  recalibrating: boolean;
  load(): Promise<void>;
  /** Times the backends again and adopts the new choice (new runs use it). */
  recalibrate(): Promise<void>;
}

export const useZooStore = create<ZooState>()((set, get) => ({
  models: [],
  backend: null,
  status: 'idle',
  error: null,
  generation: 1,
  recalibrating: false,
  async recalibrate() {
    if (get().recalibrating || get().status !== 'ready') return;
    set({ recalibrating: true });
    try {
      set({ backend: await getEngine().recalibrate() });
    } finally {
      set({ recalibrating: false });
    }
  },
  async load() {
    if (get().status === 'loading' || get().status === 'ready') return;
    set({ status: 'loading' });
    try {
      const engine = getEngine();
      const backend = await engine.init(new URL(import.meta.env.BASE_URL, location.href).href);
      const index = await engine.listZoo();
      set({ models: index.models, backend, status: 'ready' });
    } catch (err) {
      set({ status: 'error', error: messageOf(err) });
    }
  },
}));

// The replacement of a dead worker may run on another backend (cpu after repeated WebGL losses).
onEngineRestart((backend) => useZooStore.setState((s) => ({ backend, generation: s.generation + 1 })));
