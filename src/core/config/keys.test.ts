import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, parseConfig, SEED_LIMIT, type ExperimentConfig } from './experiment';
import {
  backboneKey,
  dataKey,
  embeddingKey,
  experimentFingerprint,
  externalKey,
  fusionImagesKey,
  mapDrawKey,
  mapKey,
  scratchKey,
  sourceStatsKey,
  studySeeds,
  trainValKey,
} from './keys';
import { subset } from '../data/imageSet';
import { DEFAULT_SHAPES, generateShapes } from '../data/synthetic';
import { DIGITS, fieldsFor, pairArb, SHAPES_A, SHAPES_B, valid } from '../testing/configArbitraries';

/*
 * Each key against the fields of a config, one field changed at a time on random valid configs
 * (the schema's defaults, with random fields changed): the key changes exactly when the field is
 * one its cached thing depends on. The keys against the code that builds the data (configs with
 * one data key prepare the same images, configs with one map key the same map images) are in
 * keys.data.test.ts.
 */

// What each cached thing reads, restated from the code that builds it (core/train/targetData.ts, core/data/bias.ts).
const splitSeed = (c: ExperimentConfig) => c.split.seed ?? c.seed;
const seededBias = (c: ExperimentConfig) => c.bias.samplesPerClass !== 'all' || c.bias.imbalanceRatio > 1 || c.bias.labelNoise.fraction > 0;
type Deps = (field: string, a: ExperimentConfig, b: ExperimentConfig) => boolean;
const trainValDeps: Deps = (f, a, b) => {
  if (
    [
      'target.ref',
      'target.maxPerClass',
      'split.validationFraction',
      'split.blendFraction',
      'preprocess.invert',
      'preprocess.normalise',
      'bias.samplesPerClass',
      'bias.imbalanceRatio',
      'bias.labelNoise.fraction',
    ].includes(f)
  )
    return true;
  if (f === 'bias.labelNoise.mode') return a.bias.labelNoise.fraction > 0;
  if (f === 'seed') return a.split.seed === undefined || seededBias(a);
  if (f === 'split.seed') return splitSeed(a) !== splitSeed(b);
  if (f === 'source') return a.preprocess.normalise;
  return false;
};
const dataDeps: Deps = (f, a, b) =>
  f === 'bias.shift.kind' ? true : f === 'bias.shift.severity' ? a.bias.shift.kind !== 'none' : trainValDeps(f, a, b);
const mapDeps: Deps = (f, a, b) => f === 'source' || trainValDeps(f, a, b);

const IMAGES = generateShapes(SHAPES_A.kind === 'shapes' ? SHAPES_A.spec : DEFAULT_SHAPES, 12, 1).set;
const SCRATCH_DATA = { train: subset(IMAGES, [0, 1, 2, 3, 4, 5]), val: subset(IMAGES, [6, 7, 8]), shifted: null };
const RUNS = [
  ['transfer', 'done'],
  ['scratch', 'done'],
] as const;

const KEYS: { name: string; key: (c: ExperimentConfig) => string; deps: Deps }[] = [
  { name: 'dataKey', key: dataKey, deps: dataDeps },
  { name: 'trainValKey', key: trainValKey, deps: trainValDeps },
  { name: 'mapKey', key: mapKey, deps: mapDeps },
  { name: 'mapDrawKey', key: (c) => mapDrawKey(c, RUNS), deps: (f, a, b) => f === 'seed' || mapDeps(f, a, b) },
  {
    name: 'scratchKey',
    key: (c) => scratchKey(c, SCRATCH_DATA, 'zoo-twin', 4, 'wasm'),
    deps: (f) => ['seed', 'training.epochs', 'training.batchSize', 'training.learningRate', 'augmentations'].includes(f),
  },
  { name: 'sourceStatsKey', key: (c) => sourceStatsKey(c.source), deps: (f) => f === 'source' },
  { name: 'studySeeds', key: (c) => JSON.stringify(studySeeds(c)), deps: (f) => f === 'seed' || f === 'seeds' },
  // A class board's experiment: every field but the seed each student picks.
  { name: 'experimentFingerprint', key: experimentFingerprint, deps: (f) => f !== 'seed' },
];

describe('keys change exactly when what they depend on changes', () => {
  const fields = fieldsFor([DIGITS, SHAPES_A, SHAPES_B]);
  for (const { name, key, deps } of KEYS) {
    it(name, () => {
      fc.assert(
        fc.property(pairArb(DEFAULT_CONFIG.target, fields), ({ a, b, change }) => {
          expect({ field: change.field, changed: key(a) !== key(b) }).toEqual({ field: change.field, changed: deps(change.field, a, b) });
        }),
        { numRuns: 400 },
      );
    });
  }

  it('a config keys alike however its fields are ordered (built by hand, or parsed), at every depth', () => {
    const reversed = (v: unknown): unknown =>
      Array.isArray(v)
        ? v.map(reversed)
        : v !== null && typeof v === 'object'
          ? Object.fromEntries(
              Object.entries(v)
                .reverse()
                .map(([k, x]) => [k, reversed(x)]),
            )
          : v;
    const shallow = Object.fromEntries(Object.entries(DEFAULT_CONFIG).reverse()) as ExperimentConfig;
    const deep = reversed(DEFAULT_CONFIG) as ExperimentConfig;
    for (const { key } of KEYS) {
      expect(key(shallow)).toBe(key(valid(DEFAULT_CONFIG)));
      expect(key(deep)).toBe(key(valid(DEFAULT_CONFIG)));
    }
  });

  it('study seeds: seed, seed + 1, …', () => {
    expect(studySeeds({ seed: 42, seeds: 3 })).toEqual([42, 43, 44]);
    expect(studySeeds({ seed: 7, seeds: 2 })).toEqual([7, 8]);
    expect(studySeeds(DEFAULT_CONFIG)).toEqual([DEFAULT_CONFIG.seed]);
  });
});

describe('study seeds', () => {
  it('are the seed and the ones after it, wrapped into the seed range: a study from the largest seed stays valid', () => {
    expect(studySeeds({ seed: 42, seeds: 3 })).toEqual([42, 43, 44]);
    const top = SEED_LIMIT - 1;
    const seeds = studySeeds({ seed: top - 1, seeds: 4 });
    expect(seeds).toEqual([top - 1, top, 0, 1]);
    for (const seed of seeds) expect(parseConfig({ ...DEFAULT_CONFIG, seed }).ok).toBe(true);
  });
});

describe('keys of what is not in the config', () => {
  it('embedding rows: by backbone (model, weights, part, range) and backend', () => {
    const zoo = backboneKey({ kind: 'zoo', id: 'shapes' });
    const hosted = (part: string | null, weightsHash = 'h1', range = '-1,1') =>
      backboneKey({ kind: 'hosted', id: 'mobilenet-v2-1.00' }, { weightsHash, range, part });
    const all = [zoo, hosted(null), hosted('block_5_add'), hosted('block_6_add'), hosted(null, 'h2'), hosted(null, 'h1', '0,1')];
    expect(new Set(all).size).toBe(all.length);
    expect(zoo).toBe('zoo:shapes');
    expect(externalKey({ kind: 'hosted', id: 'mobilenet-v2-1.00' })).toBe('mobilenet-v2-1.00');
    expect(externalKey({ kind: 'custom', url: 'https://example.org/model.json', name: 'model.json', cut: 'conv' })).toBe('custom');
    expect(embeddingKey(zoo, 'wasm')).not.toBe(embeddingKey(zoo, 'webgl'));
  });

  it('scratch baselines: by architecture, classes, backend and images, besides the config', () => {
    const key = scratchKey(DEFAULT_CONFIG, SCRATCH_DATA, 'zoo-twin', 4, 'wasm');
    const others = [
      scratchKey(DEFAULT_CONFIG, SCRATCH_DATA, 'small-cnn', 4, 'wasm'),
      scratchKey(DEFAULT_CONFIG, SCRATCH_DATA, 'zoo-twin', 5, 'wasm'),
      scratchKey(DEFAULT_CONFIG, SCRATCH_DATA, 'zoo-twin', 4, 'webgl'),
      scratchKey(DEFAULT_CONFIG, { ...SCRATCH_DATA, train: subset(IMAGES, [0, 1, 2, 3, 4, 9]) }, 'zoo-twin', 4, 'wasm'),
      scratchKey(DEFAULT_CONFIG, { ...SCRATCH_DATA, val: subset(IMAGES, [6, 7, 9]) }, 'zoo-twin', 4, 'wasm'),
      scratchKey(DEFAULT_CONFIG, { ...SCRATCH_DATA, shifted: subset(IMAGES, [10, 11]) }, 'zoo-twin', 4, 'wasm'),
    ];
    expect(new Set([key, ...others]).size).toBe(1 + others.length);
    expect(scratchKey(DEFAULT_CONFIG, { ...SCRATCH_DATA }, 'zoo-twin', 4, 'wasm')).toBe(key);
  });

  it('fused runs: by validation and blend images and labels, not by training images', () => {
    const val = subset(IMAGES, [0, 1, 2]);
    const key = fusionImagesKey(val, null);
    expect(fusionImagesKey(subset(IMAGES, [0, 1, 2]), null)).toBe(key);
    expect(fusionImagesKey(subset(IMAGES, [0, 1, 3]), null)).not.toBe(key);
    expect(fusionImagesKey({ ...val, labels: Uint16Array.from(val.labels, (l) => (l + 1) % 4) }, null)).not.toBe(key);
    expect(fusionImagesKey(val, subset(IMAGES, [4]))).not.toBe(key);
  });
});
