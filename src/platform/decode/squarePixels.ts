/** Resizing a decoded picture to the model's square inputs and the thumbnail, on CPU-backed canvases. */
import { makeCanvas, reusedCanvas, type Surface } from './canvases';
import type { Picture } from './decodePicture';
import { THUMBNAIL_SIDE } from './thumbnails';

/**
 * Square sizes to draw through when shrinking `from` to `to`: a single big drawImage step
 * samples only a few source pixels per output pixel (aliasing), so halve until within 2×.
 */
export function downscaleSteps(from: number, to: number): number[] {
  const steps: number[] = [];
  for (let s = from; s > 2 * to;) {
    s = Math.ceil(s / 2);
    steps.push(s);
  }
  steps.push(to);
  return steps;
}

/**
 * Draw a square region of `source` through the halving chain down (or up) to `to`. `first` says
 * whether `source` is the decoded picture (which may be transparent) rather than an earlier step.
 */
function resizeSquare(
  source: CanvasImageSource,
  x: number,
  y: number,
  size: number,
  to: number,
  first: boolean,
  readBack: boolean,
  legacy: boolean,
): Surface {
  let src = source;
  let sx = x;
  let sy = y;
  let s = size;
  let out: Surface | undefined;
  const steps = downscaleSteps(size, to);
  for (const [i, step] of steps.entries()) {
    // CPU-backed canvases for every step: these images are small (≤ 224 px after the first
    // halving), so a GPU canvas gains nothing and costs a round trip per step (in a worker on a
    // machine without a GPU, software GL: 1.4× slower decoding of 320×240 photos).
    out = legacy ? makeCanvas(step, readBack && i === steps.length - 1) : reusedCanvas(step);
    // Transparent pixels would read back as black; composite onto white as viewers show them.
    // Later steps draw an opaque canvas over the whole of theirs, which replaces what was there.
    if (first || legacy) {
      out.ctx.fillStyle = '#fff';
      out.ctx.fillRect(0, 0, step, step);
    }
    first = false;
    out.ctx.imageSmoothingEnabled = true;
    out.ctx.imageSmoothingQuality = 'high';
    out.ctx.drawImage(src, sx, sy, s, s, 0, 0, step, step);
    [src, sx, sy, s] = [out.canvas, 0, 0, step];
  }
  return out!;
}

/**
 * Centre-crop to a square (the model input is square; stretching would distort shapes), then
 * resize to each of `sides` and to the thumbnail, largest first, each derived from the previous.
 */
export function squarePixels(bitmap: Picture, sides: number[], legacy: boolean): { pixels: Map<number, Uint8Array>; thumbnail: Surface } {
  const crop = Math.min(bitmap.width, bitmap.height);
  const x = Math.floor((bitmap.width - crop) / 2);
  const y = Math.floor((bitmap.height - crop) / 2);
  const chain = [...new Set([...sides, THUMBNAIL_SIDE])].sort((a, b) => b - a);
  const pixels = new Map<number, Uint8Array>();
  let thumbnail: Surface | null = null;
  let from: { source: CanvasImageSource; x: number; y: number; size: number } = { source: bitmap.source, x, y, size: crop };
  for (const s of chain) {
    const read = sides.includes(s);
    const out = resizeSquare(from.source, from.x, from.y, from.size, s, from.source === bitmap.source, read, legacy);
    if (read) {
      const rgba = out.ctx.getImageData(0, 0, s, s).data;
      const rgb = new Uint8Array(s * s * 3);
      for (let i = 0, j = 0; i < rgba.length; i += 4, j += 3) {
        rgb[j] = rgba[i];
        rgb[j + 1] = rgba[i + 1];
        rgb[j + 2] = rgba[i + 2];
      }
      pixels.set(s, rgb);
    }
    if (s === THUMBNAIL_SIDE) thumbnail = out;
    from = { source: out.canvas, x: 0, y: 0, size: s };
  }
  return { pixels, thumbnail: thumbnail! };
}
