import { memo, startTransition, useEffect, useMemo, useRef, useState } from 'react';
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis, type AxisDomain } from 'recharts';
import { emaSmooth } from '../../core/metrics/summary';
import type { EpochMetrics, RunBudget } from '../../core/train/events';
import { locale, render, ui } from '../../i18n';
import { CHART } from '../../theme';
import { useRunStore, type RunView } from '../../lab/runStore';
import { useZooStore } from '../../lab/zooStore';
import { useChartSettings } from './chartSettings';
import { ceilingTicks, niceTicks } from './ticks';
import { chartsDrawn } from '../../platform/drawSync';
import { msg } from '../../core/messages';
import { useChartHeight } from './chartHeight';
import { useReducedMotion } from '../../ui/useReducedMotion';
import { ChartExport } from './ChartExport';
import { ChartTable } from '../../ui/ChartTable';

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
/** Axis labels without trailing zeros: 0.75, 1, 2.2 rather than 0.750, 1.000, 2.200. */
const tickFmt = (v: number) => String(Number(fmt(v)));

/*
 * recharts 3 re-dispatches an axis' or tooltip's settings into its internal store whenever a prop
 * changes identity, and every dispatch re-renders the whole chart. Inline arrays and arrow
 * functions would do that on every render, so all props are module-level constants.
 */
const MARGIN = { top: 8, right: 16, bottom: 4, left: 0 };
const DATA_DOMAIN: AxisDomain = ['dataMin', 'dataMax'];
const tooltipValue = (v: unknown) => fmt(Number(v));
const AXIS = {
  epoch: { tick: (v: number) => String(v), label: (v: unknown) => ui.results.tooltipEpoch(Number(v)) },
  examples: { tick: (v: number) => v.toLocaleString(locale()), label: (v: unknown) => ui.results.tooltipExamples(Number(v)) },
};

/*
 * The x axis spans the run's whole budget from the first point on. recharts keys every tick and
 * grid line by its pixel position, so an axis that stretched with each new point would tear down
 * and rebuild all of them on every redraw; a fixed one redraws only the lines. It also shows the
 * class how far training has to go. `interval={0}` keeps recharts from measuring each tick label
 * in the DOM (a forced layout of the whole page) to thin them out: a numeric axis has only ~5.
 * Both axes' ticks are ours (`niceTicks="none"`): recharts' own ran decimal.js arithmetic on every
 * redraw, about a tenth of all the page allocated while training, hence of its garbage collections.
 */
function SeriesChart({ runs, data, series, y, xSpan, testId, title, smoothed }: { runs: RunView[]; data: Row[]; series: { key: string; dashed: boolean; label: string }[]; y: YAxisSpec; xSpan: Span | null; testId: string; title: string; smoothed: boolean }) {
  const chartHeight = useChartHeight(220);
  const xAxis = useChartSettings((s) => s.xAxis);
  const [from, to] = xSpan ?? [0, null];
  const x = useMemo(() => (to === null ? { domain: DATA_DOMAIN, ticks: undefined } : { domain: [from, to] as AxisDomain, ticks: niceTicks(from, to) }), [from, to]);
  const figure = useRef<HTMLElement>(null);
  // Finished curves (a link's, a restored run's) draw themselves in; live ones never animate (each
  // batch would restart it), and nothing moves for a user who asked the OS for less motion.
  const reduced = useReducedMotion();
  const animate = !reduced && !runs.some((r) => r.status === 'running' || r.status === 'pending' || r.status === 'paused');
  const legend = () => runs.filter((r) => r.visible).flatMap((r) => series.map((s) => ({ name: `${render(r.info.name)} ${s.label}`, color: r.color, dashed: s.dashed })));
  return (
    <figure className="chart" data-testid={testId} data-animation={reduced ? 'off' : 'on'} ref={figure}>
      <figcaption className="table-head">
        <span>{title}</span>
        {testId !== 'chart-warmup' && <ChartExport figure={figure} title={title} legend={legend} file={testId} />}
      </figcaption>
      <ResponsiveContainer width="100%" height={chartHeight}>
        <LineChart data={data} margin={MARGIN}>
          <CartesianGrid stroke={CHART.grid} vertical={false} />
          <XAxis dataKey="x" type="number" domain={x.domain} ticks={x.ticks} allowDecimals={false} interval={0} niceTicks="none" tickFormatter={AXIS[xAxis].tick} />
          <YAxis domain={y.domain} ticks={y.ticks} interval={0} niceTicks="none" tickFormatter={tickFmt} width={48} />
          <Tooltip isAnimationActive={false} formatter={tooltipValue} labelFormatter={AXIS[xAxis].label} />
          {runs
            .filter((r) => r.visible)
            .flatMap((r) =>
              series.flatMap((s) => [
                smoothed && <Line key={`${r.info.id}_${s.key}_raw`} dataKey={`${r.info.id}_${s.key}_raw`} stroke={r.color} strokeOpacity={0.25} dot={false} isAnimationActive={false} strokeDasharray={s.dashed ? '4 3' : undefined} legendType="none" name={ui.results.rawSeries(render(r.info.name), s.label)} />,
                <Line key={`${r.info.id}_${s.key}`} dataKey={`${r.info.id}_${s.key}`} stroke={r.color} strokeWidth={2} dot={false} isAnimationActive={animate} animationDuration={600} strokeDasharray={s.dashed ? '4 3' : undefined} name={`${render(r.info.name)} ${s.label}`} />,
              ]),
            )}
        </LineChart>
      </ResponsiveContainer>
      {testId !== 'chart-warmup' && <SeriesTable runs={runs} data={data} series={series} title={title} testId={testId} />}
    </figure>
  );
}

/** The chart's numbers for screen readers: x, then one column per run and series drawn. */
function SeriesTable({ runs, data, series, title, testId }: { runs: RunView[]; data: Row[]; series: { key: string; label: string }[]; title: string; testId: string }) {
  const xAxis = useChartSettings((s) => s.xAxis);
  const columns = runs.filter((r) => r.visible).flatMap((r) => series.map((s) => ({ key: `${r.info.id}_${s.key}`, name: `${render(r.info.name)} ${s.label}` })));
  const rows = data.map((row) => [AXIS[xAxis].tick(row.x), ...columns.map((c) => (Number.isFinite(row[c.key]) ? fmt(row[c.key]) : null))]);
  return <ChartTable caption={title} columns={[ui.results.xAxis[xAxis], ...columns.map((c) => c.name)]} rows={rows} testId={`${testId}-table`} />;
}

interface YAxisSpec {
  domain: AxisDomain;
  ticks: number[];
}

const yAxisTo = (top: number): YAxisSpec => {
  const ticks = ceilingTicks(top);
  return { domain: [0, ticks[ticks.length - 1]], ticks };
};
const UNIT = yAxisTo(1);

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

// Stable arrays (the memoised charts compare them), with labels read in the language of the moment.
const BATCH_SERIES = [
  {
    key: 'batch',
    dashed: false,
    get label() {
      return ui.results.series.batch;
    },
  },
];
const SERIES = [
  {
    key: 'val',
    dashed: false,
    get label() {
      return ui.results.series.val;
    },
  },
  {
    key: 'train',
    dashed: true,
    get label() {
      return ui.results.series.train;
    },
  },
];

type Span = readonly [number, number];

/** Epoch curves' x span: the first to the last epoch (or examples seen at the end of the budget). */
const epochSpan = (budget: RunBudget | null, xAxis: 'epoch' | 'examples'): Span | null =>
  budget && (xAxis === 'epoch' ? [budget.epochs > 1 ? 1 : 0, budget.epochs] : [0, budget.examples]);

interface ChartProps {
  runs: RunView[];
  budget: RunBudget | null;
}

/** Re-render only when what a chart draws changed: a batch event must not redraw the epoch charts. */
const sameRuns = (field: 'epochs' | 'batches') => (a: ChartProps, b: ChartProps) =>
  a.budget === b.budget && a.runs.length === b.runs.length && a.runs.every((r, i) => r[field] === b.runs[i][field] && r.visible === b.runs[i].visible && r.color === b.runs[i].color);

const AccuracyChart = memo(function AccuracyChart({ runs, budget }: ChartProps) {
  const xAxis = useChartSettings((s) => s.xAxis);
  const acc = merge(epochRows(runs, (m) => m.valAccuracy, 'val', xAxis), epochRows(runs, (m) => m.trainAccuracy, 'train', xAxis));
  return <SeriesChart runs={runs} data={acc} series={SERIES} y={UNIT} xSpan={epochSpan(budget, xAxis)} testId="chart-accuracy" title={ui.results.accuracyTitle} smoothed={false} />;
}, sameRuns('epochs'));

const LossChart = memo(function LossChart({ runs, budget }: ChartProps) {
  const xAxis = useChartSettings((s) => s.xAxis);
  const loss = merge(epochRows(runs, (m) => m.valLoss, 'val', xAxis), epochRows(runs, (m) => m.trainLoss, 'train', xAxis));
  const y = useLossAxis(loss);
  return <SeriesChart runs={runs} data={loss} series={SERIES} y={y} xSpan={epochSpan(budget, xAxis)} testId="chart-loss" title={ui.results.lossTitle} smoothed={false} />;
}, sameRuns('epochs'));

const BatchChart = memo(function BatchChart({ runs, budget }: ChartProps) {
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
  // Steps count from 0, so the last one is steps − 1.
  const xSpan: Span | null = budget && [0, xAxis === 'epoch' ? Math.max(1, budget.steps - 1) : budget.examples];
  const y = useLossAxis(data);
  return <SeriesChart runs={runs} data={data} series={BATCH_SERIES} y={y} xSpan={xSpan} smoothed testId="chart-batch-loss" title={`${ui.results.batchLoss}${xAxis === 'epoch' ? ui.results.xStep : ''}`} />;
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

/** Two runs of made-up numbers, so the warm-up below takes every path a real drawing takes. */
const WARMUP_RUNS: RunView[] = (['transfer', 'scratch'] as const).map((kind) => ({
  info: { id: kind, name: msg('msg.detail', kind), kind, description: [] },
  color: CHART.warmupRun,
  visible: true,
  status: 'done',
  epochs: [],
  batches: [],
}));
const WARMUP_SPAN: Span = [1, 3];
const WARMUP_ROWS: Row[] = [1, 2, 3].map((x) => ({ x, transfer_val: 1 / x, transfer_train: 0.9 / x, scratch_val: 2 / x, scratch_train: 1.8 / x }));

/**
 * Draws a chart once, hidden, when the page first goes idle, then unmounts.
 * A curve's first drawing runs React's and recharts' cold code (compiled lazily on first call):
 * on a fresh page it cost a 55–90 ms task at the first run's first epoch on the 2-core CI machine,
 * where later runs had none. Paid at idle instead (one task of ~150–350 ms there, before any run);
 * it makes that first-epoch task rarer, not impossible.
 */
function ChartWarmup() {
  const [phase, setPhase] = useState<'waiting' | 'drawing' | 'done'>('waiting');
  // Not before the lab is usable: an idle moment while the zoo's index downloads is not idle for the user.
  const usable = useZooStore((s) => s.status === 'ready');
  useEffect(() => {
    if (phase === 'waiting' && usable && typeof requestIdleCallback === 'function') {
      const id = requestIdleCallback(() => setPhase('drawing'));
      return () => cancelIdleCallback(id);
    }
    if (phase === 'drawing') {
      // Long enough for the container's size pass and recharts' effect passes to run.
      const timer = setTimeout(() => setPhase('done'), 1000);
      return () => clearTimeout(timer);
    }
  }, [phase, usable]);
  if (phase !== 'drawing') return null;
  return (
    <div className="chart-warmup" aria-hidden="true">
      <SeriesChart runs={WARMUP_RUNS} data={WARMUP_ROWS} series={SERIES} y={UNIT} xSpan={WARMUP_SPAN} testId="chart-warmup" title="" smoothed={false} />
    </div>
  );
}

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
