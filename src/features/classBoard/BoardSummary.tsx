import { pts } from './plot';
import type { ClassReport } from '../../core/classBoard/classReport';
import { studentLabel } from '../../core/classBoard/board';
import { runName, tClass as t, tPresets } from '../../i18n';
import type { TransferReport } from '../../core/metrics/transfer';
import { pctTick } from '../../ui/charts/percent';

/** The study's verdict rule with students for seeds, in the board's words (points of final accuracy). */
function verdictText(r: TransferReport): string {
  const g = r.asymptoticGain;
  const abs = (v: number) => (Math.abs(v) * 100).toFixed(1);
  if (r.seeds === 1) return t.verdict.single(pts(g.mean));
  if (r.verdict === 'positive') return t.verdict.positive(abs(g.mean), abs(g.lo), abs(g.hi), r.seeds);
  if (r.verdict === 'negative') return t.verdict.negative(abs(g.mean), abs(g.hi), abs(g.lo), r.seeds);
  return t.verdict.inconclusive(pts(g.mean), pts(g.lo), pts(g.hi), r.seeds);
}

/** The class in sentences: the NTG mean and CI, the verdict, how many saw negative transfer, who is unusual, and the preset's claim. */
export function BoardSummary({ report }: { report: ClassReport }) {
  const ntg = report.transfer?.ntg ?? null;
  const withNtg = report.students.filter((s) => s.ntg !== null).length;
  const outliers = report.students.filter((s) => s.outlier);
  const cmp = report.preset;
  return (
    <div className="board-summary" data-testid="board-summary">
      {ntg && (
        <p data-testid="board-ntg-mean" data-mean={ntg.mean} data-lo={ntg.lo} data-hi={ntg.hi} data-n={ntg.n}>
          <strong>{ntg.n > 1 ? t.meanCi(pts(ntg.mean), pts(ntg.lo), pts(ntg.hi)) : t.meanOnly(pts(ntg.mean))}</strong>
        </p>
      )}
      {report.transfer && (
        <p data-testid="board-verdict" data-verdict={report.transfer.verdict}>
          {verdictText(report.transfer)}
        </p>
      )}
      {ntg && (
        <p data-testid="board-negative" data-negative={report.negative}>
          {t.negative(report.negative, withNtg)}{' '}
          <span data-testid="board-outliers" data-outliers={outliers.length}>
            {outliers.length ? t.outliers(outliers.map(studentLabel).join(', ')) : t.noOutliers}
          </span>
        </p>
      )}
      <table className="small board-finals">
        <caption>{t.finalsTitle}</caption>
        <tbody>
          {report.plan.map((p) => {
            const f = report.finals[p.id];
            return (
              <tr key={p.id}>
                <th scope="row">
                  <span className="swatch" style={{ background: p.color }} /> {runName(p.name)}
                </th>
                <td data-testid={`board-final-${p.id}`}>
                  {f ? (f.n > 1 ? `${pctTick(f.mean)} [${pctTick(f.lo)}, ${pctTick(f.hi)}]` : pctTick(f.mean)) : '—'}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {cmp && (
        <div className="board-preset" data-testid="board-preset" data-preset={cmp.preset}>
          <strong>{t.vsPreset(tPresets.items[cmp.preset].title)}</strong>
          <p className="small">
            {t.presetRange(
              cmp.spread.metric === 'ntg' ? t.metricNtg : t.metricGain,
              pts(cmp.spread.min),
              pts(cmp.spread.max),
              cmp.spread.seeds,
            )}
            {' · '}
            {t.presetInside(cmp.inside, cmp.of)}
          </p>
          {cmp.expected && report.transfer && (
            <p className="small" data-testid="board-preset-agrees" data-agrees={report.transfer.verdict === cmp.expected}>
              {report.transfer.verdict === cmp.expected ? t.presetAgrees : t.presetDisagrees}
            </p>
          )}
        </div>
      )}
    </div>
  );
}
