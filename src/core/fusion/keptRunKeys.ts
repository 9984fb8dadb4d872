/* What the page needs to know of kept runs, without the fusion code (and TF.js) behind them. */

/** Keys are `experiment:runId`: the keys of the most recent experiment's kept runs. */
export function latestExperimentKeys(kept: readonly { key: string }[]): string[] {
  const experimentOf = (key: string) => Number(key.split(':')[0]);
  const latest = Math.max(...kept.map((r) => experimentOf(r.key)));
  return kept.filter((r) => experimentOf(r.key) === latest).map((r) => r.key);
}

export type FusionRefusal = 'too-few' | 'unknown-run' | 'different-images';
