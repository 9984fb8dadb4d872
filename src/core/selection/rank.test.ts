import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { config, datasets, registry } from '../testing/experimentHarness';
import { prepareTarget } from '../train/experiment';
import { scoreSource, SCORE_NAMES, type SourceScores } from './rank';

describe('ranking the zoo on a target', () => {
  it('every zoo source gets every score from its frozen features, timed; the outline-trained shapes source outranks the colour-shortcut one on grey shapes; nothing leaks', async () => {
    const base = config();
    const cfg = config({ target: base.target.kind === 'builtin' ? { ...base.target, maxPerClass: 20 } : base.target });
    const { train } = await prepareTarget(cfg, datasets);
    const before = tf.memory().numTensors;
    const ids = (await registry.listModels()).models.map((m) => m.id);
    expect(ids).toHaveLength(5);
    const rows: SourceScores[] = [];
    for (const id of ids) rows.push(await scoreSource({ kind: 'zoo', id }, registry, train));
    expect(tf.memory().numTensors).toBe(before);
    for (const r of rows) {
      expect(r.images).toBe(train.labels.length);
      expect(r.dims).toBe(64);
      for (const s of SCORE_NAMES) {
        expect(Number.isFinite(r.scores[s]), `${JSON.stringify(r.source)} ${s}`).toBe(true);
        expect(r.ms[s]).toBeGreaterThanOrEqual(0);
      }
      expect(r.scores.leep!).toBeLessThanOrEqual(0);
      expect(r.scores.knn!).toBeGreaterThanOrEqual(0);
      expect(r.scores.knn!).toBeLessThanOrEqual(1);
    }
    const of = (id: string) => rows.find((r) => r.source.kind === 'zoo' && r.source.id === id)!;
    // Grey shapes: the shapes source (trained on outlines) separates them; the colour-shortcut one does not.
    expect(of('shapes').scores.knn!).toBeGreaterThan(of('shapes-shortcut').scores.knn!);
    expect(of('shapes').scores.logme!).toBeGreaterThan(of('shapes-shortcut').scores.logme!);
  });
});
