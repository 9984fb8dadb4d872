/** At most this many rows: a screen reader user wants the curve's shape, not every batch. */
const MAX_ROWS = 50;

/** Evenly thinned rows, always keeping the last (the final value is the one people ask for). */
export function thinRows<T>(rows: readonly T[], max = MAX_ROWS): T[] {
  if (rows.length <= max) return [...rows];
  const step = (rows.length - 1) / (max - 1);
  return Array.from({ length: max }, (_, i) => rows[Math.round(i * step)]);
}

/**
 * A chart's numbers as a table for screen readers (visually hidden, WCAG 1.1.1): the chart's
 * caption, one column per series, one row per x value; a missing value is an empty cell.
 */
export function ChartTable({
  caption,
  columns,
  rows,
  testId,
}: {
  caption: string;
  columns: readonly string[];
  rows: readonly (readonly (string | null)[])[];
  testId?: string;
}) {
  return (
    <table className="sr-only" data-testid={testId}>
      <caption>{caption}</caption>
      <thead>
        <tr>
          {columns.map((c, i) => (
            <th key={i} scope="col">
              {c}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {thinRows(rows).map((row, r) => (
          <tr key={r}>
            {row.map((cell, i) =>
              i === 0 ? (
                <th key={i} scope="row">
                  {cell}
                </th>
              ) : (
                <td key={i}>{cell ?? ''}</td>
              ),
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
