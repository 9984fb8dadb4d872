import { z } from 'zod';
import { Rng, deriveSeed } from '../random';
import type { ImageSet } from './imageSet';
import { codeText } from '../messages';

/**
 * Procedural shapes at 32×32 RGB, deterministic by seed. Each knob exists so presets can build
 * transfer scenarios: `color: 'byClass'` makes colour a perfect shortcut for the class,
 * `'random'`/`'grayscale'` removes it; backgrounds and sizes create domain shift.
 * Image i depends only on (seed, i), so asking for more images never changes the first ones.
 */
export const SHAPE_KINDS = ['circle', 'square', 'triangle', 'star', 'cross', 'hexagon'] as const;
export type ShapeKind = (typeof SHAPE_KINDS)[number];
export type Rgb = readonly [number, number, number];

/** Distinct, saturated colours used when colour encodes the class. */
export const CLASS_PALETTE: readonly Rgb[] = [
  [230, 25, 75],
  [60, 180, 75],
  [0, 130, 200],
  [255, 225, 25],
  [145, 30, 180],
  [70, 240, 240],
];

export const ShapesSpecSchema = z.strictObject({
  shapes: z
    .array(z.enum(SHAPE_KINDS))
    .min(2)
    .max(SHAPE_KINDS.length)
    .refine((a) => new Set(a).size === a.length, codeText('err.zod.shapeOnce')),
  /** random: any hue per image; byClass: CLASS_PALETTE[class] exactly; grayscale: light gray levels. */
  color: z.enum(['random', 'byClass', 'grayscale']),
  /** Shape radius as a fraction of half the image side. */
  size: z.tuple([z.number().min(0.1).max(1), z.number().min(0.1).max(1)]),
  /** Max centre offset as a fraction of half the image side. */
  jitter: z.number().min(0).max(1),
  /** Max absolute rotation in degrees. */
  rotation: z.number().min(0).max(180),
  /**
   * mixed: one of plain / texture / noise, drawn per image. byClass: BACKGROUND_KINDS[class], so the
   * background alone gives the class away (the background shortcut); any: one of BACKGROUND_KINDS
   * drawn per image, whatever the class.
   */
  background: z.enum(['plain', 'texture', 'noise', 'checker', 'mixed', 'byClass', 'any']),
  side: z.number().int().min(8).max(64).optional(),
});
export type ShapesSpec = z.infer<typeof ShapesSpecSchema>;

export const DEFAULT_SHAPES: ShapesSpec = {
  shapes: ['circle', 'square', 'triangle', 'star'],
  color: 'random',
  size: [0.4, 0.8],
  jitter: 0.25,
  rotation: 180,
  background: 'plain',
};

export interface ShapeSample {
  cx: number;
  cy: number;
  radius: number;
  angle: number;
  color: Rgb;
}

const SUPERSAMPLE = 3;

function regularPolygon(n: number, radius = 1, phase = -Math.PI / 2): number[][] {
  return Array.from({ length: n }, (_, i) => {
    const a = phase + (2 * Math.PI * i) / n;
    return [radius * Math.cos(a), radius * Math.sin(a)];
  });
}

const STAR = Array.from({ length: 10 }, (_, i) => {
  const a = -Math.PI / 2 + (Math.PI * i) / 5;
  const r = i % 2 === 0 ? 1 : 0.45;
  return [r * Math.cos(a), r * Math.sin(a)];
});
const TRIANGLE = regularPolygon(3);
const HEXAGON = regularPolygon(6, 1, 0);

function inPolygon(x: number, y: number, poly: number[][]): boolean {
  let inside = false;
  for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) {
    const [xi, yi] = poly[i];
    const [xj, yj] = poly[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Is the point (in the shape's unit frame) inside the shape? Areas are roughly comparable. */
function inShape(kind: ShapeKind, x: number, y: number): boolean {
  switch (kind) {
    case 'circle':
      return x * x + y * y <= 0.8;
    case 'square':
      return Math.abs(x) <= 0.75 && Math.abs(y) <= 0.75;
    case 'triangle':
      return inPolygon(x, y, TRIANGLE);
    case 'star':
      return inPolygon(x, y, STAR);
    case 'cross':
      return (Math.abs(x) <= 1 && Math.abs(y) <= 0.34) || (Math.abs(x) <= 0.34 && Math.abs(y) <= 1);
    case 'hexagon':
      return inPolygon(x, y, HEXAGON);
  }
}

function hsvToRgb(h: number, s: number, v: number): Rgb {
  const f = (n: number) => {
    const k = (n + h * 6) % 6;
    return Math.round(255 * (v - v * s * Math.max(0, Math.min(k, 4 - k, 1))));
  };
  return [f(5), f(3), f(1)];
}

function foreground(spec: ShapesSpec, label: number, rng: Rng): Rgb {
  if (spec.color === 'byClass') return CLASS_PALETTE[label % CLASS_PALETTE.length];
  if (spec.color === 'grayscale') {
    const g = Math.round(rng.uniform(170, 255));
    return [g, g, g];
  }
  return hsvToRgb(rng.next(), rng.uniform(0.55, 1), rng.uniform(0.7, 1));
}

/** The backgrounds a class can own (`byClass`) or any image can draw (`any`), in class order. */
export const BACKGROUND_KINDS = ['plain', 'texture', 'noise', 'checker'] as const;

/** Which background image `label` gets; `mixed` keeps its original three-way draw, so its sets never change. */
function backgroundKind(spec: ShapesSpec, label: number, rng: Rng): (typeof BACKGROUND_KINDS)[number] {
  switch (spec.background) {
    case 'mixed':
      return rng.pick(['plain', 'texture', 'noise'] as const);
    case 'byClass':
      return BACKGROUND_KINDS[label % BACKGROUND_KINDS.length]!;
    case 'any':
      return rng.pick(BACKGROUND_KINDS);
    default:
      return spec.background;
  }
}

/** Fills `out` (side×side×3) with the background; dark so every foreground stands out. */
function paintBackground(spec: ShapesSpec, label: number, out: Float32Array, side: number, rng: Rng): void {
  const base = rng.uniform(0, 60);
  const kind = backgroundKind(spec, label, rng);
  if (kind === 'plain') {
    out.fill(base);
    return;
  }
  if (kind === 'noise') {
    for (let i = 0; i < out.length; i++) out[i] = Math.max(0, Math.min(255, base + rng.normal() * 25 + 20));
    return;
  }
  if (kind === 'checker') {
    // Tinted squares of a random size and offset: a pattern in two directions, unlike the stripes.
    const cell = Math.round(rng.uniform(3, 6));
    const [ox, oy] = [Math.floor(rng.uniform(0, cell)), Math.floor(rng.uniform(0, cell))];
    const tint = [rng.uniform(0, 50), rng.uniform(0, 50), rng.uniform(0, 50)];
    for (let y = 0; y < side; y++) {
      for (let x = 0; x < side; x++) {
        const on = (Math.floor((x + ox) / cell) + Math.floor((y + oy) / cell)) % 2;
        for (let ch = 0; ch < 3; ch++) out[(y * side + x) * 3 + ch] = base * 0.5 + tint[ch]! + on * 35;
      }
    }
    return;
  }
  // texture: tinted stripes at a random angle and period.
  const angle = rng.uniform(0, Math.PI);
  const period = rng.uniform(3, 8);
  const tint = [rng.uniform(0, 50), rng.uniform(0, 50), rng.uniform(0, 50)];
  const [c, s] = [Math.cos(angle), Math.sin(angle)];
  for (let y = 0; y < side; y++) {
    for (let x = 0; x < side; x++) {
      const stripe = Math.sin(((x * c + y * s) * 2 * Math.PI) / period) > 0 ? 1 : 0;
      for (let ch = 0; ch < 3; ch++) out[(y * side + x) * 3 + ch] = base * 0.5 + tint[ch] + stripe * 35;
    }
  }
}

function renderOne(spec: ShapesSpec, label: number, rng: Rng, side: number, target: Uint8Array): ShapeSample {
  const kind = spec.shapes[label];
  const half = side / 2;
  const radius = rng.uniform(spec.size[0], spec.size[1]) * half;
  // Shift at most `jitter`, and never so far that the shape leaves the frame.
  const maxShift = Math.max(0, Math.min(spec.jitter * half, half - radius * 0.8));
  const cx = half + rng.uniform(-1, 1) * maxShift;
  const cy = half + rng.uniform(-1, 1) * maxShift;
  const angle = (rng.uniform(-1, 1) * spec.rotation * Math.PI) / 180;
  const color = foreground(spec, label, rng);
  const bg = new Float32Array(side * side * 3);
  paintBackground(spec, label, bg, side, rng);
  const [cos, sin] = [Math.cos(-angle), Math.sin(-angle)];
  for (let py = 0; py < side; py++) {
    for (let px = 0; px < side; px++) {
      let hits = 0;
      for (let sy = 0; sy < SUPERSAMPLE; sy++) {
        for (let sx = 0; sx < SUPERSAMPLE; sx++) {
          const dx = (px + (sx + 0.5) / SUPERSAMPLE - cx) / radius;
          const dy = (py + (sy + 0.5) / SUPERSAMPLE - cy) / radius;
          if (inShape(kind, dx * cos - dy * sin, dx * sin + dy * cos)) hits++;
        }
      }
      const a = hits / (SUPERSAMPLE * SUPERSAMPLE);
      const o = (py * side + px) * 3;
      for (let ch = 0; ch < 3; ch++) target[o + ch] = Math.round(bg[o + ch] * (1 - a) + color[ch] * a);
    }
  }
  return { cx, cy, radius, angle, color };
}

/** `count` images, classes interleaved (image i has class i mod #shapes), so any prefix is balanced. */
export function generateShapes(spec: ShapesSpec, count: number, seed: number): { set: ImageSet; samples: ShapeSample[] } {
  const side = spec.side ?? 32;
  const size = side * side * 3;
  const pixels = new Uint8Array(count * size);
  const labels = new Uint16Array(count);
  const samples: ShapeSample[] = [];
  for (let i = 0; i < count; i++) {
    const label = i % spec.shapes.length;
    labels[i] = label;
    const rng = new Rng(deriveSeed(seed, `shape:${i}`));
    samples.push(renderOne(spec, label, rng, side, pixels.subarray(i * size, (i + 1) * size)));
  }
  return { set: { width: side, height: side, channels: 3, pixels, labels, classNames: [...spec.shapes] }, samples };
}
