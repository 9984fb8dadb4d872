/**
 * The lab's pipeline against a Teachable-Machine-style one on the same 200 photos: TM embeds one
 * image per predict on the page's WebGL, each read back, and trains a Dense(100) → Dense(C) head
 * with model.fit; the lab's probe runs in its engine on the calibrated backends.
 */
import * as tf from '@tensorflow/tfjs';
import type { ExperimentConfig } from '../../src/core/config/experiment';
import type { choose } from '../../src/core/backends/calibrate';
import { disposeModels } from '../../src/core/models/registry';
import type { TargetData } from '../../src/core/train/experiment';
import type { ImageSet } from '../../src/core/data/imageSet';
import { curves, featuresOn, mobilenetInput, steadyEpochMs, type Hosted } from './common';

/** One image per predict on the page's WebGL, each read back: images per second, and the embeddings. */
export async function tmStyleEmbed(hosted: Hosted, all: ImageSet) {
  const count = all.labels.length;
  const input = mobilenetInput(hosted, all);
  await tf.setBackend('webgl');
  const tm = await featuresOn(hosted, 'webgl');
  const one = tf.tidy(() => tm.features.predict(input([0], tm.info.side)) as tf.Tensor);
  await one.data();
  one.dispose();
  const start = performance.now();
  const rows: Float32Array[] = [];
  for (let i = 0; i < count; i++) {
    const y = tf.tidy(() => tm.features.predict(input([i], tm.info.side)) as tf.Tensor);
    rows.push((await y.data()) as Float32Array);
    y.dispose();
  }
  const rate = (count / (performance.now() - start)) * 1000;
  disposeModels(tm.features, tm.model);
  return { rate, rows };
}

/** TM's head on those embeddings (train rows first, then validation), with its defaults: Adam 0.001, batch 16, 50 epochs. */
export async function tmStyleHead(embeddings: Float32Array[], photoData: TargetData) {
  const k = photoData.train.classNames.length;
  const nTrain = photoData.train.labels.length;
  const dims = embeddings[0].length;
  const rows = (from: number, to: number) =>
    tf.tensor2d(Float32Array.from(embeddings.slice(from, to).flatMap((r) => Array.from(r))), [to - from, dims]);
  const [xTrain, xVal] = [rows(0, nTrain), rows(nTrain, embeddings.length)];
  const [yTrain, yVal] = [tf.oneHot(Array.from(photoData.train.labels), k), tf.oneHot(Array.from(photoData.val.labels), k)];
  const head = tf.sequential({
    layers: [tf.layers.dense({ inputShape: [dims], units: 100, activation: 'relu' }), tf.layers.dense({ units: k, activation: 'softmax' })],
  });
  head.compile({ optimizer: tf.train.adam(0.001), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  const ends: number[] = [];
  const fitStart = performance.now();
  const history = await head.fit(xTrain, yTrain, {
    epochs: 50,
    batchSize: 16,
    shuffle: true,
    validationData: [xVal, yVal],
    callbacks: { onEpochEnd: async () => void ends.push(performance.now() - fitStart) },
  });
  const epochMs = steadyEpochMs(ends.map((wallMs) => ({ wallMs })));
  const valAccuracy = (history.history.val_acc ?? history.history.val_accuracy).at(-1) as number;
  tf.dispose([xTrain, xVal, yTrain, yVal]);
  head.dispose();
  return { epochMs, valAccuracy };
}

/** The lab's probe on the same photos, in its engine on the chosen backends; leaves the page on WebGL. */
export async function labProbe(photos: ExperimentConfig, photoData: TargetData, picked: ReturnType<typeof choose>) {
  await tf.setBackend(picked.training[0] === 'wasm' || picked.inference.large === 'wasm' ? 'wasm' : 'webgl');
  const lab = (await curves(photos, photoData, { backends: picked })).transfer;
  await tf.setBackend('webgl');
  return { epochMs: steadyEpochMs(lab), valAccuracy: lab.at(-1)!.valAccuracy };
}
