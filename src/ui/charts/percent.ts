/** Accuracy in percent, as the results' charts and tables show it. */

/** An accuracy axis' domain (one constant: recharts re-dispatches a prop whose identity changes). */
export const UNIT_DOMAIN: [number, number] = [0, 1];
/** An axis tick: a whole percent. */
export const pctTick = (v: number) => `${Math.round(v * 100)}%`;
/** One decimal: "37.5%". */
export const pct = (v: number) => `${(v * 100).toFixed(1)}%`;
/** A tooltip's or summary's value: a percent, or a dash where there is none. */
export const pctValue = (v: unknown) => (typeof v === 'number' ? pct(v) : '—');
/** A screen-reader table's cell: a percent, or empty where there is none. */
export const pctCell = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? pct(v) : null);
