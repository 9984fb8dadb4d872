import type { RefObject } from 'react';
import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
  type AxisDomain,
} from 'recharts';
import type { WiseFtPoint } from '../../core/train/events';
import { ui } from '../../i18n';
import { CHART, FORGETTING } from '../../theme';
import { download } from '../../platform/download';
import { ChartExport } from '../../ui/charts/ChartExport';
import type { LegendItem } from '../../ui/charts/exportChart';
import { ChartTable } from '../../ui/ChartTable';
import { pctCell, pctTick, pctValue, UNIT_DOMAIN } from '../../ui/charts/percent';

const f = ui.forgetting;
const MARGIN = { top: 8, right: 16, bottom: 16, left: 0 };
type XAxisSpec = { domain: AxisDomain; ticks?: number[]; allowDecimals?: boolean };
const EPOCH_X: XAxisSpec = { domain: [1, 'dataMax'], allowDecimals: false };
const ALPHA_X: XAxisSpec = { domain: [0, 1], ticks: [0, 0.2, 0.4, 0.6, 0.8, 1] };

/** The figure's ref stays with the panel (its hooks run before it knows whether it draws). */
interface FigureProps {
  figure: RefObject<HTMLElement | null>;
  legend: () => LegendItem[];
}

/**
 * Both tasks' accuracy against `x` (source and target lines, the same colours in both charts),
 * with its table for screen readers; `marker` draws a dashed line at that x.
 */
function TwoTasksChart<P extends object>(props: {
  figure: FigureProps['figure'];
  legend: FigureProps['legend'];
  points: P[];
  testId: string;
  title: string;
  x: { key: keyof P & string; label: string; axis: XAxisSpec; tip: (x: unknown) => string };
  source: keyof P & string;
  target: keyof P & string;
  marker?: number;
}) {
  const { figure, legend, points, testId, title, x, source, target, marker } = props;
  const at = (p: P, key: keyof P) => p[key] as unknown;
  return (
    <figure className="chart" data-testid={testId} ref={figure}>
      <figcaption className="table-head">
        <span />
        <ChartExport figure={figure} title={title} legend={legend} file={testId} download={download} />
      </figcaption>
      <ResponsiveContainer width="100%" height={220}>
        <LineChart data={points} margin={MARGIN}>
          <CartesianGrid stroke={CHART.grid} vertical={false} />
          <XAxis dataKey={x.key as string} type="number" {...x.axis} label={{ value: x.label, position: 'insideBottom', offset: -8 }} />
          <YAxis domain={UNIT_DOMAIN} tickFormatter={pctTick} width={48} />
          <Tooltip formatter={pctValue} labelFormatter={x.tip} />
          <Legend verticalAlign="top" />
          {marker !== undefined && <ReferenceLine x={marker} stroke={CHART.reference} strokeDasharray="4 4" />}
          <Line dataKey={source as string} name={f.source} stroke={FORGETTING.source} strokeWidth={2} isAnimationActive={false} />
          <Line dataKey={target as string} name={f.target} stroke={FORGETTING.target} strokeWidth={2} isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
      <ChartTable
        caption={title}
        columns={[x.label, f.source, f.target]}
        rows={points.map((p) => [String(at(p, x.key)), pctCell(at(p, source)), pctCell(at(p, target))])}
        testId={`${testId}-table`}
      />
    </figure>
  );
}

/** Source-task and target accuracy per epoch. */
export function ForgettingChart({
  points,
  figure,
  legend,
}: FigureProps & { points: { epoch: number; source: number | null; target: number }[] }) {
  const epoch = ui.results.xAxis.epoch;
  return (
    <TwoTasksChart
      figure={figure}
      legend={legend}
      points={points}
      testId="chart-forgetting"
      title={f.title}
      x={{ key: 'epoch', label: epoch, axis: EPOCH_X, tip: (n) => `${epoch} ${n}` }}
      source="source"
      target="target"
    />
  );
}

/** WiSE-FT: both tasks' accuracy as α walks from the pretrained to the fine-tuned backbone, the chosen α marked. */
export function WiseFtChart({ wise, alpha, figure, legend }: FigureProps & { wise: WiseFtPoint[]; alpha: number }) {
  return (
    <TwoTasksChart
      figure={figure}
      legend={legend}
      points={wise}
      testId="chart-wiseft"
      title={f.wiseTitle}
      x={{ key: 'alpha', label: f.alphaAxis, axis: ALPHA_X, tip: (a) => `α = ${a}` }}
      source="sourceAccuracy"
      target="targetAccuracy"
      marker={alpha}
    />
  );
}
