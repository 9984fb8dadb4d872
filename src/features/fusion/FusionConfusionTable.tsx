import { ui } from '../../i18n';
import { CONFUSION } from '../../theme';

/** confusion[actual][predicted], shaded by count. */
export function FusionConfusionTable({ matrix, classNames }: { matrix: number[][]; classNames: readonly string[] }) {
  const max = Math.max(1, ...matrix.flat());
  return (
    <div className="table-scroll">
      <table className="confusion" data-testid="fusion-confusion-matrix">
        <thead>
          <tr>
            <th className="small muted">
              {ui.results.actual} ↓ / {ui.results.predicted} →
            </th>
            {matrix.map((_, c) => (
              <th key={c}>{classNames[c] ?? c}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {matrix.map((row, a) => (
            <tr key={a}>
              <th>{classNames[a] ?? a}</th>
              {row.map((v, p) => (
                <td
                  key={p}
                  className={a === p ? 'diag' : undefined}
                  style={{ background: `rgba(${(a === p ? CONFUSION.correctRgb : CONFUSION.wrongRgb).join(', ')}, ${(v / max) * 0.6})` }}
                >
                  {v}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
