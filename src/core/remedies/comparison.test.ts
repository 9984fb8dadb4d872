import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_BIAS } from '../data/bias';
import { config, run } from '../testing/experimentHarness';
import { planRuns } from '../train/plan';
import type { EngineEvent, EpochMetrics } from '../train/events';
import { DEFAULT_REMEDIES, PLAIN } from './schema';

const curves = (events: EngineEvent[], id: string): EpochMetrics[] =>
  events.flatMap((e) => (e.type === 'epoch' && e.runId === id ? [e.metrics] : []));

describe('a remedy comparison (plain transfer beside each remedy, same split, seeds, batches, budget)', () => {
  const noisy = config({
    bias: { ...DEFAULT_BIAS, labelNoise: { fraction: 0.4, mode: 'symmetric' } },
    training: { epochs: 3, batchSize: 8, learningRate: 0.01 },
    remedies: { ...DEFAULT_REMEDIES, gce: 0.7, smallLoss: 0.4, compare: true },
  });

  it('plans plain transfer, one run per remedy and the scratch twin', () => {
    const plan = planRuns(noisy);
    expect(plan.map((p) => p.id)).toEqual(['transfer', 'transfer-gce', 'transfer-small-loss', 'scratch']);
    expect(plan[0].remedies).toEqual(PLAIN);
    expect(plan[1].remedies).toEqual({ ...DEFAULT_REMEDIES, gce: 0.7 });
    expect(plan[3].remedies).toEqual(PLAIN);
    // Without compare, the transfer run trains with every remedy switched on; scratch stays plain.
    const together = planRuns({ ...noisy, remedies: { ...noisy.remedies, compare: false } });
    expect(together.map((p) => p.id)).toEqual(['transfer', 'scratch']);
    expect(together[0].remedies).toMatchObject({ gce: 0.7, smallLoss: 0.4 });
  });

  it('trains every run to the end without leaking; small-loss reports what it kept; the plain run is the plain experiment', async () => {
    const before = tf.memory().numTensors;
    const { events } = await run(noisy);
    expect(tf.memory().numTensors).toBe(before);
    for (const id of ['transfer', 'transfer-gce', 'transfer-small-loss', 'scratch']) {
      const c = curves(events, id);
      expect(
        c.map((m) => m.epoch),
        id,
      ).toEqual([1, 2, 3]);
      c.forEach((m) => expect(m.balancedAccuracy).toBeGreaterThanOrEqual(0));
    }
    // The first epoch forgets nothing (the ramp starts at 0): every clean sample kept.
    const selection = curves(events, 'transfer-small-loss').map((m) => m.selection!);
    expect(selection[0].recall).toBe(1);
    expect(selection[0].precision).toBeCloseTo(0.6, 1);
    // Later epochs keep fewer: recall below 1, and (the network fits clean labels first) precision above the base rate.
    expect(selection[2].recall).toBeLessThan(1);
    expect(curves(events, 'transfer')[0].selection).toBeUndefined();
    // GCE changes the training; the plain run is exactly what the same config without remedies trains.
    expect(curves(events, 'transfer-gce').map((m) => m.trainLoss)).not.toEqual(curves(events, 'transfer').map((m) => m.trainLoss));
    const plainOnly = await run({ ...noisy, remedies: DEFAULT_REMEDIES });
    expect(curves(plainOnly.events, 'transfer').map((m) => m.valAccuracy)).toEqual(curves(events, 'transfer').map((m) => m.valAccuracy));
    const setup = events.find((e) => e.type === 'setup');
    expect(setup?.type === 'setup' && setup.runs.find((r) => r.id === 'transfer-gce')?.description.map((d) => d.code)).toContain(
      'msg.run.remedy.gce',
    );
  });

  it('logit adjustment and re-sampling on an imbalanced target: balanced accuracy reported, re-sampling draws balanced batches', async () => {
    const imbalanced = config({
      bias: { ...DEFAULT_BIAS, imbalanceRatio: 8 },
      remedies: { ...DEFAULT_REMEDIES, resample: true, logitAdjust: 1, compare: true },
    });
    const seen: Record<string, number[][]> = {};
    const before = tf.memory().numTensors;
    const { events } = await run(imbalanced, { onStep: (id, idx) => (seen[id] ??= []).push([...idx]) });
    expect(tf.memory().numTensors).toBe(before);
    expect(seen['transfer-resample']).not.toEqual(seen.transfer);
    // Logit adjustment trains exactly as plain (it is post hoc): same losses, other predictions allowed.
    expect(curves(events, 'transfer-logit-adjust').map((m) => m.trainLoss)).toEqual(curves(events, 'transfer').map((m) => m.trainLoss));
    expect(seen['transfer-logit-adjust']).toEqual(seen.transfer);
  });
});
