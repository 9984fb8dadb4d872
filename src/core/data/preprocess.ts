import { z } from 'zod';
import { imageCount, type ImageSet } from './imageSet';
import type { PixelStats } from './domainGap';
import { coded } from '../messages';

/**
 * Target preprocessing: one-click fixes for a domain gap the meter found (core/data/domainGap.ts).
 * Applied to every target image (train, validation, shifted test alike) before the split, so a
 * fixed target is simply another target: the runs, previews and scores all see the same pixels.
 */
export const PreprocessSchema = z.strictObject({
  /** 255 − v: dark ink on light paper becomes light strokes on dark, as MNIST-trained sources expect. */
  invert: z.boolean().default(false),
  /** Per channel, shift and scale the target's pixels to the source's training mean and spread. */
  normalise: z.boolean().default(false),
});
export type Preprocess = z.infer<typeof PreprocessSchema>;
export const NO_PREPROCESS: Preprocess = { invert: false, normalise: false };

export const hasPreprocess = (p: Preprocess): boolean => p.invert || p.normalise;

/** What normalising aims at: the source's per-channel mean and spread (0–1). */
export type ChannelStats = Pick<PixelStats, 'mean' | 'std'>;

/** Per-channel mean and spread of a set, 0–1. */
function channelStats(set: ImageSet): ChannelStats {
  const c = set.channels;
  const sum = new Float64Array(c);
  const sumSq = new Float64Array(c);
  const px = set.pixels;
  for (let i = 0; i < px.length; i++) {
    const v = px[i]! / 255;
    sum[i % c]! += v;
    sumSq[i % c]! += v * v;
  }
  const count = px.length / c || 1;
  const mean = Array.from(sum, (s) => s / count);
  return { mean, std: Array.from(sumSq, (s, k) => Math.sqrt(Math.max(s / count - mean[k]! ** 2, 0))) };
}

/** The source's figure for target channel k: a greyscale source's one channel serves all three. */
const pick = (values: readonly number[], k: number) =>
  values.length === 1 ? values[0]! : (values[k] ?? values.reduce((a, b) => a + b, 0) / values.length);

/**
 * The target with the preprocessing applied (a new set; the input is not changed). `source` is
 * required for `normalise` and ignored otherwise.
 */
export function preprocessTarget(set: ImageSet, p: Preprocess, source: ChannelStats | null): ImageSet {
  if (!hasPreprocess(p)) return set;
  let pixels = p.invert ? set.pixels.map((v) => 255 - v) : set.pixels;
  if (p.normalise) {
    if (!source) throw coded('err.data.normaliseNeedsSource');
    const own = channelStats({ ...set, pixels });
    const c = set.channels;
    // v' = (v − μt)/σt · σs + μs per channel, on 0–1 values, clamped back into 0–255.
    const scale = Array.from({ length: c }, (_, k) => pick(source.std, k) / Math.max(own.std[k]!, 1e-3));
    const shift = Array.from({ length: c }, (_, k) => pick(source.mean, k) - own.mean[k]! * scale[k]!);
    const out = new Uint8Array(pixels.length);
    for (let i = 0; i < pixels.length; i++) {
      const k = i % c;
      out[i] = Math.min(255, Math.max(0, Math.round(255 * (shift[k]! + (pixels[i]! / 255) * scale[k]!))));
    }
    pixels = out;
  }
  return { ...set, pixels };
}

/** Images of a set drawn as ink on paper: dark strokes on a light, slightly grey page (a phone photo of a handwritten digit). */
export function inkOnPaper(set: ImageSet): ImageSet {
  if (!imageCount(set)) return set;
  // Paper at 235 (not pure white), ink reaching 18: stroke 255 → 235 − 0.85·255.
  return { ...set, pixels: set.pixels.map((v) => Math.round(235 - 0.85 * v)) };
}
