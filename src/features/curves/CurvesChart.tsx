import { memo, startTransition, useEffect, useMemo, useState } from 'react';
import { emaSmooth } from '../../core/metrics/summary';
import type { EpochMetrics, RunBudget } from '../../core/train/events';
import { ui } from '../../i18n';
import { useRunStore, type RunView } from '../../lab/runStore';
import { useChartSettings } from '../../lab/chartSettingsStore';
import { ceilingTicks } from './ticks';
import { chartsDrawn } from '../../platform/drawSync';
import { useChartHeight } from '../../ui/charts/chartHeight';
import { ChartWarmup } from './ChartWarmup';
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

const AccuracyChart = epochChart(
  'chart-accuracy',
  () => ui.results.accuracyTitle,
  { val: (m) => m.valAccuracy, train: (m) => m.trainAccuracy },
  () => UNIT,
);
const LossChart = epochChart('chart-loss', () => ui.results.lossTitle, { val: (m) => m.valLoss, train: (m) => m.trainLoss }, useLossAxis);

const BatchChart = memo(function BatchChart({ runs, budget }: ChartProps) {
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
const Pending = ({ testId }: { testId: string }) => {
  // As tall as the chart it stands for (lecture mode's too), so the layout does not jump when it draws.
  const height = useChartHeight(220);
  return <figure className="chart pending" data-testid={`${testId}-pending`} style={{ height }} />;
};

/** Accuracy and loss, train (dashed) and validation (solid), every run overlaid; plus per-batch loss. */
export function CurvesChart({ runs }: { runs: RunView[] }) {
  const budget = useRunStore((s) => s.budget);
  const [acc, loss, batch] = useStaggered(runs, 3);
  return (
    <div className="charts">
      {acc ? <AccuracyChart runs={acc} budget={budget} /> : <Pending testId="chart-accuracy" />}
      {loss ? <LossChart runs={loss} budget={budget} /> : <Pending testId="chart-loss" />}
      {batch ? <BatchChart runs={batch} budget={budget} /> : <Pending testId="chart-batch-loss" />}
      <ChartWarmup />
    </div>
  );
}
