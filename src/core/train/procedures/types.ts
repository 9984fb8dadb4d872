import type * as tf from '@tensorflow/tfjs';
import type { ExperimentConfig } from '../../config/experiment';
import type { Msg } from '../../messages';
import type { BuiltSource } from '../buildSource';
import type { RunInfo } from '../events';
import type { ExperimentSetup } from '../experimentSetup';
import type { LiveRun } from '../liveRun';
import type { ExperimentResources } from '../resources';
import type { SourceTask } from '../runInputs';
import type { RunRemedies } from '../../remedies/runRemedies';

/** Frozen features of a batch of images → [n, d]. */
export type Features = (x: tf.Tensor4D) => tf.Tensor2D;
/** A fresh classification head on `dims`-wide embeddings (registered for disposal). */
export type NewHead = (dims: number) => tf.LayersModel;

/** Everything a procedure may use to build one transfer run of the plan. */
export interface ProcedureContext {
  setup: ExperimentSetup;
  /** The config with this run's source. */
  cfg: ExperimentConfig;
  info: RunInfo;
  built: BuiltSource;
  /** The forgetting meter's task (the first run of a plan only), or null. */
  sourceTask: SourceTask | null;
  owned: ExperimentResources;
  /** The strategy as applied to the transfer model (or, without one, a probe's description). */
  applied: { frozenBlocks: number; backboneLrMultiplier: number; description: Msg };
  /** Only the head trains (linear probe, or a source the lab cannot re-wire). */
  probing: boolean;
  /** BatchNorm in training mode (zoo sources) or on its pretrained statistics (external ones). */
  training: boolean;
  features: Features;
  newHead: NewHead;
  /** The run's remedies (label noise, imbalance), or null without any: every procedure hands them to its run. */
  remedies: RunRemedies | null;
}

/**
 * One way of training a transfer run. The engine asks the registry (procedures/index.ts) in order
 * and the first procedure that applies builds the run; a new training procedure is one file
 * implementing this and one line in that list.
 */
export interface RunProcedure {
  /** Stable id, for tests and logs. */
  id: string;
  applies(ctx: ProcedureContext): boolean;
  /** The run, or null if the person stopped while it was being built (e.g. while embedding). */
  build(ctx: ProcedureContext): Promise<LiveRun | null>;
}
