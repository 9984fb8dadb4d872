import type { RefObject } from 'react';
import { ui } from '../../i18n';
import { chartPng, chartSvg, type LegendItem } from './exportChart';

/** Saves a file (the feature passes the platform's download: ui/ knows no browser plumbing). */
export type Download = (name: string, data: string | Uint8Array<ArrayBuffer>, type: string) => void;

/** PNG and SVG buttons for one chart: the file has the chart's title and legend, at presentation size. */
export function ChartExport({
  figure,
  title,
  legend,
  file,
  download,
}: {
  figure: RefObject<HTMLElement | null>;
  title: string;
  legend: () => LegendItem[];
  file: string;
  download: Download;
}) {
  const svg = () => (figure.current ? chartSvg(figure.current, title, legend()) : null);
  return (
    <span className="chart-export">
      <button
        className="link small"
        data-testid={`${file}-png`}
        title={ui.results.exportPngTitle}
        onClick={async () => {
          const s = svg();
          // A failed drawing (the browser refused the image) leaves the button as it was; the SVG still works.
          if (s)
            await chartPng(s).then(
              (png) => download(`transfer-lab-${file}.png`, png, 'image/png'),
              (err: unknown) => console.error('PNG export failed', err),
            );
        }}
      >
        PNG
      </button>
      <button
        className="link small"
        data-testid={`${file}-svg`}
        title={ui.results.exportSvgTitle}
        onClick={() => {
          const s = svg();
          if (s) download(`transfer-lab-${file}.svg`, s.svg, 'image/svg+xml');
        }}
      >
        SVG
      </button>
    </span>
  );
}
