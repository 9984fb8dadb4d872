import { meanCI } from '../../core/metrics/transfer';
import type { FusionReport } from '../../core/fusion/ensemble';
import { METHODS, pts, t } from './fusionFormat';

/** The fusion preset's seeds: each method's gain over the best member, as a mean with its 95% CI. */
export function FusionStudy({ study }: { study: readonly { seed: number; report: FusionReport }[] }) {
  return (
    <table className="summary" data-testid="fusion-study" data-seeds={study.length}>
      <caption>{t.studyTitle(study.length)}</caption>
      <thead>
        <tr>
          <th>{t.method}</th>
          <th>{t.studyGain}</th>
          <th>{t.studyWins}</th>
        </tr>
      </thead>
      <tbody>
        {METHODS.map((k) => {
          const gains = study.map((s) => s.report.methods[k].accuracy - s.report.bestMember.accuracy);
          const g = meanCI(gains);
          return (
            <tr key={k} data-testid={`fusion-study-${k}`} data-lo={g.lo} data-mean={g.mean}>
              <td>{t.methods[k]}</td>
              <td data-testid={`fusion-study-${k}-gain`}>{g.n > 1 ? `${pts(g.mean)} [${pts(g.lo)}, ${pts(g.hi)}]` : pts(g.mean)}</td>
              <td>{t.wins(gains.filter((x) => x > 0).length, gains.length)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
