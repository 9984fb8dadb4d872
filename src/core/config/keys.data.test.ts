import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type ExperimentConfig, type Source } from './experiment';
import { dataKey, mapFollows, mapKey, sourceStatsKey } from './keys';
import { applyTrainBias } from '../data/bias';
import { DatasetStore } from '../data/datasetRef';
import { type ImageSet } from '../data/imageSet';
import { DEFAULT_SHAPES, generateShapes } from '../data/synthetic';
import { prepareTarget, type TargetData } from '../train/targetData';
import { hashBytes } from '../hash';
import { fieldsFor, pairArb, SHAPES_A, SHAPES_B, valid, type Target } from '../testing/configArbitraries';

/*
 * The keys against the data itself: prepareTarget on small synthetic targets (no files needed).
 * Normalising aims at per-source statistics, stood in for here by a value per source.
 */
const synthetic = new DatasetStore(() => Promise.reject(new Error('synthetic targets only')));
const drawn = new Map<string, Promise<ImageSet>>();
// Drawn once per target: prepareTarget only reads the set (shapes are slow to draw, not to split).
const datasets = {
  resolve: (ref: Target['ref']) =>
    drawn.get(JSON.stringify(ref)) ?? drawn.set(JSON.stringify(ref), synthetic.resolve(ref)).get(JSON.stringify(ref))!,
} as DatasetStore;
const statsOf = (s: Source) => {
  const m = (parseInt(hashBytes([new TextEncoder().encode(sourceStatsKey(s))]).slice(0, 4), 36) % 50) / 100 + 0.25;
  return { mean: [m, m, m], std: [0.2, 0.2, 0.2] };
};
const prepare = (c: ExperimentConfig) => prepareTarget(c, datasets, undefined, c.preprocess.normalise ? statsOf(c.source) : null);
const u8 = (a: Uint8Array | Uint16Array) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
const bytes = (s: ImageSet) => [s.pixels, u8(s.labels)];
/** What a feature map reads of the prepared data: training images with their true labels, and validation. */
const mapImagesOf = (d: TargetData) => hashBytes([...bytes(d.train), u8(d.trueTrainLabels), ...bytes(d.val)]);
const allImagesOf = (d: TargetData) =>
  hashBytes([...bytes(d.train), ...bytes(d.val), ...(d.blend ? bytes(d.blend) : []), ...(d.shifted ? bytes(d.shifted) : []), d.noisy]);
const SHAPES_TARGET: Target = { kind: 'builtin', presetId: 'test-shapes', ref: SHAPES_A, maxPerClass: 10 };

describe('the keys against the data they stand for', () => {
  const fields = fieldsFor([SHAPES_A, SHAPES_B]);

  it('a seed study’s next seed splits the images otherwise: the feature map must not follow the last experiment', async () => {
    // The mismatch: the map followed the latest experiment while source, target, preprocessing,
    // split fractions and bias matched — but without split.seed the split is drawn with the seed.
    const first = valid({ ...DEFAULT_CONFIG, target: SHAPES_TARGET, seed: 42 });
    const next = { ...first, seed: 43 };
    expect(mapImagesOf(await prepare(first))).not.toBe(mapImagesOf(await prepare(next)));
    expect(mapKey(next)).not.toBe(mapKey(first));
    // With a fixed split seed and no seeded bias knob, the images are the same, and the map may follow.
    const fixed = { ...first, split: { ...first.split, seed: 7 } };
    expect(mapImagesOf(await prepare(fixed))).toBe(mapImagesOf(await prepare({ ...fixed, seed: 43 })));
    expect(mapKey({ ...fixed, seed: 43 })).toBe(mapKey(fixed));
  });

  it('a map follows the latest experiment when it is one of the config’s study seeds (and uses that experiment’s own images), not another seed or set-up', () => {
    const study = valid({ ...DEFAULT_CONFIG, target: SHAPES_TARGET, seed: 42, seeds: 5 });
    // The study's last seed is what the page shows after a seeds study.
    expect(mapFollows({ ...study, seed: 46, seeds: 1 }, study)).toBe(true);
    expect(mapFollows(study, study)).toBe(true);
    expect(mapFollows({ ...study, seed: 47 }, study)).toBe(false);
    expect(mapFollows({ ...study, seed: 43 }, { ...study, seeds: 1 })).toBe(false);
    expect(mapFollows({ ...study, seed: 44, split: { ...study.split, validationFraction: 0.3 } }, study)).toBe(false);
  });

  it('configs with one map key draw the same map images; with one data key, prepare the same data', async () => {
    await fc.assert(
      fc.asyncProperty(pairArb(SHAPES_TARGET, fields), async ({ a, b }) => {
        const [da, db] = [await prepare(a), await prepare(b)];
        if (mapKey(a) === mapKey(b)) expect(mapImagesOf(db)).toBe(mapImagesOf(da));
        if (dataKey(a) === dataKey(b)) expect(allImagesOf(db)).toBe(allImagesOf(da));
      }),
      { numRuns: 300 },
    );
  });

  it('without few-shot, imbalance or label noise the bias knobs keep every image whatever the seed', () => {
    const train = generateShapes(DEFAULT_SHAPES, 40, 3).set;
    const plain = DEFAULT_CONFIG.bias;
    const of = (seed: number) => applyTrainBias(train, { ...plain, shift: { kind: 'noise', severity: 2 } }, seed);
    expect(hashBytes(bytes(of(1).set))).toBe(hashBytes(bytes(of(2).set)));
  });
});
