import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import type { ImageSet } from './imageSet';
import { toInputTensor } from './tensors';

describe('toInputTensor', () => {
  it('turns grey 28×28 images into padded 32×32 RGB exactly as tiling the channel would, and leaks nothing', async () => {
    const n = 3;
    const pixels = Uint8Array.from({ length: n * 28 * 28 }, (_, i) => (i * 37) % 256);
    const grey: ImageSet = { width: 28, height: 28, channels: 1, pixels, labels: Uint16Array.from([0, 1, 0]), classNames: ['a', 'b'] };
    const before = tf.memory().numTensors;
    const x = toInputTensor(grey, [2, 0]);
    const reference = tf.tidy(() =>
      tf
        .tensor4d(pixels, [n, 28, 28, 1], 'int32')
        .gather([2, 0])
        .toFloat()
        .div(255)
        .pad([
          [0, 0],
          [2, 2],
          [2, 2],
          [0, 0],
        ])
        .tile([1, 1, 1, 3]),
    );
    expect(x.shape).toEqual([2, 32, 32, 3]);
    expect(Array.from(await x.data())).toEqual(Array.from(await reference.data()));
    tf.dispose([x, reference]);
    expect(tf.memory().numTensors).toBe(before);
  });
});
