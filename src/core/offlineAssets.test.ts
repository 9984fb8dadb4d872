import { existsSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from './config/experiment';
import { DEFAULT_ASSET_PATTERNS, DEFAULT_DATASET, DEFAULT_SOURCE } from './offlineAssets';

describe('the default experiment’s offline files', () => {
  it('are the default experiment’s zoo source and packed dataset, and exist in public/, so the first visit precaches them', () => {
    const { source, target } = DEFAULT_CONFIG;
    expect(source).toEqual({ kind: 'zoo', id: DEFAULT_SOURCE });
    expect(target.kind === 'builtin' && target.ref.kind === 'packed' && target.ref.dataset).toBe(DEFAULT_DATASET);
    expect(DEFAULT_ASSET_PATTERNS).toEqual([`models/${DEFAULT_SOURCE}/*`, `datasets/${DEFAULT_DATASET}.*`]);
    expect(existsSync(`public/models/${DEFAULT_SOURCE}/model.json`)).toBe(true);
    expect(
      readdirSync('public/datasets')
        .filter((f) => f.startsWith(`${DEFAULT_DATASET}.`))
        .sort(),
    ).toEqual([`${DEFAULT_DATASET}.labels.bin`, `${DEFAULT_DATASET}.pixels.bin`]);
  });
});
