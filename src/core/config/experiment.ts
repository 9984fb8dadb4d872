import { z } from 'zod';
import { AugmentationsSchema, DEFAULT_AUGMENTATIONS } from '../augment/schema';
import { BiasSchema, DEFAULT_BIAS } from '../data/bias';
import { DatasetRefSchema, MAX_SYNTHETIC_PIXELS } from '../data/datasetRef';
import { issueMsg } from './validation';
import { codeText, msg, type Msg } from '../messages';
import { NO_PREPROCESS, PreprocessSchema } from '../data/preprocess';
import { HOSTED_IDS } from '../models/hosted';
import { DEFAULT_REMEDIES, RemediesSchema } from '../remedies/schema';
import { toText } from '../share/text';

/** Seeds are 31-bit: every seed (and every seed a study derives from one) is below this. */
export const SEED_LIMIT = 2 ** 31;

/**
 * The experiment config: the single, declarative source of truth for what the engine does.
 * Plain JSON, versioned and validated, because it is what share links and saved experiments
 * will carry. Everything a run does is a function of this plus the user's own images.
 */
export const CONFIG_VERSION = 1;

/*
 * Every object is strict (an unknown key is an error, not silently dropped) and every string,
 * array and number is bounded: configs arrive from links and files written by anyone, and a
 * config is all the engine needs to decide how much work to do.
 */

export const StrategySchema = z.discriminatedUnion('kind', [
  /** Backbone frozen; embeddings computed once and cached; only the head trains. */
  z.strictObject({ kind: z.literal('linear-probe') }),
  /** Blocks above `frozenBlocks` fine-tune together with the head. */
  z.strictObject({ kind: z.literal('fine-tune'), trainableBlocks: z.number().int().min(1).max(8) }),
  /** Everything trains; the backbone may use a smaller learning rate. */
  z.strictObject({ kind: z.literal('full'), backboneLrMultiplier: z.number().min(0).max(1).default(1) }),
]);
export type Strategy = z.infer<typeof StrategySchema>;

export const TargetSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('builtin'),
    /** Which built-in target (its name and description are looked up by this id, never stored). */
    presetId: z.string().regex(/^[a-z0-9-]{1,64}$/, codeText('err.zod.targetId')),
    ref: DatasetRefSchema,
    /** Cap per class, so built-in targets stay small enough to train live in a browser. */
    maxPerClass: z.number().int().positive().max(1000),
  }),
  /** The user's own images; they stay on the device and are not part of the config. */
  z.strictObject({ kind: z.literal('upload') }),
]);
export type Target = z.infer<typeof TargetSchema>;

/** A layer name, as TF.js writes them (letters, digits, `_ / . : -`). */
const LayerNameSchema = z.string().regex(/^[\w/.:-]{1,200}$/, codeText('err.zod.layerName'));

/** Model URLs: https only (http only for this machine, in development); never credentials in them. */
export const ModelUrlSchema = z
  .url({ protocol: /^https?$/ })
  .max(2048)
  .refine((u) => {
    // zod runs refinements after a failed format check too: a non-URL must not throw here.
    if (!URL.canParse(u)) return false;
    const url = new URL(u);
    if (url.username || url.password) return false;
    return url.protocol === 'https:' || ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  }, codeText('err.zod.modelUrl'));

export const SourceSchema = z.discriminatedUnion('kind', [
  /** A built-in zoo model. */
  z.strictObject({ kind: z.literal('zoo'), id: z.string().regex(/^[a-z0-9-]{1,64}$/, codeText('err.zod.zooId')) }),
  /** A MobileNet from Google's hosted files; `cut` is a layer name (default: the family's last feature block). */
  z.strictObject({ kind: z.literal('hosted'), id: z.enum(HOSTED_IDS), cut: LayerNameSchema.optional() }),
  /**
   * The user's own TF.js model. With `url` a shared config can load it again; from local files it
   * cannot (the files never leave the device), and the lab asks for them.
   */
  z.strictObject({
    kind: z.literal('custom'),
    // Shown as text only; control characters and HTML's angle brackets have no place in a name.
    name: z
      .string()
      .min(1)
      .max(200)
      .regex(/^[^\p{Cc}<>]*$/u, codeText('err.zod.plainName')),
    url: ModelUrlSchema.optional(),
    cut: LayerNameSchema.optional(),
  }),
]);
export type Source = z.infer<typeof SourceSchema>;
/** The sources of a multi-source plan (train/plan.ts): at most twelve runs in all. */
export const SourcesSchema = z.array(SourceSchema).min(1).max(12);

export const ForgettingSchema = z.strictObject({
  /** Keep the source head and measure source-task accuracy on held-out source images every epoch. */
  track: z.boolean().default(false),
  /** L2-SP strength α: (α/2)·||θ − θ0||² over the backbone, pulling it towards the pretrained weights. 0 = off. */
  l2sp: z.number().min(0).max(100).default(0),
  /** LwF weight λ: distillation from the source head's original outputs on the training images. 0 = off. */
  lwf: z.number().min(0).max(100).default(0),
  /** LwF softmax temperature. */
  temperature: z.number().min(0.5).max(10).default(2),
});
export type Forgetting = z.infer<typeof ForgettingSchema>;
export const DEFAULT_FORGETTING: Forgetting = { track: false, l2sp: 0, lwf: 0, temperature: 2 };

/**
 * The most training a config may ask for, as seeds × epochs × images per class: what the UI's
 * own limits allow on the largest built-in target (10 seeds × 200 epochs × 100 per class).
 */
export const MAX_TRAINING_WORK = 10 * 200 * 100;

/** The config's fields, before the cross-field bounds (a next version's schema extends this). */
export const ExperimentConfigObject = z.strictObject({
  version: z.literal(CONFIG_VERSION),
  source: SourceSchema,
  target: TargetSchema,
  split: z.strictObject({
    validationFraction: z.number().min(0.05).max(0.5),
    /**
     * Share of the training split set aside as the blend split: fusion fits voting weights and
     * stackers on it, never on validation (core/fusion). 0 = none, all of it trains.
     */
    blendFraction: z.number().min(0).max(0.4).default(0),
    /**
     * The seed that picks the images and splits them (capped target, validation, blend, shifted
     * test). Absent = the experiment's seed, so each seed of a study sees another split. Fixed,
     * every seed trains on other draws but is validated on the same images, and runs of different
     * seeds can be fused image by image.
     */
    seed: z
      .number()
      .int()
      .min(0)
      .max(SEED_LIMIT - 1)
      .optional(),
  }),
  seed: z
    .number()
    .int()
    .min(0)
    .max(SEED_LIMIT - 1),
  strategy: StrategySchema,
  training: z.strictObject({
    epochs: z.number().int().min(1).max(200),
    batchSize: z.number().int().min(1).max(512),
    learningRate: z.number().positive().max(1),
  }),
  /** Train a from-scratch twin alongside, on the same split, seed, batches and steps. */
  scratchBaseline: z.boolean(),
  /**
   * How many seeds (seed, seed + 1, …) to run: one run proves nothing, several give a mean, a
   * band and a confidence interval. Added after v1 shipped; absent = 1.
   */
  seeds: z.number().int().min(1).max(10).default(1),
  /**
   * Per-batch augmentation of training images, identical draws for every run. Added after v1
   * shipped, so absent means "all off" (older links and files stay valid).
   */
  augmentations: AugmentationsSchema.prefault({}),
  /** Data-bias knobs on the training split, and an optional shifted evaluation set. Absent = none. */
  bias: BiasSchema.prefault({}),
  /** Forgetting meter and its mitigations (built-in sources). Added after v1 shipped; absent = off. */
  forgetting: ForgettingSchema.prefault({}),
  /** Target preprocessing against a domain gap (invert, normalise to the source). Added after v1 shipped; absent = none. */
  preprocess: PreprocessSchema.prefault({}),
  /** Remedies for label noise and class imbalance, and whether to compare them with plain transfer (core/remedies). Absent = none. */
  remedies: RemediesSchema.prefault({}),
});

export const ExperimentConfigSchema = ExperimentConfigObject.superRefine((c, ctx) => {
  if (c.target.kind !== 'builtin') return;
  const { ref, maxPerClass } = c.target;
  if (ref.kind === 'shapes' && ref.count * (ref.spec.side ?? 32) ** 2 > MAX_SYNTHETIC_PIXELS) {
    ctx.addIssue({ code: 'custom', path: ['target', 'ref', 'count'], message: codeText('err.zod.tooManyPixels') });
  }
  const work = c.seeds * c.training.epochs * maxPerClass;
  if (work > MAX_TRAINING_WORK) {
    ctx.addIssue({ code: 'custom', path: ['target', 'maxPerClass'], message: codeText('err.zod.tooMuchTraining') });
  }
});
export type ExperimentConfig = z.infer<typeof ExperimentConfigSchema>;

export const DEFAULT_CONFIG: ExperimentConfig = {
  version: CONFIG_VERSION,
  source: { kind: 'zoo', id: 'digits-0-4' },
  target: {
    kind: 'builtin',
    presetId: 'digits-5-9',
    ref: { kind: 'packed', dataset: 'mnist', split: 'test', classes: [5, 6, 7, 8, 9] },
    maxPerClass: 40,
  },
  split: { validationFraction: 0.2, blendFraction: 0 },
  seed: 42,
  // Fine-tuning the top two blocks is the default: on this tiny source it beats both a linear
  // probe and scratch at the same budget (see README); the probe stays one click away.
  strategy: { kind: 'fine-tune', trainableBlocks: 2 },
  training: { epochs: 10, batchSize: 16, learningRate: 0.003 },
  scratchBaseline: true,
  seeds: 1,
  augmentations: DEFAULT_AUGMENTATIONS,
  bias: DEFAULT_BIAS,
  forgetting: DEFAULT_FORGETTING,
  preprocess: NO_PREPROCESS,
  remedies: DEFAULT_REMEDIES,
};

/** Any outside text made fit for a display name in a config: no control characters, at most 200. */
export const displayName = (text: string): string => toText(text, 200) || 'model';

/** The seed of the images and their split (see `split.seed`). */
export const dataSeed = (config: Pick<ExperimentConfig, 'seed' | 'split'>): number => config.split.seed ?? config.seed;

/** Validates untrusted JSON (a link, a file, storage) into a config, with a readable reason on failure. */
export function parseConfig(json: unknown): { ok: true; config: ExperimentConfig } | { ok: false; error: Msg } {
  const r = ExperimentConfigSchema.safeParse(json);
  if (r.success) return { ok: true, config: r.data };
  return { ok: false, error: msg('msg.invalidConfig', issueMsg(r.error)) };
}
