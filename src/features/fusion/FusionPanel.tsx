import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { en } from '../../i18n/en';
import { useExperimentStore } from '../../state/experimentStore';
import { useFusionStore } from '../../state/fusionStore';
import { ExplainLink } from '../../ui/ExplainLink';
import { download } from '../../ui/download';
import { fusionCsv, fusionJson } from './exportFusion';

const t = en.fusion;
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const pts = (x: number) => `${x >= 0 ? '+' : '−'}${Math.abs(x * 100).toFixed(1)} pts`;
const BLEND_CHOICES = [0, 0.1, 0.2, 0.3] as const;
const METHODS = ['softUniform', 'softWeighted', 'hard', 'stacking'] as const;

/** Choose finished runs and combine them: voting and stacking, each against the best member. */
export function FusionPanel() {
  const blendFraction = useExperimentStore((s) => s.config.split.blendFraction ?? 0);
  const setBlendFraction = useExperimentStore((s) => s.setBlendFraction);
  const f = useFusionStore(useShallow((s) => ({ kept: s.kept, selected: s.selected, report: s.report, reportFor: s.reportFor, refusal: s.refusal, busy: s.busy, refresh: s.refresh, toggle: s.toggle, combine: s.combine, discard: s.discard })));
  const refresh = f.refresh;
  useEffect(() => {
    void refresh();
  }, [refresh]);
  const nameOf = (key: string) => f.kept.find((r) => r.key === key)?.info.name ?? key;
  const names = Object.fromEntries(f.reportFor.map((k) => [k, nameOf(k)]));
  const report = f.report;

  return (
    <section className="panel" data-testid="fusion-panel">
      <h2>
        {t.title} <ExplainLink topic="fusion" />
      </h2>
      <p className="muted small">{t.intro}</p>
      <label className="field inline" title={t.blendHint}>
        <span>{t.blend}</span>
        <select data-testid="blend-fraction" value={blendFraction} onChange={(e) => setBlendFraction(Number(e.target.value))}>
          {BLEND_CHOICES.map((x) => (
            <option key={x} value={x}>
              {x === 0 ? t.blendOff : `${Math.round(x * 100)}%`}
            </option>
          ))}
        </select>
      </label>
      {f.kept.length === 0 ? (
        <p className="muted small" data-testid="fusion-empty">
          {t.none}
        </p>
      ) : (
        <>
          <ul className="kept-runs" data-testid="kept-runs">
            {f.kept.map((r) => (
              <li key={r.key}>
                <label>
                  <input type="checkbox" data-testid="kept-run" checked={f.selected.includes(r.key)} onChange={() => f.toggle(r.key)} />
                  <span className="swatch" style={{ background: r.info.color }} /> {r.info.name} <span className="muted small">· {pct(r.valAccuracy)}</span>
                </label>
              </li>
            ))}
          </ul>
          <div className="row">
            <button className="button" data-testid="fuse" disabled={f.busy || f.selected.length < 2} onClick={() => void f.combine()}>
              {t.combine}
            </button>
            <button className="button small" disabled={!f.selected.length} onClick={() => void f.discard()}>
              {t.discard}
            </button>
          </div>
        </>
      )}
      {f.refusal && (
        <p className="warn small" role="alert" data-testid="fusion-refusal">
          {t.refusals[f.refusal]}
        </p>
      )}
      {report && (
        <table className="summary" data-testid="fusion-table">
          <thead>
            <tr>
              <th>{t.member}</th>
              <th>{t.accuracy}</th>
              <th>{t.vsBest}</th>
            </tr>
          </thead>
          <tbody>
            {report.members.map((m) => (
              <tr key={m.id} data-testid="fusion-member" className={m.id === report.bestMember.id ? 'best' : undefined}>
                <td>{nameOf(m.id)}</td>
                <td>{pct(m.accuracy)}</td>
                <td>{pts(m.accuracy - report.bestMember.accuracy)}</td>
              </tr>
            ))}
            {METHODS.map((k) => {
              const m = report.methods[k];
              return (
                <tr key={k} data-testid={`fusion-${k}`}>
                  <td>
                    <strong>{t.methods[k]}</strong>
                    {k === 'softWeighted' && <span className="muted small"> · {t.weights(report.methods.softWeighted.weights.map((w) => w.toFixed(2)).join(' / '))}</span>}
                    {k === 'hard' && report.methods.hard.ties > 0 && <span className="muted small"> · {t.ties(report.methods.hard.ties)}</span>}
                  </td>
                  <td data-testid={`fusion-${k}-accuracy`}>{pct(m.accuracy)}</td>
                  <td data-testid={`fusion-${k}-gain`}>{pts(m.accuracy - report.bestMember.accuracy)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {report && (
        <div className="row">
          <button className="button small" data-testid="export-fusion-json" onClick={() => download('transfer-lab-fusion.json', JSON.stringify(fusionJson(report, names), null, 2), 'application/json')}>
            {en.results.exportJson}
          </button>
          <button className="button small" data-testid="export-fusion-csv" onClick={() => download('transfer-lab-fusion.csv', fusionCsv(report, names), 'text/csv')}>
            {en.results.exportCsv}
          </button>
        </div>
      )}
      <p className="muted small">{t.soupsNote}</p>
    </section>
  );
}
