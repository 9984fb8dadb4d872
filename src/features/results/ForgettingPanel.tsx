import { useRef, useState } from 'react';
import { CHART, FORGETTING } from '../../theme';
import { ChartExport } from './ChartExport';
import { ChartTable } from '../../ui/ChartTable';
import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { ui } from '../../i18n';
import { useRunStore } from '../../lab/runStore';
import { ExplainLink } from '../../ui/ExplainLink';

const f = ui.forgetting;
const UNIT: [number, number] = [0, 1];
const pctTick = (v: number) => `${Math.round(v * 100)}%`;
const pctValue = (v: unknown) => (typeof v === 'number' ? `${(v * 100).toFixed(1)}%` : '—');
const pct = (v: number) => `${(v * 100).toFixed(1)}%`;
const cellPct = (v: number | null | undefined) => (typeof v === 'number' && Number.isFinite(v) ? pct(v) : null);

/**
 * The forgetting meter: source-task accuracy (original head, held-out source images) next to
 * target accuracy, per epoch; after training, the WiSE-FT slider walks from the pretrained (α = 0)
 * to the fine-tuned backbone (α = 1) and shows the trade-off between the two tasks.
 */
export function ForgettingPanel() {
  const run = useRunStore((s) => s.runs.find((r) => r.info.kind === 'transfer' && r.epochs.some((m) => m.sourceAccuracy !== null)));
  const [alpha, setAlpha] = useState(1);
  const forgetting = useRef<HTMLElement>(null);
  const wiseFigure = useRef<HTMLElement>(null);
  if (!run) return null;
  const legend = () => [
    { name: f.source, color: FORGETTING.source },
    { name: f.target, color: FORGETTING.target },
  ];
  const points = run.epochs.map((m) => ({ epoch: m.epoch, source: m.sourceAccuracy, target: m.valAccuracy }));
  const wise = run.wiseft ?? [];
  const at = wise.reduce((best, p) => (Math.abs(p.alpha - alpha) < Math.abs(best.alpha - alpha) ? p : best), wise[0] ?? { alpha: 1, sourceAccuracy: 0, targetAccuracy: 0 });
  const first = run.epochs[0]?.sourceAccuracy ?? null;
  const start = wise[0]?.sourceAccuracy ?? first;
  const last = run.epochs.at(-1)?.sourceAccuracy ?? null;
  return (
    <section className="forgetting" data-testid="forgetting-panel">
      <h3>
        {f.title} <ExplainLink topic="forgetting" />
      </h3>
      <p className="small muted">{f.hint}</p>
      {start !== null && last !== null && (
        <p className="small" data-testid="forgetting-summary">
          {f.summary(pct(start), pct(last), ((last - start) * 100).toFixed(1))}
        </p>
      )}
      <figure className="chart" data-testid="chart-forgetting" ref={forgetting}>
        <figcaption className="table-head">
          <span />
          <ChartExport figure={forgetting} title={f.title} legend={legend} file="chart-forgetting" />
        </figcaption>
        <ResponsiveContainer width="100%" height={220}>
          <LineChart data={points} margin={{ top: 8, right: 16, bottom: 16, left: 0 }}>
            <CartesianGrid stroke={CHART.grid} vertical={false} />
            <XAxis dataKey="epoch" type="number" domain={[1, 'dataMax']} allowDecimals={false} label={{ value: ui.results.xAxis.epoch, position: 'insideBottom', offset: -8 }} />
            <YAxis domain={UNIT} tickFormatter={pctTick} width={48} />
            <Tooltip formatter={pctValue} labelFormatter={(n) => `${ui.results.xAxis.epoch} ${n}`} />
            <Legend verticalAlign="top" />
            <Line dataKey="source" name={f.source} stroke={FORGETTING.source} strokeWidth={2} isAnimationActive={false} />
            <Line dataKey="target" name={f.target} stroke={FORGETTING.target} strokeWidth={2} isAnimationActive={false} />
          </LineChart>
        </ResponsiveContainer>
        <ChartTable caption={f.title} columns={[ui.results.xAxis.epoch, f.source, f.target]} rows={points.map((p) => [String(p.epoch), cellPct(p.source), cellPct(p.target)])} testId="chart-forgetting-table" />
      </figure>
      {wise.length > 0 && (
        <>
          <h4>{f.wiseTitle}</h4>
          <p className="small muted">{f.wiseHint}</p>
          <label className="field inline">
            <span>α</span>
            <input type="range" min={0} max={1} step={0.1} value={alpha} data-testid="wiseft-alpha" onChange={(e) => setAlpha(Number(e.target.value))} />
            <output data-testid="wiseft-readout">{f.readout(at.alpha, pct(at.targetAccuracy), pct(at.sourceAccuracy))}</output>
          </label>
          <figure className="chart" data-testid="chart-wiseft" ref={wiseFigure}>
            <figcaption className="table-head">
              <span />
              <ChartExport figure={wiseFigure} title={f.wiseTitle} legend={legend} file="chart-wiseft" />
            </figcaption>
            <ResponsiveContainer width="100%" height={220}>
              <LineChart data={wise} margin={{ top: 8, right: 16, bottom: 16, left: 0 }}>
                <CartesianGrid stroke={CHART.grid} vertical={false} />
                <XAxis dataKey="alpha" type="number" domain={[0, 1]} ticks={[0, 0.2, 0.4, 0.6, 0.8, 1]} label={{ value: f.alphaAxis, position: 'insideBottom', offset: -8 }} />
                <YAxis domain={UNIT} tickFormatter={pctTick} width={48} />
                <Tooltip formatter={pctValue} labelFormatter={(a) => `α = ${a}`} />
                <Legend verticalAlign="top" />
                <ReferenceLine x={at.alpha} stroke={CHART.reference} strokeDasharray="4 4" />
                <Line dataKey="sourceAccuracy" name={f.source} stroke={FORGETTING.source} strokeWidth={2} isAnimationActive={false} />
                <Line dataKey="targetAccuracy" name={f.target} stroke={FORGETTING.target} strokeWidth={2} isAnimationActive={false} />
              </LineChart>
            </ResponsiveContainer>
            <ChartTable caption={f.wiseTitle} columns={[f.alphaAxis, f.source, f.target]} rows={wise.map((p) => [String(p.alpha), cellPct(p.sourceAccuracy), cellPct(p.targetAccuracy)])} testId="chart-wiseft-table" />
          </figure>
        </>
      )}
    </section>
  );
}
