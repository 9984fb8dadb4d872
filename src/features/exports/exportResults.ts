import { featureMapsJson, saliencyJson } from '../../lab/viewsJson';
import type { FeatureMapReport } from '../../core/projection/featureMaps';
import type { SaliencyReport } from '../../workers/engine/api';
import type { ExperimentConfig } from '../../core/config/experiment';
import type { RunView } from '../../lab/runStore';
import { buildReports } from '../../lab/runReports';

/** The results file: each run's summary row (as the summary table shows it) and curves, and the views last drawn. */
export function resultsJson(
  config: ExperimentConfig | null,
  runs: RunView[],
  threshold: number,
  classNames: string[],
  views?: { featureMaps: FeatureMapReport | null; saliency: SaliencyReport | null },
) {
  const reports = buildReports(runs, threshold);
  return {
    app: 'transfer-lab',
    exportVersion: 1,
    exportedAt: new Date().toISOString(),
    config,
    threshold,
    classNames,
    runs: runs.map((r, i) => ({
      ...reports[i],
      epochs: r.epochs,
      confusion: r.result?.confusion ?? null,
      perClassAccuracy: r.result?.perClassAccuracy ?? null,
      wiseft: r.wiseft ?? null,
    })),
    // The feature-space maps and saliency maps last drawn, as numbers (null when not drawn).
    featureMaps: views?.featureMaps ? featureMapsJson(views.featureMaps) : null,
    saliency: views?.saliency ? saliencyJson(views.saliency) : null,
  };
}

const CSV_COLUMNS = [
  'run',
  'kind',
  'epoch',
  'examplesSeen',
  'trainLoss',
  'trainAccuracy',
  'valLoss',
  'valAccuracy',
  'shiftedAccuracy',
  'sourceAccuracy',
  'wallMs',
] as const;

/** One row per run per epoch. */
export function resultsCsv(runs: RunView[]): string {
  const rows = runs.flatMap((r) =>
    r.epochs.map((m) => [
      r.info.id,
      r.info.kind,
      m.epoch,
      m.examplesSeen,
      m.trainLoss,
      m.trainAccuracy,
      m.valLoss,
      m.valAccuracy,
      m.shiftedAccuracy ?? '',
      m.sourceAccuracy ?? '',
      m.wallMs,
    ]),
  );
  return [CSV_COLUMNS.join(','), ...rows.map((row) => row.join(','))].join('\n') + '\n';
}
