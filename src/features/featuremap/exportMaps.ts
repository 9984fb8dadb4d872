import type { FeatureMapReport } from '../../core/projection/featureMaps';
import { className, ui } from '../../i18n';
import { featureMapsJson } from '../../lab/viewsJson';
import { FIGURE } from '../../theme';
import { classColour, drawPoints, layout, MAP_SIDE, panelTitle } from './mapDrawing';

/** The maps' numbers, with each panel's title as shown. */
export function mapsJson(report: FeatureMapReport) {
  const json = featureMapsJson(report);
  return { ...json, panels: json.panels.map((p, i) => ({ title: panelTitle(report.panels[i]!), ...p })) };
}

/** All panels side by side at twice the screen size, with titles, separability and a legend: for slides. */
export async function mapsPng(report: FeatureMapReport): Promise<Uint8Array<ArrayBuffer>> {
  const scale = 2;
  const head = 44;
  const legend = 28;
  const w = report.panels.length * (MAP_SIDE + 16) + 16;
  const h = head + MAP_SIDE + legend + 16;
  const canvas = new OffscreenCanvas(w * scale, h * scale);
  const ctx = canvas.getContext('2d')!;
  ctx.scale(scale, scale);
  ctx.fillStyle = FIGURE.background;
  ctx.fillRect(0, 0, w, h);
  const classes = report.images.classNames.length;
  report.panels.forEach((p, k) => {
    const ox = 16 + k * (MAP_SIDE + 16);
    ctx.fillStyle = FIGURE.text;
    ctx.font = '600 12px system-ui, sans-serif';
    ctx.fillText(panelTitle(p), ox, 18, MAP_SIDE);
    ctx.font = '12px system-ui, sans-serif';
    ctx.fillText(ui.maps.knn(`${(p.knn * 100).toFixed(1)}%`), ox, 34, MAP_SIDE);
    ctx.strokeStyle = FIGURE.frame;
    ctx.strokeRect(ox, head, MAP_SIDE, MAP_SIDE);
    drawPoints(ctx as unknown as CanvasRenderingContext2D, layout(p), report.images.labels, report.isVal, classes, ox, head);
  });
  let x = 16;
  ctx.font = '12px system-ui, sans-serif';
  report.images.classNames.map(className).forEach((name, c) => {
    ctx.fillStyle = classColour(c, classes);
    ctx.beginPath();
    ctx.arc(x + 5, head + MAP_SIDE + 18, 5, 0, Math.PI * 2);
    ctx.fill();
    ctx.fillStyle = FIGURE.text;
    ctx.fillText(name, x + 14, head + MAP_SIDE + 22);
    x += 24 + ctx.measureText(name).width;
  });
  return new Uint8Array(await (await canvas.convertToBlob({ type: 'image/png' })).arrayBuffer());
}
