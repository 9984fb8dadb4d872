import * as tf from '@tensorflow/tfjs';
import type { Msg } from '../messages';
import type { RunInfo, RunStatus } from './events';
import type { InputView } from './inputView';
import type { PlannedRun } from './plan';
import type { Trainable } from './trainable';

/** A run of an experiment as it trains: its model and optimizers, status, time spent and last predictions. */
export interface LiveRun {
  info: RunInfo;
  run: Trainable;
  status: RunStatus;
  wallMs: number;
  lastPredictions: Int32Array | null;
  /** Where this run trains and evaluates (see JobBackends.training). */
  backend: string;
  /**
   * Where its weights started and its input view, for soups; a probe on cached embeddings also
   * keeps those embeddings (its head is scored on them).
   */
  soup?: { origin: string; view: InputView; embeddings?: { val: tf.Tensor2D; blend: tf.Tensor2D } };
  /** What onTrainedModel gets: the whole image model, or a probe's head on cached embeddings (with or without a blend split). */
  handOver?: 'whole' | 'head';
}

export function makeLive(info: RunInfo, run: Trainable): LiveRun {
  return { info, run, status: 'pending', wallMs: 0, lastPredictions: null, backend: tf.getBackend() };
}

/** What the setup event says about a planned run. */
export function runInfoOf(p: PlannedRun, description: Msg[]): RunInfo {
  return { id: p.id, name: p.name, kind: p.kind, description, color: p.color };
}
