import { type ScoreName } from '../../core/selection/scoreNames';
import { ui } from '../../i18n';
import type { ScoreRow } from '../../workers/engine/api';

export const t = ui.selection;
export const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
/** Accuracy intervals are shown within [0, 100%]: a t-interval over few seeds can reach past either end. */
export const clamp01 = (x: number) => Math.min(1, Math.max(0, x));
export const fmt = (name: ScoreName, x: number) => (name === 'knn' ? pct(x) : x.toFixed(3));
export const EXPLAIN: Record<ScoreName, 'logme' | 'leep' | 'knn'> = { logme: 'logme', leep: 'leep', hscore: 'knn', knn: 'knn' };

/** The best value per score column (all scores: higher is better), over rows that have it. */
export function bestOf(rows: readonly ScoreRow[], name: ScoreName): number | null {
  const values = rows.flatMap((r) => (r.ok && r.row.scores[name] !== null ? [r.row.scores[name]!] : []));
  return values.length ? Math.max(...values) : null;
}
