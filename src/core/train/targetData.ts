import { coded } from '../messages';
import { dataSeed, type ExperimentConfig } from '../config/experiment';
import type { DatasetStore } from '../data/datasetRef';
import type { ImageSet } from '../data/imageSet';
import { subset } from '../data/imageSet';
import { capPerClass } from '../data/sampling';
import { applyTrainBias, shiftImages, shiftedShapesSpec } from '../data/bias';
import { generateShapes } from '../data/synthetic';
import { preprocessTarget, type ChannelStats } from '../data/preprocess';
import { experimentSplit } from '../data/split';
import { deriveSeed } from '../random';
import type { ModelRegistry } from '../models/registry';

/** The target images an experiment trains and is scored on (see prepareTarget). */
export interface TargetData {
  /** The training split after the bias knobs (few-shot, imbalance, label noise). */
  train: ImageSet;
  /** The clean validation split: the knobs never touch it. */
  val: ImageSet;
  /** A second evaluation set with a distribution shift, or null. */
  shifted: ImageSet | null;
  /** Training images set aside for fitting fusion (split.blendFraction), clean like validation; else null. */
  blend: ImageSet | null;
  /** Label-noise bookkeeping for the dataset view: true labels and which ones were flipped. */
  trueTrainLabels: Uint16Array;
  noisy: Uint8Array;
  /** Training images per class by true label and by the label trained on. */
  classCounts: { clean: number[]; noisy: number[] };
  /** Held-out source-task images for the forgetting meter (see withSourceTask), else absent. */
  sourceEval?: ImageSet | null;
}

/** Source images the meter evaluates on: enough for a steady figure, few enough to cost ~1 s per epoch. */
export const SOURCE_EVAL_IMAGES = 200;

/**
 * Adds the held-out source images to prepared target data when the config tracks forgetting
 * (built-in sources only: their cards say which images the source never trained on).
 */
export async function withSourceTask(
  data: TargetData,
  config: ExperimentConfig,
  registry: ModelRegistry,
  datasets: DatasetStore,
): Promise<TargetData> {
  if (!config.forgetting.track || config.source.kind !== 'zoo') return data;
  const id = config.source.id;
  const entry = (await registry.listModels()).models.find((m) => m.id === id);
  if (!entry) throw coded('err.model.unknownSource', id);
  const test = await datasets.resolve(entry.card.test);
  const perClass = Math.ceil(SOURCE_EVAL_IMAGES / test.classNames.length);
  return { ...data, sourceEval: subset(test, capPerClass(test, perClass, deriveSeed(config.seed, 'source-eval'))) };
}

/** Held-out images under the config's shift: the validation images shifted, or (background) fresh synthetic ones. */
function shiftedSet(config: ExperimentConfig, val: ImageSet): ImageSet | null {
  const { kind, severity } = config.bias.shift;
  if (kind === 'none') return null;
  if (kind !== 'background') return shiftImages(val, kind, severity, deriveSeed(dataSeed(config), 'shift'));
  const target = config.target;
  if (target.kind !== 'builtin' || target.ref.kind !== 'shapes') {
    throw coded('err.data.backgroundNeedsShapes');
  }
  // New images from the same generator, classes and count, on a different background.
  const { set } = generateShapes(shiftedShapesSpec(target.ref.spec, severity), target.ref.count, deriveSeed(target.ref.seed, 'shifted'));
  const perClass = Math.ceil(val.labels.length / val.classNames.length);
  return subset(set, capPerClass(set, perClass, deriveSeed(dataSeed(config), 'shift-cap')));
}

/**
 * The target images of a config, capped, preprocessed, split and biased — a pure function of
 * (config, images). `sourceStats` is what `preprocess.normalise` aims at (core/data/sourceImages.ts).
 */
export async function prepareTarget(
  config: ExperimentConfig,
  datasets: DatasetStore,
  uploaded?: ImageSet,
  sourceStats?: ChannelStats | null,
): Promise<TargetData> {
  let set: ImageSet;
  if (config.target.kind === 'builtin') {
    const full = await datasets.resolve(config.target.ref);
    set = subset(full, capPerClass(full, config.target.maxPerClass, deriveSeed(dataSeed(config), 'target-cap')));
  } else {
    if (!uploaded) throw coded('err.data.noUploads');
    set = uploaded;
  }
  set = preprocessTarget(set, config.preprocess, sourceStats ?? null);
  // Carved before the bias knobs, so fusion's blend split has clean labels, like validation.
  const split = experimentSplit(set, config.split, dataSeed(config));
  const val = subset(set, split.validation);
  const trainPart = subset(set, split.train);
  const blend = split.blend.length ? subset(set, split.blend) : null;
  const biased = applyTrainBias(trainPart, config.bias, deriveSeed(config.seed, 'bias'));
  if (biased.set.labels.length === 0) throw coded('err.data.biasLeftNothing');
  return {
    train: biased.set,
    val,
    shifted: shiftedSet(config, val),
    blend,
    trueTrainLabels: biased.trueLabels,
    noisy: biased.noisy,
    classCounts: { clean: biased.cleanCounts, noisy: biased.noisyCounts },
  };
}
