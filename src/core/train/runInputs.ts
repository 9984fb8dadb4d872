import type * as tf from '@tensorflow/tfjs';
import type { ImageSet } from '../data/imageSet';
import type { InputView } from './inputView';
import type { RunRemedies } from '../remedies/runRemedies';

/** What a TrainableRun (run.ts) trains and is scored on, and how. */
export interface RunInputs {
  /** Images for the full model, or cached embeddings for a linear probe (rows = images). */
  train: tf.Tensor | ImageSet;
  val: tf.Tensor | ImageSet;
  trainLabels: Int32Array;
  valLabels: Int32Array;
  numClasses: number;
  /** An optional shifted evaluation set (images or embeddings), evaluated after every epoch. */
  shifted?: tf.Tensor | ImageSet | null;
  shiftedLabels?: Int32Array | null;
  /** The blend split (images or embeddings): only predicted, for fusion, once training is done. */
  blend?: tf.Tensor | ImageSet | null;
}

/** Per-batch augmentation of model inputs; `step` picks the draws, so runs given the same step agree. */
export type AugmentFn = (x: tf.Tensor4D, step: number) => tf.Tensor4D;

/**
 * The source task, for the forgetting meter and its mitigations. `model` is the original source
 * model: it shares its backbone layers with the run's model and keeps its own head, so evaluating
 * it after each epoch measures how much of the source task the fine-tuned backbone still serves.
 */
export interface SourceTask {
  model: tf.LayersModel;
  /** Held-out source images and their labels. */
  images: ImageSet;
  labels: Int32Array;
  /** L2-SP strength (0 = off). */
  l2sp: number;
  /** LwF weight (0 = off) and temperature. */
  lwf: number;
  temperature: number;
}

export interface RunOptions {
  /** Multiplier for block layers' learning rate (1 = same as the head). */
  backboneLrMultiplier?: number;
  /** Applied to image batches only (never to cached embeddings), in [0, 1] before range scaling. */
  augment?: AugmentFn | null;
  view?: InputView;
  /** A frozen feature extractor in front of `model` (graph sources): it gets no gradients. */
  featurize?: ((x: tf.Tensor4D) => tf.Tensor) | null;
  /**
   * Run layers in training mode? False keeps BatchNorm on its pretrained statistics — what Keras
   * advises when fine-tuning (MobileNet); true for the zoo, which has no BatchNorm.
   */
  training?: boolean;
  source?: SourceTask | null;
  /** Remedies for label noise and imbalance (core/remedies): the run owns and disposes them. */
  remedies?: RunRemedies | null;
}
