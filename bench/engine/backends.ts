/**
 * The backend per job (issue 18): how long calibration takes, and MobileNet embedding on the
 * calibrated backend against WebGL. Then the lab's pipeline against a Teachable-Machine-style one
 * (bench/engine/teachable.ts) on the same photos and backends.
 */
import * as tf from '@tensorflow/tfjs';
import { getThreadsCount } from '@tensorflow/tfjs-backend-wasm';
import { startWasm } from '../../src/workers/engine/jobBackends'; // registers wasm (paths, the training kernel) as the worker does
import { calibrate, choose } from '../../src/core/backends/calibrate';
import { disposeModels } from '../../src/core/models/registry';
import { prepareTarget } from '../../src/core/train/experiment';
import type { ImageSet } from '../../src/core/data/imageSet';
import { datasets, featuresOn, mobilenetInput, registerMobileNet, trainAndVal, type Hosted, type Metrics } from './common';
import { labProbe, tmStyleEmbed, tmStyleHead } from './teachable';

/** Images embedded per second in batches of 8 (the engine's own batching), after a warm-up batch; plus the first 8 embeddings. */
async function batchedRate(hosted: Hosted, all: ImageSet, backend: string) {
  const count = all.labels.length;
  const input = mobilenetInput(hosted, all);
  const { model, features, info } = await featuresOn(hosted, backend);
  const batch = (from: number) => Array.from({ length: Math.min(8, count - from) }, (_, j) => from + j);
  const first = tf.tidy(() => features.predict(input(batch(0), info.side)) as tf.Tensor);
  const firstValues = await first.data();
  first.dispose();
  const start = performance.now();
  for (let i = 0; i < count; i += 8) {
    const y = tf.tidy(() => features.predict(input(batch(i), info.side)) as tf.Tensor);
    await y.data();
    y.dispose();
  }
  const rate = (count / (performance.now() - start)) * 1000;
  disposeModels(features, model);
  return { rate, firstValues };
}

/** Starts wasm with the engine's thread count and calibrates both backends, timed together. */
async function calibrated() {
  const t0 = performance.now();
  await startWasm(); // with the engine's thread count
  const wasm_threads = getThreadsCount();
  await tf.setBackend('webgl');
  const calibration = await calibrate(['webgl', 'wasm'], 'bench');
  const calibration_ms = performance.now() - t0;
  return { wasm_threads, calibration_ms, picked: choose(calibration, 'webgl') };
}

export async function backends(): Promise<Metrics> {
  const { hosted, photos } = await registerMobileNet();
  const photoData = await prepareTarget(photos, datasets);
  const all = trainAndVal(photoData);
  const { wasm_threads, calibration_ms, picked } = await calibrated();
  const webgl = await batchedRate(hosted, all, 'webgl');
  const auto = picked.inference.large === 'webgl' ? webgl : await batchedRate(hosted, all, picked.inference.large);
  const tm = await tmStyleEmbed(hosted, all);
  const head = await tmStyleHead(tm.rows, photoData);
  const lab = await labProbe(photos, photoData, picked);
  return {
    wasm_threads,
    calibration_ms,
    embed_backend_speedup: auto.rate / webgl.rate,
    embed_backend_images_per_s: auto.rate,
    embed_backend_max_abs_diff: Math.max(...Array.from(auto.firstValues, (v, i) => Math.abs(v - webgl.firstValues[i]))),
    tm_style_embed_images_per_s: tm.rate,
    tm_style_embed_ratio: auto.rate / tm.rate,
    tm_style_val_accuracy: head.valAccuracy,
    lab_probe_epoch_ms: lab.epochMs,
    lab_probe_val_accuracy: lab.valAccuracy,
    tm_style_probe_epoch_ratio: head.epochMs / lab.epochMs,
  };
}
