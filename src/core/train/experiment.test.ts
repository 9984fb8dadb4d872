import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_BIAS } from '../data/bias';
import { buildTransferModel, disposeModels } from '../models/registry';
import { config, datasets, registry, run, SOURCE, weights } from '../testing/experimentHarness';
import { RunControl } from './control';
import type { EngineEvent } from './events';
import { applyStrategy, prepareTarget, runExperiment } from './experiment';
import { TrainableRun } from './run';
import { render } from '../../i18n';

describe('training strategies', () => {
  const cases = [
    { strategy: { kind: 'linear-probe' as const }, trains: ['head'] },
    { strategy: { kind: 'fine-tune' as const, trainableBlocks: 1 }, trains: ['block4_conv', 'head'] },
    { strategy: { kind: 'fine-tune' as const, trainableBlocks: 2 }, trains: ['block3_conv', 'block4_conv', 'head'] },
    {
      strategy: { kind: 'full' as const, backboneLrMultiplier: 0.1 },
      trains: ['block1_conv', 'block2_conv', 'block3_conv', 'block4_conv', 'head'],
    },
  ];
  for (const { strategy, trains } of cases) {
    it(`${strategy.kind}${'trainableBlocks' in strategy ? ` top ${strategy.trainableBlocks}` : ''} changes exactly ${trains.join(', ')}`, async () => {
      const data = await prepareTarget(config(), datasets);
      const model = buildTransferModel(await registry.load(SOURCE), { numClasses: 6, seed: 1 });
      const applied = applyStrategy(model, strategy, SOURCE);
      const before = weights(model);
      const labels = Int32Array.from(data.train.labels);
      const r = new TrainableRun(
        model,
        { train: data.train, val: data.val, trainLabels: labels, valLabels: Int32Array.from(data.val.labels), numClasses: 6 },
        0.05,
        { backboneLrMultiplier: applied.backboneLrMultiplier },
      );
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
    expect(setup).toMatchObject({
      trainCount: 32,
      valCount: 8,
      budget: { epochs: 2, steps: 8, examples: 64 },
      classNames: ['circle', 'square', 'triangle', 'star'],
    });
  });

  it('the bias knobs touch only the training split: validation images and labels stay clean', async () => {
    const clean = await prepareTarget(config(), datasets);
    const biased = await prepareTarget(
      config({
        bias: {
          ...DEFAULT_BIAS,
          samplesPerClass: 5,
          imbalanceRatio: 3,
          labelNoise: { fraction: 0.5, mode: 'symmetric' },
          shift: { kind: 'noise', severity: 2 },
        },
      }),
      datasets,
    );
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
    const { events, transfer } = await run(
      config({ strategy: { kind: 'linear-probe' }, training: { epochs: 3, batchSize: 8, learningRate: 0.05 } }),
    );
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
    expect(events.find((e) => e.type === 'status' && e.status === 'diverged')).toMatchObject({ message: { code: 'msg.run.diverged' } });
    const diverged = events.find((e) => e.type === 'status' && e.status === 'diverged');
    expect(diverged?.type === 'status' && diverged.message && render(diverged.message)).toContain('NaN or infinite');
    expect(scratch).toHaveLength(0);
    expect(transfer).toHaveLength(2);
    expect(transfer.every((m) => Number.isFinite(m.trainLoss))).toBe(true);
    expect(events[events.length - 1]).toEqual({ type: 'finished', stopped: false });
  });

  it('stop ends every run promptly', async () => {
    const events: EngineEvent[] = [];
    const control = new RunControl();
    const cfg = config({ strategy: { kind: 'full', backboneLrMultiplier: 1 }, training: { epochs: 5, batchSize: 8, learningRate: 0.01 } });
    await runExperiment(
      cfg,
      await prepareTarget(cfg, datasets),
      registry,
      (e) => {
        events.push(e);
        if (e.type === 'batch' && e.step === 1) control.stop();
      },
      control,
    );
    expect(events.filter((e) => e.type === 'epoch')).toHaveLength(0);
    expect(events[events.length - 1]).toEqual({ type: 'finished', stopped: true });
  });

  it('a plan of several sources trains one transfer run per source side by side, each named and coloured, beside one scratch baseline', async () => {
    const cfg = config({ strategy: { kind: 'fine-tune', trainableBlocks: 1 } });
    const before = tf.memory().numTensors;
    const { events } = await run(cfg, {
      sources: [
        { kind: 'zoo', id: 'shapes' },
        { kind: 'zoo', id: 'shapes-shortcut' },
        { kind: 'zoo', id: 'fashion' },
      ],
    });
    const setup = events.find((e) => e.type === 'setup');
    expect(setup?.type === 'setup' && setup.runs.map((r) => [r.id, render(r.name)])).toEqual([
      ['transfer-1', 'Transfer · shapes'],
      ['transfer-2', 'Transfer · shapes-shortcut'],
      ['transfer-3', 'Transfer · fashion'],
      ['scratch', 'From scratch'],
    ]);
    expect(setup?.type === 'setup' && new Set(setup.runs.map((r) => r.color)).size).toBe(4);
    for (const id of ['transfer-1', 'transfer-2', 'transfer-3', 'scratch']) {
      expect(events.filter((e) => e.type === 'epoch' && e.runId === id)).toHaveLength(cfg.training.epochs);
      expect(events.some((e) => e.type === 'result' && e.runId === id)).toBe(true);
    }
    // Interleaved epoch by epoch: every run's first epoch comes before any run's second.
    const order = events.flatMap((e) => (e.type === 'epoch' ? [`${e.runId}@${e.metrics.epoch}`] : []));
    expect(order.slice(0, 4).every((x) => x.endsWith('@1'))).toBe(true);
    expect(tf.memory().numTensors).toBe(before);
  });
});
