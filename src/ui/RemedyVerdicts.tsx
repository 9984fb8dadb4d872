import type { RemedyReport } from '../core/remedies/report';
import { tRemedies as t } from '../i18n';
import { ExplainLink } from './ExplainLink';

const pts = (x: number) => x * 100;
const pct = (x: number) => `${(x * 100).toFixed(0)}%`;

/**
 * Each remedy of a comparison against plain transfer, one line each: its difference on the metric
 * that matters for its challenge, with the 95% CI over seeds (or the single seed's difference),
 * and, for small-loss selection, how well the last epoch's kept samples avoided the flipped labels.
 */
export function RemedyVerdicts({
  reports,
  selection,
}: {
  reports: readonly RemedyReport[];
  /** Small-loss selection's last epoch (precision, recall), if it ran. */
  selection?: { precision: number; recall: number } | null;
}) {
  if (!reports.length) return null;
  return (
    <div className="remedy-verdicts" data-testid="remedy-verdicts">
      <h4>
        {t.verdictTitle} <ExplainLink topic="remedies" />
      </h4>
      {reports.map((r) => {
        const name = t.names[r.remedy];
        const metric = t.metricNames[r.metric];
        const { mean, lo, hi, n } = r.difference;
        const line =
          r.verdict === 'single' ? t.single(name, metric, pts(mean)) : t[r.verdict](name, metric, pts(mean), pts(lo), pts(hi), n);
        const badge = r.verdict === 'helps' ? 'positive' : r.verdict === 'hurts' ? 'negative' : 'inconclusive';
        return (
          <p key={r.remedy} className={`verdict ${badge}`} data-testid="remedy-verdict" data-remedy={r.remedy} data-verdict={r.verdict}>
            {r.verdict !== 'single' && <span className="verdict-badge">{t.verdicts[r.verdict]}</span>} {line}
            {r.remedy === 'smallLoss' && selection && (
              <span className="muted small" data-testid="selection-quality">
                {' '}
                {t.selection(pct(selection.precision), pct(selection.recall))}
              </span>
            )}
          </p>
        );
      })}
    </div>
  );
}
