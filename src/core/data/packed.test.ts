import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packAll } from '../../../scripts/pack-datasets';
import { DatasetStore } from './datasetRef';
import { classCounts } from './imageSet';
import { publicFolderFetch } from '../testing/nodeFetch';

describe('packed built-in datasets', () => {
  const store = new DatasetStore(publicFolderFetch);

  it('decode to the documented counts, classes and pixel ranges', async () => {
    const index = await store.loadIndex();
    expect(index.datasets.map((d) => d.id)).toEqual(['mnist', 'fashion']);
    const expected = { mnist: { train: 8000, test: 2000 }, fashion: { train: 12000, test: 3000 } } as const;
    for (const d of index.datasets) {
      expect(d.classNames).toHaveLength(10);
      for (const split of ['train', 'test'] as const) {
        const set = await store.resolve({ kind: 'packed', dataset: d.id, split });
        expect(set.labels.length).toBe(expected[d.id as keyof typeof expected][split]);
        expect(set.pixels.length).toBe(set.labels.length * 28 * 28);
        expect(classCounts(set)).toEqual(d.splits[split].perClass);
        expect(classCounts(set).every((c) => c > 100)).toBe(true);
        let max = 0;
        let nonZero = 0;
        for (const p of set.pixels) {
          if (p > max) max = p;
          if (p) nonZero++;
        }
        expect(max).toBe(255); // full range used, not floats squashed to 0/1
        expect(nonZero / set.pixels.length).toBeGreaterThan(0.1);
        expect(nonZero / set.pixels.length).toBeLessThan(0.6);
      }
    }
  });

  it('selecting classes renumbers them (digits 5–9 → 0–4)', async () => {
    const set = await store.resolve({ kind: 'packed', dataset: 'mnist', split: 'test', classes: [5, 6, 7, 8, 9] });
    expect(set.classNames).toEqual(['5', '6', '7', '8', '9']);
    expect(Math.max(...set.labels)).toBe(4);
    const index = await store.loadIndex();
    expect(set.labels.length).toBe(index.datasets[0].splits.test.perClass.slice(5).reduce((a, b) => a + b));
  });

  it('packing is deterministic: two packings are byte-identical to the committed files', () => {
    const a = mkdtempSync(join(tmpdir(), 'pack-a-'));
    const b = mkdtempSync(join(tmpdir(), 'pack-b-'));
    const ia = packAll(a);
    const ib = packAll(b);
    expect(ia).toEqual(ib);
    for (const d of ia.datasets) {
      for (const f of [d.files.pixels, d.files.labels]) {
        const bytes = readFileSync(join(a, f));
        expect(bytes.equals(readFileSync(join(b, f)))).toBe(true);
        expect(bytes.equals(readFileSync(join('public/datasets', f)))).toBe(true);
      }
    }
    expect(JSON.parse(readFileSync('public/datasets/index.json', 'utf8'))).toEqual(ia);
  });
});
