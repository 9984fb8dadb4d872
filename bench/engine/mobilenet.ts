/**
 * MobileNet v1 0.25 at 224 (served at its official address by bench/run.ts): embedding
 * throughput, then a linear-probe epoch on cached embeddings, for 200 images.
 */
import * as tf from '@tensorflow/tfjs';
import { disposeModels } from '../../src/core/models/registry';
import { prepareTarget } from '../../src/core/train/experiment';
import { toInputTensor } from '../../src/core/data/tensors';
import { EmbeddingCache } from '../../src/core/models/embeddingCache';
import { subset, type ImageSet } from '../../src/core/data/imageSet';
import { toRange } from '../../src/core/train/run';
import { curves, datasets, featuresAt, registerMobileNet, registry, steadyEpochMs, trainAndVal, type Metrics } from './common';

export async function mobilenet(): Promise<Metrics> {
  const { hosted, photos } = await registerMobileNet();
  const photoData = await prepareTarget(photos, datasets);
  const { model, info } = await registry.loadExternal(hosted.id);
  const features = featuresAt(model as tf.LayersModel, hosted.defaultCut);
  const embed = (set: ImageSet) => (idx: number[]) =>
    tf.tidy(() => features.predict(toRange(toInputTensor(set, idx, info.side), info.range)) as tf.Tensor2D);
  // Warm-up (shader compilation) on a throwaway cache, then 200 images on a fresh one.
  tf.dispose((await new EmbeddingCache().embedSet(subset(photoData.train, [0, 1]), 'warm', embed(photoData.train)))!);
  const all = trainAndVal(photoData);
  const t0 = performance.now();
  const e = await new EmbeddingCache().embedSet(all, 'bench', embed(all));
  const mobilenet_embed_images_per_s = (all.labels.length / (performance.now() - t0)) * 1000;
  tf.dispose(e!);
  disposeModels(features, model as tf.LayersModel);
  return {
    mobilenet_embed_images_per_s,
    mobilenet_probe_epoch_ms: steadyEpochMs((await curves(photos, photoData)).transfer),
    mobilenet_images: all.labels.length,
  };
}
