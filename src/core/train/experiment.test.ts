import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type ExperimentConfig } from '../config/experiment';
import { DEFAULT_AUGMENTATIONS } from '../augment/schema';
import { DEFAULT_BIAS } from '../data/bias';
import { DatasetStore } from '../data/datasetRef';
import { DEFAULT_SHAPES } from '../data/synthetic';
import { ModelRegistry, buildTransferModel, disposeModels } from '../models/registry';
import { mobilenetTestFiles, publicFolderFetch } from '../testing/nodeFetch';
import { EmbeddingCache } from '../models/embeddingCache';
import { distillationLoss } from './regularizers';
import { RunControl } from './control';
import type { EngineEvent, EpochMetrics } from './events';
import { applyStrategy, prepareTarget, runExperiment, SMALL_CNN_BASELINE, WISE_FT_ALPHAS, withSourceTask } from './experiment';
import { toInputTensor } from '../data/tensors';
import { TrainableRun } from './run';

const registry = new ModelRegistry(publicFolderFetch);
const datasets = new DatasetStore(publicFolderFetch);
const SOURCE = 'shapes-shortcut';

const config = (over: Partial<ExperimentConfig> = {}): ExperimentConfig => ({
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

async function run(cfg: ExperimentConfig, opts: Parameters<typeof runExperiment>[5] = {}) {
  const events: EngineEvent[] = [];
  const data = await prepareTarget(cfg, datasets);
  await runExperiment(cfg, data, registry, (e) => events.push(e), new RunControl(), opts);
  const curves = (id: string) => events.flatMap((e) => (e.type === 'epoch' && e.runId === id ? [e.metrics] : []));
  return { events, transfer: curves('transfer'), scratch: curves('scratch') };
}

const weights = (m: tf.LayersModel) => Object.fromEntries(m.layers.filter((l) => l.weights.length).map((l) => [l.name, l.getWeights().map((w) => Array.from(w.dataSync()))]));

describe('training strategies', () => {
  const cases = [
    { strategy: { kind: 'linear-probe' as const }, trains: ['head'] },
    { strategy: { kind: 'fine-tune' as const, trainableBlocks: 1 }, trains: ['block4_conv', 'head'] },
    { strategy: { kind: 'fine-tune' as const, trainableBlocks: 2 }, trains: ['block3_conv', 'block4_conv', 'head'] },
    { strategy: { kind: 'full' as const, backboneLrMultiplier: 0.1 }, trains: ['block1_conv', 'block2_conv', 'block3_conv', 'block4_conv', 'head'] },
  ];
  for (const { strategy, trains } of cases) {
    it(`${strategy.kind}${'trainableBlocks' in strategy ? ` top ${strategy.trainableBlocks}` : ''} changes exactly ${trains.join(', ')}`, async () => {
      const data = await prepareTarget(config(), datasets);
      const model = buildTransferModel(await registry.load(SOURCE), { numClasses: 6, seed: 1 });
      const applied = applyStrategy(model, strategy, SOURCE);
      const before = weights(model);
      const labels = Int32Array.from(data.train.labels);
      const r = new TrainableRun(model, { train: data.train, val: data.val, trainLabels: labels, valLabels: Int32Array.from(data.val.labels), numClasses: 6 }, 0.05, { backboneLrMultiplier: applied.backboneLrMultiplier });
      const { loss, correct } = r.step([0, 1, 2, 3, 4, 5, 6, 7]);
      tf.dispose([loss, correct]);
      const after = weights(model);
      const changed = Object.keys(before).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
      expect(changed).toEqual(trains);
      r.dispose();
      disposeModels(model);
    });
  }
});

describe('experiment', () => {
  it('transfer and scratch see identical batches, and both produce one point per epoch', async () => {
    const seen: Record<string, string[]> = { transfer: [], scratch: [] };
    const { transfer, scratch, events } = await run(config({ strategy: { kind: 'fine-tune', trainableBlocks: 1 } }), {
      onStep: (id, idx) => seen[id].push(idx.join(',')),
    });
    expect(seen.transfer.length).toBe(8); // 4 classes × 8 train images / 8 per batch × 2 epochs
    expect(seen.scratch).toEqual(seen.transfer);
    expect(transfer.map((m) => m.epoch)).toEqual([1, 2]);
    expect(scratch.map((m) => m.epoch)).toEqual([1, 2]);
    expect(events.filter((e) => e.type === 'result')).toHaveLength(2);
    const setup = events.find((e) => e.type === 'setup');
    expect(setup).toMatchObject({ trainCount: 32, valCount: 8, budget: { epochs: 2, steps: 8, examples: 64 }, classNames: ['circle', 'square', 'triangle', 'star'] });
  });

  it('the same seed gives the same curves; another seed gives other curves', async () => {
    const strip = (ms: EpochMetrics[]) => ms.map(({ wallMs: _w, ...m }) => m);
    const cfg = config({ strategy: { kind: 'full', backboneLrMultiplier: 1 } });
    const a = await run(cfg);
    const b = await run(cfg);
    const c = await run({ ...cfg, seed: 7 });
    expect(strip(a.transfer)).toEqual(strip(b.transfer));
    expect(strip(a.scratch)).toEqual(strip(b.scratch));
    expect(strip(c.scratch)).not.toEqual(strip(a.scratch));
  });

  it('augmentation, bias knobs and a shifted test set: reproducible, and every run reports shifted-test accuracy', async () => {
    const strip = (ms: EpochMetrics[]) => ms.map(({ wallMs: _w, ...m }) => m);
    const augmentations = { ...DEFAULT_AUGMENTATIONS, hflip: { enabled: true, p: 0.5, strength: 1 }, noise: { enabled: true, p: 1, strength: 0.1 } };
    const bias = { ...DEFAULT_BIAS, samplesPerClass: 5 as const, labelNoise: { fraction: 0.2, mode: 'pair' as const }, shift: { kind: 'blur' as const, severity: 3 } };
    const cfg = config({ strategy: { kind: 'fine-tune', trainableBlocks: 1 }, training: { epochs: 1, batchSize: 8, learningRate: 0.01 }, augmentations, bias });
    const a = await run(cfg);
    const b = await run(cfg);
    const plain = await run({ ...cfg, augmentations: DEFAULT_AUGMENTATIONS });
    expect(strip(a.transfer)).toEqual(strip(b.transfer));
    expect(strip(a.scratch)).toEqual(strip(b.scratch));
    expect(strip(plain.transfer)).not.toEqual(strip(a.transfer));
    expect(a.events.find((e) => e.type === 'setup')).toMatchObject({ trainCount: 20, valCount: 8 }); // 4 classes × 5 shots
    for (const m of [...a.transfer, ...a.scratch]) {
      expect(m.shiftedAccuracy).toBeGreaterThanOrEqual(0);
      expect(m.shiftedAccuracy).toBeLessThanOrEqual(1);
    }
    // Without a shift there is no shifted-test figure.
    expect((await run({ ...cfg, bias: DEFAULT_BIAS })).transfer[0].shiftedAccuracy).toBeNull();
    // A frozen backbone with augmentation on re-embeds every batch: no one-off embedding pass.
    const probe = await run({ ...cfg, strategy: { kind: 'linear-probe' }, scratchBaseline: false });
    expect(probe.events.some((e) => e.type === 'progress' && e.phase === 'embed')).toBe(false);
    expect(probe.events.find((e) => e.type === 'setup')).toMatchObject({ runs: [{ description: expect.stringContaining('recomputed per batch') }] });
    expect(probe.transfer).toHaveLength(1);
  });

  it('the bias knobs touch only the training split: validation images and labels stay clean', async () => {
    const clean = await prepareTarget(config(), datasets);
    const biased = await prepareTarget(config({ bias: { ...DEFAULT_BIAS, samplesPerClass: 5, imbalanceRatio: 3, labelNoise: { fraction: 0.5, mode: 'symmetric' }, shift: { kind: 'noise', severity: 2 } } }), datasets);
    expect(biased.val.labels).toEqual(clean.val.labels);
    expect(biased.val.pixels).toEqual(clean.val.pixels);
    expect(biased.train.labels.length).toBeLessThan(clean.train.labels.length);
    const flipped = biased.noisy.reduce((n, f) => n + f, 0);
    expect(flipped).toBe(Math.round(0.5 * biased.train.labels.length));
    biased.noisy.forEach((f, i) => expect(biased.train.labels[i] !== biased.trueTrainLabels[i]).toBe(f === 1));
    expect(biased.shifted?.labels).toEqual(clean.val.labels);
    expect(clean.shifted).toBeNull();
  });

  it('linear probe trains on cached embeddings and reports embedding progress', async () => {
    const { events, transfer } = await run(config({ strategy: { kind: 'linear-probe' }, training: { epochs: 3, batchSize: 8, learningRate: 0.05 } }));
    const embed = events.filter((e) => e.type === 'progress' && e.phase === 'embed');
    expect(embed.length).toBeGreaterThan(0);
    expect(embed[embed.length - 1]).toMatchObject({ done: 40, total: 40 });
    expect(transfer).toHaveLength(3);
    expect(transfer[2].trainLoss).toBeLessThan(transfer[0].trainLoss);
  });

  it('a diverging run is stopped and marked while the other goes on', async () => {
    // At a learning rate no schema would allow, training the whole network from scratch blows its
    // activations up to Inf/NaN, while a linear probe (head only, on bounded embeddings) stays finite.
    const cfg = config({ strategy: { kind: 'linear-probe' }, training: { epochs: 2, batchSize: 8, learningRate: 1e6 } });
    const { events, transfer, scratch } = await run(cfg);
    const statuses = events.flatMap((e) => (e.type === 'status' ? [`${e.runId}:${e.status}`] : []));
    expect(statuses).toContain('scratch:diverged');
    expect(statuses).toContain('transfer:done');
    expect(events.find((e) => e.type === 'status' && e.status === 'diverged')).toMatchObject({ message: expect.stringContaining('NaN or infinite') });
    expect(scratch).toHaveLength(0);
    expect(transfer).toHaveLength(2);
    expect(transfer.every((m) => Number.isFinite(m.trainLoss))).toBe(true);
    expect(events[events.length - 1]).toEqual({ type: 'finished', stopped: false });
  });

  it('stop ends every run promptly', async () => {
    const events: EngineEvent[] = [];
    const control = new RunControl();
    const cfg = config({ strategy: { kind: 'full', backboneLrMultiplier: 1 }, training: { epochs: 5, batchSize: 8, learningRate: 0.01 } });
    await runExperiment(cfg, await prepareTarget(cfg, datasets), registry, (e) => {
      events.push(e);
      if (e.type === 'batch' && e.step === 1) control.stop();
    }, control);
    expect(events.filter((e) => e.type === 'epoch')).toHaveLength(0);
    expect(events[events.length - 1]).toEqual({ type: 'finished', stopped: true });
  });

  it('no tensor growth across 20 epochs (transfer + scratch)', async () => {
    const small = config();
    const cfg = config({
      target: { ...(small.target as Extract<ExperimentConfig['target'], { kind: 'builtin' }>), maxPerClass: 4 },
      strategy: { kind: 'fine-tune', trainableBlocks: 1 },
      training: { epochs: 1, batchSize: 4, learningRate: 0.01 },
    });
    await run(cfg); // warm-up: backend-wide constants are created on first use
    const before = tf.memory().numTensors;
    const { transfer } = await run({ ...cfg, training: { ...cfg.training, epochs: 20 } });
    expect(transfer).toHaveLength(20);
    expect(tf.memory().numTensors).toBe(before);
  }, 400_000);
});

describe('external sources (MobileNet v1 0.25, local test copy)', () => {
  it('probe on cached embeddings; the scratch baseline is the small CNN; a rerun embeds nothing; no leaks', async () => {
    const reg = new ModelRegistry(publicFolderFetch);
    await reg.register('mobilenet-v1-0.25', mobilenetTestFiles(), 'symmetric', 'conv_pw_13_relu');
    const cfg = config({
      source: { kind: 'hosted', id: 'mobilenet-v1-0.25' },
      strategy: { kind: 'linear-probe' },
      target: { kind: 'builtin', presetId: 't', ref: { kind: 'shapes', spec: { ...DEFAULT_SHAPES, shapes: ['circle', 'square', 'triangle'] }, count: 30, seed: 2 }, maxPerClass: 6 },
    });
    const cache = new EmbeddingCache();
    const before = tf.memory().numTensors;
    const go = async () => {
      const events: EngineEvent[] = [];
      await runExperiment(cfg, await prepareTarget(cfg, datasets), reg, (e) => events.push(e), new RunControl(), { embeddingCache: cache });
      return events;
    };
    const events = await go();
    const setup = events.find((e) => e.type === 'setup');
    expect(setup && setup.type === 'setup' && setup.runs.map((r) => r.description)).toEqual([
      'Linear probe on mobilenet-v1-0.25 (cut at conv_pw_13_relu): backbone frozen, head trained',
      SMALL_CNN_BASELINE,
    ]);
    expect(events.filter((e) => e.type === 'epoch')).toHaveLength(4);
    expect(events.some((e) => e.type === 'error')).toBe(false);
    expect(cache.computed).toBe(18);
    expect(cache.bytes).toBe(18 * 256 * 4);
    await go();
    expect(cache.computed).toBe(18); // the second experiment embedded nothing
    expect(tf.memory().numTensors).toBe(before);
  }, 120_000);

  it('an external source that was never loaded fails with a clear message', async () => {
    const cfg = config({ source: { kind: 'custom', name: 'mine' }, strategy: { kind: 'linear-probe' } });
    const events: EngineEvent[] = [];
    await expect(runExperiment(cfg, await prepareTarget(cfg, datasets), new ModelRegistry(publicFolderFetch), (e) => events.push(e), new RunControl())).rejects.toThrow(
      'This source model is not loaded yet: load it in the source panel first.',
    );
  });
});

describe('forgetting meter, L2-SP, LwF and WiSE-FT', () => {
  const forgetting = (over: Partial<ExperimentConfig['forgetting']>): ExperimentConfig =>
    config({
      source: { kind: 'zoo', id: 'digits-0-4' },
      target: { kind: 'builtin', presetId: 'fashion', ref: { kind: 'packed', dataset: 'fashion', split: 'test' }, maxPerClass: 6 },
      strategy: { kind: 'full', backboneLrMultiplier: 1 },
      training: { epochs: 3, batchSize: 12, learningRate: 0.01 },
      scratchBaseline: false,
      forgetting: { track: true, l2sp: 0, lwf: 0, temperature: 2, ...over },
    });
  const go = async (cfg: ExperimentConfig) => {
    const events: EngineEvent[] = [];
    const data = await withSourceTask(await prepareTarget(cfg, datasets), cfg, registry, datasets);
    await runExperiment(cfg, data, registry, (e) => events.push(e), new RunControl());
    const epochs = events.flatMap((e) => (e.type === 'epoch' && e.runId === 'transfer' ? [e.metrics] : []));
    const wise = events.find((e) => e.type === 'wiseft');
    return { epochs, wise: wise?.type === 'wiseft' ? wise.points : [], data, events };
  };

  it('tracks source accuracy every epoch; WiSE-FT runs from the pretrained (α = 0) to the fine-tuned model (α = 1)', async () => {
    const before = tf.memory().numTensors;
    const plain = await go(forgetting({}));
    expect(plain.data.sourceEval!.labels.length).toBe(200);
    expect(plain.epochs.map((m) => m.sourceAccuracy).every((a) => typeof a === 'number')).toBe(true);
    // α = 0 is the untouched source model: its accuracy on the held-out source images.
    const fresh = await registry.load('digits-0-4');
    const hits = tf.tidy(() => {
      const pred = (fresh.predict(toInputTensor(plain.data.sourceEval!, null)) as tf.Tensor).argMax(-1);
      return tf.equal(pred, tf.tensor1d(Int32Array.from(plain.data.sourceEval!.labels), 'int32')).sum();
    });
    const expected = (await hits.data())[0] / 200;
    hits.dispose();
    disposeModels(fresh);
    expect(expected).toBeGreaterThan(0.9);
    expect(plain.wise.map((p) => p.alpha)).toEqual(WISE_FT_ALPHAS);
    expect(plain.wise[0].sourceAccuracy).toBeCloseTo(expected, 10);
    const last = plain.epochs[plain.epochs.length - 1];
    expect(plain.wise[10].sourceAccuracy).toBeCloseTo(last.sourceAccuracy!, 10);
    expect(plain.wise[10].targetAccuracy).toBeCloseTo(last.valAccuracy, 10);
    // Full fine-tuning at a high learning rate on clothing forgets digits.
    expect(last.sourceAccuracy!).toBeLessThan(expected - 0.3);
    expect(tf.memory().numTensors).toBe(before);
  }, 120_000);

  it('L2-SP holds the source task at a high learning rate, and the run description says so', async () => {
    const plain = (await go(forgetting({}))).epochs.at(-1)!.sourceAccuracy!;
    const l2sp = await go(forgetting({ l2sp: 50 }));
    const setup = l2sp.events.find((e) => e.type === 'setup');
    expect(setup?.type === 'setup' && setup.runs[0].description).toMatch(/; L2-SP α = 50$/);
    expect(l2sp.epochs.at(-1)!.sourceAccuracy!).toBeGreaterThan(plain + 0.3);
  }, 240_000);

  it('LwF keeps the old head’s answers on the training images closer to the originals than plain fine-tuning', async () => {
    const data = await prepareTarget(forgetting({}), datasets);
    const labels = Int32Array.from(data.train.labels);
    const drift = async (lwf: number) => {
      const source = await registry.load('digits-0-4');
      const model = buildTransferModel(source, { numClasses: 10, seed: 1, keepSource: true });
      const before = source.predict(toInputTensor(data.train, null)) as tf.Tensor2D;
      const task = { model: source, images: data.train, labels, l2sp: 0, lwf, temperature: 2 };
      const run = new TrainableRun(model, { train: data.train, val: data.val, trainLabels: labels, valLabels: Int32Array.from(data.val.labels), numClasses: 10 }, 0.003, { source: task });
      const all = Array.from({ length: labels.length }, (_, i) => i);
      for (let step = 0; step < 16; step++) tf.dispose(Object.values(run.step(all.filter((i) => i % 4 === step % 4), step)));
      const after = source.predict(toInputTensor(data.train, null)) as tf.Tensor2D;
      const kl = distillationLoss(before, after, 1);
      const value = (await kl.data())[0];
      tf.dispose([before, after, kl]);
      run.dispose();
      disposeModels(model, source);
      return value;
    };
    const plain = await drift(0);
    const lwf = await drift(2);
    expect(plain).toBeGreaterThan(0);
    expect(lwf).toBeLessThan(plain / 2);
  }, 120_000);
});
