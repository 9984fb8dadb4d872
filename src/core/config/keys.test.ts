import fc from 'fast-check';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, parseConfig, type ExperimentConfig, type Source } from './experiment';
import { backboneKey, dataKey, embeddingKey, fusionImagesKey, mapDrawKey, mapFollows, mapKey, scratchKey, sourceStatsKey, studySeeds, trainValKey } from './keys';
import { DEFAULT_AUGMENTATIONS } from '../augment/schema';
import { applyTrainBias, SAMPLES_PER_CLASS, SHIFT_KINDS } from '../data/bias';
import { DatasetStore } from '../data/datasetRef';
import { subset, type ImageSet } from '../data/imageSet';
import { DEFAULT_SHAPES, generateShapes } from '../data/synthetic';
import { prepareTarget, type TargetData } from '../train/targetData';
import { hashBytes } from '../hash';

/*
 * Each key against the fields of a config, one field changed at a time on random valid configs
 * (the schema's defaults, with random fields changed): the key changes exactly when the field is
 * one its cached thing depends on. Then the keys against the code that builds the data: configs
 * with one data key prepare the same images, configs with one map key the same map images.
 */

type Target = Extract<ExperimentConfig['target'], { kind: 'builtin' }>;
const SHAPES_A: Target['ref'] = { kind: 'shapes', spec: { ...DEFAULT_SHAPES, color: 'grayscale' }, count: 48, seed: 5 };
const SHAPES_B: Target['ref'] = { ...SHAPES_A, seed: 6 };
const DIGITS = (DEFAULT_CONFIG.target as Target).ref;
const onBuiltin = (c: ExperimentConfig, f: (t: Target) => Target): ExperimentConfig => (c.target.kind === 'builtin' ? { ...c, target: f(c.target) } : c);
const SOURCES: Source[] = [{ kind: 'zoo', id: 'digits-0-4' }, { kind: 'zoo', id: 'shapes' }, { kind: 'hosted', id: 'mobilenet-v2-1.00' }, { kind: 'hosted', id: 'mobilenet-v2-1.00', cut: 'block_5_add' }, { kind: 'custom', name: 'mine' }];

/** One field of a config: how to read it, set it, and which values to try. */
interface Field {
  name: string;
  get: (c: ExperimentConfig) => unknown;
  set: (c: ExperimentConfig, v: never) => ExperimentConfig;
  values: fc.Arbitrary<unknown>;
}
const field = <V,>(name: string, get: (c: ExperimentConfig) => unknown, set: (c: ExperimentConfig, v: V) => ExperimentConfig, values: fc.Arbitrary<V>): Field => ({ name, get, set, values } as Field);

const fieldsFor = (refs: Target['ref'][]): Field[] => [
  field('seed', (c) => c.seed, (c, seed) => ({ ...c, seed }), fc.oneof(fc.constantFrom(41, 42, 43), fc.integer({ min: 0, max: 2 ** 31 - 1 }))),
  field('split.seed', (c) => c.split.seed, (c, seed) => ({ ...c, split: { validationFraction: c.split.validationFraction, blendFraction: c.split.blendFraction, ...(seed === undefined ? {} : { seed }) } }), fc.option(fc.constantFrom(7, 41, 42, 43), { nil: undefined })),
  field('split.validationFraction', (c) => c.split.validationFraction, (c, validationFraction) => ({ ...c, split: { ...c.split, validationFraction } }), fc.constantFrom(0.1, 0.2, 0.25, 0.5)),
  field('split.blendFraction', (c) => c.split.blendFraction, (c, blendFraction) => ({ ...c, split: { ...c.split, blendFraction } }), fc.constantFrom(0, 0.1, 0.25)),
  field('target.ref', (c) => c.target.kind === 'builtin' && c.target.ref, (c, ref) => onBuiltin(c, (t) => ({ ...t, ref })), fc.constantFrom(...refs)),
  field('target.maxPerClass', (c) => c.target.kind === 'builtin' && c.target.maxPerClass, (c, maxPerClass) => onBuiltin(c, (t) => ({ ...t, maxPerClass })), fc.constantFrom(6, 10, 12)),
  field('target.presetId', (c) => c.target.kind === 'builtin' && c.target.presetId, (c, presetId) => onBuiltin(c, (t) => ({ ...t, presetId })), fc.constantFrom('digits-5-9', 'mine', 'other')),
  field('preprocess.invert', (c) => c.preprocess.invert, (c, invert) => ({ ...c, preprocess: { ...c.preprocess, invert } }), fc.boolean()),
  field('preprocess.normalise', (c) => c.preprocess.normalise, (c, normalise) => ({ ...c, preprocess: { ...c.preprocess, normalise } }), fc.boolean()),
  field('bias.samplesPerClass', (c) => c.bias.samplesPerClass, (c, samplesPerClass) => ({ ...c, bias: { ...c.bias, samplesPerClass } }), fc.constantFrom(...SAMPLES_PER_CLASS)),
  field('bias.imbalanceRatio', (c) => c.bias.imbalanceRatio, (c, imbalanceRatio) => ({ ...c, bias: { ...c.bias, imbalanceRatio } }), fc.constantFrom(1, 2, 10)),
  field('bias.labelNoise.fraction', (c) => c.bias.labelNoise.fraction, (c, fraction) => ({ ...c, bias: { ...c.bias, labelNoise: { ...c.bias.labelNoise, fraction } } }), fc.constantFrom(0, 0.2, 0.4)),
  field('bias.labelNoise.mode', (c) => c.bias.labelNoise.mode, (c, mode) => ({ ...c, bias: { ...c.bias, labelNoise: { ...c.bias.labelNoise, mode } } }), fc.constantFrom('symmetric' as const, 'pair' as const)),
  field('bias.shift.kind', (c) => c.bias.shift.kind, (c, kind) => ({ ...c, bias: { ...c.bias, shift: { ...c.bias.shift, kind } } }), fc.constantFrom(...SHIFT_KINDS.filter((k) => k !== 'background' || refs.every((r) => r.kind === 'shapes')))),
  field('bias.shift.severity', (c) => c.bias.shift.severity, (c, severity) => ({ ...c, bias: { ...c.bias, shift: { ...c.bias.shift, severity } } }), fc.integer({ min: 1, max: 5 })),
  field('source', (c) => c.source, (c, source) => ({ ...c, source }), fc.constantFrom(...SOURCES)),
  field('strategy', (c) => c.strategy, (c, strategy) => ({ ...c, strategy }), fc.constantFrom<ExperimentConfig['strategy']>({ kind: 'linear-probe' }, { kind: 'fine-tune', trainableBlocks: 2 }, { kind: 'full', backboneLrMultiplier: 0.5 })),
  field('training.epochs', (c) => c.training.epochs, (c, epochs) => ({ ...c, training: { ...c.training, epochs } }), fc.constantFrom(5, 10, 20)),
  field('training.batchSize', (c) => c.training.batchSize, (c, batchSize) => ({ ...c, training: { ...c.training, batchSize } }), fc.constantFrom(8, 16, 32)),
  field('training.learningRate', (c) => c.training.learningRate, (c, learningRate) => ({ ...c, training: { ...c.training, learningRate } }), fc.constantFrom(0.001, 0.003, 0.01)),
  field('scratchBaseline', (c) => c.scratchBaseline, (c, scratchBaseline) => ({ ...c, scratchBaseline }), fc.boolean()),
  field('seeds', (c) => c.seeds, (c, seeds) => ({ ...c, seeds }), fc.integer({ min: 1, max: 10 })),
  field('augmentations', (c) => c.augmentations, (c, augmentations) => ({ ...c, augmentations }), fc.constantFrom(DEFAULT_AUGMENTATIONS, { ...DEFAULT_AUGMENTATIONS, hflip: { enabled: true, p: 0.5, strength: 1 } }, { ...DEFAULT_AUGMENTATIONS, rotate: { enabled: true, p: 0.3, strength: 30 } })),
  field('forgetting', (c) => c.forgetting, (c, forgetting) => ({ ...c, forgetting }), fc.constantFrom(DEFAULT_CONFIG.forgetting, { ...DEFAULT_CONFIG.forgetting, track: true }, { ...DEFAULT_CONFIG.forgetting, l2sp: 1 })),
];

const valid = (c: ExperimentConfig): ExperimentConfig => {
  const parsed = parseConfig(c);
  if (!parsed.ok) throw new Error(`invalid test config: ${JSON.stringify(parsed.error)}`);
  return parsed.config;
};

/** A change of one field: its name and the config it makes of another. */
interface Change {
  field: string;
  get: Field['get'];
  apply: (c: ExperimentConfig) => ExperimentConfig;
}
const changeArb = (fields: Field[]): fc.Arbitrary<Change> => fc.oneof(...fields.map((f) => f.values.map((v): Change => ({ field: f.name, get: f.get, apply: (c) => f.set(c, v as never) }))));

/** Valid configs: the defaults (on `target`) with up to eight random fields changed, parsed like the engine parses them. */
const configArb = (target: ExperimentConfig['target'], fields: Field[]) =>
  fc.array(changeArb(fields), { maxLength: 8 }).map((changes) => valid(changes.reduce((c, ch) => ch.apply(c), { ...DEFAULT_CONFIG, target })));

/** A base config and the same config with one field really changed. */
const pairArb = (target: ExperimentConfig['target'], fields: Field[]) =>
  fc
    .tuple(configArb(target, fields), changeArb(fields))
    .map(([a, ch]) => ({ a, b: valid(ch.apply(a)), change: ch }))
    .filter(({ a, b, change }) => !isDeepStrictEqual(change.get(a), change.get(b)));

// What each cached thing reads, restated from the code that builds it (core/train/targetData.ts, core/data/bias.ts).
const splitSeed = (c: ExperimentConfig) => c.split.seed ?? c.seed;
const seededBias = (c: ExperimentConfig) => c.bias.samplesPerClass !== 'all' || c.bias.imbalanceRatio > 1 || c.bias.labelNoise.fraction > 0;
type Deps = (field: string, a: ExperimentConfig, b: ExperimentConfig) => boolean;
const trainValDeps: Deps = (f, a, b) => {
  if (['target.ref', 'target.maxPerClass', 'split.validationFraction', 'split.blendFraction', 'preprocess.invert', 'preprocess.normalise', 'bias.samplesPerClass', 'bias.imbalanceRatio', 'bias.labelNoise.fraction'].includes(f)) return true;
  if (f === 'bias.labelNoise.mode') return a.bias.labelNoise.fraction > 0;
  if (f === 'seed') return a.split.seed === undefined || seededBias(a);
  if (f === 'split.seed') return splitSeed(a) !== splitSeed(b);
  if (f === 'source') return a.preprocess.normalise;
  return false;
};
const dataDeps: Deps = (f, a, b) => (f === 'bias.shift.kind' ? true : f === 'bias.shift.severity' ? a.bias.shift.kind !== 'none' : trainValDeps(f, a, b));
const mapDeps: Deps = (f, a, b) => f === 'source' || trainValDeps(f, a, b);

const IMAGES = generateShapes(SHAPES_A.kind === 'shapes' ? SHAPES_A.spec : DEFAULT_SHAPES, 12, 1).set;
const SCRATCH_DATA = { train: subset(IMAGES, [0, 1, 2, 3, 4, 5]), val: subset(IMAGES, [6, 7, 8]), shifted: null };
const RUNS = [['transfer', 'done'], ['scratch', 'done']] as const;

const KEYS: { name: string; key: (c: ExperimentConfig) => string; deps: Deps }[] = [
  { name: 'dataKey', key: dataKey, deps: dataDeps },
  { name: 'trainValKey', key: trainValKey, deps: trainValDeps },
  { name: 'mapKey', key: mapKey, deps: mapDeps },
  { name: 'mapDrawKey', key: (c) => mapDrawKey(c, RUNS), deps: (f, a, b) => f === 'seed' || mapDeps(f, a, b) },
  { name: 'scratchKey', key: (c) => scratchKey(c, SCRATCH_DATA, 'zoo-twin', 4, 'wasm'), deps: (f) => ['seed', 'training.epochs', 'training.batchSize', 'training.learningRate', 'augmentations'].includes(f) },
  { name: 'sourceStatsKey', key: (c) => sourceStatsKey(c.source), deps: (f) => f === 'source' },
  { name: 'studySeeds', key: (c) => JSON.stringify(studySeeds(c)), deps: (f) => f === 'seed' || f === 'seeds' },
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

  it('a config keys alike however its fields are ordered (built by hand, or parsed)', () => {
    const reordered = Object.fromEntries(Object.entries(DEFAULT_CONFIG).reverse()) as ExperimentConfig;
    for (const { key } of KEYS) expect(key(reordered)).toBe(key(valid(DEFAULT_CONFIG)));
  });

  it('study seeds: seed, seed + 1, … — from a config or from a base seed and a count', () => {
    expect(studySeeds({ seed: 42, seeds: 3 })).toEqual([42, 43, 44]);
    expect(studySeeds(7, 2)).toEqual([7, 8]);
    expect(studySeeds(DEFAULT_CONFIG)).toEqual([DEFAULT_CONFIG.seed]);
  });
});

describe('keys of what is not in the config', () => {
  it('embedding rows: by backbone (model, weights, part, range) and backend', () => {
    const zoo = backboneKey({ kind: 'zoo', id: 'shapes' });
    const hosted = (part: string | null, weightsHash = 'h1', range = '-1,1') => backboneKey({ kind: 'hosted', id: 'mobilenet-v2-1.00' }, { weightsHash, range, part });
    const all = [zoo, hosted(null), hosted('block_5_add'), hosted('block_6_add'), hosted(null, 'h2'), hosted(null, 'h1', '0,1')];
    expect(new Set(all).size).toBe(all.length);
    expect(zoo).toBe('zoo:shapes');
    expect(embeddingKey(zoo, 'wasm')).not.toBe(embeddingKey(zoo, 'webgl'));
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

/*
 * The keys against the data itself: prepareTarget on small synthetic targets (no files needed).
 * Normalising aims at per-source statistics, stood in for here by a value per source.
 */
const synthetic = new DatasetStore(() => Promise.reject(new Error('synthetic targets only')));
const drawn = new Map<string, Promise<ImageSet>>();
// Drawn once per target: prepareTarget only reads the set (shapes are slow to draw, not to split).
const datasets = { resolve: (ref: Target['ref']) => drawn.get(JSON.stringify(ref)) ?? drawn.set(JSON.stringify(ref), synthetic.resolve(ref)).get(JSON.stringify(ref))! } as DatasetStore;
const statsOf = (s: Source) => {
  const m = (parseInt(hashBytes([new TextEncoder().encode(sourceStatsKey(s))]).slice(0, 4), 36) % 50) / 100 + 0.25;
  return { mean: [m, m, m], std: [0.2, 0.2, 0.2] };
};
const prepare = (c: ExperimentConfig) => prepareTarget(c, datasets, undefined, c.preprocess.normalise ? statsOf(c.source) : null);
const u8 = (a: Uint8Array | Uint16Array) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
const bytes = (s: ImageSet) => [s.pixels, u8(s.labels)];
/** What a feature map reads of the prepared data: training images with their true labels, and validation. */
const mapImagesOf = (d: TargetData) => hashBytes([...bytes(d.train), u8(d.trueTrainLabels), ...bytes(d.val)]);
const allImagesOf = (d: TargetData) => hashBytes([...bytes(d.train), ...bytes(d.val), ...(d.blend ? bytes(d.blend) : []), ...(d.shifted ? bytes(d.shifted) : []), d.noisy]);
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
