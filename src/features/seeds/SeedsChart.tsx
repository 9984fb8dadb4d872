import type { RefObject } from 'react';
import { Area, CartesianGrid, ComposedChart, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { runName, ui } from '../../i18n';
import { CHART } from '../../theme';
import type { StudyRun } from '../../lab/studyStore';
import { ChartTable } from '../../ui/ChartTable';
import { ChartExport } from '../../ui/charts/ChartExport';
import { download } from '../../platform/download';
import { bandCell, type Band, type PlanEntry, type Row } from './seedsStats';
import { pctTick, UNIT_DOMAIN } from '../../ui/charts/percent';

const s = ui.seeds;

interface Props {
  figure: RefObject<HTMLElement | null>;
  height: number;
  plan: readonly PlanEntry[];
  /** The seeds that finished: one thin line each per run when `showSeeds`. */
  finished: readonly StudyRun[];
  rows: Row[];
  band: Band;
  showSeeds: boolean;
}

/** Recharts' own legend would list every band and seed line; one entry per run is what reads. */
function RunLegend({ plan }: { plan: readonly PlanEntry[] }) {
  return (
    <ul className="run-legend" data-testid="seeds-legend">
      {plan.map((r) => (
        <li key={r.id}>
          <span className="swatch" style={{ background: r.color }} /> {runName(r.name)}
        </li>
      ))}
    </ul>
  );
}

/** Mean validation accuracy per run with its band over the seeds, and the same numbers as a table. */
export function SeedsChart({ figure, height, plan, finished, rows, band, showSeeds }: Props) {
  return (
    <figure className="chart" data-testid="seeds-chart" ref={figure}>
      <figcaption className="table-head">
        <span>{s.chartTitle}</span>
        <ChartExport
          figure={figure}
          title={s.chartTitle}
          legend={() => plan.map((r) => ({ name: `${runName(r.name)} ${s.mean}`, color: r.color }))}
          file="seeds-chart"
          download={download}
        />
      </figcaption>
      <RunLegend plan={plan} />
      <ResponsiveContainer width="100%" height={height}>
        <ComposedChart data={rows} margin={{ top: 8, right: 16, bottom: 4, left: 0 }}>
          <CartesianGrid stroke={CHART.grid} vertical={false} />
          <XAxis dataKey="epoch" type="number" domain={['dataMin', 'dataMax']} allowDecimals={false} />
          {/* Accuracy lives in [0, 1]: a wide band of few seeds is clipped there, not allowed to stretch the axis. */}
          <YAxis domain={UNIT_DOMAIN} allowDataOverflow tickFormatter={pctTick} width={56} />
          <Tooltip formatter={(v) => (Array.isArray(v) ? v.map((x) => pctTick(Number(x))).join(' – ') : pctTick(Number(v)))} />
          {plan.flatMap((r) => [
            <Area
              key={`${r.id}_band`}
              dataKey={`${r.id}_band`}
              stroke="none"
              fill={r.color}
              fillOpacity={plan.length > 2 ? 0.1 : 0.15}
              isAnimationActive={false}
              name={`${runName(r.name)} ${s.bands[band]}`}
            />,
            <Line
              key={`${r.id}_mean`}
              dataKey={`${r.id}_mean`}
              stroke={r.color}
              strokeWidth={2}
              dot={false}
              isAnimationActive={false}
              name={`${runName(r.name)} ${s.mean}`}
            />,
            ...(showSeeds
              ? finished.map((v, i) => (
                  <Line
                    key={`${r.id}_seed${i}`}
                    dataKey={`${r.id}_seed${i}`}
                    stroke={r.color}
                    strokeOpacity={0.35}
                    strokeWidth={1}
                    dot={false}
                    isAnimationActive={false}
                    name={s.seedLine(runName(r.name), v.seed)}
                  />
                ))
              : []),
          ])}
        </ComposedChart>
      </ResponsiveContainer>
      <ChartTable
        caption={s.chartTitle}
        columns={[
          ui.results.xAxis.epoch,
          ...plan.map((r) => `${runName(r.name)} ${s.mean}`),
          ...plan.map((r) => `${runName(r.name)} ${s.bands[band]}`),
        ]}
        rows={rows.map((row) => [
          String(row.epoch),
          ...plan.map((r) => bandCell(row[`${r.id}_mean`])),
          ...plan.map((r) => bandCell(row[`${r.id}_band`])),
        ])}
        testId="seeds-chart-table"
      />
    </figure>
  );
}
