/**
 * What every engine section of the bench page shares: the model registry and dataset store (one
 * per page, so models load once), the bench experiment config, and the per-epoch statistic.
 */
import * as tf from '@tensorflow/tfjs';
import { DEFAULT_CONFIG, type ExperimentConfig } from '../../src/core/config/experiment';
import { DatasetStore } from '../../src/core/data/datasetRef';
import { ModelRegistry } from '../../src/core/models/registry';
import { RunControl } from '../../src/core/train/control';
import type { EngineEvent, EpochMetrics } from '../../src/core/train/events';
import { runExperiment, type TargetData } from '../../src/core/train/experiment';
import { hostedModel } from '../../src/core/models/external';
import { DEFAULT_SHAPES } from '../../src/core/data/synthetic';
import type { ImageSet } from '../../src/core/data/imageSet';
import { toInputTensor } from '../../src/core/data/tensors';
import { toRange } from '../../src/core/train/run';

/** Figures a section adds to results.json's `metrics`, by key. */
export type Metrics = Record<string, number>;

/** The default bench experiment and its prepared target, shared by the sections that train on it. */
export interface BenchContext {
  cfg: ExperimentConfig;
  data: TargetData;
  /** Training images per epoch (for samples/s). */
  n: number;
}

const fetchBytes = async (path: string) => (await fetch(new URL(path, location.origin + '/'))).arrayBuffer();
export const registry = new ModelRegistry(fetchBytes);
export const datasets = new DatasetStore(fetchBytes);

export const base = (over: Partial<ExperimentConfig>): ExperimentConfig => ({
  ...DEFAULT_CONFIG,
  source: { kind: 'zoo', id: 'digits' },
  target: {
    kind: 'builtin',
    presetId: 'bench',
    ref: { kind: 'packed', dataset: 'mnist', split: 'test', classes: [5, 6, 7, 8, 9] },
    maxPerClass: 60,
  },
  split: { validationFraction: 0.2, blendFraction: 0 },
  training: { epochs: 3, batchSize: 32, learningRate: 0.01 },
  scratchBaseline: false,
  ...over,
});

/** Runs an experiment through the engine and returns each run's per-epoch metrics; `onEvent` sees every event too. */
export async function curves(
  config: ExperimentConfig,
  data: TargetData,
  opts: Parameters<typeof runExperiment>[5] = {},
  onEvent?: (e: EngineEvent) => void,
) {
  const epochs: Record<string, EpochMetrics[]> = {};
  await runExperiment(
    config,
    data,
    registry,
    (e: EngineEvent) => {
      if (e.type === 'epoch') (epochs[e.runId] ??= []).push(e.metrics);
      onEvent?.(e);
    },
    new RunControl(),
    opts,
  );
  return epochs;
}

/**
 * Median per-epoch wall time after the first (warm-up: shader compilation) epoch. The median, as a
 * cached-probe epoch is ~0.1 s and one GC pause or timer slip would swing a mean.
 */
export const steadyEpochMs = (ms: { wallMs: number }[]) => {
  const per = ms
    .map((m, i) => m.wallMs - (i ? ms[i - 1].wallMs : 0))
    .slice(1)
    .sort((a, b) => a - b);
  const mid = per.length >> 1;
  return per.length % 2 ? per[mid] : (per[mid - 1] + per[mid]) / 2;
};

/** The backbone up to `cut`, pooled: what a MobileNet linear probe embeds with. */
export function featuresAt(model: tf.LayersModel, cut: string): tf.LayersModel {
  const pooled = tf.layers.globalAveragePooling2d({}).apply(model.getLayer(cut).output) as tf.SymbolicTensor;
  return tf.model({ inputs: model.inputs, outputs: pooled });
}

function concatPixels(a: ImageSet, b: ImageSet): Uint8Array {
  const out = new Uint8Array(a.pixels.length + b.pixels.length);
  out.set(a.pixels);
  out.set(b.pixels, a.pixels.length);
  return out;
}

/** A target's training and validation images as one set (the 200 photos the MobileNet figures embed). */
export const trainAndVal = (d: TargetData): ImageSet => ({
  ...d.train,
  pixels: concatPixels(d.train, d.val),
  labels: Uint16Array.from([...d.train.labels, ...d.val.labels]),
});

let mobilenetRegistered = false;

/** MobileNet v1 0.25 (served at its official address by bench/run.ts) registered, and a 200-image probe config on it. */
export async function registerMobileNet() {
  const hosted = hostedModel('mobilenet-v1-0.25');
  if (!mobilenetRegistered) {
    const json = await (await fetch(hosted.url)).text();
    const paths = (JSON.parse(json).weightsManifest as { paths: string[] }[]).flatMap((g) => g.paths);
    const weights = Object.fromEntries(
      await Promise.all(paths.map(async (p) => [p, await (await fetch(new URL(p, hosted.url))).arrayBuffer()] as const)),
    );
    await registry.register(hosted.id, { modelJson: json, weights }, hosted.range, hosted.defaultCut);
    mobilenetRegistered = true;
  }
  const photos = base({
    source: { kind: 'hosted', id: hosted.id },
    strategy: { kind: 'linear-probe' },
    target: {
      kind: 'builtin',
      presetId: 'bench-shapes',
      ref: { kind: 'shapes', spec: DEFAULT_SHAPES, count: 200, seed: 11 },
      maxPerClass: 50,
    },
    training: { epochs: 6, batchSize: 32, learningRate: 0.01 },
  });
  return { hosted, photos };
}

/** A hosted model's address, input range and default cut. */
export type Hosted = ReturnType<typeof hostedModel>;

/** The MobileNet features on one backend, loaded there (weights are born on the backend that runs them). */
export async function featuresOn(hosted: Hosted, backend: string) {
  await tf.setBackend(backend);
  const { model, info } = await registry.loadExternal(hosted.id);
  return { model: model as tf.LayersModel, features: featuresAt(model as tf.LayersModel, hosted.defaultCut), info };
}

/** Images `idx` of `all` as MobileNet's input. */
export const mobilenetInput = (hosted: Hosted, all: ImageSet) => (idx: number[], side: number) =>
  toRange(toInputTensor(all, idx, side), hosted.range);
