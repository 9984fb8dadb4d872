import { ui } from '../../i18n';
import { CONFUSION } from '../../theme';
import { pctValue } from '../../ui/charts/percent';

const r = ui.results;

interface Props {
  confusion: readonly (readonly number[])[];
  perClassAccuracy: readonly (number | null)[];
  classNames: readonly string[];
  /** The classes drawn (all, or the most confused when there are too many to read). */
  shown: readonly number[];
}

/** confusion[actual][predicted] over the shown classes, shaded by count, with each class's accuracy. */
export function ConfusionFigure({ confusion, perClassAccuracy, classNames, shown }: Props) {
  let max = 1;
  for (const a of shown) for (const p of shown) max = Math.max(max, confusion[a][p]);
  return (
    <figure>
      <figcaption>{r.confusion}</figcaption>
      {shown.length < classNames.length && (
        <p className="small muted" data-testid="confusion-summary">
          {r.confusionSubset(shown.length, classNames.length)}
        </p>
      )}
      <div className="table-scroll">
        <table className="confusion" data-testid="confusion-matrix">
          <thead>
            <tr>
              <th className="small muted">
                {r.actual} ↓ / {r.predicted} →
              </th>
              {shown.map((c) => (
                <th key={c}>{classNames[c]}</th>
              ))}
              <th>{r.perClass}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((a) => (
              <tr key={a}>
                <th>{classNames[a]}</th>
                {shown.map((p) => {
                  const v = confusion[a][p];
                  return (
                    <td
                      key={p}
                      style={{
                        background: `rgba(${(a === p ? CONFUSION.correctRgb : CONFUSION.wrongRgb).join(',')},${v / max})`,
                        color: v / max > 0.5 ? CONFUSION.strongText : undefined,
                      }}
                    >
                      {v}
                    </td>
                  );
                })}
                <td>{pctValue(perClassAccuracy[a])}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
