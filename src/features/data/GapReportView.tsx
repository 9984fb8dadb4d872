import type { PixelStats } from '../../core/data/domainGap';
import type { GapReport } from '../../core/selection/domainGapMeter';
import { ui } from '../../i18n';

const g = ui.gap;
/** The gauge's scale: MMD² lies in [0, 2]; the zones end at 0.05 and 0.2 (core/data/domainGap.ts), drawn on a square-root scale so both show. */
const GAUGE_MAX = 1;
const pos = (v: number) => `${Math.min(100, Math.sqrt(Math.max(0, v) / GAUGE_MAX) * 100)}%`;

const fmt = (values: readonly number[]) => values.map((v) => v.toFixed(2)).join(' / ');

function StatsRow({ label, stats }: { label: string; stats: PixelStats }) {
  return (
    <tr>
      <th scope="row">{label}</th>
      <td>{fmt(stats.mean)}</td>
      <td>{fmt(stats.std)}</td>
      <td>{stats.images ? g.polarity[stats.polarity] : '—'}</td>
    </tr>
  );
}

function Gauge({ report }: { report: GapReport }) {
  const gap = report.gap!;
  return (
    <div className="gap-gauge" role="meter" aria-valuemin={0} aria-valuemax={2} aria-valuenow={gap.mmd2 ?? undefined} aria-label={g.title}>
      <div className="gap-scale">
        <span className="zone small" style={{ width: pos(0.05) }} />
        <span className="zone moderate" style={{ width: `calc(${pos(0.2)} - ${pos(0.05)})` }} />
        <span className="zone large" />
        {gap.mmd2 !== null && <span className="gap-needle" style={{ left: pos(gap.mmd2) }} data-testid="gap-needle" />}
      </div>
    </div>
  );
}

/** A measured gap: its level and gauge, the MMD behind it, both sets' pixel statistics and the reasons found. */
export function GapReportView({ report, gap }: { report: GapReport; gap: NonNullable<GapReport['gap']> }) {
  return (
    <>
      <div className="gap-head">
        <span className={`gap-level ${gap.level}`} data-testid="gap-level" data-level={gap.level}>
          {g.levels[gap.level]}
        </span>
        <Gauge report={report} />
      </div>
      {gap.mmd2 !== null && report.bandwidth !== null && report.dims !== null && (
        <p className="small" title={g.mmdTitle} data-testid="gap-mmd">
          {g.mmd(gap.mmd2, report.bandwidth, report.dims, report.images.source, report.images.target)}
        </p>
      )}
      {report.basis === 'published' && <p className="muted small">{g.published}</p>}
      <table className="gap-stats small" data-testid="gap-stats">
        <thead>
          <tr>
            <th>{g.statsHead.set}</th>
            <th>{g.statsHead.mean}</th>
            <th>{g.statsHead.spread}</th>
            <th>{g.statsHead.polarity}</th>
          </tr>
        </thead>
        <tbody>
          <StatsRow label={report.basis === 'published' ? g.publishedRow : g.sourceRow} stats={gap.source} />
          <StatsRow label={g.targetRow} stats={gap.target} />
        </tbody>
      </table>
      {gap.reasons.length > 0 && (
        <ul className="gap-reasons small" data-testid="gap-reasons">
          {gap.reasons.map((r) => (
            <li key={r} data-reason={r}>
              {g.reasons[r]}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
