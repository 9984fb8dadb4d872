import { memo } from 'react';
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { emaSmooth } from '../../core/metrics/summary';
import type { EpochMetrics } from '../../core/train/events';
import { en } from '../../i18n/en';
import type { RunView } from '../../state/runStore';
import { useChartSettings } from './chartSettings';

type Row = Record<string, number>;

/** Rows keyed by x, one column per (run, series), smoothed and raw — recharts' wide format. */
function epochRows(runs: RunView[], pick: (m: EpochMetrics) => number, prefix: string, xAxis: 'epoch' | 'examples', smoothing: number): Row[] {
  const rows = new Map<number, Row>();
  for (const r of runs) {
    const raw = r.epochs.map(pick);
    const smooth = emaSmooth(raw, smoothing);
    r.epochs.forEach((m, i) => {
      const x = xAxis === 'epoch' ? m.epoch : m.examplesSeen;
      const row = rows.get(x) ?? { x };
      row[`${r.info.id}_${prefix}`] = smooth[i];
      row[`${r.info.id}_${prefix}_raw`] = raw[i];
      rows.set(x, row);
    });
  }
  return [...rows.values()].sort((a, b) => a.x - b.x);
}

function merge(a: Row[], b: Row[]): Row[] {
  const byX = new Map<number, Row>();
  for (const r of [...a, ...b]) byX.set(r.x, { ...(byX.get(r.x) ?? {}), ...r });
  return [...byX.values()].sort((p, q) => p.x - q.x);
}

const fmt = (v: number) => (Math.abs(v) >= 100 ? v.toFixed(0) : v.toFixed(3));

function SeriesChart({ runs, data, series, yDomain, testId, title }: { runs: RunView[]; data: Row[]; series: { key: string; dashed: boolean; label: string }[]; yDomain?: [number, number]; testId: string; title: string }) {
  const xAxis = useChartSettings((s) => s.xAxis);
  return (
    <figure className="chart" data-testid={testId}>
      <figcaption>{title}</figcaption>
      <ResponsiveContainer width="100%" height={220}>
        <LineChart data={data} margin={{ top: 8, right: 16, bottom: 4, left: 0 }}>
          <CartesianGrid stroke="#e5e7eb" />
          <XAxis dataKey="x" type="number" domain={['dataMin', 'dataMax']} allowDecimals={false} tickFormatter={(v) => (xAxis === 'epoch' ? String(v) : v.toLocaleString())} />
          <YAxis domain={yDomain ?? ['auto', 'auto']} tickFormatter={fmt} width={48} />
          <Tooltip formatter={(v) => fmt(Number(v))} labelFormatter={(v) => `${xAxis === 'epoch' ? 'epoch' : 'examples'} ${v}`} />
          {runs
            .filter((r) => r.visible)
            .flatMap((r) =>
              series.flatMap((s) => [
                <Line key={`${r.info.id}_${s.key}_raw`} dataKey={`${r.info.id}_${s.key}_raw`} stroke={r.color} strokeOpacity={0.25} dot={false} isAnimationActive={false} strokeDasharray={s.dashed ? '4 3' : undefined} legendType="none" name={`${r.info.name} ${s.label} (raw)`} connectNulls />,
                <Line key={`${r.info.id}_${s.key}`} dataKey={`${r.info.id}_${s.key}`} stroke={r.color} strokeWidth={2} dot={data.length < 30} isAnimationActive={false} strokeDasharray={s.dashed ? '4 3' : undefined} name={`${r.info.name} ${s.label}`} connectNulls />,
              ]),
            )}
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}

const SERIES = [
  { key: 'val', dashed: false, label: en.results.series.val },
  { key: 'train', dashed: true, label: en.results.series.train },
];

/** Re-render only when what a chart draws changed: a batch event must not redraw the epoch charts. */
const sameRuns = (field: 'epochs' | 'batches') => (a: { runs: RunView[] }, b: { runs: RunView[] }) =>
  a.runs.length === b.runs.length && a.runs.every((r, i) => r[field] === b.runs[i][field] && r.visible === b.runs[i].visible && r.color === b.runs[i].color);

const EpochCharts = memo(function EpochCharts({ runs }: { runs: RunView[] }) {
  const { smoothing, xAxis } = useChartSettings();
  const acc = merge(epochRows(runs, (m) => m.valAccuracy, 'val', xAxis, smoothing), epochRows(runs, (m) => m.trainAccuracy, 'train', xAxis, smoothing));
  const loss = merge(epochRows(runs, (m) => m.valLoss, 'val', xAxis, smoothing), epochRows(runs, (m) => m.trainLoss, 'train', xAxis, smoothing));
  return (
    <>
      <SeriesChart runs={runs} data={acc} series={SERIES} yDomain={[0, 1]} testId="chart-accuracy" title={en.results.accuracyTitle} />
      <SeriesChart runs={runs} data={loss} series={SERIES} testId="chart-loss" title={en.results.lossTitle} />
    </>
  );
}, sameRuns('epochs'));

const BatchChart = memo(function BatchChart({ runs }: { runs: RunView[] }) {
  const { smoothing, xAxis } = useChartSettings();
  const rows = new Map<number, Row>();
  for (const r of runs) {
    const smooth = emaSmooth(r.batches.map((b) => b.loss), smoothing);
    r.batches.forEach((b, i) => {
      const x = xAxis === 'epoch' ? b.step : b.examplesSeen;
      rows.set(x, { ...(rows.get(x) ?? { x }), [`${r.info.id}_batch`]: smooth[i], [`${r.info.id}_batch_raw`]: b.loss });
    });
  }
  const all = [...rows.values()].sort((a, b) => a.x - b.x);
  // Long runs: draw at most ~400 points (smoothing is computed on every batch before thinning).
  const stride = Math.ceil(all.length / 400);
  const data = stride > 1 ? all.filter((_, i) => i % stride === 0 || i === all.length - 1) : all;
  return <SeriesChart runs={runs} data={data} series={[{ key: 'batch', dashed: false, label: en.results.series.batch }]} testId="chart-batch-loss" title={`${en.results.batchLoss}${xAxis === 'epoch' ? en.results.xStep : ''}`} />;
}, sameRuns('batches'));

/** Accuracy and loss, train (dashed) and validation (solid), every run overlaid; plus per-batch loss. */
export function CurvesChart({ runs }: { runs: RunView[] }) {
  return (
    <div className="charts">
      <EpochCharts runs={runs} />
      <BatchChart runs={runs} />
    </div>
  );
}
