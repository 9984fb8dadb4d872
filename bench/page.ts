/**
 * Benchmarks that need the engine in one page (ratios against a baseline run in the same process).
 * Driven by bench/run.ts through Playwright against the production build.
 */
import * as tf from '@tensorflow/tfjs';
import { DEFAULT_CONFIG, type ExperimentConfig } from '../src/core/config/experiment';
import { AUGMENTATION_KINDS, DEFAULT_AUGMENTATIONS, type Augmentations } from '../src/core/augment/schema';
import { DatasetStore } from '../src/core/data/datasetRef';
import { ModelRegistry, buildTransferModel, disposeModels } from '../src/core/models/registry';
import { RunControl } from '../src/core/train/control';
import type { EngineEvent, EpochMetrics } from '../src/core/train/events';
import { prepareTarget, runExperiment, type TargetData } from '../src/core/train/experiment';
import { labelsOf, oneHot, toInputTensor } from '../src/core/data/tensors';
import { augmentBatch } from '../src/core/augment/augment';

const fetchBytes = async (path: string) => (await fetch(new URL(path, location.origin + '/'))).arrayBuffer();
const registry = new ModelRegistry(fetchBytes);
const datasets = new DatasetStore(fetchBytes);

const base = (over: Partial<ExperimentConfig>): ExperimentConfig => ({
  ...DEFAULT_CONFIG,
  source: { kind: 'zoo', id: 'digits' },
  target: { kind: 'builtin', presetId: 'bench', ref: { kind: 'packed', dataset: 'mnist', split: 'test', classes: [5, 6, 7, 8, 9] }, maxPerClass: 60 },
  split: { validationFraction: 0.2 },
  training: { epochs: 3, batchSize: 32, learningRate: 0.01 },
  scratchBaseline: false,
  ...over,
});

async function curves(config: ExperimentConfig, data: TargetData, opts: Parameters<typeof runExperiment>[5] = {}) {
  const epochs: Record<string, EpochMetrics[]> = {};
  await runExperiment(config, data, registry, (e: EngineEvent) => {
    if (e.type === 'epoch') (epochs[e.runId] ??= []).push(e.metrics);
  }, new RunControl(), opts);
  return epochs;
}

/**
 * Median per-epoch wall time after the first (warm-up: shader compilation) epoch. The median, as a
 * cached-probe epoch is ~0.1 s and one GC pause or timer slip would swing a mean.
 */
const steadyEpochMs = (ms: EpochMetrics[]) => {
  const per = ms.map((m, i) => m.wallMs - (i ? ms[i - 1].wallMs : 0)).slice(1).sort((a, b) => a - b);
  const mid = per.length >> 1;
  return per.length % 2 ? per[mid] : (per[mid - 1] + per[mid]) / 2;
};

/** `only` limits the run to some sections (for iterating on one figure); the full bench runs all. */
async function run(only?: string[]) {
  const want = (k: string) => !only || only.includes(k);
  const wantSection = async (k: string, section: () => Promise<void>) => {
    if (want(k)) await section();
  };
  await tf.setBackend('webgl');
  await tf.ready();
  const out: Record<string, number> = {};
  const cfg = base({});
  const data = await prepareTarget(cfg, datasets);
  const n = data.train.labels.length;

  // 1. Linear probe: cached embeddings vs a forward pass through the frozen backbone per batch.
  if (want('probe')) {
  const probe = { ...cfg, strategy: { kind: 'linear-probe' as const } };
  // Cached epochs are cheap: time ten of them.
    const cached = steadyEpochMs((await curves({ ...probe, training: { ...probe.training, epochs: 11 } }, data)).transfer);
  const uncached = steadyEpochMs((await curves(probe, data, { cacheEmbeddings: false })).transfer);
  out.probe_cached_speedup = uncached / cached;
  out.probe_cached_samples_per_s = (n / cached) * 1000;
  out.probe_uncached_samples_per_s = (n / uncached) * 1000;
  }
  if (only?.includes('augkinds')) {
    // Diagnostic (not in the default run): ms per 32-image batch for each augmentation alone.
    const x = toInputTensor(data.train, Array.from({ length: 32 }, (_, i) => i));
    for (const kind of [...AUGMENTATION_KINDS, 'all' as const]) {
      const aug = Object.fromEntries(AUGMENTATION_KINDS.map((k) => [k, { ...DEFAULT_AUGMENTATIONS[k], enabled: kind === 'all' || k === kind, p: 0.5 }])) as Augmentations;
      const times: number[] = [];
      for (let i = 0; i < 12; i++) {
        const t0 = performance.now();
        const y = augmentBatch(x, aug, i);
        await y.data();
        y.dispose();
        times.push(performance.now() - t0);
      }
      out[`augment_ms_${kind}`] = times.slice(2).sort((a, b) => a - b)[5];
    }
    x.dispose();
  }

  // 2. Engine overhead: our full fine-tune epoch vs model.fit on the same model, data and batch size.
  await wantSection('fit', async () => {
    const full = { ...cfg, strategy: { kind: 'full' as const, backboneLrMultiplier: 1 } };
    const ours = steadyEpochMs((await curves(full, data)).transfer);
    const model = buildTransferModel(await registry.load('digits'), { numClasses: 5, seed: cfg.seed });
    model.compile({ optimizer: tf.train.adam(cfg.training.learningRate), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
    const [x, y, vx, vy] = [toInputTensor(data.train, null), oneHot(labelsOf(data.train, null), 5), toInputTensor(data.val, null), oneHot(labelsOf(data.val, null), 5)];
    const fitTimes: number[] = [];
    for (let e = 0; e < cfg.training.epochs; e++) {
      const t0 = performance.now();
      await model.fit(x, y, { batchSize: cfg.training.batchSize, epochs: 1, shuffle: true, validationData: [vx, vy] });
      fitTimes.push(performance.now() - t0);
    }
    const fit = fitTimes.slice(1).reduce((a, b) => a + b, 0) / (fitTimes.length - 1);
    tf.dispose([x, y, vx, vy]);
    (model.optimizer as tf.Optimizer).dispose();
    disposeModels(model);
    out.engine_overhead_ratio = ours / fit;
    out.full_finetune_samples_per_s = (n / ours) * 1000;
    out.model_fit_samples_per_s = (n / fit) * 1000;
  });

  // 3. Fine-tune top block, and scratch (same budget).
  await wantSection('top', async () => {
    const top = await curves({ ...cfg, strategy: { kind: 'fine-tune', trainableBlocks: 1 }, scratchBaseline: true }, data);
    out.finetune_top1_samples_per_s = (n / steadyEpochMs(top.transfer)) * 1000;
    out.scratch_samples_per_s = (n / steadyEpochMs(top.scratch)) * 1000;
  });

  // 4. Augmentation overhead: a fine-tune epoch with every augmentation on (p = 0.5) vs all off.
  await wantSection('augment', async () => {
    const ft = { ...cfg, strategy: { kind: 'fine-tune' as const, trainableBlocks: 2 }, training: { ...cfg.training, epochs: 5 } };
    const allOn = Object.fromEntries(AUGMENTATION_KINDS.map((k) => [k, { ...DEFAULT_AUGMENTATIONS[k], enabled: true, p: 0.5 }])) as Augmentations;
    const plain = steadyEpochMs((await curves(ft, data)).transfer);
    const augmented = steadyEpochMs((await curves({ ...ft, augmentations: allOn }, data)).transfer);
    out.augment_overhead_ratio = augmented / plain;
    out.finetune_top2_augmented_samples_per_s = (n / augmented) * 1000;
  });

  // 5. Tensor drift over 20 epochs (transfer + scratch), after a warm-up experiment.
  await wantSection('drift', async () => {
    const small = base({ target: { ...(cfg.target as Extract<ExperimentConfig['target'], { kind: 'builtin' }>), maxPerClass: 10 }, scratchBaseline: true, strategy: { kind: 'fine-tune', trainableBlocks: 2 } });
    const smallData = await prepareTarget(small, datasets);
    await curves({ ...small, training: { ...small.training, epochs: 1 } }, smallData);
    const before = tf.memory().numTensors;
    await curves({ ...small, training: { ...small.training, epochs: 20 } }, smallData);
    out.tensor_drift_20_epochs = tf.memory().numTensors - before;
  });

  return { metrics: out, backend: tf.getBackend(), trainImages: n };
}

Object.assign(window, { runBench: run });
