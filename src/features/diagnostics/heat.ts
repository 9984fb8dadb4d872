import type { ImageSet } from '../../core/data/imageSet';

/** 0–1 → a dark-red-to-yellow ramp (perceptually ordered, readable on grey images). */
export function heatColour(v: number): [number, number, number] {
  return [Math.round(255 * Math.min(1, 2 * v + 0.2)), Math.round(255 * Math.max(0, 2 * v - 0.8)), Math.round(64 * (1 - v))];
}

/** Paints image 0 of `image` at `size` pixels with `heat` (side × side, 0–1) blended over it. */
export function paintOverlay(
  ctx: CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D,
  image: ImageSet,
  heat: Float32Array,
  opacity: number,
  size: number,
  ox = 0,
  oy = 0,
): void {
  const { width: w, height: h, channels: c, pixels } = image;
  const side = Math.round(Math.sqrt(heat.length));
  const out = ctx.createImageData(size, size);
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++) {
      const sx = Math.floor((x * w) / size);
      const sy = Math.floor((y * h) / size);
      const hv = heat[Math.floor((y * side) / size) * side + Math.floor((x * side) / size)] ?? 0;
      const colour = heatColour(hv);
      const a = opacity * hv;
      const o = (y * size + x) * 4;
      for (let k = 0; k < 3; k++) {
        const base = pixels[(sy * w + sx) * c + (c === 1 ? 0 : k)]!;
        out.data[o + k] = Math.round(base * (1 - a) + colour[k]! * a);
      }
      out.data[o + 3] = 255;
    }
  ctx.putImageData(out, ox, oy);
}
