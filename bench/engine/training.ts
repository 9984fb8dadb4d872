/**
 * Training throughput on the default bench target: the cached linear probe, the engine against
 * plain model.fit, the top-block fine-tune and scratch, and tensor drift over a long experiment.
 */
import * as tf from '@tensorflow/tfjs';
import type { ExperimentConfig } from '../../src/core/config/experiment';
import { buildTransferModel, disposeModels } from '../../src/core/models/registry';
import { prepareTarget } from '../../src/core/train/experiment';
import { labelsOf, oneHot, toInputTensor } from '../../src/core/data/tensors';
import { base, curves, datasets, registry, steadyEpochMs, type BenchContext, type Metrics } from './common';

/** Linear probe: cached embeddings vs a forward pass through the frozen backbone per batch. */
export async function probe({ cfg, data, n }: BenchContext): Promise<Metrics> {
  const linear = { ...cfg, strategy: { kind: 'linear-probe' as const } };
  // Cached epochs are cheap: time ten of them.
  const cached = steadyEpochMs((await curves({ ...linear, training: { ...linear.training, epochs: 11 } }, data)).transfer);
  const uncached = steadyEpochMs((await curves(linear, data, { cacheEmbeddings: false })).transfer);
  return {
    probe_cached_speedup: uncached / cached,
    probe_cached_samples_per_s: (n / cached) * 1000,
    probe_uncached_samples_per_s: (n / uncached) * 1000,
  };
}

/** The median steady epoch of plain model.fit on the same model, data and batch size as the engine's full fine-tune. */
async function fitEpochMs({ cfg, data }: BenchContext): Promise<number> {
  const model = buildTransferModel(await registry.load('digits'), { numClasses: 5, seed: cfg.seed });
  model.compile({ optimizer: tf.train.adam(cfg.training.learningRate), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  const [x, y, vx, vy] = [
    toInputTensor(data.train, null),
    oneHot(labelsOf(data.train, null), 5),
    toInputTensor(data.val, null),
    oneHot(labelsOf(data.val, null), 5),
  ];
  const ends: number[] = [];
  const t0 = performance.now();
  for (let e = 0; e < cfg.training.epochs; e++) {
    await model.fit(x, y, { batchSize: cfg.training.batchSize, epochs: 1, shuffle: true, validationData: [vx, vy] });
    ends.push(performance.now() - t0);
  }
  tf.dispose([x, y, vx, vy]);
  (model.optimizer as tf.Optimizer).dispose();
  disposeModels(model);
  // The same statistic as ours: the median epoch after the first (warm-up) one.
  return steadyEpochMs(ends.map((wallMs) => ({ wallMs })));
}

/**
 * Engine overhead: our full fine-tune epoch vs model.fit on the same model, data and batch size.
 * Two rounds, interleaved (ours, fit, ours, fit), so a slow spell of the shared machine lands on
 * both sides; each side's figure is its median steady epoch, summed over the rounds.
 */
export async function engineOverhead(ctx: BenchContext): Promise<Metrics> {
  const full = { ...ctx.cfg, strategy: { kind: 'full' as const, backboneLrMultiplier: 1 } };
  let ours = 0;
  let fit = 0;
  for (let round = 0; round < 2; round++) {
    ours += steadyEpochMs((await curves(full, ctx.data)).transfer);
    fit += await fitEpochMs(ctx);
  }
  return {
    engine_overhead_ratio: ours / fit,
    full_finetune_samples_per_s: ((2 * ctx.n) / ours) * 1000,
    model_fit_samples_per_s: ((2 * ctx.n) / fit) * 1000,
  };
}

/** Fine-tune of the top block, and scratch on the same budget. */
export async function fineTuneTop({ cfg, data, n }: BenchContext): Promise<Metrics> {
  const top = await curves({ ...cfg, strategy: { kind: 'fine-tune', trainableBlocks: 1 }, scratchBaseline: true }, data);
  return {
    finetune_top1_samples_per_s: (n / steadyEpochMs(top.transfer)) * 1000,
    scratch_samples_per_s: (n / steadyEpochMs(top.scratch)) * 1000,
  };
}

/** Tensor drift over 20 epochs (transfer + scratch), after a warm-up experiment. */
export async function drift({ cfg }: BenchContext): Promise<Metrics> {
  const small = base({
    target: { ...(cfg.target as Extract<ExperimentConfig['target'], { kind: 'builtin' }>), maxPerClass: 10 },
    scratchBaseline: true,
    strategy: { kind: 'fine-tune', trainableBlocks: 2 },
  });
  const smallData = await prepareTarget(small, datasets);
  await curves({ ...small, training: { ...small.training, epochs: 1 } }, smallData);
  const before = tf.memory().numTensors;
  await curves({ ...small, training: { ...small.training, epochs: 20 } }, smallData);
  return { tensor_drift_20_epochs: tf.memory().numTensors - before };
}
