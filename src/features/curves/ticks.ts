/** The smallest of `multiples` × 10^k that is at least `raw`: a round tick step. */
function roundStep(raw: number, multiples: number[]): number {
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  return multiples.map((m) => m * magnitude).find((s) => s >= raw)!;
}

/** About five round ticks (1, 2 or 5 × 10^k apart) inside [from, to]: integers, as x counts things. */
export function niceTicks(from: number, to: number): number[] {
  const step = roundStep(Math.max(1, (to - from) / 5), [1, 2, 5, 10]);
  const ticks: number[] = [];
  for (let t = Math.ceil(from / step) * step; t <= to; t += step) ticks.push(t);
  return ticks;
}

/**
 * Round ticks from 0 up to the first one at or above `max` (1, 2, 2.5 or 5 × 10^k apart, about
 * five intervals): a y axis for values that start at zero (losses, accuracies). Computed here
 * rather than by recharts, whose automatic nice ticks run decimal arithmetic on every redraw.
 */
export function ceilingTicks(max: number): number[] {
  if (!(max > 0) || !Number.isFinite(max)) return [0, 1];
  const step = roundStep(max / 5, [1, 2, 2.5, 5, 10]);
  const count = Math.ceil(max / step - 1e-9);
  // toPrecision strips float noise such as 0.30000000000000004.
  return Array.from({ length: count + 1 }, (_, i) => Number((i * step).toPrecision(12)));
}
