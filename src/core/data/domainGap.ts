import type { FeatureMatrix } from '../selection/features';
import { imageCount, type ImageSet } from './imageSet';
import { bug, coded } from '../messages';

/**
 * The domain gap between a source's own training images and a target: the first kind of data
 * bias, measured before any training. Two views:
 *  - pixel statistics per channel (mean and spread, 0–1) and the polarity (light strokes on a dark
 *    background, as MNIST is, or dark on light, as a phone photo of ink on paper is), read from the
 *    image borders, which are background in nearly every image of these sets;
 *  - a feature-space distance: the squared maximum mean discrepancy (MMD², Gretton et al., "A
 *    Kernel Two-Sample Test", JMLR 2012) between the source backbone's embeddings of both sets,
 *    with a Gaussian kernel whose width is the median pairwise distance (the usual heuristic).
 *    0 when both come from one distribution; larger as they differ.
 */
export type Polarity = 'light-on-dark' | 'dark-on-light' | 'mixed';

export interface PixelStats {
  images: number;
  /** Per channel (one value for greyscale sets), 0–1. */
  mean: number[];
  std: number[];
  /** Mean luminance of the images' outermost pixels (their background, mostly), 0–1. */
  border: number;
  /** Mean luminance of everything else, 0–1. */
  inside: number;
  polarity: Polarity;
}

/** Border luminance below this reads as a dark background; above 1 − this, a light one. */
const DARK = 0.35;

export function pixelStats(set: ImageSet): PixelStats {
  const n = imageCount(set);
  const { width: w, height: h, channels: c } = set;
  const sum = new Float64Array(c);
  const sumSq = new Float64Array(c);
  let border = 0;
  let borderCount = 0;
  let inside = 0;
  let insideCount = 0;
  const px = set.pixels;
  for (let i = 0; i < n; i++) {
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        const o = ((i * h + y) * w + x) * c;
        let lum = 0;
        for (let k = 0; k < c; k++) {
          const v = px[o + k]! / 255;
          sum[k]! += v;
          sumSq[k]! += v * v;
          lum += v;
        }
        lum /= c;
        if (x === 0 || y === 0 || x === w - 1 || y === h - 1) {
          border += lum;
          borderCount++;
        } else {
          inside += lum;
          insideCount++;
        }
      }
    }
  }
  const count = n * w * h;
  const mean = Array.from(sum, (s) => (count ? s / count : 0));
  const std = Array.from(sumSq, (s, k) => (count ? Math.sqrt(Math.max(s / count - mean[k]! ** 2, 0)) : 0));
  const b = borderCount ? border / borderCount : 0;
  const polarity: Polarity = b < DARK ? 'light-on-dark' : b > 1 - DARK ? 'dark-on-light' : 'mixed';
  return { images: n, mean, std, border: b, inside: insideCount ? inside / insideCount : 0, polarity };
}

/** The unbiased MMD² estimate between the rows of `a` and of `b` (same width), Gaussian kernel, median-heuristic width. */
export function mmd2(a: FeatureMatrix, b: FeatureMatrix): { mmd2: number; bandwidth: number } {
  if (a.d !== b.d) throw bug(`Feature widths differ: ${a.d} and ${b.d}.`); // both sides come from the same backbone
  // A tiny target (one image per class, a strong imbalance) can leave a single training image.
  if (a.n < 2 || b.n < 2) throw coded('err.gap.tooFewImages');
  const d = a.d;
  const sq = (x: Float64Array, i: number, y: Float64Array, j: number) => {
    let s = 0;
    for (let k = 0; k < d; k++) {
      const t = x[i * d + k]! - y[j * d + k]!;
      s += t * t;
    }
    return s;
  };
  // Median pairwise distance over the pooled rows (all pairs: these sets are a few hundred rows).
  const pooled = new Float64Array((a.n + b.n) * d);
  pooled.set(a.values);
  pooled.set(b.values, a.n * d);
  const m = a.n + b.n;
  const dists: number[] = [];
  for (let i = 0; i < m; i++) for (let j = i + 1; j < m; j++) dists.push(Math.sqrt(sq(pooled, i, pooled, j)));
  dists.sort((x, y) => x - y);
  const mid = dists.length >> 1;
  const median = dists.length % 2 ? dists[mid]! : (dists[mid - 1]! + dists[mid]!) / 2;
  const bandwidth = median > 0 ? median : 1;
  const gamma = 1 / (2 * bandwidth * bandwidth);
  const within = (x: FeatureMatrix) => {
    let s = 0;
    for (let i = 0; i < x.n; i++) for (let j = i + 1; j < x.n; j++) s += 2 * Math.exp(-gamma * sq(x.values, i, x.values, j));
    return s / (x.n * (x.n - 1));
  };
  let cross = 0;
  for (let i = 0; i < a.n; i++) for (let j = 0; j < b.n; j++) cross += Math.exp(-gamma * sq(a.values, i, b.values, j));
  return { mmd2: within(a) + within(b) - (2 * cross) / (a.n * b.n), bandwidth };
}

/** Why a gap is flagged: message codes the UI words. */
export type GapReason = 'polarity-flipped' | 'brightness-shift' | 'contrast-shift' | 'feature-distance';

export interface DomainGap {
  level: 'small' | 'moderate' | 'large';
  reasons: GapReason[];
  source: PixelStats;
  target: PixelStats;
  mmd2: number | null;
}

/** Thresholds, on 0–1 pixel values and on MMD² (which lies in [0, 2] with a Gaussian kernel). */
const BRIGHTNESS_SHIFT = 0.2;
const CONTRAST_RATIO = 2;
const MMD_MODERATE = 0.05;
const MMD_LARGE = 0.2;

/** The gauge's verdict: a flipped polarity or a large feature distance is a large gap on its own. */
export function domainGap(source: PixelStats, target: PixelStats, mmd: number | null): DomainGap {
  const reasons: GapReason[] = [];
  const flipped = source.polarity !== 'mixed' && target.polarity !== 'mixed' && source.polarity !== target.polarity;
  if (flipped) reasons.push('polarity-flipped');
  const meanOf = (s: PixelStats) => s.mean.reduce((x, y) => x + y, 0) / s.mean.length;
  const stdOf = (s: PixelStats) => s.std.reduce((x, y) => x + y, 0) / s.std.length;
  if (Math.abs(meanOf(source) - meanOf(target)) > BRIGHTNESS_SHIFT) reasons.push('brightness-shift');
  const ratio = (stdOf(source) + 1e-6) / (stdOf(target) + 1e-6);
  if (ratio > CONTRAST_RATIO || ratio < 1 / CONTRAST_RATIO) reasons.push('contrast-shift');
  if (mmd !== null && mmd > MMD_MODERATE) reasons.push('feature-distance');
  const large = flipped || (mmd !== null && mmd > MMD_LARGE);
  return { level: large ? 'large' : reasons.length ? 'moderate' : 'small', reasons, source, target, mmd2: mmd };
}
