import type { Interval } from '../../core/metrics/transfer';
import { runName, ui } from '../../i18n';
import { ExplainLink } from '../../ui/ExplainLink';
import { ci, metricRows, type ComparedRun, type PlanEntry } from './seedsStats';

const s = ui.seeds;

/** Each run's mean final validation accuracy over the seeds, with its CI. */
export function SeedsFinalsTable({ finals }: { finals: readonly { run: PlanEntry; final: Interval | null }[] }) {
  return (
    <table className="summary" data-testid="seeds-finals">
      <thead>
        <tr>
          <th>{s.run}</th>
          <th>{s.finalAccuracy}</th>
        </tr>
      </thead>
      <tbody>
        {finals.map(({ run, final }) => (
          <tr key={run.id} data-testid="seeds-final" data-run={run.id}>
            <td>
              <span className="swatch" style={{ background: run.color }} /> {runName(run.name)}
            </td>
            <td>{ci(final, (v) => (v * 100).toFixed(1), '%')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The transfer metrics with their CIs, one column per transfer run (no header when there is one). */
export function SeedsMetricsTable({ compared, threshold }: { compared: readonly ComparedRun[]; threshold: number }) {
  const single = compared.length === 1;
  return (
    <table className="summary" data-testid="seeds-metrics">
      {!single && (
        <thead>
          <tr>
            <th />
            {compared.map((c) => (
              <th key={c.run.id}>{runName(c.run.name)}</th>
            ))}
          </tr>
        </thead>
      )}
      <tbody>
        {metricRows(threshold).map((m) => (
          <tr key={m.testId}>
            <th title={m.help}>
              {m.label} <ExplainLink topic={m.topic} />
            </th>
            {compared.map((c) => (
              <td key={c.run.id} data-testid={m.testId}>
                {m.cell(c.report)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
