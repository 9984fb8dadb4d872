import * as tf from '@tensorflow/tfjs';
import { Rng, deriveSeed, permutation } from '../random';
import type { ImageSet } from '../data/imageSet';
import { oneHot, labelsOf, toInputTensor } from '../data/tensors';

/**
 * Batch order for one epoch: a pure function of (seed, epoch, n). Transfer and scratch runs
 * call it with the same arguments, so they see identical batches.
 */
export function epochBatches(n: number, batchSize: number, seed: number, epoch: number): number[][] {
  const order = permutation(n, new Rng(deriveSeed(seed, `epoch:${epoch}`)));
  const batches: number[][] = [];
  for (let i = 0; i < n; i += batchSize) batches.push(order.slice(i, i + batchSize));
  return batches;
}

/** Model input and one-hot targets for the given images of `set`. Caller disposes. */
export function batchTensors(set: ImageSet, indices: number[], side = 32): { x: tf.Tensor4D; y: tf.Tensor2D } {
  return { x: toInputTensor(set, indices, side), y: oneHot(labelsOf(set, indices), set.classNames.length) };
}

/** Predicted class per image, computed in chunks so large sets never sit on the GPU at once. */
export async function predictClasses(model: tf.LayersModel, set: ImageSet, indices: number[] | null, chunk = 256): Promise<Int32Array> {
  const all = indices ?? Array.from({ length: set.labels.length }, (_, i) => i);
  const out = new Int32Array(all.length);
  for (let i = 0; i < all.length; i += chunk) {
    const part = all.slice(i, i + chunk);
    const pred = tf.tidy(() => (model.predict(toInputTensor(set, part)) as tf.Tensor).argMax(-1));
    out.set(await pred.data(), i);
    pred.dispose();
  }
  return out;
}

export async function accuracy(model: tf.LayersModel, set: ImageSet, indices: number[] | null = null): Promise<number> {
  const pred = await predictClasses(model, set, indices);
  const truth = labelsOf(set, indices);
  let correct = 0;
  for (let i = 0; i < pred.length; i++) if (pred[i] === truth[i]) correct++;
  return pred.length ? correct / pred.length : 0;
}
