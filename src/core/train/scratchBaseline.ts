import type * as tf from '@tensorflow/tfjs';
import { msg, type Msg } from '../messages';
import type { ExperimentConfig } from '../config/experiment';
import { deriveSeed } from '../random';
import { scratchTwin } from '../models/registry';
import { buildSmallCnn } from '../models/architecture';
import { serialiseModel } from '../models/artifacts';
import { onBackend } from '../backends/jobBackend';
import type { EngineEvent, RunInfo, RunResult } from './events';
import { imageInputs, type ExperimentSetup } from './experimentSetup';
import { ZOO_VIEW } from './inputView';
import { makeLive, runInfoOf, type LiveRun } from './liveRun';
import type { PlannedRun } from './plan';
import { TrainableRun } from './run';
import type { ScratchCache, ScratchRecord } from './scratchCache';
import { scratchKey } from '../config/keys';

export const SMALL_CNN_BASELINE = msg('msg.run.smallCnn');
export const SCRATCH_REUSED = msg('msg.run.scratchReused');

/** How an experiment gets its from-scratch baseline: trained now, replayed from the cache, or not at all. */
export interface ScratchPlan {
  /** The untrained baseline to train now, or null (none asked for, or replayed). */
  model: tf.LayersModel | null;
  description: Msg[];
  /** Where a finished baseline is kept in the scratch cache, or null (no cache, or no baseline). */
  reuseKey: string | null;
  /** A stored baseline replayed instead of trained, or null. */
  reused: ScratchRecord | null;
}

/**
 * Decides the scratch baseline from the first transfer run's config and model. Must run before
 * that model is trained or re-wired: the zoo's scratch twin is cloned from it.
 */
export async function planScratch(setup: ExperimentSetup, cfg: ExperimentConfig, transfer: tf.LayersModel | null): Promise<ScratchPlan> {
  const { config, opts, train, val, shifted, numClasses, preferredTraining } = setup;
  const zooTwin = !!transfer && cfg.source.kind === 'zoo';
  let description = [zooTwin ? msg('msg.run.scratchTwin') : SMALL_CNN_BASELINE];
  const reuseKey =
    config.scratchBaseline && opts.scratchCache
      ? scratchKey(cfg, { train, val, shifted }, zooTwin ? 'zoo-twin' : 'small-cnn', numClasses, preferredTraining[0])
      : null;
  const reused = reuseKey ? (opts.scratchCache!.get(reuseKey) ?? null) : null;
  let model: tf.LayersModel | null = null;
  if (reused) {
    description = [...reused.description, SCRATCH_REUSED];
  } else if (config.scratchBaseline && zooTwin) {
    model = await scratchTwin(transfer!, config.seed);
  } else if (config.scratchBaseline) {
    // A from-scratch MobileNet at 224 would take hours on software WebGL: the baseline is the
    // small built-in CNN at 32×32, and the run says so.
    model = buildSmallCnn({ numClasses, seed: deriveSeed(config.seed, 'scratch-init') });
  }
  return { model, description, reuseKey, reused };
}

/** The baseline's entry in the setup event (null without a baseline); a replayed one keeps the preferred backend. */
export function scratchRunInfo(setup: ExperimentSetup, plan: readonly PlannedRun[], scratch: ScratchPlan): RunInfo | null {
  if (!setup.config.scratchBaseline) return null;
  const planned = plan.find((p) => p.id === 'scratch')!;
  return { ...runInfoOf(planned, scratch.description), backend: setup.preferredTraining[0] };
}

export function buildScratchRun(setup: ExperimentSetup, info: RunInfo, model: tf.LayersModel): LiveRun {
  const run = makeLive(info, new TrainableRun(model, imageInputs(setup), setup.lr, { augment: setup.augment }));
  // Two scratch runs share an origin only if they started from the same random init.
  run.soup = { origin: `scratch:${setup.config.seed}`, view: ZOO_VIEW };
  run.handOver = 'whole';
  return run;
}

/** A stored baseline's events, as if it had just trained (its curves appear at once). */
export function replayScratch(record: ScratchRecord, emit: (e: EngineEvent) => void) {
  emit({ type: 'status', runId: 'scratch', status: 'running' });
  for (const b of record.batches) emit({ type: 'batch', runId: 'scratch', ...b });
  for (const metrics of record.epochs) emit({ type: 'epoch', runId: 'scratch', metrics });
  emit({ type: 'status', runId: 'scratch', status: 'done' });
  if (record.result) emit({ type: 'result', runId: 'scratch', result: record.result });
}

/**
 * A baseline trained to its end is kept for the next experiment that would train it again:
 * `emit` records its curves as they pass, `keep` stores it with its result and files.
 */
export function scratchRecorder(scratch: ScratchPlan, cache: ScratchCache | undefined, emit: (e: EngineEvent) => void) {
  const record: ScratchRecord | null =
    scratch.model && scratch.reuseKey ? { description: scratch.description, epochs: [], batches: [], result: null } : null;
  return {
    emit: (e: EngineEvent) => {
      if (record && e.type === 'epoch' && e.runId === 'scratch') record.epochs.push(e.metrics);
      if (record && e.type === 'batch' && e.runId === 'scratch')
        record.batches.push({ step: e.step, examplesSeen: e.examplesSeen, loss: e.loss });
      emit(e);
    },
    keep: async (r: LiveRun, result: RunResult) => {
      if (record && r.info.id === 'scratch' && r.status === 'done')
        cache!.set(scratch.reuseKey!, { ...record, result, files: await onBackend(r.backend, () => serialiseModel(r.run.model)) });
    },
  };
}
