/** 2D canvases for drawing uploads: OffscreenCanvas where there is one (workers), else a page canvas. */
import { bug } from '../../core/messages';

export type Canvas = OffscreenCanvas | HTMLCanvasElement;
type Context = OffscreenCanvasRenderingContext2D | CanvasRenderingContext2D;

export interface Surface {
  canvas: Canvas;
  ctx: Context;
}

/**
 * CPU-backed canvases by size, reused by every decode in this thread: allocating and clearing
 * fresh ones cost as much as the drawing. Safe because a decode draws and reads them without
 * awaiting in between. Least recently used first out, so a folder of mixed resolutions (each
 * crop has its own intermediate sizes) cannot pile up canvases; the fixed output sizes are used
 * by every photo and stay.
 */
const surfaces = new Map<number, Surface>();
export const MAX_REUSED_CANVASES = 8;
export const MAX_REUSED_SIDE = 1024;
export function reusedCanvas(side: number): Surface {
  // A huge photo's first halvings are drawn once each: not worth megabytes kept for ever.
  if (side > MAX_REUSED_SIDE) return makeCanvas(side, true);
  let s = surfaces.get(side);
  if (s) surfaces.delete(side);
  else s = makeCanvas(side, true);
  surfaces.set(side, s);
  if (surfaces.size > MAX_REUSED_CANVASES) surfaces.delete(surfaces.keys().next().value!);
  return s;
}
/** Forgets the kept canvases (for tests). */
export const clearReusedCanvases = (): void => surfaces.clear();

export function makeCanvas(side: number, willReadFrequently = false): Surface {
  const settings: CanvasRenderingContext2DSettings = { willReadFrequently };
  if (typeof OffscreenCanvas !== 'undefined') {
    const canvas = new OffscreenCanvas(side, side);
    const ctx = canvas.getContext('2d', settings);
    if (ctx) return { canvas, ctx };
  }
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = side;
  const ctx = canvas.getContext('2d', settings);
  if (!ctx) throw bug('2D canvas unavailable');
  return { canvas, ctx };
}
