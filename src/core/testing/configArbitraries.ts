import fc from 'fast-check';
import { isDeepStrictEqual } from 'node:util';
import { DEFAULT_AUGMENTATIONS } from '../augment/schema';
import { DEFAULT_CONFIG, parseConfig, type ExperimentConfig, type Source } from '../config/experiment';
import { SAMPLES_PER_CLASS, SHIFT_KINDS } from '../data/bias';
import { DEFAULT_SHAPES } from '../data/synthetic';

/*
 * Random valid configs for the keys' tests (config/keys.test.ts, config/keys.data.test.ts): the
 * schema's defaults with random fields changed, one field at a time, parsed like the engine parses them.
 */

export type Target = Extract<ExperimentConfig['target'], { kind: 'builtin' }>;
export const SHAPES_A: Target['ref'] = { kind: 'shapes', spec: { ...DEFAULT_SHAPES, color: 'grayscale' }, count: 48, seed: 5 };
export const SHAPES_B: Target['ref'] = { ...SHAPES_A, seed: 6 };
export const DIGITS = (DEFAULT_CONFIG.target as Target).ref;
const onBuiltin = (c: ExperimentConfig, f: (t: Target) => Target): ExperimentConfig =>
  c.target.kind === 'builtin' ? { ...c, target: f(c.target) } : c;
const SOURCES: Source[] = [
  { kind: 'zoo', id: 'digits-0-4' },
  { kind: 'zoo', id: 'shapes' },
  { kind: 'hosted', id: 'mobilenet-v2-1.00' },
  { kind: 'hosted', id: 'mobilenet-v2-1.00', cut: 'block_5_add' },
  { kind: 'custom', name: 'mine' },
];

/** One field of a config: how to read it, set it, and which values to try. */
export interface Field {
  name: string;
  get: (c: ExperimentConfig) => unknown;
  set: (c: ExperimentConfig, v: never) => ExperimentConfig;
  values: fc.Arbitrary<unknown>;
}
const field = <V>(
  name: string,
  get: (c: ExperimentConfig) => unknown,
  set: (c: ExperimentConfig, v: V) => ExperimentConfig,
  values: fc.Arbitrary<V>,
): Field => ({ name, get, set, values }) as Field;

// Fields by the part of the config they set, in the config's order; the target's refs (and with them
// whether a background shift applies) are chosen per test, the other fields' values are fixed.
const SEED_SPLIT_FIELDS: Field[] = [
  field(
    'seed',
    (c) => c.seed,
    (c, seed) => ({ ...c, seed }),
    fc.oneof(fc.constantFrom(41, 42, 43), fc.integer({ min: 0, max: 2 ** 31 - 1 })),
  ),
  field(
    'split.seed',
    (c) => c.split.seed,
    (c, seed) => ({
      ...c,
      split: {
        validationFraction: c.split.validationFraction,
        blendFraction: c.split.blendFraction,
        ...(seed === undefined ? {} : { seed }),
      },
    }),
    fc.option(fc.constantFrom(7, 41, 42, 43), { nil: undefined }),
  ),
  field(
    'split.validationFraction',
    (c) => c.split.validationFraction,
    (c, validationFraction) => ({ ...c, split: { ...c.split, validationFraction } }),
    fc.constantFrom(0.1, 0.2, 0.25, 0.5),
  ),
  field(
    'split.blendFraction',
    (c) => c.split.blendFraction,
    (c, blendFraction) => ({ ...c, split: { ...c.split, blendFraction } }),
    fc.constantFrom(0, 0.1, 0.25),
  ),
];
const DATA_FIELDS: Field[] = [
  field(
    'target.maxPerClass',
    (c) => c.target.kind === 'builtin' && c.target.maxPerClass,
    (c, maxPerClass) => onBuiltin(c, (t) => ({ ...t, maxPerClass })),
    fc.constantFrom(6, 10, 12),
  ),
  field(
    'target.presetId',
    (c) => c.target.kind === 'builtin' && c.target.presetId,
    (c, presetId) => onBuiltin(c, (t) => ({ ...t, presetId })),
    fc.constantFrom('digits-5-9', 'mine', 'other'),
  ),
  field(
    'preprocess.invert',
    (c) => c.preprocess.invert,
    (c, invert) => ({ ...c, preprocess: { ...c.preprocess, invert } }),
    fc.boolean(),
  ),
  field(
    'preprocess.normalise',
    (c) => c.preprocess.normalise,
    (c, normalise) => ({ ...c, preprocess: { ...c.preprocess, normalise } }),
    fc.boolean(),
  ),
  field(
    'bias.samplesPerClass',
    (c) => c.bias.samplesPerClass,
    (c, samplesPerClass) => ({ ...c, bias: { ...c.bias, samplesPerClass } }),
    fc.constantFrom(...SAMPLES_PER_CLASS),
  ),
  field(
    'bias.imbalanceRatio',
    (c) => c.bias.imbalanceRatio,
    (c, imbalanceRatio) => ({ ...c, bias: { ...c.bias, imbalanceRatio } }),
    fc.constantFrom(1, 2, 10),
  ),
  field(
    'bias.labelNoise.fraction',
    (c) => c.bias.labelNoise.fraction,
    (c, fraction) => ({ ...c, bias: { ...c.bias, labelNoise: { ...c.bias.labelNoise, fraction } } }),
    fc.constantFrom(0, 0.2, 0.4),
  ),
  field(
    'bias.labelNoise.mode',
    (c) => c.bias.labelNoise.mode,
    (c, mode) => ({ ...c, bias: { ...c.bias, labelNoise: { ...c.bias.labelNoise, mode } } }),
    fc.constantFrom('symmetric' as const, 'pair' as const),
  ),
];
const RUN_FIELDS: Field[] = [
  field(
    'bias.shift.severity',
    (c) => c.bias.shift.severity,
    (c, severity) => ({ ...c, bias: { ...c.bias, shift: { ...c.bias.shift, severity } } }),
    fc.integer({ min: 1, max: 5 }),
  ),
  field(
    'source',
    (c) => c.source,
    (c, source) => ({ ...c, source }),
    fc.constantFrom(...SOURCES),
  ),
  field(
    'strategy',
    (c) => c.strategy,
    (c, strategy) => ({ ...c, strategy }),
    fc.constantFrom<ExperimentConfig['strategy']>(
      { kind: 'linear-probe' },
      { kind: 'fine-tune', trainableBlocks: 2 },
      { kind: 'full', backboneLrMultiplier: 0.5 },
    ),
  ),
  field(
    'training.epochs',
    (c) => c.training.epochs,
    (c, epochs) => ({ ...c, training: { ...c.training, epochs } }),
    fc.constantFrom(5, 10, 20),
  ),
  field(
    'training.batchSize',
    (c) => c.training.batchSize,
    (c, batchSize) => ({ ...c, training: { ...c.training, batchSize } }),
    fc.constantFrom(8, 16, 32),
  ),
  field(
    'training.learningRate',
    (c) => c.training.learningRate,
    (c, learningRate) => ({ ...c, training: { ...c.training, learningRate } }),
    fc.constantFrom(0.001, 0.003, 0.01),
  ),
  field(
    'scratchBaseline',
    (c) => c.scratchBaseline,
    (c, scratchBaseline) => ({ ...c, scratchBaseline }),
    fc.boolean(),
  ),
  field(
    'seeds',
    (c) => c.seeds,
    (c, seeds) => ({ ...c, seeds }),
    fc.integer({ min: 1, max: 10 }),
  ),
  field(
    'augmentations',
    (c) => c.augmentations,
    (c, augmentations) => ({ ...c, augmentations }),
    fc.constantFrom(
      DEFAULT_AUGMENTATIONS,
      { ...DEFAULT_AUGMENTATIONS, hflip: { enabled: true, p: 0.5, strength: 1 } },
      { ...DEFAULT_AUGMENTATIONS, rotate: { enabled: true, p: 0.3, strength: 30 } },
    ),
  ),
  field(
    'forgetting',
    (c) => c.forgetting,
    (c, forgetting) => ({ ...c, forgetting }),
    fc.constantFrom(DEFAULT_CONFIG.forgetting, { ...DEFAULT_CONFIG.forgetting, track: true }, { ...DEFAULT_CONFIG.forgetting, l2sp: 1 }),
  ),
];

export const fieldsFor = (refs: Target['ref'][]): Field[] => [
  ...SEED_SPLIT_FIELDS,
  field(
    'target.ref',
    (c) => c.target.kind === 'builtin' && c.target.ref,
    (c, ref) => onBuiltin(c, (t) => ({ ...t, ref })),
    fc.constantFrom(...refs),
  ),
  ...DATA_FIELDS,
  field(
    'bias.shift.kind',
    (c) => c.bias.shift.kind,
    (c, kind) => ({ ...c, bias: { ...c.bias, shift: { ...c.bias.shift, kind } } }),
    fc.constantFrom(...SHIFT_KINDS.filter((k) => k !== 'background' || refs.every((r) => r.kind === 'shapes'))),
  ),
  ...RUN_FIELDS,
];

export const valid = (c: ExperimentConfig): ExperimentConfig => {
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
const changeArb = (fields: Field[]): fc.Arbitrary<Change> =>
  fc.oneof(...fields.map((f) => f.values.map((v): Change => ({ field: f.name, get: f.get, apply: (c) => f.set(c, v as never) }))));

/** Valid configs: the defaults (on `target`) with up to eight random fields changed, parsed like the engine parses them. */
const configArb = (target: ExperimentConfig['target'], fields: Field[]) =>
  fc
    .array(changeArb(fields), { maxLength: 8 })
    .map((changes) => valid(changes.reduce((c, ch) => ch.apply(c), { ...DEFAULT_CONFIG, target })));

/** A base config and the same config with one field really changed. */
export const pairArb = (target: ExperimentConfig['target'], fields: Field[]) =>
  fc
    .tuple(configArb(target, fields), changeArb(fields))
    .map(([a, ch]) => ({ a, b: valid(ch.apply(a)), change: ch }))
    .filter(({ a, b, change }) => !isDeepStrictEqual(change.get(a), change.get(b)));
