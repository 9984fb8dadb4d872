import { existsSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_ASSET_PATTERNS, DEFAULT_DATASET, DEFAULT_SOURCE } from './offlineAssets';

describe('the default experiment’s offline files', () => {
  it('are a zoo model and a packed dataset that exist in public/, so the first visit precaches them', () => {
    expect(DEFAULT_SOURCE).not.toBeNull();
    expect(DEFAULT_DATASET).not.toBeNull();
    expect(DEFAULT_ASSET_PATTERNS).toEqual([`models/${DEFAULT_SOURCE}/*`, `datasets/${DEFAULT_DATASET}.*`]);
    expect(existsSync(`public/models/${DEFAULT_SOURCE}/model.json`)).toBe(true);
    expect(readdirSync('public/datasets').filter((f) => f.startsWith(`${DEFAULT_DATASET}.`)).sort()).toEqual([`${DEFAULT_DATASET}.labels.bin`, `${DEFAULT_DATASET}.pixels.bin`]);
  });
});
