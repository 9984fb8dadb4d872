import { z } from 'zod';
import { Rng, deriveSeed, permutation } from '../random';
import { imageSize, subset, type ImageSet } from './imageSet';
import { ShapesSpecSchema, type ShapesSpec } from './synthetic';
import { bug } from '../messages';

/**
 * Data-bias knobs for the target TRAINING split (few-shot, long-tail imbalance, label noise) and
 * shifted copies of evaluation sets. Callers only ever pass the train split to `applyTrainBias`,
 * so validation and test labels stay clean and measure the damage honestly.
 */
export const SAMPLES_PER_CLASS = ['all', 1, 5, 10, 20, 50] as const;
export const SHIFT_KINDS = ['none', 'brightness', 'contrast', 'blur', 'noise', 'rotation', 'invert', 'background'] as const;
export type ShiftKind = (typeof SHIFT_KINDS)[number];
export type PixelShiftKind = Exclude<ShiftKind, 'none' | 'background'>;
export const PIXEL_SHIFT_KINDS: readonly PixelShiftKind[] = ['brightness', 'contrast', 'blur', 'noise', 'rotation', 'invert'];

export const BiasSchema = z.strictObject({
  samplesPerClass: z.literal(SAMPLES_PER_CLASS).default('all'),
  /** Largest / smallest class count in train after the knob; 1 leaves the counts as they are. */
  imbalanceRatio: z.number().min(1).max(100).default(1),
  labelNoise: z
    .strictObject({ fraction: z.number().min(0).max(0.8).default(0), mode: z.enum(['symmetric', 'pair']).default('symmetric') })
    .default({ fraction: 0, mode: 'symmetric' }),
  shift: z
    .strictObject({ kind: z.enum(SHIFT_KINDS).default('none'), severity: z.number().int().min(1).max(5).default(3) })
    .default({ kind: 'none', severity: 3 }),
});
export type Bias = z.infer<typeof BiasSchema>;
export const DEFAULT_BIAS: Bias = BiasSchema.parse({});

/**
 * Exact per-class training counts after the few-shot cap and the imbalance profile.
 * Imbalance is a geometric long tail over the non-empty classes in index order (class 0 is the
 * head, so the UI can say which classes are rare without knowing a seed): target_c = m·ratio^(−rank/(J−1)),
 * with m the largest scale every class can still supply, rounded, at least 1. Ratio 1 keeps counts as they are.
 */
export function plannedCounts(classCounts: readonly number[], bias: Bias): number[] {
  const cap = bias.samplesPerClass === 'all' ? Infinity : bias.samplesPerClass;
  const capped = classCounts.map((n) => Math.min(n, cap));
  const present = capped.flatMap((n, c) => (n > 0 ? [c] : []));
  if (bias.imbalanceRatio <= 1 || present.length < 2) return capped;
  const factor = (rank: number) => bias.imbalanceRatio ** (-rank / (present.length - 1));
  const scale = Math.min(...present.map((c, rank) => capped[c] / factor(rank)));
  const out = capped.map(() => 0);
  // round(scale·f) ≤ capped[c] because scale·f ≤ capped[c] and capped[c] is an integer.
  present.forEach((c, rank) => (out[c] = Math.max(1, Math.round(scale * factor(rank)))));
  return out;
}

export interface BiasedTrain {
  /** The biased training set (labels possibly corrupted), images in their original relative order. */
  set: ImageSet;
  /** Labels before noise, aligned with `set`. */
  trueLabels: Uint16Array;
  /** 1 where the label was corrupted. */
  noisy: Uint8Array;
  /** Per class, by true label. */
  cleanCounts: number[];
  /** Per class, by (possibly corrupted) label. */
  noisyCounts: number[];
}

function countLabels(labels: Uint16Array, k: number): number[] {
  const counts = new Array<number>(k).fill(0);
  for (const l of labels) counts[l]++;
  return counts;
}

/** Few-shot cap → imbalance → label noise, all seeded. */
export function applyTrainBias(train: ImageSet, bias: Bias, seed: number): BiasedTrain {
  const k = train.classNames.length;
  const byClass: number[][] = train.classNames.map(() => []);
  train.labels.forEach((l, i) => byClass[l].push(i));
  const counts = plannedCounts(
    byClass.map((ix) => ix.length),
    bias,
  );
  // One seeded shuffle per class and a prefix of it: the cap and the tail nest (1-shot ⊂ 5-shot),
  // and changing one class never reshuffles another.
  const kept = byClass
    .flatMap((ix, c) => new Rng(deriveSeed(seed, `bias:keep:${c}`)).shuffle(ix).slice(0, counts[c]))
    .sort((a, b) => a - b);
  const clean = subset(train, kept);
  const trueLabels = clean.labels;
  const labels = trueLabels.slice();
  const noisy = new Uint8Array(labels.length);
  // With one class there is no wrong label to flip to, so nothing is corrupted.
  const nNoisy = k < 2 ? 0 : Math.round(bias.labelNoise.fraction * labels.length);
  const rng = new Rng(deriveSeed(seed, 'bias:noise'));
  for (const i of permutation(labels.length, rng).slice(0, nNoisy)) {
    const c = trueLabels[i];
    // Offset in 1..k-1 guarantees a different class; symmetric is uniform over the others.
    labels[i] = (c + (bias.labelNoise.mode === 'pair' ? 1 : rng.int(1, k))) % k;
    noisy[i] = 1;
  }
  return {
    set: { ...clean, labels },
    trueLabels,
    noisy,
    cleanCounts: countLabels(trueLabels, k),
    noisyCounts: countLabels(labels, k),
  };
}

/** Per-severity strength of each pixel shift (severity 1–5, monotone). Values in [0,1] pixel units unless noted. */
const BRIGHTNESS = 0.15; // + per severity
const CONTRAST = 0.18; // factor = 1 − 0.18·s toward the image mean
const BLUR_SIGMA = 0.5; // px per severity, Gaussian
const NOISE_SIGMA = 0.06; // per severity
const ROTATION_DEG = 10; // per severity, direction seeded per image
/** Background: how much the shapes shrink at severities 3–5 so the new background fills more of each image. */
const SHAPE_SCALE = [1, 1, 0.85, 0.7, 0.55];

const clamp8 = (v: number) => (v <= 0 ? 0 : v >= 255 ? 255 : Math.round(v));

function checkSeverity(severity: number): void {
  if (!Number.isInteger(severity) || severity < 1 || severity > 5) throw bug(`severity must be 1–5, got ${severity}`); // the schema bounds it
}

function gaussianKernel(sigma: number): Float64Array {
  const r = Math.ceil(3 * sigma);
  const k = Float64Array.from({ length: 2 * r + 1 }, (_, i) => Math.exp(-((i - r) ** 2) / (2 * sigma * sigma)));
  const sum = k.reduce((a, b) => a + b, 0);
  return k.map((v) => v / sum);
}

/** Separable Gaussian with clamped edges, one image (HWC) in place. */
function blurImage(img: Uint8Array, w: number, h: number, ch: number, kernel: Float64Array): void {
  const r = (kernel.length - 1) / 2;
  const tmp = new Float64Array(img.length);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++)
      for (let c = 0; c < ch; c++) {
        let s = 0;
        for (let d = -r; d <= r; d++) s += kernel[d + r] * img[(y * w + Math.min(w - 1, Math.max(0, x + d))) * ch + c];
        tmp[(y * w + x) * ch + c] = s;
      }
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++)
      for (let c = 0; c < ch; c++) {
        let s = 0;
        for (let d = -r; d <= r; d++) s += kernel[d + r] * tmp[(Math.min(h - 1, Math.max(0, y + d)) * w + x) * ch + c];
        img[(y * w + x) * ch + c] = clamp8(s);
      }
}

/** Nearest-neighbour rotation about the centre; pixels from outside the frame become 0. */
function rotateImage(src: Uint8Array, dst: Uint8Array, w: number, h: number, ch: number, radians: number): void {
  const [cos, sin] = [Math.cos(radians), Math.sin(radians)];
  const [cx, cy] = [(w - 1) / 2, (h - 1) / 2];
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      // Inverse map: where in the source does this output pixel come from?
      const sx = Math.round(cos * (x - cx) + sin * (y - cy) + cx);
      const sy = Math.round(-sin * (x - cx) + cos * (y - cy) + cy);
      const o = (y * w + x) * ch;
      if (sx < 0 || sy < 0 || sx >= w || sy >= h) dst.fill(0, o, o + ch);
      else dst.set(src.subarray((sy * w + sx) * ch, (sy * w + sx + 1) * ch), o);
    }
}

/**
 * A deterministic shifted copy of an evaluation set. Random draws (noise values, rotation
 * directions) come from one stream per (seed, kind) and do not depend on severity, so a higher
 * severity scales the very same perturbation and is never weaker.
 */
export function shiftImages(set: ImageSet, kind: PixelShiftKind, severity: number, seed: number): ImageSet {
  checkSeverity(severity);
  const { width: w, height: h, channels: ch } = set;
  const size = imageSize(set);
  const n = set.labels.length;
  const src = set.pixels;
  const out = new Uint8Array(src);
  const rng = new Rng(deriveSeed(seed, `shift:${kind}`));
  switch (kind) {
    case 'brightness': {
      const delta = BRIGHTNESS * severity * 255;
      for (let i = 0; i < out.length; i++) out[i] = clamp8(src[i] + delta);
      break;
    }
    case 'contrast': {
      const factor = 1 - CONTRAST * severity;
      for (let i = 0; i < n; i++) {
        const img = src.subarray(i * size, (i + 1) * size);
        const mean = img.reduce((a, b) => a + b, 0) / size;
        for (let j = 0; j < size; j++) out[i * size + j] = clamp8(mean + (img[j] - mean) * factor);
      }
      break;
    }
    case 'blur': {
      const kernel = gaussianKernel(BLUR_SIGMA * severity);
      for (let i = 0; i < n; i++) blurImage(out.subarray(i * size, (i + 1) * size), w, h, ch, kernel);
      break;
    }
    case 'noise': {
      const sigma = NOISE_SIGMA * severity * 255;
      for (let i = 0; i < out.length; i++) out[i] = clamp8(src[i] + rng.normal() * sigma);
      break;
    }
    case 'rotation': {
      const radians = (ROTATION_DEG * severity * Math.PI) / 180;
      for (let i = 0; i < n; i++) {
        const sign = rng.bool() ? 1 : -1;
        rotateImage(src.subarray(i * size, (i + 1) * size), out.subarray(i * size, (i + 1) * size), w, h, ch, sign * radians);
      }
      break;
    }
    case 'invert': {
      // Blend toward the negative: severity/5 of the way, full inversion at 5.
      const t = severity / 5;
      for (let i = 0; i < out.length; i++) out[i] = clamp8(src[i] + (255 - 2 * src[i]) * t);
      break;
    }
  }
  return { ...set, pixels: out, labels: set.labels.slice() };
}

/** The most unlike single background for each training background. */
// A background tied to the class (byClass) shifts to one that is not; sets that draw among all
// backgrounds (mixed, any) shift to texture only.
const NEW_BACKGROUND = {
  plain: 'texture',
  texture: 'noise',
  noise: 'texture',
  checker: 'texture',
  mixed: 'texture',
  byClass: 'any',
  any: 'texture',
} as const;

/**
 * Background shift for synthetic shapes targets. synthetic.ts has no background-strength knob, so
 * severity 1 = `mixed` (about a third of images keep the training background: a partial shift), 2 = all images
 * on the new background, 3–5 = new background and shapes shrunk ×0.85/0.7/0.55 so more of every
 * image is unfamiliar background. A `mixed` source already covers all backgrounds; it goes to
 * texture-only from severity 1.
 */
export function shiftedShapesSpec(spec: ShapesSpec, severity: number): ShapesSpec {
  checkSeverity(severity);
  const fresh = NEW_BACKGROUND[spec.background];
  const background = severity === 1 && spec.background !== 'mixed' ? 'mixed' : fresh;
  const scale = SHAPE_SCALE[severity - 1];
  const size = spec.size.map((s) => Math.max(0.1, s * scale)) as [number, number];
  return ShapesSpecSchema.parse({ ...spec, background, size });
}

/**
 * The strength a shift's label names (the UI words it per language): the brightness added, the
 * contrast factor, blur or noise σ, rotation in degrees, percent inverted, or the shapes' scale.
 */
export function shiftAmount(kind: ShiftKind, severity: number): number {
  switch (kind) {
    case 'none':
      return 0;
    case 'brightness':
      return BRIGHTNESS * severity;
    case 'contrast':
      return 1 - CONTRAST * severity;
    case 'blur':
      return BLUR_SIGMA * severity;
    case 'noise':
      return NOISE_SIGMA * severity;
    case 'rotation':
      return ROTATION_DEG * severity;
    case 'invert':
      return severity * 20;
    case 'background':
      return SHAPE_SCALE[severity - 1]!;
  }
}
