import * as tf from '@tensorflow/tfjs';
import { Rng, deriveSeed } from '../random';
import { AUGMENTATION_KINDS, type AugmentationKind, type Augmentations } from './schema';

/**
 * Batch-level augmentation. Every per-image parameter is drawn in JS from a seeded stream per
 * kind (toggling one kind never shifts another's draws) and uploaded as a tiny tensor; the work
 * itself is a fixed handful of batched ops, independent of the batch size. Images a kind did not
 * select come out bit-identical, either via tf.where or via zero coefficients (x + 0 = x).
 */

/** 2×3 affine [a b c; d e f] mapping output coords to input coords (centred pixel units). */
type Affine = [number, number, number, number, number, number];
/** 3×3 row-major colour matrix acting on column RGB vectors. */
type Mat3 = number[];

const active = (aug: Augmentations, kind: AugmentationKind) => aug[kind].enabled && aug[kind].p > 0;

/** Per-image draws for one kind: null where the image was not selected (probability p). */
function drawPerImage<T>(
  seed: number,
  kind: AugmentationKind,
  n: number,
  p: number,
  draw: (rng: Rng) => T,
  rng = new Rng(deriveSeed(seed, kind)),
): (T | null)[] {
  return Array.from({ length: n }, () => {
    const on = rng.bool(p);
    const v = draw(rng); // drawn either way, so image i's value doesn't depend on other images' masks
    return on ? v : null;
  });
}

const col = (values: number[]) => tf.tensor4d(values, [values.length, 1, 1, 1]);

/** `a` where mask is set, `b` elsewhere (bit-exact); skips the select when every image is set. */
function select(mask: boolean[], a: tf.Tensor4D, b: tf.Tensor4D): tf.Tensor4D {
  return mask.every(Boolean) ? a : tf.where(tf.tensor4d(mask, [mask.length, 1, 1, 1], 'bool'), a, b);
}

const compose = (m: Affine, n: Affine): Affine => [
  m[0] * n[0] + m[1] * n[3],
  m[0] * n[1] + m[1] * n[4],
  m[0] * n[2] + m[1] * n[5] + m[2],
  m[3] * n[0] + m[4] * n[3],
  m[3] * n[1] + m[4] * n[4],
  m[3] * n[2] + m[4] * n[5] + m[5],
];

const QUARTER_TURNS: [number, number][] = [
  [0, 1],
  [-1, 0],
  [0, -1],
]; // exact (cos, sin), no float residue

/**
 * crop → rot90 → rotate → translate, composed into one matrix per image so the batch is resampled
 * once (one op, one interpolation blur). Bilinear; out-of-image samples repeat the nearest edge pixel
 * ('nearest' fill) rather than black borders, which would be a spurious cue on plain backgrounds.
 */
function geometric(x: tf.Tensor4D, aug: Augmentations, seed: number): tf.Tensor4D {
  const [n, h, w] = x.shape;
  const mats: Affine[] = Array.from({ length: n }, () => [1, 0, 0, 0, 1, 0]);
  const touched: boolean[] = new Array(n).fill(false);
  const add = (kind: AugmentationKind, draw: (rng: Rng, s: number) => Affine) => {
    if (!active(aug, kind)) return;
    const s = aug[kind].strength;
    drawPerImage(seed, kind, n, aug[kind].p, (rng) => draw(rng, s)).forEach((m, i) => {
      if (!m) return;
      mats[i] = compose(mats[i], m);
      touched[i] = true;
    });
  };
  // Flips are affine maps too: folded into the one resampling (exact at pixel centres, so still involutions).
  add('hflip', () => [-1, 0, 0, 0, 1, 0]);
  add('vflip', () => [1, 0, 0, 0, -1, 0]);
  add('crop', (rng, s) => {
    // Aspect within [3/4, 4/3] but also [area, 1/area], so the crop always fits and s = 0 is the identity.
    const area = rng.uniform(1 - s, 1);
    const maxLog = Math.min(-Math.log(area), Math.log(4 / 3));
    const aspect = Math.exp(rng.uniform(-maxLog, maxLog));
    const cw = Math.sqrt(area * aspect);
    const ch = Math.sqrt(area / aspect);
    return [cw, 0, rng.uniform(-0.5, 0.5) * (1 - cw) * w, 0, ch, rng.uniform(-0.5, 0.5) * (1 - ch) * h];
  });
  add('rot90', (rng) => {
    const [c, s] = QUARTER_TURNS[rng.int(0, 3)];
    return [c, -s, 0, s, c, 0];
  });
  add('rotate', (rng, s) => {
    const t = (rng.uniform(-s, s) * Math.PI) / 180;
    return [Math.cos(t), -Math.sin(t), 0, Math.sin(t), Math.cos(t), 0];
  });
  add('translate', (rng, s) => [1, 0, rng.uniform(-s, s) * w, 0, 1, rng.uniform(-s, s) * h]);
  if (!touched.some(Boolean)) return x;

  // Centred → pixel-index coordinates: x_in = cx + a(x - cx) + b(y - cy) + c.
  const cx = (w - 1) / 2;
  const cy = (h - 1) / 2;
  const rows = mats.flatMap(([a, b, c, d, e, f]) => [a, b, cx + c - a * cx - b * cy, d, e, cy + f - d * cx - e * cy, 0, 0]);
  return select(touched, transform(x, tf.tensor2d(rows, [n, 8])), x);
}

/**
 * tf.image.transform, bilinear, 'nearest' fill. The tfjs 4.22 cpu kernel returns after the first
 * image of a batch (the rest stay at the fill value), so on cpu — Node tests, no-WebGL fallback,
 * where a kernel call costs no dispatch — we go image by image; WebGL runs one batched shader.
 */
function transform(x: tf.Tensor4D, rows: tf.Tensor2D): tf.Tensor4D {
  const warp = (img: tf.Tensor4D, t: tf.Tensor2D) => tf.image.transform(img, t, 'bilinear', 'nearest');
  if (tf.getBackend() !== 'cpu' || x.shape[0] === 1) return warp(x, rows);
  return tf.concat(tf.split<tf.Tensor4D>(x, x.shape[0]).map((img, i) => warp(img, rows.slice(i, 1))));
}

const matMul3 = (a: Mat3, b: Mat3): Mat3 =>
  Array.from({ length: 9 }, (_, k) => {
    const [r, c] = [Math.floor(k / 3), k % 3];
    return a[3 * r] * b[c] + a[3 * r + 1] * b[3 + c] + a[3 * r + 2] * b[6 + c];
  });

function inverse3([a, b, c, d, e, f, g, h, i]: Mat3): Mat3 {
  const A = e * i - f * h,
    B = f * g - d * i,
    C = d * h - e * g;
  const det = a * A + b * B + c * C;
  return [A, c * h - b * i, b * f - c * e, B, a * i - c * g, c * d - a * f, C, b * g - a * h, a * e - b * d].map((v) => v / det);
}

const IDENTITY3: Mat3 = [1, 0, 0, 0, 1, 0, 0, 0, 1];
const LUMA = [0.299, 0.587, 0.114];
const RGB_TO_YIQ: Mat3 = [...LUMA, 0.596, -0.274, -0.322, 0.211, -0.523, 0.312];
const YIQ_TO_RGB = inverse3(RGB_TO_YIQ);
const hueMatrix = (t: number): Mat3 =>
  matMul3(YIQ_TO_RGB, matMul3([1, 0, 0, 0, Math.cos(t), -Math.sin(t), 0, Math.sin(t), Math.cos(t)], RGB_TO_YIQ));
// Blend with luma grey: f·v + (1-f)·(w·v)·1.
const saturationMatrix = (f: number): Mat3 => Array.from({ length: 9 }, (_, k) => (k % 4 === 0 ? f : 0) + (1 - f) * LUMA[k % 3]);

/**
 * brightness → contrast → saturation → hue, folded into one per-image affine colour map
 * v ↦ f_c·HS·v + k·HS·1 with k = (1 - f_c)·mean + delta, applied as out = x + x·(f_c·HS - I)ᵀ + offset:
 * one batched matMul [n, h·w, 3] × [n, 3, 3]. Unselected images get an all-zero matrix and
 * offset, so they come out exact. (No clipping between the four steps; the final clip covers it.)
 */
function colour(x: tf.Tensor4D, aug: Augmentations, seed: number): tf.Tensor4D {
  const [n, h, w] = x.shape;
  const per = (kind: AugmentationKind, draw: (rng: Rng, s: number) => number) =>
    active(aug, kind) ? drawPerImage(seed, kind, n, aug[kind].p, (rng) => draw(rng, aug[kind].strength)) : new Array<null>(n).fill(null);
  const delta = per('brightness', (rng, s) => rng.uniform(-s, s));
  const contrast = per('contrast', (rng, s) => rng.uniform(1 - s, 1 + s));
  const sat = per('saturation', (rng, s) => rng.uniform(1 - s, 1 + s));
  const hue = per('hue', (rng, s) => rng.uniform(-s, s) * 2 * Math.PI);
  if (![delta, contrast, sat, hue].some((d) => d.some((v) => v !== null))) return x;

  const A: number[] = [];
  const u: number[] = [];
  for (let i = 0; i < n; i++) {
    const fc = contrast[i] ?? 1;
    const s = sat[i];
    const t = hue[i];
    const M = matMul3(t === null ? IDENTITY3 : hueMatrix(t), s === null ? IDENTITY3 : saturationMatrix(s));
    for (let r = 0; r < 3; r++) for (let c = 0; c < 3; c++) A.push(fc * M[3 * c + r] - (r === c ? 1 : 0)); // transposed for row pixels
    for (let r = 0; r < 3; r++) u.push(M[3 * r] + M[3 * r + 1] + M[3 * r + 2]);
  }
  const d = delta.map((v) => v ?? 0);
  const uT = tf.tensor4d(u, [n, 1, 1, 3]);
  const offset = contrast.some((v) => v !== null)
    ? x
        .reshape([n, -1])
        .mean(1)
        .reshape([n, 1, 1, 1])
        .mul(col(contrast.map((v) => 1 - (v ?? 1))))
        .add(col(d))
        .mul(uT)
    : col(d).mul(uT);
  const linear = A.some((v) => v !== 0) ? x.add(tf.matMul(x.reshape([n, h * w, 3]), tf.tensor3d(A, [n, 3, 3])).reshape(x.shape)) : x;
  return linear.add(offset);
}

/** Separable Gaussian blur (reflect-padded, so borders are not darkened), on the selected images. */
function blur(x: tf.Tensor4D, aug: Augmentations, seed: number): tf.Tensor4D {
  const [n, h, w] = x.shape;
  const mask = drawPerImage(seed, 'blur', n, aug.blur.p, () => true).map((v) => v === true);
  const sigma = aug.blur.strength;
  const r = Math.min(Math.ceil(3 * sigma), h - 1, w - 1);
  if (!mask.some(Boolean) || r < 1) return x;
  const g = Array.from({ length: 2 * r + 1 }, (_, j) => Math.exp(-((j - r) ** 2) / (2 * sigma * sigma)));
  const sum = g.reduce((a, b) => a + b, 0);
  const k = g.flatMap((v) => [v / sum, v / sum, v / sum]); // same 1-D kernel for all 3 channels
  const padded = tf.mirrorPad(
    x,
    [
      [0, 0],
      [r, r],
      [r, r],
      [0, 0],
    ],
    'reflect',
  );
  const rowsBlurred = tf.depthwiseConv2d(padded, tf.tensor4d(k, [1, 2 * r + 1, 3, 1]), 1, 'valid');
  return select(mask, tf.depthwiseConv2d(rowsBlurred, tf.tensor4d(k, [2 * r + 1, 1, 3, 1]), 1, 'valid'), x);
}

/**
 * Additive Gaussian noise. tf.randomNormal is generated on the CPU from its seed (on every backend),
 * so a seed drawn from our stream makes it reproducible; it must be non-zero, since tfjs falls back
 * to Math.random for a falsy seed. Unselected images get std 0 (x + 0·z = x).
 */
function noise(x: tf.Tensor4D, aug: Augmentations, seed: number): tf.Tensor4D {
  const rng = new Rng(deriveSeed(seed, 'noise'));
  const std = drawPerImage(seed, 'noise', x.shape[0], aug.noise.p, () => aug.noise.strength, rng).map((v) => v ?? 0);
  if (std.every((v) => v === 0)) return x;
  const z = tf.randomNormal(x.shape, 0, 1, 'float32', 1 + rng.int(0, 2 ** 31 - 2));
  return x.add(z.mul(col(std)));
}

/** Zero a square per image: coordinate grids compared against per-image box bounds (empty box = untouched). */
function cutout(x: tf.Tensor4D, aug: Augmentations, seed: number): tf.Tensor4D {
  const [n, h, w] = x.shape;
  const side = Math.max(1, Math.round(aug.cutout.strength * Math.min(h, w)));
  // Centre anywhere in the image; the square may hang over the border (standard cutout).
  const boxes = drawPerImage(seed, 'cutout', n, aug.cutout.p, (rng) => [rng.int(0, h), rng.int(0, w)].map((c) => c - Math.floor(side / 2)));
  if (boxes.every((b) => b === null)) return x;
  const [y0, x0] = [0, 1].map((j) => boxes.map((b) => (b ? b[j] : 0)));
  const [y1, x1] = [0, 1].map((j) => boxes.map((b) => (b ? b[j] + side : 0)));
  const inside = (grid: tf.Tensor, lo: number[], hi: number[]) => grid.greaterEqual(col(lo)).logicalAnd(grid.less(col(hi)));
  const ys = tf.range(0, h).reshape([1, h, 1, 1]);
  const xs = tf.range(0, w).reshape([1, 1, w, 1]);
  const hole = inside(ys, y0, y1).logicalAnd(inside(xs, x0, x1)); // [n, h, w, 1]
  return x.mul(hole.logicalNot().cast('float32'));
}

/**
 * Augment a float32 [n, h, w, 3] batch in [0, 1]. Order: geometric (flips included), then colour, blur,
 * noise, cutout; the result is clipped to [0, 1]. Deterministic in (x, aug, seed). The caller keeps
 * ownership of `x` and disposes the result (a clone when nothing is active).
 */
export function augmentBatch(x: tf.Tensor4D, aug: Augmentations, seed: number): tf.Tensor4D {
  return tf.tidy(() => {
    if (x.shape[0] === 0 || !AUGMENTATION_KINDS.some((k) => active(aug, k))) return x.clone();
    let y = geometric(x, aug, seed);
    y = colour(y, aug, seed);
    if (active(aug, 'blur')) y = blur(y, aug, seed);
    if (active(aug, 'noise')) y = noise(y, aug, seed);
    if (active(aug, 'cutout')) y = cutout(y, aug, seed);
    return tf.clipByValue(y, 0, 1);
  });
}
