import * as tf from '@tensorflow/tfjs';
import { selectionQuality } from './balanced';
import { classBalancedWeights, forgetRate, keptCount, logitAdjustment, perSampleLoss, smallestMask, adjustedArgMax } from './losses';
import type { Remedies } from './schema';

/** What a run's remedies need to know about its training split and budget. */
export interface RemedyInputs {
  remedies: Remedies;
  /** The training labels as the run sees them (after any injected noise). */
  trainLabels: Int32Array;
  numClasses: number;
  /** 1 where the lab flipped a training label (aligned with trainLabels), or null without noise. */
  noisy: Uint8Array | null;
  epochs: number;
  batchSize: number;
}

/**
 * One run's remedies as it trains (train/run.ts asks it for the batch loss and the predictions):
 * the loss remedies (label smoothing, GCE, class-balanced weights, small-loss selection), the
 * post-hoc logit adjustment, and what small-loss selection kept, counted against the flipped
 * labels the lab knows. Owns its tensors; the run disposes it.
 */
export class RunRemedies {
  private readonly weights: tf.Tensor1D | null;
  private readonly adjustment: tf.Tensor1D | null;
  private readonly noisy: tf.Tensor1D | null;
  /** [kept, kept clean, clean] over the epoch so far, on the device (read once an epoch). */
  private counts: tf.Tensor1D | null = null;
  private readonly stepsPerEpoch: number;

  constructor(private readonly inputs: RemedyInputs) {
    const { remedies: r, trainLabels, numClasses } = inputs;
    const counts = new Array<number>(numClasses).fill(0);
    for (const l of trainLabels) counts[l]++;
    this.weights = r.classBalanced > 0 ? tf.tensor1d(classBalancedWeights(counts, r.classBalanced)) : null;
    this.adjustment = r.logitAdjust > 0 ? tf.tensor1d(logitAdjustment(counts, r.logitAdjust)) : null;
    this.noisy = r.smallLoss > 0 ? tf.tensor1d(Float32Array.from(inputs.noisy ?? new Uint8Array(trainLabels.length))) : null;
    this.stepsPerEpoch = Math.max(1, Math.ceil(trainLabels.length / inputs.batchSize));
  }

  /** Re-sampled batches instead of the shared shuffle? */
  get resamples(): boolean {
    return this.inputs.remedies.resample;
  }

  /**
   * The batch loss from one-hot targets and probabilities. Call inside the gradient closure:
   * small-loss selection's mask has no gradient, so only the kept samples pull.
   */
  loss(y: tf.Tensor2D, probs: tf.Tensor2D, indices: readonly number[], step: number): tf.Scalar {
    const r = this.inputs.remedies;
    let each = perSampleLoss(y, probs, r);
    const pick = (l: tf.Tensor1D) => (this.weights ? l.mul(tf.sum(y.mul(this.weights), -1)) : l) as tf.Tensor1D;
    if (!(r.smallLoss > 0)) return tf.mean(pick(each)) as tf.Scalar;
    const b = indices.length;
    const keep = keptCount(b, forgetRate(r.smallLoss, Math.floor(step / this.stepsPerEpoch), this.inputs.epochs));
    const mask = smallestMask(each, tf.scalar(keep));
    this.count(mask, indices);
    each = pick(each);
    return tf.sum(each.mul(mask)).div(keep) as tf.Scalar;
  }

  private count(mask: tf.Tensor1D, indices: readonly number[]): void {
    const clean = tf.scalar(1).sub(tf.gather(this.noisy!, tf.tensor1d(indices as number[], 'int32')));
    const batch = tf.stack([mask.sum(), mask.mul(clean).sum(), clean.sum()]) as tf.Tensor1D;
    const before = this.counts;
    this.counts = tf.keep(before ? before.add(batch) : batch.clone());
    before?.dispose();
  }

  /** Predictions from probabilities: argmax, or the logit-adjusted argmax. Null = plain argmax. */
  predict(probs: tf.Tensor2D): tf.Tensor1D | null {
    return this.adjustment ? adjustedArgMax(probs, this.adjustment) : null;
  }

  /** Small-loss selection's precision and recall against the flipped labels since the last call (null when off). */
  async takeSelection(): Promise<{ precision: number; recall: number } | null> {
    const counts = this.counts;
    if (!counts) return null;
    this.counts = null;
    const [kept, keptClean, clean] = await counts.data();
    counts.dispose();
    return selectionQuality({ kept, keptClean, clean });
  }

  dispose(): void {
    tf.dispose([this.weights, this.adjustment, this.noisy, this.counts].filter((t): t is tf.Tensor1D => t !== null));
  }
}
