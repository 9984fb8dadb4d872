import * as tf from '@tensorflow/tfjs';
import { Rng } from '../random';

/**
 * The built-in CNN family: blocks of conv3×3+ReLU (+ max-pool), global average pooling, dense `head`.
 * ~1.1M multiply-adds and ~25k parameters at 32×32×3: small enough to fine-tune in a browser on
 * software WebGL. Layer names (`blockK_conv`, `blockK_pool`, `gap`, `head`) are the contract
 * the registry relies on to cut, freeze and replace the head.
 */
import { INPUT_SIDE } from './inputSpec';
export const BLOCK_FILTERS = [8, 16, 32, 64] as const;
export const BLOCK_COUNT = BLOCK_FILTERS.length;

export interface ArchitectureOptions {
  numClasses: number;
  seed: number;
}

export function buildSmallCnn({ numClasses, seed }: ArchitectureOptions): tf.LayersModel {
  const rng = new Rng(seed);
  const input = tf.input({ shape: [INPUT_SIDE, INPUT_SIDE, 3], name: 'input' });
  let x = input as tf.SymbolicTensor;
  BLOCK_FILTERS.forEach((filters, i) => {
    const b = i + 1;
    x = tf.layers
      .conv2d({
        name: `block${b}_conv`,
        filters,
        kernelSize: 3,
        padding: 'same',
        activation: 'relu',
        kernelInitializer: tf.initializers.heNormal({ seed: rng.seed() }),
      })
      .apply(x) as tf.SymbolicTensor;
    // The last block keeps its 4×4 map; global average pooling follows.
    if (b < BLOCK_COUNT) x = tf.layers.maxPooling2d({ name: `block${b}_pool`, poolSize: 2 }).apply(x) as tf.SymbolicTensor;
  });
  x = tf.layers.globalAveragePooling2d({ name: 'gap' }).apply(x) as tf.SymbolicTensor;
  const out = headLayer(numClasses, rng.seed()).apply(x) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: out, name: 'small_cnn' });
}

export function headLayer(numClasses: number, seed: number): tf.layers.Layer {
  return tf.layers.dense({
    name: 'head',
    units: numClasses,
    activation: 'softmax',
    kernelInitializer: tf.initializers.glorotUniform({ seed }),
  });
}

/** Multiply-adds of one forward pass (convolutions and dense layers), for model cards. */
export function countMultiplyAdds(model: tf.LayersModel): number {
  let total = 0;
  for (const layer of model.layers) {
    const cls = layer.getClassName();
    if (cls === 'Conv2D') {
      const out = layer.outputShape as number[];
      const [kh, kw, cin, cout] = layer.getWeights()[0].shape as number[];
      total += out[1] * out[2] * kh * kw * cin * cout;
    } else if (cls === 'Dense') {
      const [cin, cout] = layer.getWeights()[0].shape as number[];
      total += cin * cout;
    }
  }
  return total;
}
