import { render, ui } from '../../i18n';
import type { SaliencyReport } from '../../workers/engine/api';
import { paintOverlay } from './heat';
import { FIGURE } from '../../theme';

const SIZE = 256;

/** Every run's Grad-CAM and input-gradient overlays in a row, titled, at slide resolution. */
export async function saliencyPng(
  report: SaliencyReport,
  classNames: readonly string[],
  opacity: number,
): Promise<Uint8Array<ArrayBuffer>> {
  const runs = report.runs.filter((r): r is Extract<SaliencyReport['runs'][number], { maps: unknown }> => 'maps' in r);
  const head = 40;
  const w = 16 + runs.length * (2 * SIZE + 32);
  const canvas = new OffscreenCanvas(w, head + SIZE + 16);
  const ctx = canvas.getContext('2d')!;
  ctx.fillStyle = FIGURE.background;
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.fillStyle = FIGURE.text;
  runs.forEach((r, i) => {
    const ox = 16 + i * (2 * SIZE + 32);
    ctx.font = '600 14px system-ui, sans-serif';
    ctx.fillText(
      `${render(r.runName)} — ${ui.saliency.predicted(classNames[r.maps.predicted] ?? '', `${(r.maps.probability * 100).toFixed(0)}%`)}`,
      ox,
      18,
      2 * SIZE,
    );
    ctx.font = '13px system-ui, sans-serif';
    ctx.fillText(ui.saliency.gradcam, ox, 34);
    ctx.fillText(ui.saliency.inputGradient, ox + SIZE + 8, 34);
    paintOverlay(ctx, report.image, r.maps.gradcam, opacity, SIZE, ox, head);
    paintOverlay(ctx, report.image, r.maps.inputGradient, opacity, SIZE, ox + SIZE + 8, head);
  });
  return new Uint8Array(await (await canvas.convertToBlob({ type: 'image/png' })).arrayBuffer());
}
