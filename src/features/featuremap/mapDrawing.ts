import type { MapPanel } from '../../core/projection/featureMaps';
import { sourceLabel } from '../../core/train/plan';
import { RUN_PALETTE } from '../../theme';
import { render, ui } from '../../i18n';

/** Class colours: the lab's one palette (twelve colour-blind-safe hues), then evenly spaced ones. */
const PALETTE = RUN_PALETTE;
export const classColour = (c: number, classes: number): string =>
  classes <= PALETTE.length ? PALETTE[c]! : `hsl(${Math.round((c * 360) / classes)} 70% 45%)`;

export const MAP_SIDE = 260;
const MARGIN = 12;

/** Canvas positions (CSS pixels) of a panel's points, fitted into the square with a margin, aspect kept. */
export function layout(panel: MapPanel, side = MAP_SIDE): Float32Array {
  const n = panel.coords.length / 2;
  let [x0, x1, y0, y1] = [Infinity, -Infinity, Infinity, -Infinity];
  for (let i = 0; i < n; i++) {
    const x = panel.coords[i * 2]!;
    const y = panel.coords[i * 2 + 1]!;
    [x0, x1, y0, y1] = [Math.min(x0, x), Math.max(x1, x), Math.min(y0, y), Math.max(y1, y)];
  }
  const span = Math.max(x1 - x0, y1 - y0) || 1;
  const scale = (side - 2 * MARGIN) / span;
  const [cx, cy] = [(x0 + x1) / 2, (y0 + y1) / 2];
  const out = new Float32Array(n * 2);
  for (let i = 0; i < n; i++) {
    out[i * 2] = side / 2 + (panel.coords[i * 2]! - cx) * scale;
    // Screen y grows downwards; flip so the second axis points up, as in any plot.
    out[i * 2 + 1] = side / 2 - (panel.coords[i * 2 + 1]! - cy) * scale;
  }
  return out;
}

/** Draws the points: training images filled, validation images as rings. */
export function drawPoints(
  ctx: CanvasRenderingContext2D,
  at: Float32Array,
  labels: Uint16Array,
  isVal: Uint8Array,
  classes: number,
  ox = 0,
  oy = 0,
): void {
  for (let i = 0; i < labels.length; i++) {
    ctx.beginPath();
    ctx.arc(ox + at[i * 2]!, oy + at[i * 2 + 1]!, 2.6, 0, Math.PI * 2);
    const colour = classColour(labels[i]!, classes);
    if (isVal[i]) {
      ctx.strokeStyle = colour;
      ctx.lineWidth = 1.2;
      ctx.stroke();
    } else {
      ctx.fillStyle = colour;
      ctx.globalAlpha = 0.8;
      ctx.fill();
      ctx.globalAlpha = 1;
    }
  }
}

/** The point nearest to (x, y) within `radius` pixels, or −1. */
export function nearest(at: Float32Array, x: number, y: number, radius = 6): number {
  let best = -1;
  let bestD = radius * radius;
  for (let i = 0; i < at.length / 2; i++) {
    const d = (at[i * 2]! - x) ** 2 + (at[i * 2 + 1]! - y) ** 2;
    if (d <= bestD) [best, bestD] = [i, d];
  }
  return best;
}

/** A panel's title: whose features, before or after training. */
export function panelTitle(p: MapPanel): string {
  if (p.kind === 'source') return ui.maps.sourcePanel(p.source ? sourceLabel(p.source) : '');
  return p.kind === 'frozen'
    ? ui.maps.frozenPanel(p.runName ? render(p.runName) : p.id)
    : ui.maps.trainedPanel(p.runName ? render(p.runName) : p.id);
}
