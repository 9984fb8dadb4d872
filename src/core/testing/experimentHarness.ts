import * as tf from '@tensorflow/tfjs';
import { DEFAULT_CONFIG, type ExperimentConfig } from '../config/experiment';
import { DatasetStore } from '../data/datasetRef';
import { DEFAULT_SHAPES } from '../data/synthetic';
import { ModelRegistry } from '../models/registry';
import { publicFolderFetch } from './nodeFetch';
import { RunControl } from '../train/control';
import type { EngineEvent } from '../train/events';
import { prepareTarget, runExperiment, withSourceTask } from '../train/experiment';

/**
 * What the engine's unit tests share: the zoo and datasets from public/, a tiny grey-shapes
 * target, and helpers that run an experiment and collect its curves. The tests are split over
 * several files because Vitest runs files in parallel.
 */
export const registry = new ModelRegistry(publicFolderFetch);
export const datasets = new DatasetStore(publicFolderFetch);
export const SOURCE = 'shapes-shortcut';

export const config = (over: Partial<ExperimentConfig> = {}): ExperimentConfig => ({
  ...DEFAULT_CONFIG,
  source: { kind: 'zoo', id: SOURCE },
  target: {
    kind: 'builtin',
    presetId: 'test-shapes',
    ref: { kind: 'shapes', spec: { ...DEFAULT_SHAPES, color: 'grayscale' }, count: 40, seed: 5 },
    maxPerClass: 10,
  },
  training: { epochs: 2, batchSize: 8, learningRate: 0.01 },
  ...over,
});

export async function run(cfg: ExperimentConfig, opts: Parameters<typeof runExperiment>[5] = {}) {
  const events: EngineEvent[] = [];
  const data = await prepareTarget(cfg, datasets);
  await runExperiment(cfg, data, registry, (e) => events.push(e), new RunControl(), opts);
  const curves = (id: string) => events.flatMap((e) => (e.type === 'epoch' && e.runId === id ? [e.metrics] : []));
  return { events, transfer: curves('transfer'), scratch: curves('scratch') };
}

export const weights = (m: tf.LayersModel) =>
  Object.fromEntries(m.layers.filter((l) => l.weights.length).map((l) => [l.name, l.getWeights().map((w) => Array.from(w.dataSync()))]));

/** Full fine-tuning of the digits 0–4 network on clothing, the forgetting meter on. */
export const forgettingConfig = (over: Partial<ExperimentConfig['forgetting']>): ExperimentConfig =>
  config({
    source: { kind: 'zoo', id: 'digits-0-4' },
    target: { kind: 'builtin', presetId: 'fashion', ref: { kind: 'packed', dataset: 'fashion', split: 'test' }, maxPerClass: 6 },
    strategy: { kind: 'full', backboneLrMultiplier: 1 },
    training: { epochs: 3, batchSize: 12, learningRate: 0.01 },
    scratchBaseline: false,
    forgetting: { track: true, l2sp: 0, lwf: 0, temperature: 2, ...over },
  });

export async function runWithSourceTask(cfg: ExperimentConfig) {
  const events: EngineEvent[] = [];
  const data = await withSourceTask(await prepareTarget(cfg, datasets), cfg, registry, datasets);
  await runExperiment(cfg, data, registry, (e) => events.push(e), new RunControl());
  const epochs = events.flatMap((e) => (e.type === 'epoch' && e.runId === 'transfer' ? [e.metrics] : []));
  const wise = events.find((e) => e.type === 'wiseft');
  return { epochs, wise: wise?.type === 'wiseft' ? wise.points : [], data, events };
}
