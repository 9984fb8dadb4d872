import type * as tf from '@tensorflow/tfjs';
import type { WiseFtPoint } from './events';
import type { RunInputs } from './runInputs';
import type { RunRemedies } from '../remedies/runRemedies';

export interface StepResult {
  loss: tf.Scalar;
  correct: tf.Scalar;
}

export interface Evaluation {
  loss: number;
  accuracy: number;
  predictions: Int32Array;
  extra: Float32Array;
}

/**
 * What the training loop, the results and the exports need from a run, whatever trains it. The
 * lab's own runs are `TrainableRun`s; a new training procedure (another loss, a regulariser, two
 * networks that pick samples for each other) implements this and is built by a RunProcedure.
 */
export interface Trainable {
  /** What the batches go through, and what exports and soups read: the full model, or a head on embeddings. */
  readonly model: tf.LayersModel;
  readonly inputs: RunInputs;
  /** One optimisation step on the given training rows; the scalars stay on the device until read. */
  step(indices: number[], stepIndex: number): StepResult;
  /** Validation loss, accuracy and predictions; `extra` scalars ride along in the same readback. */
  evaluate(extra?: tf.Scalar[]): Promise<Evaluation>;
  /** Validation (and blend-split) class probabilities, for fusion. */
  probabilities(): Promise<{ val: Float32Array; blend: Float32Array | null }>;
  /** Accuracy on the shifted test set, if the experiment has one. */
  shiftedAccuracy(): Promise<number | null>;
  /** Accuracy on the source's own task (the forgetting meter), if it is measured. */
  sourceAccuracy(): Promise<number | null>;
  /** WiSE-FT: accuracies along the line from the start to the trained weights. */
  wiseFt(alphas: readonly number[]): Promise<WiseFtPoint[]>;
  /** Its remedies (label noise, imbalance), or null: re-sampled batches and what small-loss selection kept. */
  readonly remedies?: RunRemedies | null;
  /** Frees what the run allocated besides the model (optimizer state, kept tensors). */
  dispose(): void;
}
