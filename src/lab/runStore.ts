import { create, type StoreApi } from 'zustand';
import { useSaliencyStore } from './saliencyStore';
import { DEFAULT_CONFIG, parseConfig, SourcesSchema, type ExperimentConfig, type Source } from '../core/config/experiment';
import type { ImageSet } from '../core/data/imageSet';
import type { EngineEvent, RunBudget } from '../core/train/events';
import { Comlink, EngineDied, getEngine, onEngineDeath, type EngineDeath } from '../platform/engine/engineClient';
import { untilChartsDrawn } from '../platform/drawSync';
import { issueMsg } from '../core/config/validation';
import { messageOf, msg } from '../core/messages';
import { clearBatchBuffer, foldEvents } from './runEvents';
import { runViewsFromShared, snapshotRuns } from './runSnapshot';
import type { RunState, RunView, SessionPhase } from './runTypes';
import { registerActivity } from './busy';

export type { RunState, RunView, SessionPhase } from './runTypes';

/** Is a run in progress (a paused one counts: its worker still holds it)? */
export const runInProgress = (): boolean => {
  const { phase } = useRunStore.getState();
  return phase === 'running' || phase === 'paused';
};

const idle = {
  phase: 'idle' as SessionPhase,
  runs: [] as RunView[],
  progress: {},
  error: null,
  classNames: [] as string[],
  budget: null as RunBudget | null,
  valImages: null,
  config: null,
  interruption: null as EngineDeath | null,
  shared: false,
};

/** Increments per start: events from an older session (still draining after Stop) are ignored. */
let session = 0;

type SetRuns = StoreApi<RunState>['setState'];
type GetRuns = StoreApi<RunState>['getState'];

/** The start action: validates the config, opens a new session and has the engine run it. */
async function startExperiment(
  set: SetRuns,
  get: GetRuns,
  draft: ExperimentConfig,
  uploaded: ImageSet | null,
  sources?: Source[],
): Promise<void> {
  // The config is validated (and stripped of UI-only keys) at the boundary, before any work.
  const parsed = parseConfig(draft);
  if (!parsed.ok) {
    set({ ...idle, phase: 'error', error: parsed.error });
    return;
  }
  const config = parsed.config;
  const plannedSources = sources ? SourcesSchema.safeParse(sources) : null;
  if (plannedSources && !plannedSources.success) {
    set({ ...idle, phase: 'error', error: msg('msg.invalidSources', issueMsg(plannedSources.error)) });
    return;
  }
  const mine = ++session;
  clearBatchBuffer();
  set({ ...idle, phase: 'running', config });
  // The saliency view explains the previous experiment's runs, which are gone now.
  useSaliencyStore.getState().close();
  const onEvents = Comlink.proxy((events: EngineEvent[]) => {
    if (mine !== session) return;
    // Training waits for the page to draw new curves (see RunControl.setGate): smooth UI first.
    // Not in a background tab: nothing is drawn there, and its throttled timers would stall training.
    if (get().applyEvents(events) && !document.hidden) return untilChartsDrawn();
  });
  try {
    await getEngine().start(config, uploaded, onEvents, plannedSources?.data);
  } catch (err) {
    // A dead worker is reported by onEngineDeath below, once, with what happened.
    if (mine === session && !(err instanceof EngineDied)) get().applyEvents([{ type: 'error', message: messageOf(err) }]);
  }
}

export const useRunStore = create<RunState>()((set, get) => ({
  ...idle,
  start(draft, uploaded, sources) {
    return startExperiment(set, get, draft, uploaded, sources);
  },
  // Pausing a finished (or stopped) experiment is a no-op: the phase must not claim a pause.
  pause() {
    if (get().phase !== 'running') return;
    void getEngine().pause();
    set({ phase: 'paused' });
  },
  resume() {
    if (get().phase !== 'paused') return;
    void getEngine().resume();
    set({ phase: 'running' });
  },
  stop() {
    void getEngine().stop();
  },
  reset() {
    void getEngine().stop();
    session++;
    set({ ...idle });
  },
  restoreSaved(results, config) {
    get().showShared(results, config);
    set((s) => ({ shared: false, runs: s.runs.map((r) => (r.status === 'interrupted' ? { ...r, message: msg('msg.pageClosed') } : r)) }));
  },
  showShared(results, config) {
    session++;
    set({
      ...idle,
      phase: 'finished',
      config,
      shared: true,
      classNames: results.classNames,
      budget: results.budget,
      runs: runViewsFromShared(results),
    });
  },
  snapshot({ live = false } = {}) {
    const { runs, budget, classNames } = get();
    return snapshotRuns(runs, budget, classNames, live);
  },
  toggleRun(id) {
    set((s) => ({ runs: s.runs.map((r) => (r.info.id === id ? { ...r, visible: !r.visible } : r)) }));
  },
  applyEvents(events) {
    let redraw = false;
    // One state update per delivered batch of events, so React renders once per batch.
    set((s) => {
      const folded = foldEvents(s, events);
      redraw = folded.redraw;
      return folded.update;
    });
    return redraw;
  },
}));

// zod compiles a schema's parser on its first use: tens of milliseconds that would otherwise land
// in the Train click's task. Spend them while the page is idle after load instead.
if (typeof requestIdleCallback === 'function') requestIdleCallback(() => parseConfig(DEFAULT_CONFIG));

// A worker that died mid-run: the runs it was training are marked, everything finished is kept,
// and the replacement worker (engineClient) is ready for the next run.
onEngineDeath((death) => {
  if (!runInProgress()) return;
  session++;
  useRunStore.setState((s) => ({
    phase: 'error',
    interruption: death,
    runs: s.runs.map((r) =>
      r.status === 'running' || r.status === 'pending' || r.status === 'paused'
        ? { ...r, status: 'interrupted', message: msg('msg.engineRestarted') }
        : r,
    ),
  }));
});

registerActivity('training', runInProgress, useRunStore.subscribe);
