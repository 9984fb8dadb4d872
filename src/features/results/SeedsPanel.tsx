import { useRef, useState } from 'react';
import { Area, CartesianGrid, ComposedChart, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { bandOverSeeds, meanCI, transferReport, type Interval, type TransferReport } from '../../core/metrics/transfer';
import type { ExplainTopic } from '../../i18n/explain.en';
import { render, runName, ui } from '../../i18n';
import { curvesOf, pairsFor, studyPlan, useStudyStore, type StudyRun } from '../../state/studyStore';
import { useChartSettings } from './chartSettings';
import { download } from './exportResults';
import { ExplainLink } from '../../ui/ExplainLink';
import { useChartHeight } from './chartHeight';
import { ChartExport } from './ChartExport';
import { ChartTable } from '../../ui/ChartTable';

const s = ui.seeds;
const UNIT: [number, number] = [0, 1];
const pctTick = (v: number) => `${Math.round(v * 100)}%`;
const points = (v: number) => `${v >= 0 ? '+' : ''}${(v * 100).toFixed(1)}`;

/** A band row's cell: a mean, or a band's low – high, in percent. */
const bandCell = (v: number | [number, number] | null | undefined) => (v == null ? null : Array.isArray(v) ? `${pctTick(v[0])} – ${pctTick(v[1])}` : pctTick(v));

/** "+12.3 pts [8.1, 16.5]" — a mean with its 95% CI. */
function ci(i: Interval | null, fmt: (v: number) => string = points, unit = s.ptsUnit): string {
  if (!i) return '—';
  return i.n > 1 ? `${fmt(i.mean)}${unit} [${fmt(i.lo)}, ${fmt(i.hi)}]` : `${fmt(i.mean)}${unit}`;
}

/** Mean final validation accuracy over the seeds that finished the run, with its CI. */
function finalAccuracy(curves: readonly (readonly { valAccuracy: number }[])[]): Interval | null {
  const finals = curves.flatMap((c) => (c.length ? [c.at(-1)!.valAccuracy] : []));
  return finals.length ? meanCI(finals) : null;
}

type Row = Record<string, number | [number, number] | null>;

/** Per-epoch mean and band of validation accuracy for every planned run, plus each seed's own curve. */
function bandRows(variants: readonly StudyRun[], plan: readonly PlanEntry[], band: 'ci' | 'minmax'): Row[] {
  const rows: Row[] = [];
  for (const run of plan) {
    const curves = curvesOf(variants, run.id).map((c) => c.map((m) => m.valAccuracy));
    bandOverSeeds(curves, band).forEach((b, e) => {
      const row = (rows[e] ??= { epoch: e + 1 });
      row[`${run.id}_mean`] = Number.isFinite(b.mean) ? b.mean : null;
      row[`${run.id}_band`] = Number.isFinite(b.mean) ? [b.lo, b.hi] : null;
      curves.forEach((c, i) => (row[`${run.id}_seed${i}`] = c[e] ?? null));
    });
  }
  return rows;
}

type PlanEntry = ReturnType<typeof studyPlan>[number];

/** The transfer metrics' rows: label, help, Explain topic, and how a report fills its cell. */
const metricRows = (threshold: number): { testId: string; label: string; help: string; topic: ExplainTopic; cell: (r: TransferReport) => string }[] => [
  { testId: 'metric-jumpstart', label: s.metrics.jumpstart, help: s.help.jumpstart, topic: 'jumpstart', cell: (r) => ci(r.jumpstart) },
  { testId: 'metric-gain', label: s.metrics.gain, help: s.help.gain, topic: 'gain', cell: (r) => ci(r.asymptoticGain) },
  { testId: 'metric-auc-ratio', label: s.metrics.aucRatio, help: s.help.aucRatio, topic: 'auc', cell: (r) => ci(r.aucRatio, (v) => v.toFixed(2), '×') },
  {
    testId: 'metric-threshold',
    label: s.metrics.toThreshold(threshold),
    help: s.help.toThreshold,
    topic: 'threshold',
    cell: (r) => `${s.runs.transfer}: ${ci(r.epochsToThreshold.transfer, (v) => v.toFixed(1), '')} · ${s.runs.scratch}: ${ci(r.epochsToThreshold.scratch, (v) => v.toFixed(1), '')}`,
  },
  { testId: 'metric-ntg', label: s.metrics.ntg, help: s.help.ntg, topic: 'ntg', cell: (r) => ci(r.ntg) },
];

/** Multi-seed results: mean curves with a band for every run, the transfer metrics with CIs, and a verdict per transfer run. */
export function SeedsPanel() {
  const chartHeight = useChartHeight(240);
  const figure = useRef<HTMLElement>(null);
  const { kind, runs, status, config, total } = useStudyStore();
  const threshold = useChartSettings((st) => st.threshold);
  const [band, setBand] = useState<'ci' | 'minmax'>('ci');
  const [showSeeds, setShowSeeds] = useState(false);
  const finished = runs.filter((v) => v.runs.some((r) => r.epochs.length));
  if (kind !== 'seeds' || !finished.length) return null;
  const plan = studyPlan(finished);
  const hasScratch = plan.some((r) => r.kind === 'scratch');
  // Each transfer run against the scratch baseline, over the seeds that finished both.
  const compared = plan
    .filter((r) => r.kind === 'transfer')
    .map((r) => ({ run: r, pairs: pairsFor(finished, r.id) }))
    .filter((c) => hasScratch && c.pairs.length)
    .map((c) => ({ ...c, report: transferReport(c.pairs, threshold) }));
  const single = compared.length === 1;
  const rows = bandRows(finished, plan, band);
  const finals = plan.map((r) => ({ run: r, final: finalAccuracy(curvesOf(finished, r.id)) }));
  const exportJson = () =>
    download(
      'transfer-lab-seeds.json',
      JSON.stringify({ app: 'transfer-lab', exportVersion: 2, kind: 'multi-seed', config, threshold, plan, seeds: runs, reports: compared.map((c) => ({ runId: c.run.id, name: runName(c.run.name), report: { ...c.report, explanation: render(c.report.explanation) } })) }, null, 2),
      'application/json',
    );
  return (
    <section className="seeds" data-testid="seeds-panel" data-status={status} data-seeds={finished.length} data-runs={plan.length}>
      <div className="table-head">
        <h3>{s.title(finished.length, total)}</h3>
        <button className="button small" data-testid="export-seeds" onClick={exportJson}>
          {s.export}
        </button>
      </div>
      {compared.map((c) => (
        <p key={c.run.id} className={`verdict ${c.report.verdict}`} data-testid="verdict" data-verdict={c.report.verdict} data-run={c.run.id}>
          <span className="verdict-badge">{s.verdicts[c.report.verdict]}</span> {!single && <strong>{runName(c.run.name)}: </strong>}
          {render(c.report.explanation)} <ExplainLink topic="verdict" />
        </p>
      ))}
      <div className="chart-controls">
        <div className="segmented" role="group" aria-label={s.band}>
          {(['ci', 'minmax'] as const).map((b) => (
            <button key={b} aria-pressed={band === b} data-testid={`band-${b}`} onClick={() => setBand(b)}>
              {s.bands[b]}
            </button>
          ))}
        </div>
        <label className="check">
          <input type="checkbox" checked={showSeeds} data-testid="show-seeds" onChange={(e) => setShowSeeds(e.target.checked)} />
          {s.showSeeds}
        </label>
      </div>
      <figure className="chart" data-testid="seeds-chart" ref={figure}>
        <figcaption className="table-head">
          <span>{s.chartTitle}</span>
          <ChartExport figure={figure} title={s.chartTitle} legend={() => plan.map((r) => ({ name: `${runName(r.name)} ${s.mean}`, color: r.color }))} file="seeds-chart" />
        </figcaption>
        {/* Recharts' own legend would list every band and seed line; one entry per run is what reads. */}
        <ul className="run-legend" data-testid="seeds-legend">
          {plan.map((r) => (
            <li key={r.id}>
              <span className="swatch" style={{ background: r.color }} /> {runName(r.name)}
            </li>
          ))}
        </ul>
        <ResponsiveContainer width="100%" height={chartHeight}>
          <ComposedChart data={rows} margin={{ top: 8, right: 16, bottom: 4, left: 0 }}>
            <CartesianGrid stroke="#e5e7eb" vertical={false} />
            <XAxis dataKey="epoch" type="number" domain={['dataMin', 'dataMax']} allowDecimals={false} />
            {/* Accuracy lives in [0, 1]: a wide band of few seeds is clipped there, not allowed to stretch the axis. */}
            <YAxis domain={UNIT} allowDataOverflow tickFormatter={pctTick} width={56} />
            <Tooltip formatter={(v) => (Array.isArray(v) ? v.map((x) => pctTick(Number(x))).join(' – ') : pctTick(Number(v)))} />
            {plan.flatMap((r) => [
              <Area key={`${r.id}_band`} dataKey={`${r.id}_band`} stroke="none" fill={r.color} fillOpacity={plan.length > 2 ? 0.1 : 0.15} isAnimationActive={false} name={`${runName(r.name)} ${s.bands[band]}`} />,
              <Line key={`${r.id}_mean`} dataKey={`${r.id}_mean`} stroke={r.color} strokeWidth={2} dot={false} isAnimationActive={false} name={`${runName(r.name)} ${s.mean}`} />,
              ...(showSeeds ? finished.map((v, i) => <Line key={`${r.id}_seed${i}`} dataKey={`${r.id}_seed${i}`} stroke={r.color} strokeOpacity={0.35} strokeWidth={1} dot={false} isAnimationActive={false} name={s.seedLine(runName(r.name), v.seed)} />) : []),
            ])}
          </ComposedChart>
        </ResponsiveContainer>
        <ChartTable
          caption={s.chartTitle}
          columns={[ui.results.xAxis.epoch, ...plan.map((r) => `${runName(r.name)} ${s.mean}`), ...plan.map((r) => `${runName(r.name)} ${s.bands[band]}`)]}
          rows={rows.map((row) => [String(row.epoch), ...plan.map((r) => bandCell(row[`${r.id}_mean`])), ...plan.map((r) => bandCell(row[`${r.id}_band`]))])}
          testId="seeds-chart-table"
        />
      </figure>
      <table className="summary" data-testid="seeds-finals">
        <thead>
          <tr>
            <th>{s.run}</th>
            <th>{s.finalAccuracy}</th>
          </tr>
        </thead>
        <tbody>
          {finals.map(({ run, final }) => (
            <tr key={run.id} data-testid="seeds-final" data-run={run.id}>
              <td>
                <span className="swatch" style={{ background: run.color }} /> {runName(run.name)}
              </td>
              <td>{ci(final, (v) => (v * 100).toFixed(1), '%')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {compared.length > 0 && (
        <table className="summary" data-testid="seeds-metrics">
          {!single && (
            <thead>
              <tr>
                <th />
                {compared.map((c) => (
                  <th key={c.run.id}>{runName(c.run.name)}</th>
                ))}
              </tr>
            </thead>
          )}
          <tbody>
            {metricRows(threshold).map((m) => (
              <tr key={m.testId}>
                <th title={m.help}>
                  {m.label} <ExplainLink topic={m.topic} />
                </th>
                {compared.map((c) => (
                  <td key={c.run.id} data-testid={m.testId}>
                    {m.cell(c.report)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
