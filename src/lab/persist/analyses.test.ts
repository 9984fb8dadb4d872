import { describe, expect, it } from 'vitest';
import { fuse, type Member } from '../../core/fusion/ensemble';
import { Rng } from '../../core/random';
import { readFusion, readSelection, type FusionSnapshot, type SelectionSnapshot } from './analyses';

const rng = new Rng(11);
const probs = (n: number) => ({ n, k: 3, values: Float32Array.from({ length: n * 3 }, () => rng.next()) });
const members: Member[] = ['1:transfer', '1:transfer-2', '1:scratch'].map((id) => ({ id, blend: probs(12), val: probs(15) }));
const report = fuse(members, { blend: Array.from({ length: 12 }, (_, i) => i % 3), val: Array.from({ length: 15 }, (_, i) => i % 3) });

const fusion: FusionSnapshot = {
  report,
  reportFor: members.map((m) => m.id),
  labels: { '1:transfer': { name: 'Transfer', experiment: '1', color: '#2563eb' } },
  classNames: ['a', 'b', 'c'],
  study: [{ seed: 42, keys: members.map((m) => m.id), report }],
};

const selection: SelectionSnapshot = {
  scoredFor: '[]',
  rows: [
    {
      ok: true,
      row: {
        source: { kind: 'zoo', id: 'shapes' },
        dims: 64,
        images: 40,
        scores: { logme: -0.71, leep: -1.2, hscore: 3.4, knn: 0.85 },
        unavailable: {},
        ms: { features: 900, logme: 3, leep: 0.2, hscore: 6, knn: 4 },
      },
    },
    {
      ok: true,
      row: {
        source: { kind: 'hosted', id: 'mobilenet-v2-1.00' },
        dims: 1280,
        images: 40,
        scores: { logme: -0.5, leep: null, hscore: 2, knn: 0.9 },
        unavailable: { leep: 'no-head' },
        ms: { features: 5000 },
      },
    },
    { ok: false, source: { kind: 'custom', name: 'mine' }, error: 'The model could not be loaded.' },
  ],
  actual: { 'zoo:shapes': [0.9, 0.85] },
  checked: true,
};

describe('stored selection tables and fusion results', () => {
  it('read back exactly what was stored (structured clone, as IndexedDB does)', () => {
    expect(readFusion(structuredClone(fusion))).toEqual(fusion);
    expect(readSelection(structuredClone(selection))).toEqual(selection);
  });

  it('records of older versions (nothing stored) read as none', () => {
    expect(readFusion(undefined)).toBeNull();
    expect(readSelection(undefined)).toBeNull();
  });

  it('tampered records are refused whole, not half-used', () => {
    const hostileName = structuredClone(fusion);
    hostileName.labels['1:transfer']!.name = '<img src=x onerror=alert(1)>';
    expect(readFusion(hostileName)).toBeNull();
    const extraKey = { ...structuredClone(fusion), html: '<b>' };
    expect(readFusion(extraKey)).toBeNull();
    const badAccuracy = structuredClone(fusion);
    badAccuracy.report!.members[0]!.accuracy = 7;
    expect(readFusion(badAccuracy)).toBeNull();
    const plainPredictions = structuredClone(fusion) as unknown as { report: { methods: { stacking: { predictions: unknown } } } };
    plainPredictions.report.methods.stacking.predictions = [0, 1, 2];
    expect(readFusion(plainPredictions)).toBeNull();

    const tooMany = { ...selection, rows: Array.from({ length: 25 }, () => selection.rows[0]) };
    expect(readSelection(tooMany)).toBeNull();
    const badSource = structuredClone(selection) as unknown as { rows: { source: unknown }[] };
    badSource.rows[2]!.source = { kind: 'custom', name: 'x', url: 'javascript:alert(1)' };
    expect(readSelection(badSource)).toBeNull();
    const badError = structuredClone(selection) as unknown as { rows: { error: string }[] };
    badError.rows[2]!.error = 'x'.repeat(5000);
    expect(readSelection(badError)).toBeNull();
  });
});
