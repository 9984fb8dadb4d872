import { runName, ui } from '../../i18n';
import { ChartTable } from '../../ui/ChartTable';
import type { PlanEntry, SweepPoint } from './sweepPoints';
import { pctCell } from '../../ui/charts/percent';

const r = ui.results;

/** The sweep chart's numbers for screen readers: N, then each run's accuracy (and shifted accuracy, if any). */
export function SweepTable({ points, plan, shifted }: { points: SweepPoint[]; plan: readonly PlanEntry[]; shifted: boolean }) {
  return (
    <ChartTable
      caption={r.sweepTitle}
      columns={[
        r.sweepAxis,
        ...plan.map((run) => runName(run.name)),
        ...(shifted ? plan.map((run) => r.sweepShifted(runName(run.name))) : []),
      ]}
      rows={points.map((p) => [
        String(p.samplesPerClass),
        ...plan.map((run) => pctCell(p[run.id])),
        ...(shifted ? plan.map((run) => pctCell(p[`${run.id}Shifted`])) : []),
      ])}
      testId="sweep-chart-table"
    />
  );
}
