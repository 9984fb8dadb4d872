import * as tf from '@tensorflow/tfjs';

/**
 * The remedies' losses as pure tensor math on the model's outputs. The lab's heads end in a
 * softmax (models/architecture.ts), so every loss here takes probabilities; they are clipped to
 * [1e-7, 1] before a log or a power, as the plain cross-entropy is (train/run.ts).
 */
const EPS = 1e-7;

/** The smoothed target (1 − ε)·y + ε/K (Szegedy et al. 2016), as PyTorch's `label_smoothing` defines it. */
export function smoothTargets(y: tf.Tensor2D, epsilon: number): tf.Tensor2D {
  if (!(epsilon > 0)) return y;
  const k = y.shape[1];
  return tf.tidy(() => y.mul(1 - epsilon).add(epsilon / k));
}

/**
 * Each sample's loss, [B]: cross-entropy −Σ_k t_k·log p_k against the (smoothed) target t, or with
 * `gce` = q > 0 the generalised cross-entropy Σ_k t_k·(1 − p_k^q)/q (Zhang & Sabuncu 2018) — with
 * a one-hot target that is (1 − p_y^q)/q: q → 0 gives cross-entropy, q = 1 the MAE, which a wrong
 * label cannot pull as hard.
 */
export function perSampleLoss(y: tf.Tensor2D, probs: tf.Tensor2D, { labelSmoothing = 0, gce = 0 } = {}): tf.Tensor1D {
  return tf.tidy(() => {
    const t = smoothTargets(y, labelSmoothing);
    const p = tf.clipByValue(probs, EPS, 1);
    if (gce > 0) return tf.sum(t.mul(tf.scalar(1).sub(tf.pow(p, gce))), -1).div(gce) as tf.Tensor1D;
    return tf.neg(tf.sum(t.mul(tf.log(p)), -1)) as tf.Tensor1D;
  });
}

/**
 * Class-balanced weights (Cui et al. 2019): w_k ∝ (1 − β)/(1 − β^{n_k}), the inverse of a class's
 * effective number of samples, normalised to sum to the number of classes present (as the paper
 * does). A class with no training image gets 0 (it has no term in any batch).
 */
export function classBalancedWeights(counts: readonly number[], beta: number): Float32Array {
  const raw = counts.map((n) => (n > 0 ? (1 - beta) / (1 - beta ** n) : 0));
  const present = counts.filter((n) => n > 0).length;
  const total = raw.reduce((a, b) => a + b, 0);
  return Float32Array.from(raw, (w) => (total > 0 ? (w * present) / total : 0));
}

/**
 * 1 for the `keep` smallest of `losses` (ties broken by position), 0 for the rest; no gradient.
 * Comparisons have no gradient in TF.js and gather's needs a kernel wasm lacks, so the mask is a
 * custom-gradient op (its gradient is 0): the loss then flows only through the kept samples.
 */
export const smallestMask: (losses: tf.Tensor1D, keep: tf.Scalar) => tf.Tensor1D = tf.customGrad(
  // customGrad passes its inputs and a save function; the mask is a function of the values alone.
  ((losses: tf.Tensor1D, keep: tf.Scalar) => {
    const value = tf.tidy(() => {
      const b = losses.shape[0];
      const row = losses.expandDims(0); // l_j along columns
      const col = losses.expandDims(1); // l_i along rows
      // rank_i = #{j : l_j < l_i} + #{j < i : l_j = l_i}: distinct ranks 0…B−1 even with ties.
      const earlier = tf.linalg.bandPart(tf.ones([b, b]), -1, 0).sub(tf.eye(b)); // j < i
      const rank = tf.less(row, col).toFloat().add(tf.equal(row, col).toFloat().mul(earlier)).sum(1);
      return tf.less(rank, keep).toFloat() as tf.Tensor1D;
    });
    return { value, gradFunc: (dy: tf.Tensor) => [tf.zerosLike(dy), tf.zerosLike(keep)] };
  }) as unknown as Parameters<typeof tf.customGrad>[0],
) as unknown as (losses: tf.Tensor1D, keep: tf.Scalar) => tf.Tensor1D;

/**
 * Co-teaching's schedule (Han et al. 2018): the forget rate r_e = r·min(1, e/T) at epoch e
 * (0-based), T = ⌈epochs/5⌉: the first epoch keeps everything and the rate reaches r after a
 * fifth of the budget — early on the network fits the easy, mostly clean samples, so it can be
 * trusted to pick them, and a longer ramp lets it memorise wrong labels first (a third let the
 * noise preset's plain-vs-remedy CI cross 0 on two of four seed sets; a fifth held on all four).
 */
export function forgetRate(rate: number, epoch: number, epochs: number): number {
  return rate * Math.min(1, epoch / Math.max(1, Math.ceil(epochs / 5)));
}

/** How many of a batch of `b` small-loss selection keeps at forget rate r: ⌊(1 − r)·b⌋, at least 1. */
export const keptCount = (b: number, rate: number): number => Math.max(1, Math.floor((1 - rate) * b + 1e-9));

/**
 * Post-hoc logit adjustment (Menon et al. 2021): the prediction argmax_y log p_y − τ·log π_y,
 * π the training labels' class frequencies. `adjust(counts, τ)` is the vector −τ·log π added to
 * log-probabilities; an absent class gets −∞-like −1e9 (it never had a prior to divide by).
 */
export function logitAdjustment(counts: readonly number[], tau: number): Float32Array {
  const total = counts.reduce((a, b) => a + b, 0);
  return Float32Array.from(counts, (n) => (n > 0 ? -tau * Math.log(n / total) : -1e9));
}

/** Predictions argmax(log p + adjustment), [B] int32. */
export function adjustedArgMax(probs: tf.Tensor2D, adjustment: tf.Tensor1D): tf.Tensor1D {
  return tf.tidy(
    () =>
      tf
        .log(tf.clipByValue(probs, EPS, 1))
        .add(adjustment)
        .argMax(-1) as tf.Tensor1D,
  );
}
