import { useMemo, useRef } from 'react';
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis, type AxisDomain } from 'recharts';
import { locale, render, ui } from '../../i18n';
import { CHART } from '../../theme';
import type { RunView } from '../../lab/runStore';
import { useChartSettings } from '../../lab/chartSettingsStore';
import { ceilingTicks, niceTicks } from './ticks';
import { useChartHeight } from '../../ui/charts/chartHeight';
import { useReducedMotion } from '../../ui/useReducedMotion';
import { ChartExport } from '../../ui/charts/ChartExport';
import { download } from '../../platform/download';
import { ChartTable } from '../../ui/ChartTable';

/** Rows keyed by x, one column per (run, series): recharts' wide format. */
export type Row = Record<string, number>;
export type Span = readonly [number, number];
type Series = { key: string; dashed: boolean; label: string };

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

/** Each visible run's line per series, under it (when `smoothed`) the faint unsmoothed one; recharts reads them as the chart's direct children. */
function seriesLines(runs: RunView[], series: Series[], smoothed: boolean, animate: boolean) {
  return runs
    .filter((r) => r.visible)
    .flatMap((r) =>
      series.flatMap((s) => [
        smoothed && (
          <Line
            key={`${r.info.id}_${s.key}_raw`}
            dataKey={`${r.info.id}_${s.key}_raw`}
            stroke={r.color}
            strokeOpacity={0.25}
            dot={false}
            isAnimationActive={false}
            strokeDasharray={s.dashed ? '4 3' : undefined}
            legendType="none"
            name={ui.results.rawSeries(render(r.info.name), s.label)}
          />
        ),
        <Line
          key={`${r.info.id}_${s.key}`}
          dataKey={`${r.info.id}_${s.key}`}
          stroke={r.color}
          strokeWidth={2}
          dot={false}
          isAnimationActive={animate}
          animationDuration={600}
          strokeDasharray={s.dashed ? '4 3' : undefined}
          name={`${render(r.info.name)} ${s.label}`}
        />,
      ]),
    );
}

/*
 * The x axis spans the run's whole budget from the first point on. recharts keys every tick and
 * grid line by its pixel position, so an axis that stretched with each new point would tear down
 * and rebuild all of them on every redraw; a fixed one redraws only the lines. It also shows the
 * class how far training has to go. `interval={0}` keeps recharts from measuring each tick label
 * in the DOM (a forced layout of the whole page) to thin them out: a numeric axis has only ~5.
 * Both axes' ticks are ours (`niceTicks="none"`): recharts' own ran decimal.js arithmetic on every
 * redraw, about a tenth of all the page allocated while training, hence of its garbage collections.
 */
export function SeriesChart({
  runs,
  data,
  series,
  y,
  xSpan,
  testId,
  title,
  smoothed,
}: {
  runs: RunView[];
  data: Row[];
  series: Series[];
  y: YAxisSpec;
  xSpan: Span | null;
  testId: string;
  title: string;
  smoothed: boolean;
}) {
  const chartHeight = useChartHeight(220);
  const xAxis = useChartSettings((s) => s.xAxis);
  const [from, to] = xSpan ?? [0, null];
  const x = useMemo(
    () => (to === null ? { domain: DATA_DOMAIN, ticks: undefined } : { domain: [from, to] as AxisDomain, ticks: niceTicks(from, to) }),
    [from, to],
  );
  const figure = useRef<HTMLElement>(null);
  // Finished curves (a link's, a restored run's) draw themselves in; live ones never animate (each
  // batch would restart it), and nothing moves for a user who asked the OS for less motion.
  const reduced = useReducedMotion();
  const animate = !reduced && !runs.some((r) => r.status === 'running' || r.status === 'pending' || r.status === 'paused');
  const legend = () =>
    runs
      .filter((r) => r.visible)
      .flatMap((r) => series.map((s) => ({ name: `${render(r.info.name)} ${s.label}`, color: r.color, dashed: s.dashed })));
  return (
    <figure className="chart" data-testid={testId} data-animation={reduced ? 'off' : 'on'} ref={figure}>
      <figcaption className="table-head">
        <span>{title}</span>
        {testId !== 'chart-warmup' && <ChartExport figure={figure} title={title} legend={legend} file={testId} download={download} />}
      </figcaption>
      <ResponsiveContainer width="100%" height={chartHeight}>
        <LineChart data={data} margin={MARGIN}>
          <CartesianGrid stroke={CHART.grid} vertical={false} />
          <XAxis
            dataKey="x"
            type="number"
            domain={x.domain}
            ticks={x.ticks}
            allowDecimals={false}
            interval={0}
            niceTicks="none"
            tickFormatter={AXIS[xAxis].tick}
          />
          <YAxis domain={y.domain} ticks={y.ticks} interval={0} niceTicks="none" tickFormatter={tickFmt} width={48} />
          <Tooltip isAnimationActive={false} formatter={tooltipValue} labelFormatter={AXIS[xAxis].label} />
          {seriesLines(runs, series, smoothed, animate)}
        </LineChart>
      </ResponsiveContainer>
      {testId !== 'chart-warmup' && <SeriesTable runs={runs} data={data} series={series} title={title} testId={testId} />}
    </figure>
  );
}

/** The chart's numbers for screen readers: x, then one column per run and series drawn. */
function SeriesTable({
  runs,
  data,
  series,
  title,
  testId,
}: {
  runs: RunView[];
  data: Row[];
  series: { key: string; label: string }[];
  title: string;
  testId: string;
}) {
  const xAxis = useChartSettings((s) => s.xAxis);
  const columns = runs
    .filter((r) => r.visible)
    .flatMap((r) => series.map((s) => ({ key: `${r.info.id}_${s.key}`, name: `${render(r.info.name)} ${s.label}` })));
  const rows = data.map((row) => [AXIS[xAxis].tick(row.x), ...columns.map((c) => (Number.isFinite(row[c.key]) ? fmt(row[c.key]) : null))]);
  return (
    <ChartTable caption={title} columns={[ui.results.xAxis[xAxis], ...columns.map((c) => c.name)]} rows={rows} testId={`${testId}-table`} />
  );
}

export interface YAxisSpec {
  domain: AxisDomain;
  ticks: number[];
}

export const yAxisTo = (top: number): YAxisSpec => {
  const ticks = ceilingTicks(top);
  return { domain: [0, ticks[ticks.length - 1]], ticks };
};
export const UNIT = yAxisTo(1);

// Stable arrays (the memoised charts compare them), with labels read in the language of the moment.
export const BATCH_SERIES = [
  {
    key: 'batch',
    dashed: false,
    get label() {
      return ui.results.series.batch;
    },
  },
];
export const SERIES = [
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
