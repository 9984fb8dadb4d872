import type { FusionReport } from '../../core/fusion/ensemble';
import { ExplainLink } from '../../ui/ExplainLink';
import { METHODS, pct, pts, t } from './fusionFormat';

interface Props {
  report: FusionReport;
  /** The row whose confusion matrix is shown: a member's key or a method. */
  matrixRow: string;
  setMatrixOf: (row: string) => void;
  memberName: (key: string) => string;
}

/** Each member's and each method's accuracy against the best member; a row's name shows its matrix. */
export function FusionReportTable({ report, matrixRow, setMatrixOf, memberName }: Props) {
  return (
    <table className="summary" data-testid="fusion-table">
      <thead>
        <tr>
          <th>{t.member}</th>
          <th>{t.accuracy}</th>
          <th>{t.vsBest}</th>
        </tr>
      </thead>
      <tbody>
        {report.members.map((m) => (
          <tr key={m.id} data-testid="fusion-member" className={m.id === report.bestMember.id ? 'best' : undefined}>
            <td>
              <button className="link" aria-pressed={matrixRow === m.id} onClick={() => setMatrixOf(m.id)} title={t.showMatrix}>
                {memberName(m.id)}
              </button>
            </td>
            <td>{pct(m.accuracy)}</td>
            <td>{pts(m.accuracy - report.bestMember.accuracy)}</td>
          </tr>
        ))}
        {METHODS.map((k) => {
          const m = report.methods[k];
          return (
            <tr key={k} data-testid={`fusion-${k}`}>
              <td>
                <button
                  className="link"
                  aria-pressed={matrixRow === k}
                  data-testid={`fusion-matrix-${k}`}
                  onClick={() => setMatrixOf(k)}
                  title={t.showMatrix}
                >
                  <strong>{t.methods[k]}</strong>
                </button>{' '}
                <ExplainLink topic={k === 'stacking' ? 'stacking' : 'voting'} />
                {k === 'softWeighted' && (
                  <span className="muted small">
                    {' '}
                    · {t.weights(report.methods.softWeighted.weights.map((w) => w.toFixed(2)).join(' / '))}
                  </span>
                )}
                {k === 'hard' && report.methods.hard.ties > 0 && <span className="muted small"> · {t.ties(report.methods.hard.ties)}</span>}
              </td>
              <td data-testid={`fusion-${k}-accuracy`}>{pct(m.accuracy)}</td>
              <td data-testid={`fusion-${k}-gain`}>{pts(m.accuracy - report.bestMember.accuracy)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
