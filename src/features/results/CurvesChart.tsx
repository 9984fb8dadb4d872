import { memo, startTransition, useEffect, useState } from 'react';
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { emaSmooth } from '../../core/metrics/summary';
import type { EpochMetrics } from '../../core/train/events';
import { en } from '../../i18n/en';
import type { RunView } from '../../state/runStore';
import { useChartSettings } from './chartSettings';
import { chartsDrawn } from '../../state/drawSync';

type Row = Record<string, number>;

/**
 * Rows keyed by x, one column per (run, series) — recharts' wide format. Epoch curves are drawn
 * unsmoothed: an EMA over ten points lags by several epochs and would understate the jumpstart,
 * the very thing these curves are read for. Smoothing is for the noisy per-batch loss.
 */
function epochRows(runs: RunView[], pick: (m: EpochMetrics) => number, prefix: string, xAxis: 'epoch' | 'examples'): Row[] {
  const rows = new Map<number, Row>();
  for (const r of runs) {
    r.epochs.forEach((m) => {
      const x = xAxis === 'epoch' ? m.epoch : m.examplesSeen;
      const row = rows.get(x) ?? { x };
      row[`${r.info.id}_${prefix}`] = pick(m);
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

/*
 * recharts 3 re-dispatches an axis' or tooltip's settings into its internal store whenever a prop
 * changes identity, and every dispatch re-renders the whole chart. Inline arrays and arrow
 * functions would do that on every render, so all props are module-level constants.
 */
const MARGIN = { top: 8, right: 16, bottom: 4, left: 0 };
const X_DOMAIN = ['dataMin', 'dataMax'];
const AUTO_DOMAIN = ['auto', 'auto'];
const tooltipValue = (v: unknown) => fmt(Number(v));
const AXIS = {
  epoch: { tick: (v: number) => String(v), label: (v: unknown) => `epoch ${v}` },
  examples: { tick: (v: number) => v.toLocaleString(), label: (v: unknown) => `examples ${v}` },
};

function SeriesChart({ runs, data, series, yDomain, testId, title, smoothed }: { runs: RunView[]; data: Row[]; series: { key: string; dashed: boolean; label: string }[]; yDomain?: [number, number]; testId: string; title: string; smoothed: boolean }) {
  const xAxis = useChartSettings((s) => s.xAxis);
  return (
    <figure className="chart" data-testid={testId}>
      <figcaption>{title}</figcaption>
      <ResponsiveContainer width="100%" height={220}>
        <LineChart data={data} margin={MARGIN}>
          <CartesianGrid stroke="#e5e7eb" vertical={false} />
          <XAxis dataKey="x" type="number" domain={X_DOMAIN} allowDecimals={false} tickFormatter={AXIS[xAxis].tick} />
          <YAxis domain={yDomain ?? AUTO_DOMAIN} tickFormatter={fmt} width={48} />
          <Tooltip isAnimationActive={false} formatter={tooltipValue} labelFormatter={AXIS[xAxis].label} />
          {runs
            .filter((r) => r.visible)
            .flatMap((r) =>
              series.flatMap((s) => [
                smoothed && <Line key={`${r.info.id}_${s.key}_raw`} dataKey={`${r.info.id}_${s.key}_raw`} stroke={r.color} strokeOpacity={0.25} dot={false} isAnimationActive={false} strokeDasharray={s.dashed ? '4 3' : undefined} legendType="none" name={`${r.info.name} ${s.label} (raw)`} />,
                <Line key={`${r.info.id}_${s.key}`} dataKey={`${r.info.id}_${s.key}`} stroke={r.color} strokeWidth={2} dot={false} isAnimationActive={false} strokeDasharray={s.dashed ? '4 3' : undefined} name={`${r.info.name} ${s.label}`} />,
              ]),
            )}
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}

const UNIT: [number, number] = [0, 1];
const BATCH_SERIES = [{ key: 'batch', dashed: false, label: en.results.series.batch }];
const SERIES = [
  { key: 'val', dashed: false, label: en.results.series.val },
  { key: 'train', dashed: true, label: en.results.series.train },
];

/** Re-render only when what a chart draws changed: a batch event must not redraw the epoch charts. */
const sameRuns = (field: 'epochs' | 'batches') => (a: { runs: RunView[] }, b: { runs: RunView[] }) =>
  a.runs.length === b.runs.length && a.runs.every((r, i) => r[field] === b.runs[i][field] && r.visible === b.runs[i].visible && r.color === b.runs[i].color);

const AccuracyChart = memo(function AccuracyChart({ runs }: { runs: RunView[] }) {
  const xAxis = useChartSettings((s) => s.xAxis);
  const acc = merge(epochRows(runs, (m) => m.valAccuracy, 'val', xAxis), epochRows(runs, (m) => m.trainAccuracy, 'train', xAxis));
  return <SeriesChart runs={runs} data={acc} series={SERIES} yDomain={UNIT} testId="chart-accuracy" title={en.results.accuracyTitle} smoothed={false} />;
}, sameRuns('epochs'));

const LossChart = memo(function LossChart({ runs }: { runs: RunView[] }) {
  const xAxis = useChartSettings((s) => s.xAxis);
  const loss = merge(epochRows(runs, (m) => m.valLoss, 'val', xAxis), epochRows(runs, (m) => m.trainLoss, 'train', xAxis));
  return <SeriesChart runs={runs} data={loss} series={SERIES} testId="chart-loss" title={en.results.lossTitle} smoothed={false} />;
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
  // Long runs: draw at most ~200 points (smoothing is computed on every batch before thinning).
  const stride = Math.ceil(all.length / 200);
  const data = stride > 1 ? all.filter((_, i) => i % stride === 0 || i === all.length - 1) : all;
  return <SeriesChart runs={runs} data={data} series={BATCH_SERIES} smoothed testId="chart-batch-loss" title={`${en.results.batchLoss}${xAxis === 'epoch' ? en.results.xStep : ''}`} />;
}, sameRuns('batches'));

/**
 * Hands `value` to n consumers one task at a time. Under training load a recharts redraw costs tens
 * of milliseconds; three charts redrawn in one task would block input for their sum, one per task
 * keeps every task short. The first consumer gets the value at once.
 */
function useStaggered<T>(value: T, n: number): (T | undefined)[] {
  const [shown, setShown] = useState<(T | undefined)[]>([]);
  useEffect(() => {
    const i = Array.from({ length: n }, (_, k) => k).find((k) => shown[k] !== value);
    if (i === undefined) {
      chartsDrawn();
      return;
    }
    const timer = setTimeout(() => startTransition(() => setShown((s) => Object.assign([...s], { [i]: value }))), 0);
    return () => clearTimeout(timer);
  }, [value, shown, n]);
  return shown;
}

/** A chart's frame while its first drawing waits for its turn. */
const Pending = ({ testId }: { testId: string }) => <figure className="chart pending" data-testid={`${testId}-pending`} style={{ height: 220 }} />;

/** Accuracy and loss, train (dashed) and validation (solid), every run overlaid; plus per-batch loss. */
export function CurvesChart({ runs }: { runs: RunView[] }) {
  const [acc, loss, batch] = useStaggered(runs, 3);
  return (
    <div className="charts">
      {acc ? <AccuracyChart runs={acc} /> : <Pending testId="chart-accuracy" />}
      {loss ? <LossChart runs={loss} /> : <Pending testId="chart-loss" />}
      {batch ? <BatchChart runs={batch} /> : <Pending testId="chart-batch-loss" />}
    </div>
  );
}
