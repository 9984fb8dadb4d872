import { useRef } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { runName, ui } from '../../i18n';
import { CHART } from '../../theme';
import { studyPlan, useStudyStore } from '../../lab/studyStore';
import { download } from '../../platform/download';
import { useChartHeight } from '../../ui/charts/chartHeight';
import { ChartExport } from '../../ui/charts/ChartExport';
import { sweepCsv, sweepPoints } from './sweepPoints';
import { SweepTable } from './SweepTable';
import { pctTick, pctValue, UNIT_DOMAIN } from '../../ui/charts/percent';

const r = ui.results;

/** Final accuracy against images per class for transfer and scratch: where transfer matters most. */
export function SweepChart() {
  const chartHeight = useChartHeight(240);
  const figure = useRef<HTMLElement>(null);
  const { kind, runs, config, status } = useStudyStore();
  if (kind !== 'sweep' || !runs.length) return null;
  const plan = studyPlan(runs);
  const points = sweepPoints(runs, plan);
  const shifted = points.some((p) => plan.some((r) => p[`${r.id}Shifted`] !== null));
  return (
    <figure className="chart" data-testid="sweep-chart" data-points={points.length} data-status={status} ref={figure}>
      <figcaption className="table-head">
        <span>{r.sweepTitle}</span>
        <ChartExport
          figure={figure}
          title={r.sweepTitle}
          legend={() => plan.map((run) => ({ name: runName(run.name), color: run.color }))}
          file="sweep-chart"
          download={download}
        />
        <button
          className="button small"
          data-testid="export-sweep"
          onClick={() =>
            download(
              'transfer-lab-sweep.json',
              JSON.stringify({ app: 'transfer-lab', exportVersion: 2, kind: 'few-shot-sweep', config, plan, points }, null, 2),
              'application/json',
            )
          }
        >
          {r.exportSweep} JSON
        </button>
        <button
          className="button small"
          data-testid="export-sweep-csv"
          onClick={() => download('transfer-lab-sweep.csv', sweepCsv(points, plan), 'text/csv')}
        >
          {r.exportSweep} CSV
        </button>
      </figcaption>
      <ResponsiveContainer width="100%" height={chartHeight}>
        <LineChart data={points} margin={{ top: 8, right: 16, bottom: 16, left: 0 }}>
          <CartesianGrid stroke={CHART.grid} vertical={false} />
          <XAxis
            dataKey="samplesPerClass"
            type="number"
            scale="log"
            domain={[1, 50]}
            ticks={[1, 5, 10, 20, 50]}
            label={{ value: r.sweepAxis, position: 'insideBottom', offset: -8 }}
          />
          <YAxis domain={UNIT_DOMAIN} tickFormatter={pctTick} width={48} />
          <Tooltip formatter={pctValue} labelFormatter={(n) => r.sweepPoint(Number(n))} />
          <Legend verticalAlign="top" />
          {plan.map((run) => (
            <Line key={run.id} dataKey={run.id} name={runName(run.name)} stroke={run.color} strokeWidth={2} isAnimationActive={false} />
          ))}
          {shifted &&
            plan.map((run) => (
              <Line
                key={`${run.id}Shifted`}
                dataKey={`${run.id}Shifted`}
                name={r.sweepShifted(runName(run.name))}
                stroke={run.color}
                strokeDasharray="4 3"
                isAnimationActive={false}
              />
            ))}
        </LineChart>
      </ResponsiveContainer>
      <SweepTable points={points} plan={plan} shifted={shifted} />
    </figure>
  );
}
