import { describe, expect, it } from 'vitest';
import { DEFAULT_AUGMENTATIONS } from '../augment/schema';
import { DEFAULT_BIAS } from '../data/bias';
import { config, datasets, run } from '../testing/experimentHarness';
import type { EpochMetrics } from './events';
import { ScratchCache } from './scratchCache';
import { scratchKey } from '../config/keys';
import { prepareTarget } from './experiment';
import { renderParts } from '../../i18n';

describe('determinism', () => {
  it('the same seed gives the same curves; another seed gives other curves', async () => {
    const strip = (ms: EpochMetrics[]) => ms.map(({ wallMs: _w, ...m }) => m);
    const cfg = config({ strategy: { kind: 'full', backboneLrMultiplier: 1 } });
    const a = await run(cfg);
    const b = await run(cfg);
    const c = await run({ ...cfg, seed: 7 });
    expect(strip(a.transfer)).toEqual(strip(b.transfer));
    expect(strip(a.scratch)).toEqual(strip(b.scratch));
    expect(strip(c.scratch)).not.toEqual(strip(a.scratch));
  }, 400_000);

  it('augmentation, bias knobs and a shifted test set: reproducible, and every run reports shifted-test accuracy', async () => {
    const strip = (ms: EpochMetrics[]) => ms.map(({ wallMs: _w, ...m }) => m);
    const augmentations = {
      ...DEFAULT_AUGMENTATIONS,
      hflip: { enabled: true, p: 0.5, strength: 1 },
      noise: { enabled: true, p: 1, strength: 0.1 },
    };
    const bias = {
      ...DEFAULT_BIAS,
      samplesPerClass: 5 as const,
      labelNoise: { fraction: 0.2, mode: 'pair' as const },
      shift: { kind: 'blur' as const, severity: 3 },
    };
    const cfg = config({
      strategy: { kind: 'fine-tune', trainableBlocks: 1 },
      training: { epochs: 1, batchSize: 8, learningRate: 0.01 },
      augmentations,
      bias,
    });
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
    const probeSetup = probe.events.find((e) => e.type === 'setup');
    expect(probeSetup?.type === 'setup' && renderParts(probeSetup.runs[0].description)).toContain('recomputed per batch');
    expect(probe.transfer).toHaveLength(1);
  }, 400_000);

  it('the scratch baseline does not depend on the source, so a ScratchCache replays it for the next source on the same target', async () => {
    const strip = (ms: EpochMetrics[]) => ms.map(({ wallMs: _w, ...m }) => m);
    const probe = { strategy: { kind: 'linear-probe' as const } };
    const shortcut = config(probe);
    const clothing = config({ ...probe, source: { kind: 'zoo', id: 'fashion' } });
    const cache = new ScratchCache();
    const first = await run(shortcut, { scratchCache: cache });
    // Trained afresh for another source, the baseline comes out the same: that is what makes reuse sound.
    const fresh = await run(clothing);
    expect(strip(fresh.scratch)).toEqual(strip(first.scratch));
    expect(strip(fresh.transfer)).not.toEqual(strip(first.transfer));

    const replayed = await run(clothing, { scratchCache: cache });
    expect(cache.hits).toBe(1);
    expect(replayed.scratch).toEqual(first.scratch);
    expect(strip(replayed.transfer)).toEqual(strip(fresh.transfer));
    const setup = replayed.events.find((e) => e.type === 'setup');
    expect(setup?.type === 'setup' && setup.runs.map((r) => r.id)).toEqual(['transfer', 'scratch']);
    expect(setup?.type === 'setup' && renderParts(setup.runs[1].description)).toContain('reused: an identical baseline');
    expect(replayed.events.filter((e) => e.type === 'result')).toHaveLength(2);
    expect(replayed.events.filter((e) => e.type === 'batch' && e.runId === 'scratch')).toHaveLength(
      first.events.filter((e) => e.type === 'batch' && e.runId === 'scratch').length,
    );

    // Anything that decides the baseline — images, seed, budget, augmentation, architecture — changes its key.
    const data = await prepareTarget(shortcut, datasets);
    const key = scratchKey(shortcut, data, 'zoo-twin', 4, 'wasm');
    expect(scratchKey(clothing, data, 'zoo-twin', 4, 'wasm')).toBe(key);
    expect(scratchKey({ ...shortcut, seed: 43 }, data, 'zoo-twin', 4, 'wasm')).not.toBe(key);
    expect(scratchKey({ ...shortcut, training: { ...shortcut.training, epochs: 3 } }, data, 'zoo-twin', 4, 'wasm')).not.toBe(key);
    expect(
      scratchKey(
        { ...shortcut, augmentations: { ...shortcut.augmentations, hflip: { enabled: true, p: 0.5, strength: 1 } } },
        data,
        'zoo-twin',
        4,
        'wasm',
      ),
    ).not.toBe(key);
    expect(scratchKey(shortcut, data, 'small-cnn', 4, 'wasm')).not.toBe(key);
    expect(scratchKey(shortcut, data, 'zoo-twin', 4, 'webgl')).not.toBe(key);
    const other = await prepareTarget({ ...shortcut, seed: 7 }, datasets);
    expect(scratchKey(shortcut, other, 'zoo-twin', 4, 'wasm')).not.toBe(key);
  }, 400_000);
});
