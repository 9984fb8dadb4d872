import { create } from 'zustand';
import { ZooIndexSchema, type ZooIndex } from '../core/models/card';
import { parseOrThrow } from '../core/config/validation';
import { codeText, coded, messageOf, type Msg } from '../core/messages';
import type { BackendInfo } from '../workers/engine/api';
import {
  calibrationHasDied,
  EngineDied,
  getEngine,
  onEngineDeath,
  onEngineGaveUp,
  onEngineRestart,
  retryEngine,
  type EngineDeath,
} from '../platform/engine/engineClient';
import { runInProgress } from './runStore';
import { labBusy } from './busy';

/**
 * The built-in zoo and the engine's backend. The zoo's index is read on the page (a small JSON,
 * validated), so the lab is usable while the engine's worker is still loading TF.js: a Train
 * pressed meanwhile waits for the engine. A first visit's engine picks its backends provisionally;
 * the measurement runs when the page is idle and the next run uses its choice.
 */
interface ZooState {
  models: ZooIndex['models'];
  backend: BackendInfo | null;
  status: 'idle' | 'loading' | 'ready' | 'error';
  error: Msg | null;
  /** 1 for the first worker, +1 for each replacement of a dead one (0 while not ready). */
  generation: number;
  recalibrating: boolean;
  /**
   * A worker that died outside a run (while starting, measuring or idle): `restarting` until its
   * replacement is ready, `back` after, `gave-up` when starts kept dying (no more restarts until
   * the person retries). A death during a run is the run bar's own notice (runStore).
   */
  engineNotice: { death: EngineDeath; state: 'restarting' | 'back' | 'gave-up' } | null;
  dismissEngineNotice(): void;
  /** Starts the engine again after it gave up. */
  retryEngine(): Promise<void>;
  /** Lists the zoo and starts the engine; the zoo counts as listed once `before` (the saved experiment's restore) has settled. */
  load(before?: Promise<unknown>): Promise<void>;
  /** Times the backends again and adopts the new choice (new runs use it). */
  recalibrate(): Promise<void>;
}

const baseUrl = () => new URL(import.meta.env.BASE_URL, location.href).href;

async function fetchZooIndex(): Promise<ZooIndex> {
  // Same mode as the page's <link rel=preload> of it, so the preloaded response is the one used.
  const res = await fetch(new URL('models/index.json', baseUrl()), { mode: 'cors', credentials: 'same-origin' });
  if (!res.ok) throw coded('err.engine.loadFailed', 'models/index.json', res.status);
  return parseOrThrow(ZooIndexSchema, await res.json(), codeText('err.what.zooIndex'));
}

/**
 * Is the lab doing something the measurement would slow down (it keeps both cores busy for a few
 * seconds)? A run or study (whose backend must not change under it), images arriving, a bundle.
 * Input from the person counts too (below): a first visit's measurement waits for a pause.
 */
const labWorking = () => labBusy(['training', 'study', 'uploading', 'bundle']);

/** How long the lab (and the person using it) must have been quiet before the measurement starts. */
const QUIET_MS = 3000;

/** When the person last pressed, typed or changed something: the measurement waits for a pause in that too. */
let lastInput = -Infinity;
if (typeof addEventListener === 'function') {
  for (const type of ['pointerdown', 'keydown', 'input', 'change'])
    addEventListener(type, () => (lastInput = performance.now()), { capture: true, passive: true });
}

/** Measures the backends once the page has been idle for a while and nothing is being done. */
function calibrateWhenIdle(): void {
  let quietSince = performance.now();
  const attempt = () => {
    const { backend, recalibrating } = useZooStore.getState();
    // A measurement that once stopped a worker is not tried again here: the provisional choice stays.
    if (!backend || backend.calibration !== null || recalibrating || calibrationHasDied()) return;
    if (labWorking()) quietSince = performance.now();
    if (performance.now() - Math.max(quietSince, lastInput) < QUIET_MS) return void setTimeout(check, 500);
    void useZooStore.getState().recalibrate();
  };
  const check = () =>
    typeof requestIdleCallback === 'function' ? requestIdleCallback(attempt, { timeout: 2000 }) : setTimeout(attempt, 0);
  check();
}

export const useZooStore = create<ZooState>()((set, get) => ({
  models: [],
  backend: null,
  status: 'idle',
  error: null,
  generation: 1,
  recalibrating: false,
  engineNotice: null,
  dismissEngineNotice: () => set({ engineNotice: null }),
  async retryEngine() {
    const notice = get().engineNotice;
    if (notice?.state !== 'gave-up') return;
    set({ engineNotice: { ...notice, state: 'restarting' } });
    // Its backend, generation and notice arrive through onEngineRestart, as for any replacement.
    await retryEngine().catch(() => {
      /* it died again: onEngineGaveUp or onEngineDeath says what happens next */
    });
  },
  async recalibrate() {
    if (get().recalibrating || get().status !== 'ready' || !get().backend) return;
    set({ recalibrating: true });
    try {
      set({ backend: await getEngine().recalibrate() });
    } catch {
      /* the engine died meanwhile: its replacement starts provisionally and measures again at idle */
    } finally {
      set({ recalibrating: false });
    }
  },
  async load(before) {
    if (get().status === 'loading' || get().status === 'ready') return;
    set({ status: 'loading' });
    // The engine starts at once, in parallel with the index (its worker downloads TF.js). Not
    // later: a restored experiment's model (MobileNet from the cache) is asked of the engine as
    // soon as the page restores it, and every call must find the engine initialised.
    const started = getEngine().init(baseUrl());
    try {
      const [index] = await Promise.all([fetchZooIndex(), before?.catch(() => {})]);
      set({ models: index.models, status: 'ready' });
    } catch (err) {
      set({ status: 'error', error: messageOf(err) });
      return;
    }
    try {
      const backend = await started;
      set({ backend });
      if (backend.calibration === null) calibrateWhenIdle();
    } catch (err) {
      // A worker that died while starting is replaced and started again (engineClient): its
      // backend arrives through onEngineRestart, and the zoo stays listed meanwhile.
      if (!(err instanceof EngineDied)) set({ status: 'error', error: messageOf(err) });
    }
  },
}));

// The replacement of a dead worker may run on another backend (cpu after repeated WebGL losses).
onEngineRestart((backend) => {
  useZooStore.setState((s) => ({
    backend,
    generation: s.generation + 1,
    engineNotice: s.engineNotice && { ...s.engineNotice, state: 'back' },
  }));
  if (backend.calibration === null) calibrateWhenIdle();
});

// Outside a run nobody else reports a dead worker: the person would see a lab that silently
// stopped measuring or starting.
onEngineDeath((death) => {
  // (A death during a run is runStore's to report.)
  if (!runInProgress()) useZooStore.setState({ backend: null, engineNotice: { death, state: 'restarting' } });
});
onEngineGaveUp((death) => useZooStore.setState({ backend: null, engineNotice: { death, state: 'gave-up' } }));
