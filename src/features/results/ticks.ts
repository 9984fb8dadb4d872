/** About five round ticks (1, 2 or 5 × 10^k apart) inside [from, to]: integers, as x counts things. */
export function niceTicks(from: number, to: number): number[] {
  const raw = Math.max(1, (to - from) / 5);
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= raw)!;
  const ticks: number[] = [];
  for (let t = Math.ceil(from / step) * step; t <= to; t += step) ticks.push(t);
  return ticks;
}
