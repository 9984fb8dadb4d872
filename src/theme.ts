/**
 * The lab's colours drawn from TypeScript: the run palette, the charts' colours and those of the
 * exported figures. Constants only, importing nothing, so every layer (the core included) may use
 * it. The page's own colours are CSS custom properties in src/app/app.css (some repeat these
 * values: --ink is FIGURE.text, --grid and --line are CHART.grid).
 */

/**
 * Twelve colours that stay apart for the common kinds of colour blindness (Tableau 10, then two
 * darker tones); the first transfer run and the scratch baseline keep the lab's blue and orange.
 */
export const RUN_PALETTE = [
  '#2563eb',
  '#ea580c',
  '#059669',
  '#dc2626',
  '#7c3aed',
  '#a16207',
  '#db2777',
  '#4b5563',
  '#65a30d',
  '#0891b2',
  '#1e3a8a',
  '#7f1d1d',
] as const;

/** A kept run's colour when its record carries none (a 6-digit hex: saved analyses require one). */
export const RUN_FALLBACK_COLOR = '#666666';

/** On-page charts (recharts, SVG). Axis ticks and labels keep recharts' defaults. */
export const CHART = {
  /** Horizontal grid lines. */
  grid: '#e5e7eb',
  /** A marker line across a chart, such as the WiSE-FT slider's α. */
  reference: '#9ca3af',
  /** The made-up runs of the hidden warm-up drawing (never seen). */
  warmupRun: '#888',
  /** The accuracy sparkline of each saved experiment. */
  sparkline: RUN_PALETTE[0],
} as const;

/** The forgetting meter: source accuracy in the palette's violet, the target's in the transfer run's blue. */
export const FORGETTING = {
  source: RUN_PALETTE[4],
  target: RUN_PALETTE[0],
} as const;

/**
 * Confusion-matrix cells, shaded by count: RGB channels (for rgba() with the count as alpha) of
 * RUN_PALETTE[0] on the diagonal and RUN_PALETTE[1] off it.
 */
export const CONFUSION = {
  correctRgb: [37, 99, 235],
  wrongRgb: [234, 88, 12],
  /** A count's text on a cell shaded past half. */
  strongText: 'white',
} as const;

/** Exported figures (PNG and SVG files for slides and papers): always light, whatever the page's theme. */
export const FIGURE = {
  background: '#ffffff',
  /** Titles, labels and legend text. */
  text: '#111827',
  /** The outline around each feature-map panel. */
  frame: '#e5e7eb',
} as const;

/** The class board's dots: a student transfer helped (blue), one it hurt (orange), an unusual one ringed. */
export const BOARD = {
  helped: RUN_PALETTE[0],
  hurt: RUN_PALETTE[1],
  outlierRing: '#111827',
  /** The zero line, the diagonal and the class CI bar. */
  marks: '#4b5563',
} as const;
