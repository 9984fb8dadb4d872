import { msg, type Msg } from '../messages';
import type { ExperimentConfig } from '../config/experiment';
import { deriveSeed } from '../random';
import { onBackend } from '../backends/jobBackend';
import { epochBatches } from './batches';
import { BatchLosses } from './batchLosses';
import type { RunControl } from './control';
import type { EngineEvent, RunBudget, RunStatus } from './events';
import type { ExperimentOptions } from './experimentSetup';
import type { LiveRun } from './liveRun';
import { ProgressClock } from './progress';
import type { Evaluation } from './run';
import { balancedAccuracy, balancedBatches } from '../remedies/balanced';

/** A run's whole budget: every epoch sees the training split once, the last batch may be short. */
export function runBudget(trainCount: number, { epochs, batchSize }: { epochs: number; batchSize: number }): RunBudget {
  return { epochs, steps: epochs * Math.ceil(trainCount / batchSize), examples: epochs * trainCount };
}

/** What every epoch of every run shares. */
interface Loop {
  /** Training images. */
  n: number;
  batchSize: number;
  stepsPerEpoch: number;
  /** Read per-batch losses back at most this often (see ExperimentOptions.lossReadMs). */
  readMs: number;
  clock: ProgressClock;
  /** Steps taken over all runs, counting the steps a stopped or diverged run will not take. */
  stepsDone: number;
  emit: (e: EngineEvent) => void;
  control: RunControl;
  onStep?: ExperimentOptions['onStep'];
}

function setStatus(r: LiveRun, status: RunStatus, emit: (e: EngineEvent) => void, message?: Msg) {
  r.status = status;
  emit({ type: 'status', runId: r.info.id, status, message });
}

/** Trains the runs epoch by epoch, interleaved: run 1's epoch 1, run 2's epoch 1, run 1's epoch 2, … */
export async function trainLoop(
  config: ExperimentConfig,
  live: LiveRun[],
  emit: (e: EngineEvent) => void,
  control: RunControl,
  opts: ExperimentOptions,
) {
  const readMs = opts.lossReadMs ?? 100;
  const n = live[0].run.inputs.trainLabels.length;
  const { epochs, batchSize } = config.training;
  const stepsPerEpoch = runBudget(n, config.training).steps / epochs;
  const clock = new ProgressClock('train', epochs * stepsPerEpoch * live.length);
  const loop: Loop = { n, batchSize, stepsPerEpoch, readMs, clock, stepsDone: 0, emit, control, onStep: opts.onStep };
  live.forEach((r) => setStatus(r, 'running', emit));

  for (let epoch = 0; epoch < epochs; epoch++) {
    // Same (seed, epoch) → same batches for every run: the comparison is fair by construction.
    const batches = epochBatches(n, batchSize, deriveSeed(config.seed, 'batches'), epoch);
    for (const r of live) {
      if (r.status !== 'running') {
        loop.stepsDone += batches.length;
        continue;
      }
      // Class-balanced re-sampling draws its own batches (same seed: every re-sampling run agrees).
      const own = r.run.remedies?.resamples
        ? balancedBatches(r.run.inputs.trainLabels, batchSize, deriveSeed(config.seed, 'batches'), epoch)
        : batches;
      await onBackend(r.backend, () => trainEpoch(loop, r, epoch, own));
    }
    if (control.isStopped) break;
  }
  live.forEach((r) => r.status === 'running' && setStatus(r, 'done', emit));
}

/** One epoch of one run: its steps, then validation (and the meters), on the run's backend. */
async function trainEpoch(loop: Loop, r: LiveRun, epoch: number, batches: number[][]) {
  const { n, batchSize, stepsPerEpoch, emit, control } = loop;
  const started = performance.now();
  const pausedBefore = control.pausedMs;
  const losses = new BatchLosses(
    (step, loss) => {
      const examplesSeen = epoch * n + Math.min((step - epoch * stepsPerEpoch + 1) * batchSize, n);
      emit({ type: 'batch', runId: r.info.id, step, examplesSeen, loss });
    },
    () => emit(loop.clock.at(loop.stepsDone)),
  );
  let evaluation: Evaluation | null;
  try {
    evaluation = await stepThrough(loop, r, epoch, batches, losses);
  } finally {
    losses.dispose();
  }
  if (control.isStopped) {
    setStatus(r, 'stopped', emit);
    return;
  }
  if (losses.diverged) {
    setStatus(r, 'diverged', emit, msg('msg.run.diverged'));
    return;
  }
  evaluation ??= await r.run.evaluate();
  const shiftedAccuracy = await r.run.shiftedAccuracy();
  const sourceAccuracy = await r.run.sourceAccuracy();
  const selection = (await r.run.remedies?.takeSelection()) ?? null;
  r.wallMs += performance.now() - started - (control.pausedMs - pausedBefore);
  const { valLabels, numClasses } = r.run.inputs;
  r.lastPredictions = evaluation.predictions;
  emit({
    type: 'epoch',
    runId: r.info.id,
    metrics: {
      epoch: epoch + 1,
      examplesSeen: (epoch + 1) * n,
      trainLoss: losses.lossSum / batches.length,
      trainAccuracy: losses.correctSum / n,
      valLoss: evaluation.loss,
      valAccuracy: evaluation.accuracy,
      shiftedAccuracy,
      sourceAccuracy,
      wallMs: Math.round(r.wallMs),
      balancedAccuracy: balancedAccuracy(evaluation.predictions, valLabels, numClasses),
      ...(selection ? { selection } : {}),
    },
  });
}

/**
 * The epoch's optimisation steps, until done, stopped or diverged. Returns the validation
 * evaluation when it was read together with the last losses, else null.
 */
async function stepThrough(loop: Loop, r: LiveRun, epoch: number, batches: number[][], losses: BatchLosses): Promise<Evaluation | null> {
  const { control } = loop;
  for (let b = 0; b < batches.length; b++) {
    if (!(await control.checkpoint())) break;
    loop.onStep?.(r.info.id, batches[b]);
    const step = epoch * loop.stepsPerEpoch + b;
    losses.push(step, r.run.step(batches[b], step));
    loop.stepsDone++;
    // The epoch's last losses are read together with the evaluation (one sync, not two).
    const last = b === batches.length - 1;
    if (!last && losses.due(loop.readMs)) {
      await losses.flush();
      if (losses.diverged) {
        loop.stepsDone += batches.length - b - 1; // a diverged run's remaining steps will not happen
        break;
      }
    }
  }
  let evaluation: Evaluation | null = null;
  if (losses.count && !control.isStopped) {
    evaluation = await r.run.evaluate(losses.scalars());
    losses.consume(evaluation.extra);
  }
  if (losses.count) await losses.flush();
  return evaluation;
}
