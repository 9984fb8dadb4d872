import { useRef } from 'react';
import { ChartTable } from '../../ui/ChartTable';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { runName, ui } from '../../i18n';
import { CHART } from '../../theme';
import { studyPlan, useStudyStore, type StudyRun } from '../../lab/studyStore';
import { download } from './exportResults';
import { useChartHeight } from './chartHeight';
import { ChartExport } from './ChartExport';

const r = ui.results;
const UNIT: [number, number] = [0, 1];
const pctTick = (v: number) => `${Math.round(v * 100)}%`;
const pctValue = (v: unknown) => (typeof v === 'number' ? `${(v * 100).toFixed(1)}%` : '—');

/**
 * One point per N: the final validation (and shifted-test) accuracy of every planned run, keyed
 * by run id (`transfer`, `scratch`, `transfer-2`, …) and `<id>Shifted`; null where it has none.
 */
export type SweepPoint = { samplesPerClass: number } & Record<string, number | null>;

type PlanEntry = ReturnType<typeof studyPlan>[number];

function sweepPoints(variants: readonly StudyRun[], plan: readonly PlanEntry[]): SweepPoint[] {
  return variants.map((v) => {
    const point: SweepPoint = { samplesPerClass: v.samplesPerClass === 'all' ? Infinity : v.samplesPerClass };
    for (const { id } of plan) {
      const last = v.runs.find((r) => r.id === id)?.epochs.at(-1);
      point[id] = last?.valAccuracy ?? null;
      point[`${id}Shifted`] = last?.shiftedAccuracy ?? null;
    }
    return point;
  });
}

export function sweepCsv(points: SweepPoint[], plan: readonly PlanEntry[]): string {
  const columns = ['samplesPerClass', ...plan.map((r) => r.id), ...plan.map((r) => `${r.id}Shifted`)];
  return [columns.join(','), ...points.map((p) => columns.map((c) => p[c] ?? '').join(','))].join('\n') + '\n';
}

/** Final accuracy against images per class for transfer and scratch: where transfer matters most. */
const cell = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? pctValue(v) : null);

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
        <ChartExport figure={figure} title={r.sweepTitle} legend={() => plan.map((run) => ({ name: runName(run.name), color: run.color }))} file="sweep-chart" />
        <button className="button small" data-testid="export-sweep" onClick={() => download('transfer-lab-sweep.json', JSON.stringify({ app: 'transfer-lab', exportVersion: 2, kind: 'few-shot-sweep', config, plan, points }, null, 2), 'application/json')}>
          {r.exportSweep} JSON
        </button>
        <button className="button small" data-testid="export-sweep-csv" onClick={() => download('transfer-lab-sweep.csv', sweepCsv(points, plan), 'text/csv')}>
          {r.exportSweep} CSV
        </button>
      </figcaption>
      <ResponsiveContainer width="100%" height={chartHeight}>
        <LineChart data={points} margin={{ top: 8, right: 16, bottom: 16, left: 0 }}>
          <CartesianGrid stroke={CHART.grid} vertical={false} />
          <XAxis dataKey="samplesPerClass" type="number" scale="log" domain={[1, 50]} ticks={[1, 5, 10, 20, 50]} label={{ value: r.sweepAxis, position: 'insideBottom', offset: -8 }} />
          <YAxis domain={UNIT} tickFormatter={pctTick} width={48} />
          <Tooltip formatter={pctValue} labelFormatter={(n) => r.sweepPoint(Number(n))} />
          <Legend verticalAlign="top" />
          {plan.map((run) => (
            <Line key={run.id} dataKey={run.id} name={runName(run.name)} stroke={run.color} strokeWidth={2} isAnimationActive={false} />
          ))}
          {shifted && plan.map((run) => <Line key={`${run.id}Shifted`} dataKey={`${run.id}Shifted`} name={r.sweepShifted(runName(run.name))} stroke={run.color} strokeDasharray="4 3" isAnimationActive={false} />)}
        </LineChart>
      </ResponsiveContainer>
      <ChartTable
        caption={r.sweepTitle}
        columns={[r.sweepAxis, ...plan.map((run) => runName(run.name)), ...(shifted ? plan.map((run) => r.sweepShifted(runName(run.name))) : [])]}
        rows={points.map((p) => [String(p.samplesPerClass), ...plan.map((run) => cell(p[run.id])), ...(shifted ? plan.map((run) => cell(p[`${run.id}Shifted`])) : [])])}
        testId="sweep-chart-table"
      />
    </figure>
  );
}
