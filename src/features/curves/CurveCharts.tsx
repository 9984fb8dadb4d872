/*
 * The three curve charts, drawn with recharts. Loaded apart from the page's script (CurvesChart
 * imports this lazily): recharts and its redux, d3 and immer are a third of the page's code, and a
 * first visit is usable — the zoo listed, Train enabled — before they have arrived.
 */
import { memo, useMemo } from 'react';
import { emaSmooth } from '../../core/metrics/summary';
import type { EpochMetrics, RunBudget } from '../../core/train/events';
import { ui } from '../../i18n';
import type { RunView } from '../../lab/runStore';
import { useChartSettings } from '../../lab/chartSettingsStore';
import { ceilingTicks } from './ticks';
import { BATCH_SERIES, SERIES, SeriesChart, UNIT, yAxisTo, type Row, type Span, type YAxisSpec } from './SeriesChart';

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

/**
 * A y axis from zero (losses are never negative, so the ticks stay still while the curves fall)
 * to a round value over the data. Its identity changes only when that round value does: recharts
 * re-dispatches axis settings on every new identity.
 */
function useLossAxis(data: Row[]): YAxisSpec {
  let max = 0;
  for (const row of data) for (const k in row) if (k !== 'x' && Number.isFinite(row[k])) max = Math.max(max, row[k]);
  const top = ceilingTicks(max).at(-1)!;
  return useMemo(() => yAxisTo(top), [top]);
}

/** Epoch curves' x span: the first to the last epoch (or examples seen at the end of the budget). */
const epochSpan = (budget: RunBudget | null, xAxis: 'epoch' | 'examples'): Span | null =>
  budget && (xAxis === 'epoch' ? [budget.epochs > 1 ? 1 : 0, budget.epochs] : [0, budget.examples]);

interface ChartProps {
  runs: RunView[];
  budget: RunBudget | null;
}

/** Re-render only when what a chart draws changed: a batch event must not redraw the epoch charts. */
const sameRuns = (field: 'epochs' | 'batches') => (a: ChartProps, b: ChartProps) =>
  a.budget === b.budget &&
  a.runs.length === b.runs.length &&
  a.runs.every((r, i) => r[field] === b.runs[i][field] && r.visible === b.runs[i].visible && r.color === b.runs[i].color);

/** Accuracy or loss per epoch, train and validation for every run: `pick` reads one, `useY` gives its y axis. */
const epochChart = (
  testId: string,
  title: () => string,
  pick: { val: (m: EpochMetrics) => number; train: (m: EpochMetrics) => number },
  useY: (data: Row[]) => YAxisSpec,
) =>
  memo(function EpochChart({ runs, budget }: ChartProps) {
    const xAxis = useChartSettings((s) => s.xAxis);
    const data = merge(epochRows(runs, pick.val, 'val', xAxis), epochRows(runs, pick.train, 'train', xAxis));
    const y = useY(data);
    return (
      <SeriesChart
        runs={runs}
        data={data}
        series={SERIES}
        y={y}
        xSpan={epochSpan(budget, xAxis)}
        testId={testId}
        title={title()}
        smoothed={false}
      />
    );
  }, sameRuns('epochs'));

export const AccuracyChart = epochChart(
  'chart-accuracy',
  () => ui.results.accuracyTitle,
  { val: (m) => m.valAccuracy, train: (m) => m.trainAccuracy },
  () => UNIT,
);
export const LossChart = epochChart(
  'chart-loss',
  () => ui.results.lossTitle,
  { val: (m) => m.valLoss, train: (m) => m.trainLoss },
  useLossAxis,
);

export const BatchChart = memo(function BatchChart({ runs, budget }: ChartProps) {
  const { smoothing, xAxis } = useChartSettings();
  const rows = new Map<number, Row>();
  for (const r of runs) {
    const smooth = emaSmooth(
      r.batches.map((b) => b.loss),
      smoothing,
    );
    r.batches.forEach((b, i) => {
      const x = xAxis === 'epoch' ? b.step : b.examplesSeen;
      rows.set(x, { ...(rows.get(x) ?? { x }), [`${r.info.id}_batch`]: smooth[i], [`${r.info.id}_batch_raw`]: b.loss });
    });
  }
  const all = [...rows.values()].sort((a, b) => a.x - b.x);
  // Long runs: draw at most ~200 points (smoothing is computed on every batch before thinning).
  const stride = Math.ceil(all.length / 200);
  const data = stride > 1 ? all.filter((_, i) => i % stride === 0 || i === all.length - 1) : all;
  // Steps count from 0, so the last one is steps − 1.
  const xSpan: Span | null = budget && [0, xAxis === 'epoch' ? Math.max(1, budget.steps - 1) : budget.examples];
  const y = useLossAxis(data);
  return (
    <SeriesChart
      runs={runs}
      data={data}
      series={BATCH_SERIES}
      y={y}
      xSpan={xSpan}
      smoothed
      testId="chart-batch-loss"
      title={`${ui.results.batchLoss}${xAxis === 'epoch' ? ui.results.xStep : ''}`}
    />
  );
}, sameRuns('batches'));
