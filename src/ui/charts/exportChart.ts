/**
 * Charts as files for slides and papers: the chart's own SVG (what recharts drew) framed with its
 * title and a legend, as SVG, and as PNG at twice the on-screen size. Everything is drawn from
 * the page; no text from a run name is ever interpreted as markup (it is escaped).
 */
import { FIGURE } from '../../theme';

export interface LegendItem {
  name: string;
  color: string;
  dashed?: boolean;
}

/** PNGs are drawn at this multiple of the on-screen chart: sharp on a projector and in print. */
export const PNG_SCALE = 2;

const TITLE_H = 32;
const LEGEND_ROW = 22;
const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'Noto Sans CJK SC', sans-serif";

const escapeXml = (s: string) =>
  s.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);

/** The framed chart as an SVG document, with its size. */
export function chartSvg(figure: Element, title: string, legend: readonly LegendItem[]): { svg: string; width: number; height: number } {
  // Recharts' surface, or a chart the lab draws as plain SVG (the class board's dot plots).
  const surface = figure.querySelector('svg.recharts-surface, svg.chart-surface');
  if (!surface) throw new Error('no chart drawn yet');
  const width = Math.round(Number(surface.getAttribute('width')) || surface.getBoundingClientRect().width);
  const chartH = Math.round(Number(surface.getAttribute('height')) || surface.getBoundingClientRect().height);
  const clone = surface.cloneNode(true) as SVGSVGElement;
  clone.removeAttribute('class');
  clone.removeAttribute('style');
  clone.setAttribute('x', '0');
  clone.setAttribute('y', String(TITLE_H));
  const inner = new XMLSerializer().serializeToString(clone);
  // Legend entries flow left to right and wrap, like the page's legend.
  let x = 12;
  let row = 0;
  const items: string[] = [];
  // Measured in the font it is drawn in: Chinese characters are about twice as wide as Latin ones.
  const ctx = document.createElement('canvas').getContext('2d');
  if (ctx) ctx.font = `13px ${FONT}`;
  const textWidth = (text: string) => (ctx ? ctx.measureText(text).width : text.length * 13);
  for (const item of legend) {
    const w = 40 + textWidth(item.name);
    if (x + w > width - 8 && x > 12) {
      x = 12;
      row++;
    }
    const y = TITLE_H + chartH + 14 + row * LEGEND_ROW;
    items.push(
      `<line x1="${x}" y1="${y}" x2="${x + 22}" y2="${y}" stroke="${escapeXml(item.color)}" stroke-width="3"${item.dashed ? ' stroke-dasharray="5 3"' : ''}/>` +
        `<text x="${x + 28}" y="${y + 4}" font-size="13">${escapeXml(item.name)}</text>`,
    );
    x += w;
  }
  const height = TITLE_H + chartH + (legend.length ? 14 + (row + 1) * LEGEND_ROW : 8);
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${escapeXml(FONT)}" fill="${FIGURE.text}">` +
    `<rect width="100%" height="100%" fill="${FIGURE.background}"/>` +
    `<text x="12" y="22" font-size="16" font-weight="600">${escapeXml(title)}</text>` +
    inner +
    items.join('') +
    `</svg>`;
  return { svg, width, height };
}

/** The same chart as PNG bytes, drawn through an image of the SVG at PNG_SCALE. */
export async function chartPng(svg: { svg: string; width: number; height: number }): Promise<Uint8Array<ArrayBuffer>> {
  const url = URL.createObjectURL(new Blob([svg.svg], { type: 'image/svg+xml' }));
  try {
    const img = new Image();
    img.src = url;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = svg.width * PNG_SCALE;
    canvas.height = svg.height * PNG_SCALE;
    const ctx = canvas.getContext('2d')!;
    ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
    const blob = await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('PNG encoding failed'))), 'image/png'),
    );
    return new Uint8Array(await blob.arrayBuffer());
  } finally {
    URL.revokeObjectURL(url);
  }
}
