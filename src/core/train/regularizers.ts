import * as tf from '@tensorflow/tfjs';
import { bug } from '../messages';

/**
 * Forgetting mitigations as pure tensor math, so the training loop can add them to its loss
 * inside tf.variableGrads / optimizer.minimize. TF.js has no stopGradient: tensors meant as fixed
 * targets (pretrained weights, old-head outputs) must be plain tensors computed outside the
 * gradient closure, not trainable variables.
 */

function sameShape(a: tf.Tensor, b: tf.Tensor, what: string): void {
  if (!tf.util.arraysEqual(a.shape, b.shape)) throw bug(`${what}: shapes [${a.shape}] and [${b.shape}] differ.`);
}

/**
 * L2-SP (Li et al. 2018): (alpha/2) · Σ ||w − w0||² over the given pairs (backbone weights vs their
 * pretrained values). Pulls fine-tuned weights towards the start point instead of towards 0.
 * Scalar; its gradient w.r.t. each `current` variable is alpha · (w − w0). No pairs → 0.
 */
export function l2spPenalty(pairs: readonly { current: tf.Tensor; start: tf.Tensor }[], alpha: number): tf.Scalar {
  pairs.forEach((p, i) => sameShape(p.current, p.start, `l2spPenalty pair ${i}`));
  return tf.tidy(() => {
    const total = pairs.reduce<tf.Scalar>((sum, p) => sum.add(tf.sum(tf.squaredDifference(p.current, p.start))), tf.scalar(0));
    return total.mul(alpha / 2);
  });
}

/**
 * One plain gradient step of size `rate` on l2spPenalty with α = 1: θ − rate·(θ − θ0) =
 * θ0 + (1 − rate)·(θ − θ0). The run applies it after each optimizer step, decoupled from Adam
 * (see TrainableRun); `rate` = learning rate × α, capped at 1 (= back to θ0).
 */
export function l2spStep(current: tf.Tensor, start: tf.Tensor, rate: number): tf.Tensor {
  sameShape(current, start, 'l2spStep');
  const keep = 1 - Math.min(1, Math.max(0, rate));
  return tf.tidy(() => start.add(current.sub(start).mul(keep)));
}

const EPS = 1e-7;

/**
 * LwF distillation (Li & Hoiem 2016), as KL(old_T || new_T) averaged over the batch, × T².
 *
 * Both inputs are probabilities: the `head` layer applies softmax (see architecture.ts), so the
 * model never exposes logits. Temperature is applied as p^(1/T) renormalised = softmax(log p / T),
 * which equals softmax(z / T) for the underlying logits z (log p and z differ by a per-row
 * constant), so it is the textbook softened softmax. Probabilities are clipped to [1e-7, 1] before
 * the log. KL rather than cross-entropy so the loss is exactly 0 when new = old (the gradient
 * w.r.t. the new outputs is the same); × T² keeps gradient magnitudes comparable across
 * temperatures (Hinton et al. 2015), so the mixing weight need not be retuned when T changes.
 *
 * `oldProbs`: the old model's head outputs on this batch, fixed targets (compute them outside the
 * gradient). `newProbs`: the current model's outputs for the same (old) head.
 */
export function distillationLoss(oldProbs: tf.Tensor2D, newProbs: tf.Tensor2D, temperature: number): tf.Scalar {
  if (!(temperature > 0)) throw bug(`Distillation temperature must be positive, got ${temperature}.`); // the config bounds it to 0.5–10
  sameShape(oldProbs, newProbs, 'distillationLoss');
  return tf.tidy(() => {
    const soften = (p: tf.Tensor2D) => tf.logSoftmax(tf.log(tf.clipByValue(p, EPS, 1)).div(temperature));
    const logQOld = soften(oldProbs);
    const logQNew = soften(newProbs);
    const kl = tf.sum(tf.exp(logQOld).mul(logQOld.sub(logQNew)), 1);
    return tf.mean(kl).mul(temperature * temperature) as tf.Scalar;
  });
}

/**
 * WiSE-FT (Wortsman et al. 2022): θα = (1−α)·θ0 + α·θft for every weight. Written in this form
 * (not θ0 + α(θft − θ0)) so α = 0 and α = 1 reproduce θ0 and θft bit for bit. Returns new tensors
 * (caller disposes), e.g. for model.setWeights.
 */
export function interpolateWeights(start: readonly tf.Tensor[], tuned: readonly tf.Tensor[], alpha: number): tf.Tensor[] {
  if (start.length !== tuned.length) throw bug(`interpolateWeights: ${start.length} start vs ${tuned.length} tuned weights.`);
  if (!Number.isFinite(alpha)) throw bug(`interpolateWeights: alpha must be finite, got ${alpha}.`);
  start.forEach((s, i) => sameShape(s, tuned[i], `interpolateWeights weight ${i}`));
  return start.map((s, i) => tf.tidy(() => s.mul(1 - alpha).add(tuned[i].mul(alpha))));
}
