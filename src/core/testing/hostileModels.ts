import * as tf from '@tensorflow/tfjs';
import { serialiseModel } from '../models/artifacts';
import type { ModelFiles } from '../models/external';

/**
 * Model files nobody on the project would make: the cases the manifest checks exist for. Shared
 * by the unit tests (core, Node) and the end-to-end hostile-model table (the built app).
 */

/** A small valid image model (32×32×3 → conv → conv → dense), as TF.js files in one shard. */
export async function smallImageModelFiles(seed = 1): Promise<ModelFiles> {
  // Fixed names: only the weights differ between seeds, as between two files both called model.json.
  const input = tf.input({ shape: [32, 32, 3], name: 'image' });
  let x = tf.layers
    .conv2d({
      name: 'conv_a',
      filters: 4,
      kernelSize: 3,
      padding: 'same',
      activation: 'relu',
      kernelInitializer: tf.initializers.heNormal({ seed: 1 }),
    })
    .apply(input) as tf.SymbolicTensor;
  x = tf.layers
    .conv2d({
      name: 'conv_b',
      filters: 8,
      kernelSize: 3,
      strides: 2,
      activation: 'relu',
      kernelInitializer: tf.initializers.heNormal({ seed: 2 }),
    })
    .apply(x) as tf.SymbolicTensor;
  x = tf.layers.globalAveragePooling2d({ name: 'pool' }).apply(x) as tf.SymbolicTensor;
  const out = tf.layers
    .dense({ units: 3, activation: 'softmax', name: 'probs', kernelInitializer: tf.initializers.glorotUniform({ seed: 3 }) })
    .apply(x) as tf.SymbolicTensor;
  const model = tf.model({ inputs: input, outputs: out, name: 'own' });
  // The initialisers' seeds are part of the topology: vary the weights after building instead.
  if (seed !== 1) for (const layer of model.layers) layer.setWeights(tf.tidy(() => layer.getWeights().map((w) => w.mul(1 + seed / 100))));
  const { modelJson, weights } = await serialiseModel(model);
  model.dispose();
  return { modelJson, weights: { 'weights.bin': weights.slice().buffer as ArrayBuffer } };
}

const layersTopology = (batchInputShape: (number | null)[]) => ({
  class_name: 'Sequential',
  config: { name: 'm', layers: [{ class_name: 'Dense', config: { name: 'd', units: 2, batch_input_shape: batchInputShape } }] },
  keras_version: 'tfjs-layers 4.22.0',
  backend: 'tensor_flow.js',
});

const json = (manifest: unknown, topology: unknown = layersTopology([null, 32, 32, 3])) =>
  JSON.stringify({ format: 'layers-model', modelTopology: topology, weightsManifest: manifest });

export interface HostileCase {
  id: string;
  files: ModelFiles;
  /** What the user must be told (a fragment of the message). */
  message: RegExp;
}

/** Every hostile model that arrives as files; each must be refused with its own message. */
export async function hostileFileCases(): Promise<HostileCase[]> {
  const nan = await smallImageModelFiles();
  const nanWeights = new Float32Array(nan.weights['weights.bin'].byteLength / 4).fill(Number.NaN);
  return [
    {
      id: 'string-bomb',
      files: {
        modelJson: json([{ paths: ['w.bin'], weights: [{ name: 'bomb', shape: [100_000_000], dtype: 'string' }] }]),
        weights: { 'w.bin': new ArrayBuffer(0) },
      },
      message: /declares 381\.5 MB of weights \(the largest, "bomb", a string of shape \[100000000\]/,
    },
    {
      id: 'float-bomb',
      files: {
        modelJson: json([{ paths: ['w.bin'], weights: [{ name: 'dense/kernel', shape: [50_000, 50_000], dtype: 'float32' }] }]),
        weights: { 'w.bin': new ArrayBuffer(16) },
      },
      message: /declares 9,536\.7 MB of weights .*Transfer Lab loads models up to 320 MB/,
    },
    {
      id: 'null-manifest',
      files: { modelJson: json([null]), weights: {} },
      message: /not a valid TF\.js model description at "weightsManifest\.0": .*object/,
    },
    {
      id: 'paths-not-array',
      files: { modelJson: json([{ paths: 'w.bin', weights: [] }]), weights: { 'w.bin': new ArrayBuffer(0) } },
      message: /at "weightsManifest\.0\.paths": .*array/,
    },
    {
      id: 'huge-input',
      files: {
        modelJson: json([{ paths: ['w.bin'], weights: [] }], layersTopology([null, 100_000, 100_000, 3])),
        weights: { 'w.bin': new ArrayBuffer(0) },
      },
      message: /declares an input of 100,000 pixels a side; Transfer Lab feeds images of at most 1024 × 1024/,
    },
    {
      id: 'nan-weights',
      files: { modelJson: nan.modelJson, weights: { 'weights.bin': nanWeights.buffer } },
      message: /Layer "conv_a" has 108 of 108 values that are not finite numbers \(NaN or ±Infinity\) in weight "conv_a\/kernel"/,
    },
  ];
}

/**
 * A Teachable-Machine-style image export: a Sequential whose first layer is a whole truncated
 * backbone (conv → … → global pooling, flat features) and whose second is the classifier
 * (Dense(100) → Dense(C) softmax), plus the metadata.json naming the classes — the layout
 * @teachablemachine/image writes (model.json, weights.bin, metadata.json).
 */
export async function teachableExport(labels: string[], side = 32): Promise<{ files: ModelFiles; metadataJson: string }> {
  const input = tf.input({ shape: [side, side, 3], name: 'input_1' });
  let x = tf.layers
    .conv2d({
      name: 'Conv1',
      filters: 8,
      kernelSize: 3,
      strides: 2,
      activation: 'relu',
      kernelInitializer: tf.initializers.heNormal({ seed: 11 }),
    })
    .apply(input) as tf.SymbolicTensor;
  x = tf.layers
    .conv2d({ name: 'out_relu', filters: 16, kernelSize: 3, activation: 'relu', kernelInitializer: tf.initializers.heNormal({ seed: 12 }) })
    .apply(x) as tf.SymbolicTensor;
  x = tf.layers.globalAveragePooling2d({ name: 'global_average_pooling2d_1' }).apply(x) as tf.SymbolicTensor;
  const truncated = tf.model({ inputs: input, outputs: x, name: 'model1' });
  const head = tf.sequential({
    name: 'sequential_3',
    layers: [
      tf.layers.dense({
        inputShape: [16],
        units: 100,
        activation: 'relu',
        name: 'dense_Dense1',
        kernelInitializer: tf.initializers.glorotUniform({ seed: 13 }),
      }),
      tf.layers.dense({
        units: labels.length,
        activation: 'softmax',
        name: 'dense_Dense2',
        kernelInitializer: tf.initializers.glorotUniform({ seed: 14 }),
      }),
    ],
  });
  const model = tf.sequential({ name: 'sequential_4', layers: [truncated, head] });
  const { modelJson, weights } = await serialiseModel(model);
  model.dispose();
  const metadataJson = JSON.stringify({
    tfjsVersion: '1.3.1',
    tmVersion: '2.4.10',
    packageVersion: '0.8.4',
    packageName: '@teachablemachine/image',
    timeStamp: '2026-11-30T10:00:00.000Z',
    userMetadata: {},
    modelName: 'tm-my-image-model',
    labels,
    imageSize: side,
  });
  return { files: { modelJson, weights: { 'weights.bin': weights.slice().buffer as ArrayBuffer } }, metadataJson };
}
