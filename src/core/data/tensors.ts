import * as tf from '@tensorflow/tfjs';
import type { ImageSet } from './imageSet';
import { imageSize } from './imageSet';

/**
 * uint8 images → float32 model input [n, side, side, 3] in [0, 1].
 * 28×28 sets (MNIST, Fashion-MNIST) are zero-padded by 2 px — not resized — so strokes keep
 * their native thickness; grayscale is replicated to RGB so every model accepts every set.
 * Exact integer shrinks are box-filtered; other sizes are resized bilinearly.
 */
export function toInputTensor(set: ImageSet, indices: ArrayLike<number> | null, side = 32): tf.Tensor4D {
  const n = indices ? indices.length : set.labels.length;
  const size = imageSize(set);
  let bytes: Uint8Array;
  if (indices) {
    bytes = new Uint8Array(n * size);
    for (let i = 0; i < n; i++) bytes.set(set.pixels.subarray(indices[i] * size, (indices[i] + 1) * size), i * size);
  } else {
    bytes = set.pixels;
  }
  // Grey images become RGB here, byte by byte: wasm's Tile kernel cost a fifth of a training step.
  const channels = set.channels === 1 ? 3 : set.channels;
  if (set.channels === 1) bytes = greyToRgb(bytes);
  return tf.tidy(() => {
    let x: tf.Tensor4D = tf.tensor4d(bytes, [n, set.height, set.width, channels], 'int32').toFloat().div(255);
    if (set.height !== side || set.width !== side) {
      const padY = side - set.height;
      const padX = side - set.width;
      const factor = set.height / side;
      if (padY >= 0 && padX >= 0 && padY <= 4 && padX <= 4) {
        x = x.pad([
          [0, 0],
          [padY >> 1, padY - (padY >> 1)],
          [padX >> 1, padX - (padX >> 1)],
          [0, 0],
        ]);
      } else if (set.width === set.height && Number.isInteger(factor) && factor > 1) {
        // An exact k× shrink (224 → 32 is 7×): averaging k×k blocks is a proper box filter, where
        // bilinear would sample 4 of every 49 pixels and alias.
        x = tf.avgPool(x, factor, factor, 'valid');
      } else {
        x = tf.image.resizeBilinear(x, [side, side]);
      }
    }
    return x;
  });
}

/** Each grey value three times (R, G, B): what tiling the channel axis would give, without a kernel call. */
function greyToRgb(grey: Uint8Array): Uint8Array {
  const rgb = new Uint8Array(grey.length * 3);
  for (let i = 0, j = 0; i < grey.length; i++, j += 3) rgb[j] = rgb[j + 1] = rgb[j + 2] = grey[i];
  return rgb;
}

export function labelsOf(set: ImageSet, indices: ArrayLike<number> | null): Int32Array {
  if (!indices) return Int32Array.from(set.labels);
  return Int32Array.from({ length: indices.length }, (_, i) => set.labels[indices[i]]);
}

export function oneHot(labels: Int32Array, numClasses: number): tf.Tensor2D {
  return tf.tidy(() => tf.oneHot(tf.tensor1d(labels, 'int32'), numClasses).toFloat() as tf.Tensor2D);
}
