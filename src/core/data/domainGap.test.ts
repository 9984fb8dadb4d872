import { describe, expect, it } from 'vitest';
import reference from './fixtures/mmd-reference.json';
import { featureMatrix } from '../selection/features';
import { publicFolderFetch } from '../testing/nodeFetch';
import { DatasetStore } from './datasetRef';
import { domainGap, mmd2, pixelStats } from './domainGap';
import type { ImageSet } from './imageSet';

const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(1e-12, Math.abs(b));
const matrix = (rows: number[][]) => featureMatrix(rows.flat(), rows.length, rows[0]!.length);
const inverted = (set: ImageSet): ImageSet => ({ ...set, pixels: set.pixels.map((v) => 255 - v) });

describe('domain gap', () => {
  it('MMD² matches an independent NumPy implementation (scripts/domain_gap_reference.py) to 1e-9 relative', () => {
    for (const c of reference.cases) {
      const r = mmd2(matrix(c.a), matrix(c.b));
      expect(rel(r.bandwidth, c.bandwidth), c.name).toBeLessThan(1e-9);
      expect(rel(r.mmd2, c.mmd2), c.name).toBeLessThan(1e-9);
    }
    // Symmetric, and near 0 for one distribution against itself, far from 0 when shifted.
    const [same, shifted] = reference.cases;
    expect(mmd2(matrix(same!.b), matrix(same!.a)).mmd2).toBeCloseTo(same!.mmd2, 12);
    expect(Math.abs(same!.mmd2)).toBeLessThan(0.02);
    expect(shifted!.mmd2).toBeGreaterThan(0.3);
    expect(() =>
      mmd2(
        matrix([
          [1, 2],
          [3, 4],
        ]),
        matrix([[1], [2]]),
      ),
    ).toThrow('Feature widths differ: 2 and 1.');
  });

  it('pixel statistics on a hand-made set: means and spreads per channel, the border read as background', () => {
    // Two 3×3 greyscale images: a dark border around one bright centre pixel.
    const pixels = Uint8Array.from([0, 0, 0, 0, 255, 0, 0, 0, 0, 0, 0, 0, 0, 255, 0, 0, 0, 0]);
    const s = pixelStats({ width: 3, height: 3, channels: 1, pixels, labels: Uint16Array.from([0, 1]), classNames: ['a', 'b'] });
    expect(s.mean[0]).toBeCloseTo(1 / 9, 12);
    expect(s.std[0]).toBeCloseTo(Math.sqrt(1 / 9 - 1 / 81), 12);
    expect(s.border).toBe(0);
    expect(s.inside).toBe(1);
    expect(s.polarity).toBe('light-on-dark');
  });

  it('flags MNIST digits written dark on light against the Digits 0–4 source, and not digits as MNIST writes them', async () => {
    const datasets = new DatasetStore(publicFolderFetch);
    const source = pixelStats(await datasets.resolve({ kind: 'packed', dataset: 'mnist', split: 'train', classes: [0, 1, 2, 3, 4] }));
    const target = await datasets.resolve({ kind: 'packed', dataset: 'mnist', split: 'test', classes: [5, 6, 7, 8, 9] });
    expect(source.polarity).toBe('light-on-dark');
    const asWritten = domainGap(source, pixelStats(target), null);
    expect(asWritten.level).toBe('small');
    expect(asWritten.reasons).toEqual([]);
    const onPaper = domainGap(source, pixelStats(inverted(target)), null);
    expect(onPaper.target.polarity).toBe('dark-on-light');
    expect(onPaper.level).toBe('large');
    expect(onPaper.reasons).toEqual(['polarity-flipped', 'brightness-shift']);
  });
});
