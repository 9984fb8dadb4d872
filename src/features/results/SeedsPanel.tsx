import { useState } from 'react';
import { Area, CartesianGrid, ComposedChart, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { bandOverSeeds, transferReport, type Interval } from '../../core/metrics/transfer';
import { en } from '../../i18n/en';
import { useStudyStore, type StudyRun } from '../../state/studyStore';
import { useChartSettings } from './chartSettings';
import { download } from './exportResults';
import { ExplainLink } from '../../ui/ExplainLink';

const s = en.seeds;
const COLORS = { transfer: '#2563eb', scratch: '#ea580c' } as const;
const UNIT: [number, number] = [0, 1];
const pctTick = (v: number) => `${Math.round(v * 100)}%`;
const points = (v: number) => `${v >= 0 ? '+' : ''}${(v * 100).toFixed(1)}`;

/** "+12.3 pts [8.1, 16.5]" — a mean with its 95% CI. */
function ci(i: Interval | null, fmt: (v: number) => string = points, unit = ' pts'): string {
  if (!i) return '—';
  return i.n > 1 ? `${fmt(i.mean)}${unit} [${fmt(i.lo)}, ${fmt(i.hi)}]` : `${fmt(i.mean)}${unit}`;
}

type Row = Record<string, number | [number, number] | null>;

/** Per-epoch mean and band of validation accuracy for both runs, plus each seed's own curve. */
function bandRows(runs: readonly StudyRun[], band: 'ci' | 'minmax'): Row[] {
  const rows: Row[] = [];
  for (const kind of ['transfer', 'scratch'] as const) {
    const curves = runs.map((r) => r[kind].map((m) => m.valAccuracy));
    bandOverSeeds(curves, band).forEach((b, e) => {
      const row = (rows[e] ??= { epoch: e + 1 });
      row[`${kind}_mean`] = Number.isFinite(b.mean) ? b.mean : null;
      row[`${kind}_band`] = Number.isFinite(b.mean) ? [b.lo, b.hi] : null;
      curves.forEach((c, i) => (row[`${kind}_seed${i}`] = c[e] ?? null));
    });
  }
  return rows;
}

/** Multi-seed results: mean curves with a band, the transfer metrics with CIs, and a verdict. */
export function SeedsPanel() {
  const { kind, runs, status, config, total } = useStudyStore();
  const threshold = useChartSettings((st) => st.threshold);
  const [band, setBand] = useState<'ci' | 'minmax'>('ci');
  const [showSeeds, setShowSeeds] = useState(false);
  const pairs = runs.filter((r) => r.transfer.length && r.scratch.length);
  if (kind !== 'seeds' || !pairs.length) return null;
  const report = transferReport(pairs, threshold);
  const rows = bandRows(pairs, band);
  const exportJson = () =>
    download('transfer-lab-seeds.json', JSON.stringify({ app: 'transfer-lab', exportVersion: 1, kind: 'multi-seed', config, threshold, seeds: runs, report }, null, 2), 'application/json');
  return (
    <section className="seeds" data-testid="seeds-panel" data-status={status} data-seeds={pairs.length}>
      <div className="table-head">
        <h3>{s.title(pairs.length, total)}</h3>
        <button className="button small" data-testid="export-seeds" onClick={exportJson}>
          {s.export}
        </button>
      </div>
      <p className={`verdict ${report.verdict}`} data-testid="verdict" data-verdict={report.verdict}>
        <span className="verdict-badge">{s.verdicts[report.verdict]}</span> {report.explanation} <ExplainLink topic="verdict" />
      </p>
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
      <figure className="chart" data-testid="seeds-chart">
        <figcaption>{s.chartTitle}</figcaption>
        <ResponsiveContainer width="100%" height={240}>
          <ComposedChart data={rows} margin={{ top: 8, right: 16, bottom: 4, left: 0 }}>
            <CartesianGrid stroke="#e5e7eb" vertical={false} />
            <XAxis dataKey="epoch" type="number" domain={['dataMin', 'dataMax']} allowDecimals={false} />
            <YAxis domain={UNIT} tickFormatter={pctTick} width={48} />
            <Tooltip formatter={(v) => (Array.isArray(v) ? v.map((x) => pctTick(Number(x))).join(' – ') : pctTick(Number(v)))} />
            {(['transfer', 'scratch'] as const).flatMap((k) => [
              <Area key={`${k}_band`} dataKey={`${k}_band`} stroke="none" fill={COLORS[k]} fillOpacity={0.15} isAnimationActive={false} name={`${s.runs[k]} ${s.bands[band]}`} />,
              <Line key={`${k}_mean`} dataKey={`${k}_mean`} stroke={COLORS[k]} strokeWidth={2} dot={false} isAnimationActive={false} name={`${s.runs[k]} ${s.mean}`} />,
              ...(showSeeds ? pairs.map((_, i) => <Line key={`${k}_seed${i}`} dataKey={`${k}_seed${i}`} stroke={COLORS[k]} strokeOpacity={0.35} strokeWidth={1} dot={false} isAnimationActive={false} name={`${s.runs[k]} seed ${pairs[i].seed}`} />) : []),
            ])}
          </ComposedChart>
        </ResponsiveContainer>
      </figure>
      <table className="summary" data-testid="seeds-metrics">
        <tbody>
          <tr>
            <th title={s.help.jumpstart}>
              {s.metrics.jumpstart} <ExplainLink topic="jumpstart" />
            </th>
            <td data-testid="metric-jumpstart">{ci(report.jumpstart)}</td>
          </tr>
          <tr>
            <th title={s.help.gain}>
              {s.metrics.gain} <ExplainLink topic="gain" />
            </th>
            <td data-testid="metric-gain">{ci(report.asymptoticGain)}</td>
          </tr>
          <tr>
            <th title={s.help.aucRatio}>
              {s.metrics.aucRatio} <ExplainLink topic="auc" />
            </th>
            <td data-testid="metric-auc-ratio">{ci(report.aucRatio, (v) => v.toFixed(2), '×')}</td>
          </tr>
          <tr>
            <th title={s.help.toThreshold}>
              {s.metrics.toThreshold(threshold)} <ExplainLink topic="threshold" />
            </th>
            <td data-testid="metric-threshold">
              {s.runs.transfer}: {ci(report.epochsToThreshold.transfer, (v) => v.toFixed(1), '')} · {s.runs.scratch}: {ci(report.epochsToThreshold.scratch, (v) => v.toFixed(1), '')}
            </td>
          </tr>
          <tr>
            <th title={s.help.ntg}>
              {s.metrics.ntg} <ExplainLink topic="ntg" />
            </th>
            <td data-testid="metric-ntg">{ci(report.ntg)}</td>
          </tr>
        </tbody>
      </table>
    </section>
  );
}
