import * as tf from '@tensorflow/tfjs';
import type { ImageSet } from '../data/imageSet';
import { oneHot, toInputTensor } from '../data/tensors';
import { blockOf } from '../models/registry';
import type { WiseFtPoint } from './events';
import { ZOO_VIEW, toRange } from './inputView';
import { distillationLoss, interpolateWeights, l2spStep } from './regularizers';
import type { RunInputs, RunOptions } from './runInputs';
import type { Evaluation, StepResult, Trainable } from './trainable';
import type { RunRemedies } from '../remedies/runRemedies';

// What a run is given, and how images become model input, live in their own modules; importable from here as before.
export { ZOO_VIEW, toRange, type InputView } from './inputView';
export type { AugmentFn, RunInputs, RunOptions, SourceTask } from './runInputs';
export type { Evaluation, StepResult, Trainable } from './trainable';

/**
 * One trainable run: a model, which of its variables train, with which optimizers.
 * A custom step (variableGrads + applyGradients) rather than model.fit, because runs need
 * per-group learning rates, per-batch control (pause/stop between batches), NaN detection,
 * and identical batch order across runs.
 */
export class TrainableRun implements Trainable {
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
      trainable
        .filter((l) => (blockOf(l) !== null) === backbone)
        .flatMap((l) => l.trainableWeights.map((w) => (w as any).read() as tf.Variable));
    const groups = backboneLrMultiplier === 1 ? [[...split(true), ...split(false)]] : [split(true), split(false)];
    const rates = backboneLrMultiplier === 1 ? [learningRate] : [learningRate * backboneLrMultiplier, learningRate];
    this.trainY = oneHot(inputs.trainLabels, inputs.numClasses);
    groups.forEach((vars, i) => {
      if (vars.length && rates[i] > 0) this.groups.push({ vars, optimizer: tf.train.adam(rates[i]) });
    });
    const source = opts.source;
    if (source) {
      // θ0: where L2-SP pulls back to and where WiSE-FT interpolates from.
      this.backbone = split(true);
      this.backboneLr = learningRate * backboneLrMultiplier;
      this.start = this.backbone.map((v) => tf.keep(v.clone()));
      if (source.lwf > 0 && this.backbone.length && !(inputs.train instanceof tf.Tensor)) {
        // LwF records the source head's answers on the new images before training (Li & Hoiem 2016).
        const n = inputs.trainLabels.length;
        const parts: tf.Tensor[] = [];
        for (let i = 0; i < n; i += 128) {
          const idx = Array.from({ length: Math.min(128, n - i) }, (_, j) => i + j);
          parts.push(tf.tidy(() => source.model.predict(this.batch(inputs.train, idx)) as tf.Tensor));
        }
        this.oldProbs = tf.concat(parts) as tf.Tensor2D;
        tf.dispose(parts);
      }
    }
  }

  /** Trainable backbone variables and their values at the start (only with a source task). */
  private backbone: tf.Variable[] = [];
  private backboneLr = 0;
  private start: tf.Tensor[] = [];
  private oldProbs: tf.Tensor2D | null = null;

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
      const remedies = this.opts.remedies;
      const lossFn = () => {
        const probs = this.model.apply(x, { training: this.opts.training ?? true }) as tf.Tensor;
        // Kept: variableGrads disposes everything made inside this function but the loss.
        correct = tf.keep(tf.equal(tf.argMax(probs, -1), tf.argMax(y, -1)).sum().toFloat() as tf.Scalar);
        let loss = remedies
          ? remedies.loss(y as tf.Tensor2D, probs as tf.Tensor2D, indices, stepIndex).add(tf.sum(probs).mul(0)) // NaN stays NaN (see crossEntropy)
          : crossEntropy(y, probs);
        const source = this.opts.source;
        if (source && this.oldProbs) {
          const now = source.model.apply(x, { training: this.opts.training ?? true }) as tf.Tensor2D;
          loss = loss.add(distillationLoss(tf.gather(this.oldProbs, indices), now, source.temperature).mul(source.lwf));
        }
        return loss as tf.Scalar;
      };
      const allVars = this.groups.flatMap((g) => g.vars);
      const { value, grads } = tf.variableGrads(lossFn, allVars);
      for (const g of this.groups) {
        const mine: tf.NamedTensorMap = {};
        for (const v of g.vars) mine[v.name] = grads[v.name];
        g.optimizer.applyGradients(mine);
      }
      this.pullTowardsStart();
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
          const y = oneHot(
            Int32Array.from(idx, (j) => this.inputs.valLabels[j]),
            this.inputs.numClasses,
          );
          parts.push(this.predicted(p).toFloat(), crossEntropy(y, p).mul(idx.length).reshape([1]));
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

  /** Class probabilities on validation and on the blend split (if any), n × k row-major: what fusion combines. */
  async probabilities(chunk = 256): Promise<{ val: Float32Array; blend: Float32Array | null }> {
    const of = async (source: tf.Tensor | ImageSet, n: number) => {
      const out = new Float32Array(n * this.inputs.numClasses);
      for (let i = 0; i < n; i += chunk) {
        const idx = Array.from({ length: Math.min(chunk, n - i) }, (_, j) => i + j);
        const p = tf.tidy(() => this.model.predict(this.batch(source, idx)) as tf.Tensor);
        out.set((await p.data()) as Float32Array, i * this.inputs.numClasses);
        p.dispose();
      }
      return out;
    };
    const { val, blend } = this.inputs;
    const count = (x: tf.Tensor | ImageSet) => (x instanceof tf.Tensor ? x.shape[0] : x.labels.length);
    return { val: await of(val, this.inputs.valLabels.length), blend: blend ? await of(blend, count(blend)) : null };
  }

  /** Accuracy on the shifted evaluation set (one readback), or null without one. */
  async shiftedAccuracy(): Promise<number | null> {
    const { shifted, shiftedLabels } = this.inputs;
    if (!shifted || !shiftedLabels || !shiftedLabels.length) return null;
    return this.accuracy(this.model, (idx) => this.batch(shifted, idx), shiftedLabels);
  }

  /** Accuracy of `model` on n inputs built chunk by chunk: one readback per chunk. */
  private async accuracy(model: tf.LayersModel, inputs: (idx: number[]) => tf.Tensor, labels: Int32Array, chunk = 256): Promise<number> {
    let correct = 0;
    for (let i = 0; i < labels.length; i += chunk) {
      const idx = Array.from({ length: Math.min(chunk, labels.length - i) }, (_, j) => i + j);
      const hits = tf.tidy(() => {
        const p = this.predicted(model.predict(inputs(idx)) as tf.Tensor, model === this.model);
        return tf
          .equal(
            p,
            tf.tensor1d(
              Int32Array.from(idx, (j) => labels[j]),
              'int32',
            ),
          )
          .sum();
      });
      correct += (await hits.data())[0];
      hits.dispose();
    }
    return correct / labels.length;
  }

  /** Predicted classes from class probabilities: the argmax, or the logit-adjusted one for the run's own model (core/remedies). */
  private predicted(probs: tf.Tensor, own = true): tf.Tensor {
    return (own && this.opts.remedies?.predict(probs as tf.Tensor2D)) || probs.argMax(-1);
  }

  /** Its remedies, or null: the training loop asks them for re-sampled batches and what selection kept. */
  get remedies(): RunRemedies | null {
    return this.opts.remedies ?? null;
  }

  /**
   * L2-SP, decoupled from Adam (as AdamW decouples weight decay): after each step the backbone takes
   * a plain gradient step on (α/2)·||θ − θ0||², i.e. θ ← θ0 + (1 − lr·α)·(θ − θ0). Inside the loss,
   * Adam would rescale the penalty's gradient like any other and the pull would jitter by ±lr around
   * θ0 instead of holding the weights near it; decoupled, its strength is what α says.
   */
  private pullTowardsStart(): void {
    const alpha = this.opts.source?.l2sp ?? 0;
    if (!(alpha > 0) || !this.backbone.length) return;
    tf.tidy(() => this.backbone.forEach((v, i) => v.assign(l2spStep(v, this.start[i], this.backboneLr * alpha))));
  }

  /** Source-task accuracy through the original source head (forgetting meter), or null without a source task. */
  async sourceAccuracy(): Promise<number | null> {
    const source = this.opts.source;
    if (!source || !source.labels.length) return null;
    const view = this.opts.view ?? ZOO_VIEW;
    return this.accuracy(source.model, (idx) => toRange(toInputTensor(source.images, idx, view.side), view.range), source.labels);
  }

  /**
   * WiSE-FT: for each α, set the backbone to (1−α)·θ0 + α·θft and measure target and source
   * accuracy; the fine-tuned weights are restored afterwards. The target head stays the fine-tuned
   * one (a fresh head has no meaningful θ0), the source head the original.
   */
  async wiseFt(alphas: readonly number[]): Promise<WiseFtPoint[]> {
    if (!this.opts.source || !this.backbone.length) return [];
    const tuned = this.backbone.map((v) => v.clone());
    const points: WiseFtPoint[] = [];
    try {
      for (const alpha of alphas) {
        const mixed = interpolateWeights(this.start, tuned, alpha);
        this.backbone.forEach((v, i) => v.assign(mixed[i]));
        tf.dispose(mixed);
        const target = await this.evaluate();
        points.push({ alpha, targetAccuracy: target.accuracy, sourceAccuracy: (await this.sourceAccuracy()) ?? 0 });
      }
    } finally {
      this.backbone.forEach((v, i) => v.assign(tuned[i]));
      tf.dispose(tuned);
    }
    return points;
  }

  /** Frees the optimizer state. The model's weights belong to whoever built it (see disposeModels). */
  dispose(): void {
    for (const g of this.groups) g.optimizer.dispose();
    this.trainY.dispose();
    tf.dispose(this.start);
    this.oldProbs?.dispose();
    this.opts.remedies?.dispose();
  }
}

/**
 * Mean categorical cross-entropy of softmax outputs, clipped so a confident miss stays finite.
 * wasm's clip maps NaN into the range (cpu and webgl keep it), which would hide a diverged
 * network behind a finite loss: a NaN anywhere in the outputs is added back in (NaN × 0 is NaN).
 */
export function crossEntropy(y: tf.Tensor, probs: tf.Tensor): tf.Scalar {
  return tf.tidy(
    () => tf.neg(tf.mean(tf.sum(tf.mul(y, tf.log(tf.clipByValue(probs, 1e-7, 1))), -1))).add(tf.sum(probs).mul(0)) as tf.Scalar,
  );
}
