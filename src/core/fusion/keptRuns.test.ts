import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { config, datasets, registry } from '../testing/experimentHarness';
import { RunControl } from '../train/control';
import type { EngineEvent } from '../train/events';
import { prepareTarget, runExperiment } from '../train/experiment';
import { KeptRuns } from './keptRuns';
import { msg } from '../messages';

describe('runs kept for fusion', () => {
  it('a blend split carved from training: each finished run reports probabilities on validation and blend images; they are kept, listed and fused', async () => {
    const cfg = config({
      split: { validationFraction: 0.2, blendFraction: 0.25 },
      strategy: { kind: 'linear-probe' },
      scratchBaseline: true,
    });
    const data = await prepareTarget(cfg, datasets);
    const plain = await prepareTarget({ ...cfg, split: { validationFraction: 0.2, blendFraction: 0 } }, datasets);
    // The blend images come out of the training split; validation is untouched.
    expect(data.blend!.labels.length + data.train.labels.length).toBe(plain.train.labels.length);
    expect(Array.from(data.val.labels)).toEqual(Array.from(plain.val.labels));
    expect(data.blend!.labels.length).toBeGreaterThan(0);

    const kept = new KeptRuns();
    const events: EngineEvent[] = [];
    const keep = kept.recorder(1, { key: 'target-a', val: data.val, blend: data.blend });
    const before = tf.memory().numTensors;
    await runExperiment(cfg, data, registry, (e) => (events.push(e), keep(e)), new RunControl(), {
      sources: [
        { kind: 'zoo', id: 'shapes' },
        { kind: 'zoo', id: 'shapes-shortcut' },
      ],
    });
    expect(tf.memory().numTensors).toBe(before);
    const probs = events.filter((e) => e.type === 'probabilities');
    expect(probs.map((e) => e.type === 'probabilities' && e.runId)).toEqual(['transfer-1', 'transfer-2', 'scratch']);
    for (const e of probs) {
      if (e.type !== 'probabilities') continue;
      expect(e.val).toHaveLength(data.val.labels.length * e.k);
      expect(e.blend).toHaveLength(data.blend!.labels.length * e.k);
      // Rows are distributions.
      expect(e.val.slice(0, e.k).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 4);
    }
    const list = kept.list();
    expect(list.map((r) => r.key)).toEqual(['1:transfer-1', '1:transfer-2', '1:scratch']);
    // The kept accuracy is the run's own final validation accuracy.
    const finalOf = (id: string) => events.filter((e) => e.type === 'epoch' && e.runId === id).at(-1);
    for (const r of list) {
      const last = finalOf(r.info.id);
      expect(last?.type === 'epoch' && last.metrics.valAccuracy).toBeCloseTo(r.valAccuracy, 6);
    }

    const fused = kept.fuse(list.map((r) => r.key));
    expect(fused.ok).toBe(true);
    if (fused.ok) expect(fused.report.members).toHaveLength(3);
    expect(kept.fuse(['1:transfer-1'])).toEqual({ ok: false, reason: 'too-few' });
  });

  it('runs validated on other images are refused; the oldest run goes when the cap is reached; discard forgets', () => {
    const kept = new KeptRuns(2);
    const run = (key: string, imagesKey: string) => ({
      key,
      info: { id: key, name: msg('msg.detail', key), kind: 'transfer' as const, description: [] },
      imagesKey,
      k: 2,
      classNames: ['a', 'b'],
      val: Float32Array.from([0.9, 0.1, 0.2, 0.8]),
      blend: Float32Array.from([0.7, 0.3]),
      valLabels: Int32Array.from([0, 1]),
      blendLabels: Int32Array.from([0]),
    });
    kept.add(run('a', 'x'));
    kept.add(run('b', 'y'));
    expect(kept.fuse(['a', 'b'])).toEqual({ ok: false, reason: 'different-images' });
    kept.add(run('c', 'y'));
    expect(kept.list().map((r) => r.key)).toEqual(['b', 'c']);
    expect(kept.fuse(['a', 'c'])).toEqual({ ok: false, reason: 'unknown-run' });
    expect(kept.fuse(['b', 'c']).ok).toBe(true);
    kept.discard(['b']);
    expect(kept.list().map((r) => r.key)).toEqual(['c']);
  });

  it('soups: runs fine-tuned from the same source average into a working model; a transfer run and a scratch run are refused (and can be averaged anyway, as a demonstration); probes keep their head and its embeddings, and heads on one backbone average', async () => {
    const cfg = config({
      source: { kind: 'zoo', id: 'shapes' },
      split: { validationFraction: 0.2, blendFraction: 0.25 },
      strategy: { kind: 'fine-tune', trainableBlocks: 2 },
      training: { epochs: 3, batchSize: 8, learningRate: 0.003 },
    });
    const data = await prepareTarget(cfg, datasets);
    const kept = new KeptRuns();
    const images = { key: 'same', val: data.val, blend: data.blend };
    const before = tf.memory().numTensors;
    await runExperiment(cfg, data, registry, kept.recorder(1, images), new RunControl());
    await runExperiment(
      { ...cfg, training: { ...cfg.training, learningRate: 0.001 } },
      data,
      registry,
      kept.recorder(2, images),
      new RunControl(),
    );
    const probe = { ...cfg, strategy: { kind: 'linear-probe' as const }, scratchBaseline: false, training: { ...cfg.training, epochs: 5 } };
    await runExperiment(probe, data, registry, kept.recorder(3, images), new RunControl());
    await runExperiment(
      { ...probe, training: { ...probe.training, learningRate: 0.01 } },
      data,
      registry,
      kept.recorder(4, images),
      new RunControl(),
    );
    expect(kept.list().map((r) => [r.key, r.hasWeights])).toEqual([
      ['1:transfer', true],
      ['1:scratch', true],
      ['2:transfer', true],
      ['2:scratch', true],
      ['3:transfer', true],
      ['4:transfer', true],
    ]);
    const members = kept.list().filter((r) => r.hasWeights && r.info.kind === 'transfer');
    const uniform = await kept.soup(['1:transfer', '2:transfer'], 'uniform');
    expect(uniform.ok).toBe(true);
    if (uniform.ok) {
      expect(uniform.ingredients).toEqual(['1:transfer', '2:transfer']);
      // Same origin, same basin: the soup is about as good as its members, not broken.
      expect(uniform.valAccuracy).toBeGreaterThanOrEqual(Math.min(...members.map((m) => m.valAccuracy)) - 0.15);
    }
    // The uniform soup of one run is that run.
    const one = await kept.soup(['1:transfer'], 'uniform');
    expect(one.ok && one.valAccuracy).toBeCloseTo(kept.list()[0].valAccuracy, 6);
    const greedy = await kept.soup(['1:transfer', '2:transfer'], 'greedy');
    expect(greedy.ok && greedy.ingredients.length).toBeGreaterThanOrEqual(1);

    expect(await kept.soup(['1:transfer', '1:scratch'], 'uniform')).toEqual({
      ok: false,
      refusal: { reason: 'different-origin', a: '1:transfer', b: '1:scratch' },
    });
    // Two probes' heads on the same frozen backbone: one linear model averaged with another, scored on their embeddings.
    const heads = await kept.soup(['3:transfer', '4:transfer'], 'uniform');
    const probes = kept.list().filter((r) => r.key.startsWith('3:') || r.key.startsWith('4:'));
    expect(heads.ok).toBe(true);
    if (heads.ok) expect(heads.valAccuracy).toBeGreaterThanOrEqual(Math.min(...probes.map((m) => m.valAccuracy)) - 0.1);
    const oneHead = await kept.soup(['3:transfer'], 'uniform');
    expect(oneHead.ok && oneHead.valAccuracy).toBeCloseTo(probes[0].valAccuracy, 6);
    // A probe's head and a fine-tuned network are different models.
    expect(await kept.soup(['1:transfer', '3:transfer'], 'uniform')).toEqual({
      ok: false,
      refusal: { reason: 'different-architecture', a: '1:transfer', b: '3:transfer' },
    });
    const forced = await kept.soup(['1:transfer', '1:scratch'], 'uniform', true);
    expect(forced.ok && forced.forced).toBe(true);
    expect(tf.memory().numTensors).toBe(before);
  });
});
