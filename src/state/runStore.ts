import { create } from 'zustand';
import { RUN_PALETTE } from '../core/train/plan';
import { useSaliencyStore } from './saliencyStore';
import { DEFAULT_CONFIG, parseConfig, SourcesSchema, type ExperimentConfig, type Source } from '../core/config/experiment';
import type { ImageSet } from '../core/data/imageSet';
import type { EngineEvent, EpochMetrics, Phase, RunBudget, RunInfo, RunResult, RunStatus, WiseFtPoint } from '../core/train/events';
import { Comlink, EngineDied, getEngine, onEngineDeath, type EngineDeath } from './engineClient';
import { untilChartsDrawn } from './drawSync';
import { compactResults, type SharedResults } from '../core/share/link';
import { issueMsg } from '../core/config/validation';
import { messageOf, msg, toMsg, type Msg } from '../core/messages';

/** Live state of the current experiment's runs, fed by engine events. */
export interface RunView {
  info: RunInfo;
  color: string;
  visible: boolean;
  status: RunStatus;
  message?: Msg;
  epochs: EpochMetrics[];
  batches: { step: number; examplesSeen: number; loss: number }[];
  result?: RunResult;
  /** WiSE-FT trade-off (transfer run with the forgetting meter), after training. */
  wiseft?: WiseFtPoint[];
}

export type SessionPhase = 'idle' | 'running' | 'paused' | 'finished' | 'stopped' | 'error';

/** Is a run in progress (a paused one counts: its worker still holds it)? */
export const runInProgress = (): boolean => {
  const { phase } = useRunStore.getState();
  return phase === 'running' || phase === 'paused';
};

interface RunState {
  phase: SessionPhase;
  runs: RunView[];
  progress: Partial<Record<Phase, { done: number; total: number; etaMs: number | null }>>;
  error: Msg | null;
  classNames: string[];
  /** What the runs on show will have done at the end of their budget (null before setup). */
  budget: RunBudget | null;
  valImages: ImageSet | null;
  /** The config the current results came from (the editor may have moved on since). */
  config: ExperimentConfig | null;
  /** Set when the engine's worker died during this experiment (it has been replaced). */
  interruption: EngineDeath | null;
  /** The runs on show came from a share link, not from this browser: "re-run to verify". */
  shared: boolean;
  /** Shows a link's results snapshot as finished runs (charts and summary draw them as usual). */
  showShared(results: SharedResults, config: ExperimentConfig): void;
  /**
   * The runs on show as a snapshot a link can carry, or null if there are none. With `live`
   * (for storage) runs still training are included, marked interrupted: if the page goes away
   * now, that is what they are.
   */
  snapshot(options?: { live?: boolean }): SharedResults | null;
  /** Shows runs restored from storage; runs that were training when the page went away say so. */
  restoreSaved(results: SharedResults, config: ExperimentConfig): void;
  /** Runs the config's plan; with `sources`, one transfer run per source, side by side (train/plan.ts). */
  start(config: ExperimentConfig, uploaded: ImageSet | null, sources?: Source[]): Promise<void>;
  pause(): void;
  resume(): void;
  stop(): void;
  reset(): void;
  toggleRun(id: string): void;
  /** Returns whether the charts will redraw (their data changed). */
  applyEvents(events: EngineEvent[]): boolean;
}

// The first two colours of the one run palette: transfer blue, scratch orange, as in every chart.
const RUN_COLORS: Record<RunInfo['kind'], string> = { transfer: RUN_PALETTE[0], scratch: RUN_PALETTE[1] };

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

/**
 * Per-batch losses reach the charts at most this often: each publication redraws the loss chart,
 * which costs the page (and, through the gate, training) a few tens of milliseconds.
 */
const BATCH_PUBLISH_MS = 1000;
let batchBuffer: { runId: string; step: number; examplesSeen: number; loss: number }[] = [];
let lastBatchPublish = 0;

/** Increments per start: events from an older session (still draining after Stop) are ignored. */
let session = 0;

export const useRunStore = create<RunState>()((set, get) => ({
  ...idle,
  async start(draft, uploaded, sources) {
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
    batchBuffer = [];
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
      runs: results.runs.map((r) => ({
        info: { id: r.id, name: toMsg(r.name), kind: r.kind, description: [], color: r.color },
        color: r.color,
        visible: true,
        status: r.status,
        epochs: r.epochs,
        batches: [],
        result: r.confusion ? { classNames: results.classNames, confusion: r.confusion, perClassAccuracy: r.confusion.map((row, c) => row[c] / Math.max(1, row.reduce((a, b) => a + b, 0))), misclassified: [] } : undefined,
      })),
    });
  },
  snapshot({ live = false } = {}) {
    const { runs, budget, classNames } = get();
    const ended = (status: RunStatus) => status === 'done' || status === 'stopped' || status === 'diverged' || status === 'interrupted';
    const kept = runs.filter((r) => (live ? true : r.epochs.length && ended(r.status)));
    if (!kept.length || !budget) return null;
    return compactResults({
      budget,
      classNames,
      runs: kept.map((r) => ({
        id: r.info.id,
        kind: r.info.kind,
        name: r.info.name,
        color: r.color,
        status: ended(r.status) ? (r.status as 'done') : 'interrupted',
        epochs: r.epochs,
        ...(r.result ? { confusion: r.result.confusion } : {}),
      })),
    });
  },
  toggleRun(id) {
    set((s) => ({ runs: s.runs.map((r) => (r.info.id === id ? { ...r, visible: !r.visible } : r)) }));
  },
  applyEvents(events) {
    let redraw = false;
    // One state update per delivered batch of events, so React renders once per batch.
    set((s) => {
      let { runs, progress, phase, error } = s;
      const extra: Partial<RunState> = {};
      const patch = (id: string, f: (r: RunView) => RunView) => {
        runs = runs.map((r) => (r.info.id === id ? f(r) : r));
      };
      for (const e of events) {
        switch (e.type) {
          case 'setup':
            runs = e.runs.map((info) => ({ info, color: info.color ?? RUN_COLORS[info.kind], visible: true, status: 'pending', epochs: [], batches: [] }));
            Object.assign(extra, { classNames: e.classNames, budget: e.budget, valImages: e.valImages });
            break;
          case 'progress':
            progress = { ...progress, [e.phase]: { done: e.done, total: e.total, etaMs: e.etaMs } };
            break;
          case 'batch':
            batchBuffer.push(e);
            break;
          case 'epoch':
            patch(e.runId, (r) => ({ ...r, epochs: [...r.epochs, e.metrics] }));
            break;
          case 'status':
            patch(e.runId, (r) => ({ ...r, status: e.status, message: e.message }));
            break;
          case 'result':
            patch(e.runId, (r) => ({ ...r, result: e.result }));
            break;
          case 'wiseft':
            patch(e.runId, (r) => ({ ...r, wiseft: e.points }));
            break;
          case 'finished':
            phase = e.stopped ? 'stopped' : 'finished';
            break;
          case 'error':
            phase = 'error';
            error = e.message;
            // Runs that were still going did not finish.
            runs = runs.map((r) => (r.status === 'running' || r.status === 'pending' ? { ...r, status: 'stopped' } : r));
            break;
        }
      }
      const structural = events.some((e) => e.type === 'setup' || e.type === 'epoch' || e.type === 'finished' || e.type === 'error' || e.type === 'status');
      if (batchBuffer.length && (structural || performance.now() - lastBatchPublish >= BATCH_PUBLISH_MS)) {
        const published = batchBuffer.splice(0);
        runs = runs.map((r) => {
          const mine = published.filter((b) => b.runId === r.info.id).map(({ step, examplesSeen, loss }) => ({ step, examplesSeen, loss }));
          return mine.length ? { ...r, batches: [...r.batches, ...mine] } : r;
        });
        lastBatchPublish = performance.now();
        redraw = true;
      }
      redraw ||= events.some((e) => e.type === 'setup' || e.type === 'epoch');
      return { ...extra, runs, progress, phase, error };
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
    runs: s.runs.map((r) => (r.status === 'running' || r.status === 'pending' || r.status === 'paused' ? { ...r, status: 'interrupted', message: msg('msg.engineRestarted') } : r)),
  }));
});
