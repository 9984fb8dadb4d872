import * as tf from '@tensorflow/tfjs';
import type { ExperimentConfig, Source } from '../config/experiment';
import type { ImageSet } from '../data/imageSet';
import { augmentBatch } from '../augment/augment';
import { enabledKinds } from '../augment/schema';
import { labelsOf } from '../data/tensors';
import { deriveSeed } from '../random';
import type { EmbeddingCache } from '../models/embeddingCache';
import type { JobBackends } from '../backends/jobBackend';
import type { RunControl } from './control';
import type { EngineEvent } from './events';
import type { ScratchCache } from './scratchCache';
import type { TargetData } from './targetData';
import type { AugmentFn, RunInputs } from './runInputs';

export interface ExperimentOptions {
  /** Linear probe trains on cached embeddings (default). Off only to measure what the cache saves. */
  cacheEmbeddings?: boolean;
  /** Read per-batch losses back at most every N ms (each read is a device sync); default 100. */
  lossReadMs?: number;
  /** Embeddings kept across experiments (the worker keeps one); default: a fresh one per experiment. */
  embeddingCache?: EmbeddingCache;
  /**
   * Where embedding and training run (the worker uses wasm for both on a machine without a GPU,
   * webgl for what wasm cannot train). Default: the current backend for everything.
   */
  backends?: JobBackends;
  /** One transfer run per source, trained side by side (default: the config's own source). */
  sources?: readonly Source[];
  /** Finished scratch baselines kept across experiments (the worker keeps one); default: none, always train. */
  scratchCache?: ScratchCache;
  /** Instrumentation: called with each run's batch before its step (tests check batch identity). */
  onStep?: (runId: string, indices: number[]) => void;
  /**
   * Called, on the run's backend, with each finished run's whole trained model (image in, classes
   * out, `whole`) before it is disposed — for exports; a probe on cached embeddings hands over its
   * head (embeddings in, classes out, `head`), which on the source's backbone is its whole network.
   */
  onTrainedModel?: (runId: string, model: tf.LayersModel, part: 'whole' | 'head') => Promise<void>;
  /** Called with a replayed scratch baseline's stored files (see ScratchRecord.files): it was trained earlier, not now. */
  onReplayedModel?: (runId: string, files: { modelJson: string; weights: Uint8Array }) => void | Promise<void>;
}

/** What every run of one experiment shares: its config, target images and labels, learning rate, augmentation, and where to report. */
export interface ExperimentSetup {
  config: ExperimentConfig;
  data: TargetData;
  train: ImageSet;
  val: ImageSet;
  shifted: ImageSet | null;
  blend: ImageSet | null;
  numClasses: number;
  /** The labels part of every run's inputs. */
  base: { trainLabels: Int32Array; valLabels: Int32Array; numClasses: number; shiftedLabels: Int32Array | null };
  augmenting: boolean;
  augment: AugmentFn | null;
  lr: number;
  /** Training backends by preference (see JobBackends.training). */
  preferredTraining: readonly string[];
  opts: ExperimentOptions;
  emit: (e: EngineEvent) => void;
  control: RunControl;
}

export function setUpExperiment(
  config: ExperimentConfig,
  data: TargetData,
  emit: (e: EngineEvent) => void,
  control: RunControl,
  opts: ExperimentOptions,
): ExperimentSetup {
  const { train, val, shifted } = data;
  const blend = data.blend ?? null;
  const numClasses = train.classNames.length;
  const trainLabels = labelsOf(train, null);
  const valLabels = labelsOf(val, null);
  const shiftedLabels = shifted ? labelsOf(shifted, null) : null;
  const base = { trainLabels, valLabels, numClasses, shiftedLabels };
  // Same (seed, step) → same draws in every run: transfer and scratch see identical augmented batches.
  const augmenting = enabledKinds(config.augmentations).length > 0;
  const augmentSeed = deriveSeed(config.seed, 'augment');
  const augment = augmenting
    ? (x: tf.Tensor4D, step: number) => augmentBatch(x, config.augmentations, deriveSeed(augmentSeed, `step-${step}`))
    : null;
  const lr = config.training.learningRate;
  const preferredTraining = opts.backends?.training ?? [tf.getBackend()];
  return { config, data, train, val, shifted, blend, numClasses, base, augmenting, augment, lr, preferredTraining, opts, emit, control };
}

/** A run's inputs on the target images themselves (not on cached embeddings). */
export function imageInputs(s: ExperimentSetup): RunInputs {
  return { ...s.base, train: s.train, val: s.val, shifted: s.shifted, blend: s.blend };
}
