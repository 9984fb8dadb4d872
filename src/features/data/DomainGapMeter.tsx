import { messageOf } from '../../core/messages';
import { useEffect, useState } from 'react';
import type { GapReport } from '../../core/selection/domainGapMeter';
import type { PixelStats } from '../../core/data/domainGap';
import { INPUT_SIDE } from '../../core/models/inputSpec';
import { render, ui } from '../../i18n';
import { getEngine } from '../../state/engineClient';
import { useExperimentStore } from '../../state/experimentStore';
import { useRunStore } from '../../state/runStore';
import { toImageSet, useUploadStore } from '../../state/uploads/uploadStore';
import { useZooStore } from '../../state/zooStore';

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

/**
 * The domain-gap meter: measured by the engine whenever source or target change (not while
 * training), with the one-click preprocessing that closes the kind of gap it found.
 */
export function DomainGapMeter() {
  const config = useExperimentStore((s) => s.config);
  const setPreprocess = useExperimentStore((s) => s.setPreprocess);
  const engineReady = useZooStore((s) => (s.status === 'ready' ? s.generation : 0));
  const busy = useRunStore((s) => s.phase === 'running' || s.phase === 'paused');
  const uploads = useUploadStore((s) => s.classes);
  const { source, target, preprocess, seed, split, bias } = config;
  const key = JSON.stringify({ source, target, preprocess, seed, split, bias, uploads: target.kind === 'upload' ? uploads.map((c) => [c.id, c.images.length]) : null });
  const [loaded, setLoaded] = useState<{ key: string; report?: GapReport; error?: string } | null>(null);
  const current = loaded?.key === key ? loaded : null;

  useEffect(() => {
    if (!engineReady || busy) return;
    if (target.kind === 'upload' && useUploadStore.getState().classes.filter((c) => c.images.length).length < 2) return;
    let live = true;
    // A short pause: knobs are often turned in a row, and each measurement embeds 400 images.
    // The images are packed only then: while a folder arrives, the key changes every few frames.
    const timer = setTimeout(() => {
      const uploaded = target.kind === 'upload' ? toImageSet(useUploadStore.getState(), INPUT_SIDE) : null;
      if (target.kind === 'upload' && (!uploaded || uploaded.classNames.length < 2)) return;
      getEngine()
        .measureGap(useExperimentStore.getState().config, uploaded)
        .then((report) => live && setLoaded({ key, report }))
        .catch((err: unknown) => live && setLoaded({ key, error: render(messageOf(err)) }));
    }, 300);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [key, engineReady, busy, target.kind]);

  const report = current?.report;
  const gap = report?.gap;
  return (
    <div className={`gap-meter${gap ? ` ${gap.level}` : ''}`} data-testid="gap-meter">
      <h3>{g.title}</h3>
      <p className="muted small">{g.hint}</p>
      {current?.error && (
        <p className="error small" role="alert">
          {g.failed(current.error)}
        </p>
      )}
      {!current && <p className="muted small">{g.measuring}</p>}
      {report && !gap && <p className="small">{g.noSource}</p>}
      {report && gap && (
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
      )}
      <fieldset className="fields gap-fixes" disabled={busy}>
        <legend className="small">{g.fixes}</legend>
        <label className="check" title={g.invertTitle}>
          <input type="checkbox" data-testid="preprocess-invert" checked={preprocess.invert} onChange={(e) => setPreprocess({ invert: e.target.checked })} />
          {g.invert}
        </label>
        <label className="check" title={source.kind === 'custom' ? g.normaliseUnavailable : g.normaliseTitle}>
          <input type="checkbox" data-testid="preprocess-normalise" checked={preprocess.normalise} disabled={source.kind === 'custom'} onChange={(e) => setPreprocess({ normalise: e.target.checked })} />
          {g.normalise}
        </label>
      </fieldset>
    </div>
  );
}
