import type { ExperimentConfig } from '../../core/config/experiment';
import { SCORE_NAMES } from '../../core/selection/scoreNames';
import { scoreAgreement, sourceKey, type ActualAccuracy } from '../../lab/selectionStore';
import type { ScoreRow } from '../../workers/engine/api';

/** The ranking table as JSON: every source's scores and timings, the per-seed fine-tuned accuracies, and each score's τ. */
export function rankingJson(config: ExperimentConfig, rows: readonly ScoreRow[], actual: Record<string, ActualAccuracy>) {
  return {
    app: 'transfer-lab',
    exportVersion: 1,
    kind: 'model-selection',
    config,
    sources: rows.map((r) =>
      r.ok
        ? {
            source: r.row.source,
            dims: r.row.dims,
            images: r.row.images,
            scores: r.row.scores,
            unavailable: r.row.unavailable,
            ms: r.row.ms,
            actual: actual[sourceKey(r.row.source)] ?? null,
          }
        : { source: r.source, error: r.error },
    ),
    kendall: scoreAgreement(rows, actual),
  };
}

const cell = (v: unknown) =>
  v === null || v === undefined ? '' : typeof v === 'number' ? String(v) : `"${String(v).replace(/"/g, '""')}"`;

/** One row per source: scores, milliseconds, and the fine-tuned accuracy per seed. */
export function rankingCsv(rows: readonly ScoreRow[], actual: Record<string, ActualAccuracy>): string {
  const seeds = Math.max(0, ...Object.values(actual).map((a) => a.perSeed.length));
  const header = [
    'source',
    'dims',
    ...SCORE_NAMES,
    'features_ms',
    ...SCORE_NAMES.map((n) => `${n}_ms`),
    'actual_mean',
    ...Array.from({ length: seeds }, (_, i) => `actual_seed${i + 1}`),
    'error',
  ];
  const lines = rows.map((r) => {
    const source = r.ok ? r.row.source : r.source;
    const a = actual[sourceKey(source)];
    if (!r.ok) return [sourceKey(source), ...header.slice(1, -1).map(() => ''), r.error].map(cell).join(',');
    return [
      sourceKey(source),
      r.row.dims,
      ...SCORE_NAMES.map((n) => r.row.scores[n]),
      r.row.ms.features,
      ...SCORE_NAMES.map((n) => r.row.ms[n] ?? null),
      a?.ci.mean ?? null,
      ...Array.from({ length: seeds }, (_, i) => a?.perSeed[i] ?? null),
      '',
    ]
      .map(cell)
      .join(',');
  });
  return [header.join(','), ...lines].join('\n') + '\n';
}
