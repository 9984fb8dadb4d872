import type { RefObject } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { WiseFtPoint } from '../../core/train/events';
import { ui } from '../../i18n';
import { CHART, FORGETTING } from '../../theme';
import { ChartExport } from './ChartExport';
import type { LegendItem } from './exportChart';
import { ChartTable } from '../../ui/ChartTable';

const f = ui.forgetting;
const UNIT: [number, number] = [0, 1];
const pctTick = (v: number) => `${Math.round(v * 100)}%`;
const pctValue = (v: unknown) => (typeof v === 'number' ? `${(v * 100).toFixed(1)}%` : '—');
export const pct = (v: number) => `${(v * 100).toFixed(1)}%`;
const cellPct = (v: number | null | undefined) => (typeof v === 'number' && Number.isFinite(v) ? pct(v) : null);

/** The figure's ref stays with the panel (its hooks run before it knows whether it draws). */
interface FigureProps {
  figure: RefObject<HTMLElement | null>;
  legend: () => LegendItem[];
}

/** Source-task and target accuracy per epoch, with its table for screen readers. */
export function ForgettingChart({
  points,
  figure,
  legend,
}: FigureProps & { points: { epoch: number; source: number | null; target: number }[] }) {
  return (
    <figure className="chart" data-testid="chart-forgetting" ref={figure}>
      <figcaption className="table-head">
        <span />
        <ChartExport figure={figure} title={f.title} legend={legend} file="chart-forgetting" />
      </figcaption>
      <ResponsiveContainer width="100%" height={220}>
        <LineChart data={points} margin={{ top: 8, right: 16, bottom: 16, left: 0 }}>
          <CartesianGrid stroke={CHART.grid} vertical={false} />
          <XAxis
            dataKey="epoch"
            type="number"
            domain={[1, 'dataMax']}
            allowDecimals={false}
            label={{ value: ui.results.xAxis.epoch, position: 'insideBottom', offset: -8 }}
          />
          <YAxis domain={UNIT} tickFormatter={pctTick} width={48} />
          <Tooltip formatter={pctValue} labelFormatter={(n) => `${ui.results.xAxis.epoch} ${n}`} />
          <Legend verticalAlign="top" />
          <Line dataKey="source" name={f.source} stroke={FORGETTING.source} strokeWidth={2} isAnimationActive={false} />
          <Line dataKey="target" name={f.target} stroke={FORGETTING.target} strokeWidth={2} isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
      <ChartTable
        caption={f.title}
        columns={[ui.results.xAxis.epoch, f.source, f.target]}
        rows={points.map((p) => [String(p.epoch), cellPct(p.source), cellPct(p.target)])}
        testId="chart-forgetting-table"
      />
    </figure>
  );
}

/** WiSE-FT: both tasks' accuracy as α walks from the pretrained to the fine-tuned backbone, the chosen α marked. */
export function WiseFtChart({ wise, alpha, figure, legend }: FigureProps & { wise: WiseFtPoint[]; alpha: number }) {
  return (
    <figure className="chart" data-testid="chart-wiseft" ref={figure}>
      <figcaption className="table-head">
        <span />
        <ChartExport figure={figure} title={f.wiseTitle} legend={legend} file="chart-wiseft" />
      </figcaption>
      <ResponsiveContainer width="100%" height={220}>
        <LineChart data={wise} margin={{ top: 8, right: 16, bottom: 16, left: 0 }}>
          <CartesianGrid stroke={CHART.grid} vertical={false} />
          <XAxis
            dataKey="alpha"
            type="number"
            domain={[0, 1]}
            ticks={[0, 0.2, 0.4, 0.6, 0.8, 1]}
            label={{ value: f.alphaAxis, position: 'insideBottom', offset: -8 }}
          />
          <YAxis domain={UNIT} tickFormatter={pctTick} width={48} />
          <Tooltip formatter={pctValue} labelFormatter={(a) => `α = ${a}`} />
          <Legend verticalAlign="top" />
          <ReferenceLine x={alpha} stroke={CHART.reference} strokeDasharray="4 4" />
          <Line dataKey="sourceAccuracy" name={f.source} stroke={FORGETTING.source} strokeWidth={2} isAnimationActive={false} />
          <Line dataKey="targetAccuracy" name={f.target} stroke={FORGETTING.target} strokeWidth={2} isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
      <ChartTable
        caption={f.wiseTitle}
        columns={[f.alphaAxis, f.source, f.target]}
        rows={wise.map((p) => [String(p.alpha), cellPct(p.sourceAccuracy), cellPct(p.targetAccuracy)])}
        testId="chart-wiseft-table"
      />
    </figure>
  );
}
