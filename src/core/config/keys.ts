import { dataSeed, SEED_LIMIT, type ExperimentConfig, type Source } from './experiment';
import type { Bias } from '../data/bias';
import type { ImageSet } from '../data/imageSet';
import { hashBytes } from '../hash';

/**
 * Everything derived from a config in one place: cache keys, the study's seeds, the run plan.
 * Each key is built from exactly what its cached thing depends on — a field it leaves out must not
 * change that thing (a stale hit), a field it keeps must (else a needless miss). keys.test.ts checks
 * both, field by field. Pure and TF.js-free, so the page can import it cheaply.
 */

// The run plan is derived from the config too; it has one home already (ids, names, colours).
export { planRuns } from '../train/plan';

/** JSON with object keys sorted: a config built by hand and the same config parsed must key alike. */
function stableJson(value: unknown): string {
  const canonical = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(canonical);
    if (v === null || typeof v !== 'object') return v;
    const o = v as Record<string, unknown>;
    return Object.fromEntries(
      Object.keys(o)
        .sort()
        .map((k) => [k, canonical(o[k])]),
    );
  };
  return JSON.stringify(canonical(value));
}

/**
 * Do the bias knobs draw at random (with `config.seed`, see applyTrainBias)? Without few-shot,
 * imbalance or label noise every training image is kept with its label, whatever the seed.
 */
export const biasIsSeeded = (bias: Bias): boolean =>
  bias.samplesPerClass !== 'all' || bias.imbalanceRatio > 1 || bias.labelNoise.fraction > 0;

/** The bias knobs as they act: a noise mode without noise, or a severity without a shift, changes nothing. */
function biasActs(bias: Bias, withShift: boolean) {
  return {
    samplesPerClass: bias.samplesPerClass,
    imbalanceRatio: bias.imbalanceRatio,
    labelNoise: bias.labelNoise.fraction > 0 ? bias.labelNoise : null,
    shift: withShift && bias.shift.kind !== 'none' ? bias.shift : null,
  };
}

/**
 * What prepareTarget reads (core/train/targetData.ts). The images and their cap, split, blend and
 * shifted set are drawn with dataSeed (split.seed, else the seed); the bias knobs with the seed.
 * The preset id only names the target; a normalising target also depends on its source's statistics.
 */
function targetParts(c: ExperimentConfig, withShift: boolean) {
  return {
    target: c.target.kind === 'builtin' ? { ref: c.target.ref, maxPerClass: c.target.maxPerClass } : { kind: c.target.kind },
    dataSeed: dataSeed(c),
    split: { validationFraction: c.split.validationFraction, blendFraction: c.split.blendFraction ?? 0 },
    biasSeed: biasIsSeeded(c.bias) ? c.seed : null,
    bias: biasActs(c.bias, withShift),
    preprocess: c.preprocess,
    normaliseTo: c.preprocess.normalise ? sourceStatsKey(c.source) : null,
  };
}

/** The prepared target (train, validation, blend, shifted): the worker keeps the last one for previews. */
export const dataKey = (c: ExperimentConfig): string => stableJson(targetParts(c, true));

/**
 * The training and validation images alone (the shifted evaluation set aside): what source scores
 * are computed on (core/selection) and what a feature map draws. The user's own images are not in
 * the config: whoever keys an uploaded target keys those too.
 */
export const trainValKey = (c: ExperimentConfig): string => stableJson(targetParts(c, false));

/** The source statistics `preprocess.normalise` aims at: a fixed sample of the source's own images. */
export const sourceStatsKey = (source: Source): string => stableJson(source);

/**
 * Whether a feature map may use the latest experiment: its training and validation images (so
 * every seed their split and bias depend on) and the source its panels project with. While these
 * match, the experiment's data and runs stand in for the config's.
 */
export const mapKey = (c: ExperimentConfig): string => stableJson({ images: trainValKey(c), source: c.source });

/**
 * Whether a feature map of `config` draws the latest experiment's runs: that experiment is the
 * config itself or one of its study's seeds (a study's last seed is what the page shows), with the
 * same map key once seeds are aligned. The map then uses that experiment's own images, so the
 * runs and the images they are drawn on always share a split.
 */
export function mapFollows(latest: ExperimentConfig, config: ExperimentConfig): boolean {
  return studySeeds(config).includes(latest.seed) && mapKey(latest) === mapKey({ ...config, seed: latest.seed });
}

/**
 * What a drawn map shows: the map key, the seed that samples its images and seeds UMAP
 * (projection/featureMaps.ts), and the runs it drew with their status. A changed key marks it stale.
 */
export const mapDrawKey = (c: ExperimentConfig, runs: readonly (readonly [id: string, status: string])[]): string =>
  stableJson({ map: mapKey(c), seed: c.seed, runs });

/**
 * The seeds a study runs: seed, seed + 1, … (`seeds` of them). The study, the selection check,
 * the fusion preset and the Python export all run these, in this order.
 */
export function studySeeds({ seed, seeds }: Pick<ExperimentConfig, 'seed' | 'seeds'>): number[] {
  // Wrapped into the config's seed range: a study from the largest seed would otherwise give its
  // later runs seeds the config schema refuses.
  return Array.from({ length: seeds }, (_, i) => (seed + i) % SEED_LIMIT);
}

/** The registry key of an external source: the hosted id, or "custom" for the user's own model. */
export function externalKey(source: Source): string {
  return source.kind === 'hosted' ? source.id : source.kind === 'custom' ? 'custom' : `zoo:${source.id}`;
}

/**
 * The frozen features of a source (core/train/buildSource.ts): a zoo model by id; an external one
 * by its weights' hash (two own models both called model.json must not share embeddings), the part
 * cut or used (a layer, or Teachable Machine's inner model; none for a graph) and its input range.
 */
export function backboneKey(source: Extract<Source, { kind: 'zoo' }>): string;
export function backboneKey(source: Source, loaded: { weightsHash: string; range: string; part: string | null }): string;
export function backboneKey(source: Source, loaded?: { weightsHash: string; range: string; part: string | null }): string {
  if (source.kind === 'zoo' || !loaded) return externalKey(source);
  const { weightsHash, range, part } = loaded;
  return part === null ? `${externalKey(source)}:${weightsHash}:${range}` : `${externalKey(source)}:${weightsHash}:${part}:${range}`;
}

/** An embedding cache's rows: the backbone and the backend that ran it (backends agree only to float tolerance). */
export const embeddingKey = (backbone: string, inferenceBackend: string): string => `${backbone}@${inferenceBackend}`;

const bytesOf = (a: Uint8Array | Uint16Array) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
const setBytes = (s: ImageSet) => [bytesOf(s.pixels), bytesOf(s.labels), new TextEncoder().encode(`${s.width}x${s.height}x${s.channels}`)];

/**
 * A finished from-scratch baseline (core/train/scratchCache.ts). It never sees the source model:
 * its architecture (zoo twin or small CNN), the exact images and labels, the seed (init, batches,
 * augmentation draws), the budget and the augmentations decide it — and the backend it trained on.
 */
export function scratchKey(
  config: Pick<ExperimentConfig, 'seed' | 'training' | 'augmentations'>,
  data: { train: ImageSet; val: ImageSet; shifted: ImageSet | null },
  architecture: 'zoo-twin' | 'small-cnn',
  numClasses: number,
  backend: string,
): string {
  const images = hashBytes([...setBytes(data.train), ...setBytes(data.val), ...(data.shifted ? setBytes(data.shifted) : [])]);
  return stableJson({
    architecture,
    backend,
    numClasses,
    seed: config.seed,
    training: config.training,
    augmentations: config.augmentations,
    images,
  });
}

/** Runs can be fused only on the very same images: their validation and blend images and labels, by content. */
export const fusionImagesKey = (val: ImageSet, blend: ImageSet | null): string =>
  hashBytes([val.pixels, bytesOf(val.labels), ...(blend ? [blend.pixels, bytesOf(blend.labels)] : [])]);

/**
 * The experiment a class shares, whoever ran it: the whole config but its seed (each student runs
 * their own). Two results belong on one class board exactly when their fingerprints match.
 */
export const experimentFingerprint = (c: ExperimentConfig): string => hashBytes([new TextEncoder().encode(stableJson({ ...c, seed: 0 }))]);
