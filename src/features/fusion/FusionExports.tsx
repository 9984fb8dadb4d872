import type { FusionReport } from '../../core/fusion/ensemble';
import { ui } from '../../i18n';
import { download } from '../../platform/download';
import { fusionCsv, fusionJson, type FusionSeed } from './exportFusion';

/** The fused report (and the study's seeds) as JSON and CSV downloads. */
export function FusionExports({
  report,
  names,
  classNames,
  study,
}: {
  report: FusionReport;
  names: Record<string, string>;
  classNames: readonly string[];
  study: readonly FusionSeed[];
}) {
  return (
    <div className="row">
      <button
        className="button small"
        data-testid="export-fusion-json"
        onClick={() =>
          download('transfer-lab-fusion.json', JSON.stringify(fusionJson(report, names, classNames, study), null, 2), 'application/json')
        }
      >
        {ui.results.exportJson}
      </button>
      <button
        className="button small"
        data-testid="export-fusion-csv"
        onClick={() => download('transfer-lab-fusion.csv', fusionCsv(report, names, study), 'text/csv')}
      >
        {ui.results.exportCsv}
      </button>
    </div>
  );
}
