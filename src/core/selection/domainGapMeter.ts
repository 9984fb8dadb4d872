import type { ExperimentConfig, Source } from '../config/experiment';
import type { DatasetRef, DatasetStore } from '../data/datasetRef';
import { domainGap, mmd2, pixelStats, type DomainGap, type PixelStats } from '../data/domainGap';
import { subset, type ImageSet } from '../data/imageSet';
import type { ChannelStats } from '../data/preprocess';
import { capPerClass } from '../data/sampling';
import { deriveSeed } from '../random';
import type { ModelRegistry } from '../models/registry';
import { sourceFeatures } from './rank';
import { coded } from '../messages';

/**
 * The domain-gap meter's measurement (the verdict itself is core/data/domainGap.ts): the source's
 * own training images against the target's training split, both sampled, in pixels and in the
 * source backbone's feature space.
 */

/** Images per side: enough for a steady MMD², few enough that all pairs cost a few ms. */
export const GAP_SAMPLE = 200;

/** ImageNet's published per-channel mean and spread: what MobileNet saw, without its images. */
export const IMAGENET_STATS: ChannelStats = { mean: [0.485, 0.456, 0.406], std: [0.229, 0.224, 0.225] };

/** Where the source side's figures come from. */
export type SourceBasis = 'images' | 'published' | 'none';

/** A seeded sample of about `n` images, spread over the classes. */
function sample(set: ImageSet, n: number, seed: number): ImageSet {
  return subset(set, capPerClass(set, Math.ceil(n / set.classNames.length), seed));
}

/** A synthetic source set is regenerated, but only as many images as the sample needs. */
const smallRef = (ref: DatasetRef): DatasetRef => (ref.kind === 'shapes' ? { ...ref, count: Math.min(ref.count, 2 * GAP_SAMPLE) } : ref);

/** A sample of the source's own training images (zoo sources), or null when the lab has none. */
export async function sourceSample(
  source: Source,
  registry: ModelRegistry,
  datasets: DatasetStore,
  seed: number,
): Promise<ImageSet | null> {
  if (source.kind !== 'zoo') return null;
  const entry = (await registry.listModels()).models.find((m) => m.id === source.id);
  if (!entry) throw coded('err.model.unknownSource', source.id);
  return sample(await datasets.resolve(smallRef(entry.card.train)), GAP_SAMPLE, deriveSeed(seed, 'gap-source'));
}

/** What `preprocess.normalise` aims at: the source's training statistics, ImageNet's for MobileNet, else null. */
export async function sourceChannelStats(
  source: Source,
  registry: ModelRegistry,
  datasets: DatasetStore,
  seed: number,
): Promise<ChannelStats | null> {
  if (source.kind === 'hosted') return IMAGENET_STATS;
  const images = await sourceSample(source, registry, datasets, seed);
  return images ? pixelStats(images) : null;
}

export interface GapReport {
  /** Null when the lab knows nothing of the source's data (your own model). */
  gap: DomainGap | null;
  basis: SourceBasis;
  images: { source: number; target: number };
  /** The Gaussian kernel's width (median pairwise distance), with MMD². */
  bandwidth: number | null;
  /** Feature width the distance was measured in. */
  dims: number | null;
}

/** Measures the gap between the config's source and `train` (the target's prepared training split). */
export async function measureDomainGap(
  config: ExperimentConfig,
  registry: ModelRegistry,
  datasets: DatasetStore,
  train: ImageSet,
): Promise<GapReport> {
  const target = sample(train, GAP_SAMPLE, deriveSeed(config.seed, 'gap-target'));
  const targetStats = pixelStats(target);
  const source = config.source;
  if (source.kind === 'hosted') {
    // No ImageNet images here: pixel figures against the published statistics; no feature distance.
    const published: PixelStats = { images: 0, ...IMAGENET_STATS, border: Number.NaN, inside: Number.NaN, polarity: 'mixed' };
    return {
      gap: domainGap(published, targetStats, null),
      basis: 'published',
      images: { source: 0, target: target.labels.length },
      bandwidth: null,
      dims: null,
    };
  }
  const images = await sourceSample(source, registry, datasets, config.seed);
  if (!images) return { gap: null, basis: 'none', images: { source: 0, target: target.labels.length }, bandwidth: null, dims: null };
  const [a, b] = [await sourceFeatures(source, registry, images), await sourceFeatures(source, registry, target)];
  const m = mmd2(a.features, b.features);
  return {
    gap: domainGap(pixelStats(images), targetStats, m.mmd2),
    basis: 'images',
    images: { source: images.labels.length, target: target.labels.length },
    bandwidth: m.bandwidth,
    dims: a.features.d,
  };
}
