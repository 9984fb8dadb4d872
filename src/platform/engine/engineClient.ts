import * as Comlink from 'comlink';
import { EngineDied, HANG_MS, MAX_FAILED_STARTS, REPEATED_LOSS_MS, START_HANG_MS, type EngineDeath } from './engineDeath';
import { rememberSingleThread, storeCalibration, storedCalibration, storedSingleThread } from './engineStorage';
import {
  FATAL_MESSAGE,
  PHASE_MESSAGE,
  type BackendInfo,
  type EngineApi,
  type StartLimits,
  type WorkerPhase,
} from '../../workers/engine/api';

/**
 * The page's training worker, behind its typed Comlink proxy, and what keeps it alive. A worker
 * can die (out of memory, a script error), hang (a stuck synchronous loop) or lose its WebGL
 * context; Comlink would leave every pending call waiting forever. So every call races the
 * worker's death, a heartbeat notices a worker that stopped answering, and a dead worker is
 * terminated and replaced by a fresh, initialised one — the next run just works.
 */

const PING_EVERY_MS = 1_000;

interface Incarnation {
  worker: Worker;
  remote: Comlink.Remote<EngineApi>;
  /** Settles (rejects) when this worker dies; every call races it. */
  dead: Promise<never>;
  kill(death: EngineDeath): void;
  /** The worker's init() for the page's base URL, once requested. */
  ready: Promise<BackendInfo> | null;
  /** Starts and calibrations in flight: while any is, the short hang limit applies. */
  pending: Record<'start' | 'calibration', number>;
}

let current: Incarnation | null = null;
let baseUrl: string | null = null;
/**
 * What workers do without, learnt from how their predecessors broke: no WebGL for this page's
 * life; wasm on one thread from then on (remembered on this device).
 */
const limits: StartLimits = { noWebgl: null, singleThread: storedSingleThread() };
let lastWebglLoss = -Infinity;
/** The death after which the page stopped restarting workers (until Try again). */
let gaveUp: EngineDeath | null = null;
/** Starts that died in a row; reset once a worker has started. */
let failedStarts = 0;
/** A worker died measuring the backends: the page keeps the provisional choice rather than measure (and die) again. */
let calibrationDied = false;
const deathListeners = new Set<(death: EngineDeath) => void>();
const restartListeners = new Set<(backend: BackendInfo) => void>();
const giveUpListeners = new Set<(death: EngineDeath) => void>();

/** Workers started on this page (a test reads it to tell a replacement from its predecessor). */
let spawned = 0;

/**
 * Creating a WebGL context or starting wasm's thread pool can block a worker for good (the second
 * seen in Firefox, one start in four): its replacement does without it rather than hang the same way.
 */
function avoidWhatHung(phase: WorkerPhase): void {
  if (phase === 'webgl-probe') limits.noWebgl = 'webgl-hung';
  if (phase === 'wasm-start') {
    limits.singleThread = true;
    rememberSingleThread();
  }
}

/** A worker has just been terminated: learn from how it died, tell the listeners, and replace it (or give up). */
function afterDeath(dead: Incarnation, death: EngineDeath): void {
  if (current === dead) current = null;
  if (death.reason === 'webgl-lost') {
    const now = performance.now();
    if (now - lastWebglLoss < REPEATED_LOSS_MS) limits.noWebgl = 'webgl-lost-twice';
    lastWebglLoss = now;
  }
  if (death.during === 'start') failedStarts += 1;
  if (death.during === 'calibration') calibrationDied = true;
  deathListeners.forEach((l) => l(death));
  if (failedStarts >= MAX_FAILED_STARTS) {
    gaveUp = death;
    giveUpListeners.forEach((l) => l(death));
    return;
  }
  // A fresh worker right away, initialised, so the lab is usable again without a reload.
  if (baseUrl) {
    const next = incarnation();
    void initialise(next).then(
      (backend) => restartListeners.forEach((l) => l(backend)),
      () => {},
    );
  }
}

function spawn(): Incarnation {
  spawned += 1;
  const worker = new Worker(new URL('../../workers/engine/engine.worker.ts', import.meta.url), { type: 'module' });
  const remote = Comlink.wrap<EngineApi>(worker);
  let reject!: (err: EngineDied) => void;
  const dead = new Promise<never>((_, r) => (reject = r));
  dead.catch(() => {}); // observed by the calls that race it
  let alive = true;
  // Before its script has run, a worker cannot answer (a phone may take many seconds to download
  // it): only the long limit applies until its first answer.
  let answered = false;
  let phase: WorkerPhase = 'idle';
  let ping: { sent: number } | null = null;
  const heartbeat = setInterval(() => {
    if (ping) {
      const silent = performance.now() - ping.sent;
      const critical = me.pending.start + me.pending.calibration > 0;
      const limit = critical && answered ? START_HANG_MS * 2 ** failedStarts : HANG_MS;
      if (silent > limit) {
        avoidWhatHung(phase);
        me.kill({ reason: 'hung', detail: phase === 'idle' ? '' : phase, during: during(), silentS: Math.round(limit / 1000) });
      }
      return;
    }
    const sent = { sent: performance.now() };
    ping = sent;
    remote.ping().then(
      () => {
        answered = true;
        if (ping === sent) ping = null;
      },
      () => {},
    );
  }, PING_EVERY_MS);
  const me: Incarnation = {
    worker,
    remote,
    dead,
    ready: null,
    pending: { start: 0, calibration: 0 },
    kill(death) {
      if (!alive) return;
      alive = false;
      clearInterval(heartbeat);
      worker.terminate();
      reject(new EngineDied(death));
      afterDeath(me, death);
    },
  };
  const during = () => (me.pending.start > 0 ? 'start' : me.pending.calibration > 0 ? 'calibration' : 'work');
  worker.addEventListener('error', (e) => me.kill({ reason: 'crashed', detail: e.message || '', during: during() }));
  // The event's name is the detail: the browser gives no reason.
  worker.addEventListener('messageerror', () => me.kill({ reason: 'crashed', detail: 'messageerror', during: during() }));
  worker.addEventListener('message', (e: MessageEvent) => {
    if (e.data?.type === PHASE_MESSAGE) {
      phase = e.data.phase === 'webgl-probe' || e.data.phase === 'wasm-start' ? e.data.phase : 'idle';
      answered = true;
      // It was alive just now: a ping it has not read yet counts its silence from here.
      if (ping) ping.sent = performance.now();
    }
    if (e.data?.type === FATAL_MESSAGE)
      me.kill({ reason: e.data.reason === 'webgl-lost' ? 'webgl-lost' : 'crashed', detail: String(e.data.detail ?? ''), during: during() });
  });
  return me;
}

const incarnation = () => (current ??= spawn());

/** Runs a start or a calibration under the short hang limit; a worker that has started is healthy. */
function critically<T>(inc: Incarnation, kind: 'start' | 'calibration', work: Promise<T>): Promise<T> {
  inc.pending[kind] += 1;
  const done = Promise.race([work, inc.dead]);
  void done.then(
    () => {
      inc.pending[kind] -= 1;
      if (kind === 'start') failedStarts = 0;
    },
    () => (inc.pending[kind] -= 1),
  );
  return done;
}

function initialise(inc: Incarnation): Promise<BackendInfo> {
  inc.ready ??= critically(inc, 'start', inc.remote.init(baseUrl!, { ...limits }, storedCalibration()).then(storeCalibration));
  return inc.ready;
}

/** Runs a call on the live worker (initialised first), settling with EngineDied if it dies meanwhile. */
function call(name: keyof EngineApi, args: unknown[]): Promise<unknown> {
  // After giving up, nothing starts a worker behind the person's back (a preview, a measurement):
  // calls fail at once until they press Try again.
  if (gaveUp) return Promise.reject(new EngineDied(gaveUp));
  const inc = incarnation();
  if (name === 'init') {
    baseUrl = args[0] as string;
    return initialise(inc);
  }
  const ready = baseUrl ? initialise(inc) : Promise.resolve();
  const method = inc.remote[name] as unknown as (...a: unknown[]) => Promise<unknown>;
  if (name === 'recalibrate')
    return critically(
      inc,
      'calibration',
      ready.then(() => method(...args)).then((info) => storeCalibration(info as BackendInfo)),
    );
  return Promise.race([ready.then(() => method(...args)), inc.dead]);
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

/**
 * Called instead of a restart when starts keep dying (MAX_FAILED_STARTS in a row): the engine
 * cannot start in this browser now, and the page says so rather than restarting it forever.
 */
export function onEngineGaveUp(listener: (death: EngineDeath) => void): () => void {
  giveUpListeners.add(listener);
  return () => giveUpListeners.delete(listener);
}

/**
 * For calls that need nothing the worker held (an export built from the config, a measurement):
 * if the worker dies during one, it is made once more — on its replacement, which `call` waits for
 * (or at once refused, if the page gave up) — so the person gets their answer instead of an error.
 */
export async function surviving<T>(request: () => Promise<T>): Promise<T> {
  try {
    return await request();
  } catch (err) {
    if (!(err instanceof EngineDied)) throw err;
    return request();
  }
}

/** Whether a worker died measuring the backends on this page (the page then stops measuring at idle). */
export function calibrationHasDied(): boolean {
  return calibrationDied;
}

/** Starts again after the page gave up (the person asked to try again). */
export async function retryEngine(): Promise<BackendInfo> {
  failedStarts = 0;
  gaveUp = null;
  const backend = await initialise(incarnation());
  // A replacement like any other: what the dead workers held is asked for again (onEngineRestart).
  restartListeners.forEach((l) => l(backend));
  return backend;
}

/** Test hooks: make the live worker hang, or lose its WebGL context, as a real failure would. */
export const engineFaults = {
  hang: () => void incarnation().remote.debugHang(),
  /** Resolves once the live worker answers (its script has run), without waiting for its start to finish. */
  answered: () =>
    incarnation()
      .remote.ping()
      .then(() => true),
  spawned: () => spawned,
  /** True once the context is lost (the worker may be replaced before it can answer). */
  loseWebgl: () => engine.debugLoseWebgl().catch((err: unknown) => err instanceof EngineDied),
};

export { Comlink, EngineDied, type EngineDeath };
