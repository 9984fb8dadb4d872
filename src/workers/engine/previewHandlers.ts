import * as Comlink from 'comlink';
import * as tf from '@tensorflow/tfjs';
import type { ImageSet } from '../../core/data/imageSet';
import { subset } from '../../core/data/imageSet';
import { augmentBatch } from '../../core/augment/augment';
import { toInputTensor } from '../../core/data/tensors';
import { INPUT_SIDE } from '../../core/models/inputSpec';
import { deriveSeed } from '../../core/random';
import type { EngineApi, TargetPreview } from './api';
import { checked, firstPerClass, prepared } from './targets';

/** What the set-up panels show before any training: the target's images and split, and augmentation draws. */
export const previewHandlers: Pick<EngineApi, 'previewTarget' | 'previewAugment'> = {
  async previewTarget(draft, perClass) {
    const config = checked(draft);
    const data = await prepared(config);
    const firsts = firstPerClass(data.train.labels, perClass);
    const set = subset(data.train, firsts);
    const shifted = data.shifted ? subset(data.shifted, firstPerClass(data.shifted.labels, Math.min(perClass, 3))) : null;
    const preview: TargetPreview = {
      set,
      noisy: Uint8Array.from(firsts, (i) => data.noisy[i]),
      trueLabels: Uint16Array.from(firsts, (i) => data.trueTrainLabels[i]),
      counts: {
        train: data.train.labels.length,
        val: data.val.labels.length,
        shifted: data.shifted?.labels.length ?? 0,
        blend: data.blend?.labels.length ?? 0,
      },
      classCounts: data.classCounts,
      flipped: data.noisy.reduce((n, f) => n + f, 0),
      shifted,
    };
    return Comlink.transfer(preview, [set.pixels.buffer as ArrayBuffer, ...(shifted ? [shifted.pixels.buffer as ArrayBuffer] : [])]);
  },
  async previewAugment(draft, images, draws, shuffle, sample) {
    const config = checked(draft);
    const source = sample ?? (await prepared(config)).train;
    const idx = Array.from({ length: Math.min(images, source.labels.length) }, (_, i) => i);
    const views = tf.tidy(() => {
      const x = toInputTensor(source, idx);
      const seed = deriveSeed(config.seed + shuffle, 'augment-preview');
      // [draws, n, …] → [n, draws, …]: each image's draws side by side.
      const views = tf.stack(
        Array.from({ length: draws }, (_, d) => augmentBatch(x, config.augmentations, deriveSeed(seed, `draw-${d}`))),
        1,
      );
      return views.reshape([-1, INPUT_SIDE, INPUT_SIDE, 3]).mul(255).round().toInt();
    });
    const pixels = await views.data();
    views.dispose();
    const set: ImageSet = {
      width: INPUT_SIDE,
      height: INPUT_SIDE,
      channels: 3,
      pixels: Uint8Array.from(pixels),
      labels: Uint16Array.from({ length: idx.length * draws }, (_, i) => source.labels[idx[Math.floor(i / draws)]]),
      classNames: source.classNames,
    };
    return Comlink.transfer(set, [set.pixels.buffer as ArrayBuffer]);
  },
};
