import { BOARD } from '../../theme';

/** The board's plots share one drawing width (they scale to their box) and margins for the axis labels. */
export const W = 640;
export const PAD = { left: 44, right: 16, top: 12, bottom: 30 };

/** Points with a sign: "+12.3". */
export const pts = (v: number) => `${v >= 0 ? '+' : ''}${(v * 100).toFixed(1)}`;

/** A student's dot, drawn as attributes, not CSS, so an exported SVG keeps them. */
export const dotStyle = (hurt: boolean, outlier: boolean) => ({
  fill: hurt ? BOARD.hurt : BOARD.helped,
  fillOpacity: 0.8,
  stroke: outlier ? BOARD.outlierRing : 'none',
  strokeWidth: outlier ? 2 : 0,
  'data-outlier': outlier ? 'true' : undefined,
});

/** The student pointed at (a dot or a table row), whose curves the band chart draws. */
export interface Pointing {
  pointed: number | null;
  point: (seed: number | null) => void;
}
