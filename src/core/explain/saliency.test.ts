import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { saliency, withHead } from './saliency';

/**
 * A tiny network whose Grad-CAM can be worked out by hand: a 1×1 convolution with two filters on
 * a 4×4 greyscale image, ReLU, global average pooling, a softmax Dense over two classes.
 */
function tinyModel(): tf.LayersModel {
  const input = tf.input({ shape: [4, 4, 1] });
  const conv = tf.layers.conv2d({
    filters: 2,
    kernelSize: 1,
    activation: 'relu',
    weights: [tf.tensor4d([[[[1, -1]]]]), tf.tensor1d([0, 0.5])],
  });
  const gap = tf.layers.globalAveragePooling2d({});
  const head = tf.layers.dense({
    units: 2,
    activation: 'softmax',
    weights: [
      tf.tensor2d([
        [2, -1],
        [-3, 1],
      ]),
      tf.tensor1d([0.1, -0.1]),
    ],
  });
  return tf.model({ inputs: input, outputs: head.apply(gap.apply(conv.apply(input))) as tf.SymbolicTensor });
}

const image = [0.9, 0.1, 0, 0.3, 0.2, 0.8, 0.4, 0, 0, 0.6, 1, 0.2, 0.5, 0, 0.1, 0.7];

describe('saliency', () => {
  it('Grad-CAM on a tiny hand-built model equals the hand-computed map', async () => {
    const model = tinyModel();
    const x = tf.tensor4d(image, [1, 4, 4, 1]);
    const before = tf.memory().numTensors;
    const s = await saliency(model, x, 0);
    expect(tf.memory().numTensors).toBe(before);
    // By hand: A1 = relu(x), A2 = relu(0.5 − x). Score of class 0: y0 = 2·mean(A1) − 3·mean(A2) + 0.1,
    // so α1 = 2/16, α2 = −3/16, and the map is relu(α1·A1 + α2·A2) per pixel.
    const hand = image.map((v) => Math.max(0, (2 / 16) * Math.max(0, v) + (-3 / 16) * Math.max(0, 0.5 - v)));
    expect(s.camSide).toBe(4);
    Array.from(s.camRaw).forEach((v, i) => expect(v).toBeCloseTo(hand[i]!, 6));
    // At the input's own size, the upsampled map is the map itself, scaled to [0, 1].
    const max = Math.max(...hand);
    Array.from(s.gradcam).forEach((v, i) => expect(v).toBeCloseTo(hand[i]! / max, 5));
    tf.dispose([x]);
    model.dispose();
  });

  it('input gradients match finite differences of the pre-softmax score', async () => {
    // Smooth activations (tanh), so central differences converge; 3 channels, 6×6.
    const input = tf.input({ shape: [6, 6, 3] });
    const conv = tf.layers.conv2d({
      filters: 4,
      kernelSize: 3,
      padding: 'same',
      activation: 'tanh',
      kernelInitializer: tf.initializers.glorotUniform({ seed: 3 }),
    });
    const head = tf.layers.dense({ units: 3, activation: 'softmax', kernelInitializer: tf.initializers.glorotUniform({ seed: 4 }) });
    const model = tf.model({
      inputs: input,
      outputs: head.apply(tf.layers.globalAveragePooling2d({}).apply(conv.apply(input))) as tf.SymbolicTensor,
    });
    const values = Array.from({ length: 6 * 6 * 3 }, (_, i) => ((i * 37) % 101) / 101);
    const s = await saliency(model, tf.tensor4d(values, [1, 6, 6, 3]), 1);
    // The pre-softmax score of class 1, from the layers' outputs (float64 differences on float32 nets: h = 1e-2).
    const [kernel, bias] = head.getWeights();
    const score = (v: number[]) =>
      tf.tidy(() => {
        const features = tf
          .model({ inputs: input, outputs: model.layers[2]!.output as tf.SymbolicTensor })
          .predict(tf.tensor4d(v, [1, 6, 6, 3])) as tf.Tensor2D;
        return (tf.matMul(features, kernel!).add(bias!) as tf.Tensor2D).arraySync()[0]![1]!;
      });
    const h = 1e-2;
    const grads = values.map((_, i) => {
      const up = [...values];
      const down = [...values];
      up[i] += h;
      down[i] -= h;
      return (score(up) - score(down)) / (2 * h);
    });
    // The map is max over channels of |gradient|, scaled by the largest.
    const perPixel = Array.from({ length: 36 }, (_, p) => Math.max(...[0, 1, 2].map((c) => Math.abs(grads[p * 3 + c]!))));
    const max = Math.max(...perPixel);
    Array.from(s.inputGradient).forEach((v, p) => expect(Math.abs(v - perPixel[p]! / max)).toBeLessThan(2e-3));
    model.dispose();
  });

  it('a probe’s head on its source backbone explains the same as one model', async () => {
    const source = tinyModel();
    const headInput = tf.input({ shape: [2] });
    const headModel = tf.model({
      inputs: headInput,
      outputs: tf.layers
        .dense({
          units: 2,
          activation: 'softmax',
          weights: [
            tf.tensor2d([
              [2, -1],
              [-3, 1],
            ]),
            tf.tensor1d([0.1, -0.1]),
          ],
        })
        .apply(headInput) as tf.SymbolicTensor,
    });
    const composed = withHead(source, headModel);
    const x = tf.tensor4d(image, [1, 4, 4, 1]);
    const [a, b] = [await saliency(source, x, 0), await saliency(composed, x, 0)];
    Array.from(a.camRaw).forEach((v, i) => expect(b.camRaw[i]).toBeCloseTo(v, 6));
    x.dispose();
  });
});
