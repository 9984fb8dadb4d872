import { DEFAULT_CONFIG, type ExperimentConfig, type Source } from './config/experiment';
import { BUILTIN_TARGETS, builtinTargetConfig } from './data/targets';
import { bug } from './messages';
import { DEFAULT_REMEDIES } from './remedies/schema';

/**
 * Lecture presets: complete experiment configs (source, target, strategy, knobs, seeds, epochs),
 * each demonstrating one phenomenon. Their narratives live in i18n (presets.en.ts). Every preset
 * runs several seeds, so its verdict comes with a confidence interval, not one lucky run.
 */
/*
 * Every preset's claim is checked by a calibration test over five seeds (e2e/presets.spec.ts).
 * The two negative presets share one target and one strategy (a frozen backbone): only the source
 * differs, and the "Shapes (random colours)" source on the same target is the control that does
 * not go negative (98.8% vs scratch 97.9%, 3 seeds), so the harm is the source's, not the probe's.
 */
export const PRESET_IDS = [
  'positive',
  'few-shot',
  'shortcut',
  'background',
  'mismatch',
  'domain-gap',
  'forgetting',
  'model-selection',
  'fusion',
  'noise-fix',
  'imbalance-fix',
] as const;
export type PresetId = (typeof PRESET_IDS)[number];

/**
 * What a preset's click runs: a study over its seeds (transfer vs. scratch, with a verdict);
 * model selection — rank every zoo source, then fine-tune each over the seeds to check the scores;
 * or fusion — a study over seeds of its sources side by side, each seed's runs fused as it ends.
 */
export const PRESET_FLOW: Record<PresetId, 'seeds' | 'selection' | 'fusion'> = {
  positive: 'seeds',
  'few-shot': 'seeds',
  shortcut: 'seeds',
  background: 'seeds',
  mismatch: 'seeds',
  'domain-gap': 'seeds',
  forgetting: 'seeds',
  'model-selection': 'selection',
  fusion: 'fusion',
  'noise-fix': 'seeds',
  'imbalance-fix': 'seeds',
};

/** The sources a fusion preset trains side by side (one transfer run each, train/plan.ts). */
const zoo = (...ids: string[]): Source[] => ids.map((id) => ({ kind: 'zoo', id }));
export const PRESET_SOURCES: Partial<Record<PresetId, Source[]>> = {
  // The candidates the model-selection preset was calibrated with: a zoo that grows does not change it.
  'model-selection': zoo('digits-0-4', 'digits', 'fashion', 'shapes', 'shapes-shortcut'),
  fusion: zoo('digits-0-4', 'fashion', 'shapes', 'shapes-shortcut'),
};

/** A built-in target, optionally with more images drawn (`maxPerClass`, a synthetic set's `count`). */
const target = (presetId: string, more: { maxPerClass?: number; count?: number } = {}) => {
  const t = BUILTIN_TARGETS.find((x) => x.presetId === presetId);
  if (!t) throw bug(`Unknown built-in target ${presetId}`); // the ids are the presets' own, fixed below
  const ref = more.count && t.ref.kind === 'shapes' ? { ...t.ref, count: more.count } : t.ref;
  return builtinTargetConfig({ ...t, ref, maxPerClass: more.maxPerClass ?? t.maxPerClass });
};

const base = (over: Partial<ExperimentConfig>): ExperimentConfig => ({ ...DEFAULT_CONFIG, seeds: 5, ...over });

export const PRESETS: Record<PresetId, ExperimentConfig> = {
  // Same domain, new classes, 20 images per class and a short budget (2 epochs of 50 steps at
  // batch 2): the strokes learned on 0–4 are what 5–9 are made of, so transfer is ahead from the
  // first epoch. Validation keeps 20 per class so one image is not 2.5 points. Retuned from 3
  // epochs of 25 steps at batch 4, whose first epoch left the new head at chance on some seeds
  // (jumpstart under 15 points on one seed set) and whose third let scratch catch up on others:
  // the claim now holds on every calibrated seed set (docs/calibration.json, `npm run calibrate`).
  positive: base({
    source: { kind: 'zoo', id: 'digits-0-4' },
    target: target('digits-5-9', { maxPerClass: 100 }),
    strategy: { kind: 'fine-tune', trainableBlocks: 2 },
    training: { epochs: 2, batchSize: 2, learningRate: 0.003 },
    bias: { ...DEFAULT_CONFIG.bias, samplesPerClass: 20 },
  }),
  // Five images per class: scratch cannot get past chance, the frozen shape features can. The
  // target keeps 100 per class so validation has 20 per class and its noise does not swamp the CI.
  'few-shot': base({
    source: { kind: 'zoo', id: 'shapes' },
    target: target('shapes-random', { count: 600, maxPerClass: 100 }),
    strategy: { kind: 'linear-probe' },
    training: { epochs: 20, batchSize: 8, learningRate: 0.003 },
    bias: { ...DEFAULT_CONFIG.bias, samplesPerClass: 5 },
  }),
  // The colour-shortcut source read colour and ignored outline; frozen, it has nothing to offer
  // grey shapes, while scratch learns them easily from 100 per class.
  // Ten epochs: at six, scratch is still climbing on some seeds (86% mean, NTG CI 27–62 points);
  // at ten it has settled and the verdict is as clear as a lecture needs.
  shortcut: base({
    source: { kind: 'zoo', id: 'shapes-shortcut' },
    target: target('shapes-gray-4'),
    strategy: { kind: 'linear-probe' },
    training: { epochs: 10, batchSize: 16, learningRate: 0.003 },
  }),
  // The seed's own example: a source that learned the background instead of the object. Same
  // shapes, same colours, same frozen probe and budget as the colour shortcut; only the
  // background's link to the class is gone in the target.
  background: base({
    source: { kind: 'zoo', id: 'shapes-background' },
    target: target('shapes-any-background'),
    strategy: { kind: 'linear-probe' },
    training: { epochs: 10, batchSize: 16, learningRate: 0.003 },
  }),
  // Same target and probe, a clothing source: its features describe fabric and silhouettes, not
  // the corners and straight edges that separate these shapes.
  // Same target, strategy and budget as the shortcut preset: the scratch baseline is the same
  // run, and the engine replays it instead of training it twice (train/scratchCache.ts).
  mismatch: base({
    source: { kind: 'zoo', id: 'fashion' },
    target: target('shapes-gray-4'),
    strategy: { kind: 'linear-probe' },
    training: { epochs: 10, batchSize: 16, learningRate: 0.003 },
  }),
  // Digits → clothing, fine-tuned: shows honestly whatever a large domain gap does.
  'domain-gap': base({
    source: { kind: 'zoo', id: 'digits' },
    target: target('fashion'),
    strategy: { kind: 'fine-tune', trainableBlocks: 2 },
    training: { epochs: 4, batchSize: 16, learningRate: 0.003 },
  }),
  // Full fine-tune at a high learning rate with the forgetting meter on: the backbone is reshaped
  // for clothing and the old digit head stops working. Calibrated in e2e/presets.spec.ts, with
  // L2-SP (α = 20) as the mitigation that holds at this learning rate.
  forgetting: base({
    source: { kind: 'zoo', id: 'digits-0-4' },
    target: target('fashion', { maxPerClass: 20 }),
    strategy: { kind: 'full', backboneLrMultiplier: 1 },
    training: { epochs: 8, batchSize: 16, learningRate: 0.01 },
    forgetting: { track: true, l2sp: 0, lwf: 0, temperature: 2 },
  }),
  // Which source for four grey shapes? The five zoo models, frozen (a linear probe, as the
  // scores assume), ten epochs, five seeds. The outline-trained shapes network is far ahead of the
  // rest, and the colour-shortcut one far behind; the scores are checked against that ranking.
  'model-selection': base({
    source: { kind: 'zoo', id: 'shapes' },
    target: target('shapes-gray-4'),
    strategy: { kind: 'linear-probe' },
    training: { epochs: 10, batchSize: 16, learningRate: 0.003 },
    scratchBaseline: false,
  }),
  // Four frozen sources probed on digits 5–9, a quarter of the training images held back as the
  // blend split. Each probe alone is weak (the best 73–80%, the colour-shortcut one ~45%); a
  // stacker fitted on the blend split combines them to 82–90%, 9 points above the best member on
  // average, on every one of five seeds. Uniform soft voting is dragged down by the weak members
  // and is no better than the best one — the contrast is the lesson. 300 per class, so validation
  // holds 60 per class; probes on cached embeddings take seconds per seed.
  fusion: base({
    source: { kind: 'zoo', id: 'digits-0-4' },
    target: target('digits-5-9', { maxPerClass: 300 }),
    split: { validationFraction: 0.2, blendFraction: 0.25 },
    strategy: { kind: 'linear-probe' },
    training: { epochs: 10, batchSize: 16, learningRate: 0.003 },
    scratchBaseline: false,
  }),
  // Break it, fix it: 40% of the training labels flipped at random, the top two blocks fine-tuned
  // for 20 epochs — long enough for plain cross-entropy to start fitting the wrong labels. Small-loss
  // selection trains beside plain transfer on the same split, seeds, batches and budget (a remedy
  // comparison); 200 per class, so validation (clean) holds 40 per class. No scratch twin: the
  // question is remedy against plain transfer. GCE (q = 0.7), which the narrative suggests trying,
  // is not part of it: on some seeds it stalls at chance (in exploring this set-up, one seed of 15;
  // with half the images held out for validation, two of five), and a third run would cost the
  // lecture (and CI) half as much again. At 12 epochs plain has not yet memorised the noise.
  'noise-fix': base({
    source: { kind: 'zoo', id: 'digits-0-4' },
    target: target('digits-5-9', { maxPerClass: 200 }),
    strategy: { kind: 'fine-tune', trainableBlocks: 2 },
    training: { epochs: 20, batchSize: 16, learningRate: 0.003 },
    bias: { ...DEFAULT_CONFIG.bias, labelNoise: { fraction: 0.4, mode: 'symmetric' } },
    scratchBaseline: false,
    remedies: { ...DEFAULT_REMEDIES, smallLoss: 0.4, compare: true },
  }),
  // Break it, fix it: a long tail of ratio 20 (the head class keeps 160 training images, the rarest
  // 8), judged on balanced accuracy over a balanced validation split. Class-balanced re-sampling,
  // class-balanced loss weights and logit adjustment each train beside plain transfer.
  'imbalance-fix': base({
    source: { kind: 'zoo', id: 'digits-0-4' },
    target: target('digits-5-9', { maxPerClass: 200 }),
    strategy: { kind: 'fine-tune', trainableBlocks: 2 },
    training: { epochs: 6, batchSize: 16, learningRate: 0.003 },
    bias: { ...DEFAULT_CONFIG.bias, imbalanceRatio: 20 },
    scratchBaseline: false,
    remedies: { ...DEFAULT_REMEDIES, classBalanced: 0.999, resample: true, logitAdjust: 1, compare: true },
  }),
};
