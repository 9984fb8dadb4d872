import * as Comlink from 'comlink';
import { FATAL_MESSAGE, type BackendInfo, type EngineApi } from '../worker/api';

/**
 * The page's training worker, behind its typed Comlink proxy, and what keeps it alive. A worker
 * can die (out of memory, a script error), hang (a stuck synchronous loop) or lose its WebGL
 * context; Comlink would leave every pending call waiting forever. So every call races the
 * worker's death, a heartbeat notices a worker that stopped answering, and a dead worker is
 * terminated and replaced by a fresh, initialised one — the next run just works.
 */

export type EngineDeathReason = 'crashed' | 'hung' | 'webgl-lost';

export interface EngineDeath {
  reason: EngineDeathReason;
  /** What the browser said, if anything (the worker's error message). */
  detail: string;
}

/** A call that was pending when its worker died: it settles with this instead of never. */
export class EngineDied extends Error {
  constructor(readonly death: EngineDeath) {
    super(`engine-died:${death.reason}`);
    this.name = 'EngineDied';
  }
}

/** A worker that has not answered a ping for this long is hung (training yields far more often). */
export const HANG_MS = 30_000;
const PING_EVERY_MS = 2_000;
/** Two context losses this close together: the GPU is not coping, so the next worker uses the CPU. */
const REPEATED_LOSS_MS = 120_000;

interface Incarnation {
  worker: Worker;
  remote: Comlink.Remote<EngineApi>;
  /** Settles (rejects) when this worker dies; every call races it. */
  dead: Promise<never>;
  kill(death: EngineDeath): void;
  /** The worker's init() for the page's base URL, once requested. */
  ready: Promise<BackendInfo> | null;
}

let current: Incarnation | null = null;
let baseUrl: string | null = null;
let forceCpu = false;
let lastWebglLoss = -Infinity;
const deathListeners = new Set<(death: EngineDeath) => void>();
const restartListeners = new Set<(backend: BackendInfo) => void>();

function spawn(): Incarnation {
  const worker = new Worker(new URL('../worker/engine.worker.ts', import.meta.url), { type: 'module' });
  const remote = Comlink.wrap<EngineApi>(worker);
  let reject!: (err: EngineDied) => void;
  const dead = new Promise<never>((_, r) => (reject = r));
  dead.catch(() => {}); // observed by the calls that race it
  let alive = true;
  let ping: { sent: number } | null = null;
  const heartbeat = setInterval(() => {
    if (ping) {
      if (performance.now() - ping.sent > HANG_MS) me.kill({ reason: 'hung', detail: '' });
      return;
    }
    const sent = { sent: performance.now() };
    ping = sent;
    remote.ping().then(
      () => ping === sent && (ping = null),
      () => {},
    );
  }, PING_EVERY_MS);
  const me: Incarnation = {
    worker,
    remote,
    dead,
    ready: null,
    kill(death) {
      if (!alive) return;
      alive = false;
      clearInterval(heartbeat);
      worker.terminate();
      reject(new EngineDied(death));
      if (current === me) current = null;
      if (death.reason === 'webgl-lost') {
        const now = performance.now();
        if (now - lastWebglLoss < REPEATED_LOSS_MS) forceCpu = true;
        lastWebglLoss = now;
      }
      deathListeners.forEach((l) => l(death));
      // A fresh worker right away, initialised, so the lab is usable again without a reload.
      if (baseUrl) {
        const next = incarnation();
        void initialise(next).then(
          (backend) => restartListeners.forEach((l) => l(backend)),
          () => {},
        );
      }
    },
  };
  worker.addEventListener('error', (e) => me.kill({ reason: 'crashed', detail: e.message || '' }));
  // The event's name is the detail: the browser gives no reason.
  worker.addEventListener('messageerror', () => me.kill({ reason: 'crashed', detail: 'messageerror' }));
  worker.addEventListener('message', (e: MessageEvent) => {
    if (e.data?.type === FATAL_MESSAGE) me.kill({ reason: e.data.reason === 'webgl-lost' ? 'webgl-lost' : 'crashed', detail: String(e.data.detail ?? '') });
  });
  return me;
}

const incarnation = () => (current ??= spawn());

/** Where the page keeps the device's backend calibration between visits (validated by the worker). */
const CALIBRATION_KEY = 'transfer-lab:backend-calibration';

function storedCalibration(): unknown {
  try {
    const text = localStorage.getItem(CALIBRATION_KEY);
    return text ? JSON.parse(text) : null;
  } catch {
    return null; // storage refused (private mode) or not JSON: measure again
  }
}

function storeCalibration(info: BackendInfo): BackendInfo {
  try {
    if (info.measured) localStorage.setItem(CALIBRATION_KEY, JSON.stringify(info.calibration));
  } catch {
    /* not stored: the next visit measures again */
  }
  return info;
}

function initialise(inc: Incarnation): Promise<BackendInfo> {
  inc.ready ??= Promise.race([inc.remote.init(baseUrl!, forceCpu, storedCalibration()).then(storeCalibration), inc.dead]);
  return inc.ready;
}

/** Runs a call on the live worker (initialised first), settling with EngineDied if it dies meanwhile. */
function call(name: keyof EngineApi, args: unknown[]): Promise<unknown> {
  const inc = incarnation();
  if (name === 'init') {
    baseUrl = args[0] as string;
    return initialise(inc);
  }
  const ready = baseUrl ? initialise(inc) : Promise.resolve();
  const method = inc.remote[name] as unknown as (...a: unknown[]) => Promise<unknown>;
  const result = Promise.race([ready.then(() => method(...args)), inc.dead]);
  return name === 'recalibrate' ? result.then((info) => storeCalibration(info as BackendInfo)) : result;
}

/** The engine's API; calls go to whichever worker is alive when they are made. */
const engine = new Proxy({} as Comlink.Remote<EngineApi>, {
  get: (_, name) => (name === 'then' ? undefined : (...args: unknown[]) => call(name as keyof EngineApi, args)),
});

export function getEngine(): Comlink.Remote<EngineApi> {
  return engine;
}

/** Called when a worker dies (before its replacement is ready). */
export function onEngineDeath(listener: (death: EngineDeath) => void): () => void {
  deathListeners.add(listener);
  return () => deathListeners.delete(listener);
}

/** Called when the replacement worker is initialised, with its backend (cpu after repeated losses). */
export function onEngineRestart(listener: (backend: BackendInfo) => void): () => void {
  restartListeners.add(listener);
  return () => restartListeners.delete(listener);
}

/** Test hooks: make the live worker hang, or lose its WebGL context, as a real failure would. */
export const engineFaults = {
  hang: () => void incarnation().remote.debugHang(),
  /** True once the context is lost (the worker may be replaced before it can answer). */
  loseWebgl: () => engine.debugLoseWebgl().catch((err: unknown) => err instanceof EngineDied),
};

export { Comlink };
