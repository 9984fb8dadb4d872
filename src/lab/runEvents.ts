import { RUN_PALETTE } from '../theme';
import type { EngineEvent, RunInfo } from '../core/train/events';
import type { RunState, RunView } from './runTypes';

/** What one delivered batch of engine events can change in the run store. */
type EventFields = Pick<RunState, 'runs' | 'progress' | 'phase' | 'error'>;

// The first two colours of the one run palette: transfer blue, scratch orange, as in every chart.
const RUN_COLORS: Record<RunInfo['kind'], string> = { transfer: RUN_PALETTE[0], scratch: RUN_PALETTE[1] };

/**
 * Per-batch losses reach the charts at most this often: each publication redraws the loss chart,
 * which costs the page (and, through the gate, training) a few tens of milliseconds.
 */
const BATCH_PUBLISH_MS = 1000;
let batchBuffer: { runId: string; step: number; examplesSeen: number; loss: number }[] = [];
let lastBatchPublish = 0;

/** Drops losses buffered for a previous session. */
export function clearBatchBuffer(): void {
  batchBuffer = [];
}

const patchRun = (runs: RunView[], id: string, f: (r: RunView) => RunView) => runs.map((r) => (r.info.id === id ? f(r) : r));

/** One event applied to the fields it changes; `extra` collects the setup's other fields. */
function applyEvent(fields: EventFields, extra: Partial<RunState>, e: EngineEvent): EventFields {
  const { runs } = fields;
  switch (e.type) {
    case 'setup':
      Object.assign(extra, { classNames: e.classNames, budget: e.budget, valImages: e.valImages });
      return {
        ...fields,
        runs: e.runs.map((info) => ({
          info,
          color: info.color ?? RUN_COLORS[info.kind],
          visible: true,
          status: 'pending',
          epochs: [],
          batches: [],
        })),
      };
    case 'progress':
      return { ...fields, progress: { ...fields.progress, [e.phase]: { done: e.done, total: e.total, etaMs: e.etaMs } } };
    case 'batch':
      batchBuffer.push(e);
      return fields;
    case 'epoch':
      return { ...fields, runs: patchRun(runs, e.runId, (r) => ({ ...r, epochs: [...r.epochs, e.metrics] })) };
    case 'status':
      return { ...fields, runs: patchRun(runs, e.runId, (r) => ({ ...r, status: e.status, message: e.message })) };
    case 'result':
      return { ...fields, runs: patchRun(runs, e.runId, (r) => ({ ...r, result: e.result })) };
    case 'wiseft':
      return { ...fields, runs: patchRun(runs, e.runId, (r) => ({ ...r, wiseft: e.points })) };
    case 'finished':
      return { ...fields, phase: e.stopped ? 'stopped' : 'finished' };
    case 'error':
      // Runs that were still going did not finish.
      return {
        ...fields,
        phase: 'error',
        error: e.message,
        runs: runs.map((r) => (r.status === 'running' || r.status === 'pending' ? { ...r, status: 'stopped' } : r)),
      };
  }
  return fields;
}

/** The buffered losses added to their runs, or null while they are not due yet. */
function publishBatches(runs: RunView[], structural: boolean): RunView[] | null {
  if (!(batchBuffer.length && (structural || performance.now() - lastBatchPublish >= BATCH_PUBLISH_MS))) return null;
  const published = batchBuffer.splice(0);
  const next = runs.map((r) => {
    const mine = published.filter((b) => b.runId === r.info.id).map(({ step, examplesSeen, loss }) => ({ step, examplesSeen, loss }));
    return mine.length ? { ...r, batches: [...r.batches, ...mine] } : r;
  });
  lastBatchPublish = performance.now();
  return next;
}

/** The state update for one delivered batch of events, and whether the charts will redraw. */
export function foldEvents(s: RunState, events: EngineEvent[]): { update: Partial<RunState>; redraw: boolean } {
  const extra: Partial<RunState> = {};
  let fields: EventFields = { runs: s.runs, progress: s.progress, phase: s.phase, error: s.error };
  for (const e of events) fields = applyEvent(fields, extra, e);
  const structural = events.some(
    (e) => e.type === 'setup' || e.type === 'epoch' || e.type === 'finished' || e.type === 'error' || e.type === 'status',
  );
  const published = publishBatches(fields.runs, structural);
  if (published) fields = { ...fields, runs: published };
  const redraw = !!published || events.some((e) => e.type === 'setup' || e.type === 'epoch');
  const { runs, progress, phase, error } = fields;
  return { update: { ...extra, runs, progress, phase, error }, redraw };
}
