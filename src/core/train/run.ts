import * as tf from '@tensorflow/tfjs';
import type { ImageSet } from '../data/imageSet';
import { oneHot, toInputTensor } from '../data/tensors';
import { blockOf } from '../models/registry';
import type { InputRange } from '../models/external';

/**
 * One trainable run: a model, which of its variables train, with which optimizers.
 * A custom step (variableGrads + applyGradients) rather than model.fit, because runs need
 * per-group learning rates, per-batch control (pause/stop between batches), NaN detection,
 * and identical batch order across runs.
 */
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
}

/** Per-batch augmentation of model inputs; `step` picks the draws, so runs given the same step agree. */
export type AugmentFn = (x: tf.Tensor4D, step: number) => tf.Tensor4D;

/** How images become model input: square side, and the pixel range the model was trained with. */
export interface InputView {
  side: number;
  range: InputRange;
  /** 1 for grayscale models: RGB is averaged. Default 3. */
  channels?: 1 | 3;
}
export const ZOO_VIEW: InputView = { side: 32, range: 'unit' };

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
}

/** [0, 1] pixels → the model's range. */
export function toRange(x: tf.Tensor, range: InputRange): tf.Tensor {
  return range === 'unit' ? x : tf.tidy(() => x.mul(2).sub(1));
}

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

export class TrainableRun {
  private readonly groups: { vars: tf.Variable[]; optimizer: tf.Optimizer }[] = [];
  /** All training targets, uploaded once: a step gathers its rows instead of uploading a one-hot. */
  private readonly trainY: tf.Tensor2D;

  constructor(
    /** What the batches go through: the full model, or the head alone on cached embeddings. */
    readonly model: tf.LayersModel,
    readonly inputs: RunInputs,
    learningRate: number,
    private readonly opts: RunOptions = {},
  ) {
    const backboneLrMultiplier = opts.backboneLrMultiplier ?? 1;
    const trainable = model.layers.filter((l) => l.trainable);
    const split = (backbone: boolean) =>
      trainable.filter((l) => (blockOf(l) !== null) === backbone).flatMap((l) => l.trainableWeights.map((w) => (w as any).read() as tf.Variable));
    const groups = backboneLrMultiplier === 1 ? [[...split(true), ...split(false)]] : [split(true), split(false)];
    const rates = backboneLrMultiplier === 1 ? [learningRate] : [learningRate * backboneLrMultiplier, learningRate];
    this.trainY = oneHot(inputs.trainLabels, inputs.numClasses);
    groups.forEach((vars, i) => {
      if (vars.length && rates[i] > 0) this.groups.push({ vars, optimizer: tf.train.adam(rates[i]) });
    });
  }

  /** A batch as the model takes it: rows of embeddings, or images (augmented when a step is given). */
  private batch(source: tf.Tensor | ImageSet, indices: number[], step: number | null = null): tf.Tensor {
    if (source instanceof tf.Tensor) return tf.gather(source, indices);
    const view = this.opts.view ?? ZOO_VIEW;
    let x: tf.Tensor = toInputTensor(source, indices, view.side);
    if (step !== null && this.opts.augment) x = this.opts.augment(x as tf.Tensor4D, step);
    if (view.channels === 1) x = x.mean(-1, true);
    x = toRange(x, view.range);
    return this.opts.featurize ? this.opts.featurize(x as tf.Tensor4D) : x;
  }

  /** One optimisation step; the returned scalars stay on the device until the caller reads them. */
  step(indices: number[], stepIndex = 0): StepResult {
    return tf.tidy(() => {
      const x = this.batch(this.inputs.train, indices, stepIndex);
      const y = tf.gather(this.trainY, indices);
      let correct: tf.Scalar | null = null;
      const lossFn = () => {
        const probs = this.model.apply(x, { training: this.opts.training ?? true }) as tf.Tensor;
        // Kept: variableGrads disposes everything made inside this function but the loss.
        correct = tf.keep(tf.equal(tf.argMax(probs, -1), tf.argMax(y, -1)).sum().toFloat() as tf.Scalar);
        return crossEntropy(y, probs);
      };
      const allVars = this.groups.flatMap((g) => g.vars);
      const { value, grads } = tf.variableGrads(lossFn, allVars);
      for (const g of this.groups) {
        const mine: tf.NamedTensorMap = {};
        for (const v of g.vars) mine[v.name] = grads[v.name];
        g.optimizer.applyGradients(mine);
      }
      return { loss: value, correct: correct! };
    });
  }

  /**
   * Validation loss, accuracy and per-image predictions, computed in chunks. `extra` scalars (the
   * epoch's last training losses) ride along in the first readback and come back in `extra`.
   */
  async evaluate(extra: tf.Scalar[] = [], chunk = 256): Promise<Evaluation> {
    const n = this.inputs.valLabels.length;
    const predictions = new Int32Array(n);
    let lossSum = 0;
    let extraValues = new Float32Array(0);
    for (let i = 0; i < Math.max(n, 1); i += chunk) {
      const idx = Array.from({ length: Math.min(chunk, n - i) }, (_, j) => i + j);
      const riders = i === 0 ? extra : [];
      // One readback per chunk (predictions, the chunk's loss, riders): each read is a GPU sync.
      const packed = tf.tidy(() => {
        const parts: tf.Tensor[] = riders.map((t) => t.reshape([1]));
        if (idx.length) {
          const p = this.model.predict(this.batch(this.inputs.val, idx)) as tf.Tensor;
          const y = oneHot(Int32Array.from(idx, (j) => this.inputs.valLabels[j]), this.inputs.numClasses);
          parts.push(p.argMax(-1).toFloat(), crossEntropy(y, p).mul(idx.length).reshape([1]));
        }
        return parts.length ? tf.concat(parts) : tf.zeros([0]);
      });
      const values = (await packed.data()) as Float32Array;
      packed.dispose();
      extraValues = i === 0 ? values.slice(0, riders.length) : extraValues;
      const own = values.subarray(riders.length);
      for (let j = 0; j < idx.length; j++) predictions[i + j] = own[j];
      if (idx.length) lossSum += own[idx.length];
    }
    let correct = 0;
    predictions.forEach((p, i) => (correct += p === this.inputs.valLabels[i] ? 1 : 0));
    return { loss: n ? lossSum / n : 0, accuracy: n ? correct / n : 0, predictions, extra: extraValues };
  }

  /** Accuracy on the shifted evaluation set (one readback), or null without one. */
  async shiftedAccuracy(chunk = 256): Promise<number | null> {
    const { shifted, shiftedLabels } = this.inputs;
    if (!shifted || !shiftedLabels || !shiftedLabels.length) return null;
    let correct = 0;
    for (let i = 0; i < shiftedLabels.length; i += chunk) {
      const idx = Array.from({ length: Math.min(chunk, shiftedLabels.length - i) }, (_, j) => i + j);
      const hits = tf.tidy(() => {
        const p = (this.model.predict(this.batch(shifted, idx)) as tf.Tensor).argMax(-1);
        return tf.equal(p, tf.tensor1d(Int32Array.from(idx, (j) => shiftedLabels[j]), 'int32')).sum();
      });
      correct += (await hits.data())[0];
      hits.dispose();
    }
    return correct / shiftedLabels.length;
  }

  /** Frees the optimizer state. The model's weights belong to whoever built it (see disposeModels). */
  dispose(): void {
    for (const g of this.groups) g.optimizer.dispose();
    this.trainY.dispose();
  }
}

/** Mean categorical cross-entropy of softmax outputs, clipped so a confident miss stays finite. */
export function crossEntropy(y: tf.Tensor, probs: tf.Tensor): tf.Scalar {
  return tf.tidy(() => tf.neg(tf.mean(tf.sum(tf.mul(y, tf.log(tf.clipByValue(probs, 1e-7, 1))), -1))) as tf.Scalar);
}
