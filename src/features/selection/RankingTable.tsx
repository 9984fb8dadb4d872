import type { Source } from '../../core/config/experiment';
import { SCORE_NAMES, type ScoreName } from '../../core/selection/scoreNames';
import { render } from '../../i18n';
import { toMsg } from '../../core/messages';
import { sourceKey, type ActualAccuracy, type scoreAgreement } from '../../lab/selectionStore';
import { ExplainLink } from '../../ui/ExplainLink';
import type { ScoreRow } from '../../workers/engine/api';
import { EXPLAIN, clamp01, fmt, pct, t } from './rankingFormat';

interface Shared {
  actual: Record<string, ActualAccuracy>;
  nameOf: (s: Source) => string;
  /** The best value of each score column, starred. */
  best: Record<ScoreName, number | null>;
  bestActual: number;
  /** Fine-tuned accuracies exist: the table gains their column and the rank agreement row. */
  hasActual: boolean;
}

/** One source's scores, time and (once checked) fine-tuned accuracy; or why it could not be scored. */
function RankingRow({ r, actual: actuals, nameOf, best, bestActual, hasActual }: Shared & { r: ScoreRow }) {
  const source = r.ok ? r.row.source : r.source;
  const key = sourceKey(source);
  if (!r.ok) {
    return (
      <tr data-testid="ranking-row">
        <td>{nameOf(source)}</td>
        <td colSpan={SCORE_NAMES.length + 2} className="error">
          {t.failed(render(toMsg(r.error)))}
        </td>
      </tr>
    );
  }
  const { row } = r;
  const scoreMs = SCORE_NAMES.reduce((a, n) => a + (row.ms[n] ?? 0), 0);
  const actual = actuals[key];
  return (
    <tr data-testid="ranking-row" data-source={key}>
      <td>{nameOf(source)}</td>
      <td>{row.dims}</td>
      {SCORE_NAMES.map((n) => {
        const v = row.scores[n];
        const reason = row.unavailable[n];
        const isBest = v !== null && v === best[n];
        return (
          <td
            key={n}
            data-testid={`score-${n}`}
            className={isBest ? 'best' : undefined}
            title={reason ? t.unavailable[reason] : isBest ? t.best : undefined}
          >
            {v === null ? '—' : fmt(n, v)}
            {isBest && <span aria-label={t.best}> ★</span>}
          </td>
        );
      })}
      <td data-testid="score-time" title={t.timeTitle(t.ms(row.ms.features), t.ms(scoreMs))}>
        {t.ms(row.ms.features + scoreMs)}
      </td>
      {hasActual && (
        <td data-testid="actual-accuracy" className={actual && actual.ci.mean === bestActual ? 'best' : undefined}>
          {actual
            ? `${pct(actual.ci.mean)}${actual.ci.n > 1 ? ` [${pct(clamp01(actual.ci.lo))}, ${pct(clamp01(actual.ci.hi))}]` : ''}`
            : '…'}
        </td>
      )}
    </tr>
  );
}

/** How well each score's ranking agrees with the fine-tuned ranking: Kendall's τ and its p-value. */
function KendallFooter({ agreement }: { agreement: ReturnType<typeof scoreAgreement> }) {
  return (
    <tfoot>
      <tr data-testid="kendall-row">
        <th colSpan={2}>{t.tau}</th>
        {SCORE_NAMES.map((n) => {
          const k = agreement[n];
          return (
            <td key={n} data-testid={`tau-${n}`} title={k ? undefined : t.tauNeedsThree}>
              {k ? (
                <>
                  {t.tau1(k.tau.toFixed(2))} <span className="muted block">{t.pValue(k.p.toFixed(3))}</span>
                </>
              ) : (
                '—'
              )}
            </td>
          );
        })}
        <td colSpan={2} />
      </tr>
    </tfoot>
  );
}

/** The sources ranked by transferability scores, checked against fine-tuning once that has run. */
export function RankingTable({
  rows,
  agreement,
  ...shared
}: Shared & { rows: readonly ScoreRow[]; agreement: ReturnType<typeof scoreAgreement> }) {
  return (
    <div className="table-scroll">
      <table className="summary ranking" data-testid="ranking-table">
        <thead>
          <tr>
            <th>{t.source}</th>
            <th>{t.dims}</th>
            {SCORE_NAMES.map((n) => (
              <th key={n} title={t.scores[n].note}>
                {t.scores[n].name} <ExplainLink topic={EXPLAIN[n]} />
              </th>
            ))}
            <th>{t.time}</th>
            {shared.hasActual && <th>{t.actual}</th>}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <RankingRow key={sourceKey(r.ok ? r.row.source : r.source)} r={r} {...shared} />
          ))}
        </tbody>
        {shared.hasActual && <KendallFooter agreement={agreement} />}
      </table>
    </div>
  );
}
