import { useEffect, useState } from 'react';
import { meanCI } from '../../core/metrics/transfer';
import type { FusionReport } from '../../core/fusion/ensemble';
import { useShallow } from 'zustand/react/shallow';
import { className, render, ui } from '../../i18n';
import { useExperimentStore } from '../../state/experimentStore';
import { useFusionStore } from '../../state/fusionStore';
import { ExplainLink } from '../../ui/ExplainLink';
import { download } from '../../ui/download';
import { fusionCsv, fusionJson } from './exportFusion';
import { toMsg } from '../../core/messages';

const t = ui.fusion;
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const pts = (x: number) => `${x >= 0 ? '+' : '−'}${Math.abs(x * 100).toFixed(1)}${ui.seeds.ptsUnit}`;
const BLEND_CHOICES = [0, 0.1, 0.2, 0.25, 0.3, 0.4] as const;
const METHODS = ['softUniform', 'softWeighted', 'hard', 'stacking'] as const;

/** Choose finished runs and combine them: voting and stacking, each against the best member. */
export function FusionPanel() {
  const blendFraction = useExperimentStore((s) => s.config.split.blendFraction ?? 0);
  const setBlendFraction = useExperimentStore((s) => s.setBlendFraction);
  const splitSeed = useExperimentStore((s) => s.config.split.seed);
  const seed = useExperimentStore((s) => s.config.seed);
  const setSplitSeed = useExperimentStore((s) => s.setSplitSeed);
  const f = useFusionStore(
    useShallow((s) => ({ study: s.study, labels: s.labels, classNames: s.classNames, kept: s.kept, selected: s.selected, report: s.report, reportFor: s.reportFor, refusal: s.refusal, busy: s.busy, soup: s.soup, soupFor: s.soupFor, refresh: s.refresh, toggle: s.toggle, combine: s.combine, discard: s.discard, makeSoup: s.makeSoup })),
  );
  const [matrixOf, setMatrixOf] = useState<string>('stacking');
  const refresh = f.refresh;
  useEffect(() => {
    void refresh();
  }, [refresh]);
  // Runs of different experiments share names ("Transfer"): the experiment's number tells them apart.
  const nameOf = (key: string) => {
    const r = f.kept.find((x) => x.key === key);
    return r ? t.keptName(render(r.info.name), key.split(':')[0]) : key;
  };
  // The report's members are named as they were when fused: after a reload the worker no longer
  // holds them, and a new experiment may reuse their keys.
  const memberName = (key: string) => {
    const l = f.labels[key];
    return l ? t.keptName(render(toMsg(l.name)), l.experiment) : nameOf(key);
  };
  const names = Object.fromEntries(f.reportFor.map((k) => [k, memberName(k)]));
  const report = f.report;
  const classNames = f.classNames;
  // Whose confusion matrix is shown: a member's key or a method; stacking until the user picks.
  const matrixRow = report && (matrixOf in report.methods ? report.methods[matrixOf as (typeof METHODS)[number]] : report.members.find((m) => m.id === matrixOf)) ? matrixOf : 'stacking';
  const matrix = report ? (report.methods[matrixRow as (typeof METHODS)[number]]?.confusion ?? report.members.find((m) => m.id === matrixRow)?.confusion ?? null) : null;

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
      <label className="check" title={t.fixSplitHint}>
        <input type="checkbox" data-testid="fix-split" checked={splitSeed !== undefined} onChange={(e) => setSplitSeed(e.target.checked ? seed : null)} />
        {splitSeed !== undefined ? t.fixedSplit(splitSeed) : t.fixSplit}
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
                  <span className="swatch" style={{ background: r.info.color }} /> {nameOf(r.key)} <span className="muted small">· {pct(r.valAccuracy)}</span>
                </label>
              </li>
            ))}
          </ul>
          <div className="row">
            <button className="button" data-testid="fuse" disabled={f.busy || f.selected.length < 2} onClick={() => void f.combine()}>
              {t.combine}
            </button>
            <button className="button" data-testid="soup-uniform" disabled={f.busy || !f.selected.length} onClick={() => void f.makeSoup('uniform')}>
              {t.soupUniform}
            </button>
            <button className="button" data-testid="soup-greedy" disabled={f.busy || f.selected.length < 2} onClick={() => void f.makeSoup('greedy')}>
              {t.soupGreedy}
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
      {f.soup && !f.soup.ok && (
        <p className="warn small" role="alert" data-testid="soup-refusal">
          {t.soupRefusals[f.soup.refusal.reason](nameOf('a' in f.soup.refusal ? f.soup.refusal.a : ''), nameOf('b' in f.soup.refusal ? f.soup.refusal.b : ''))}{' '}
          {f.soup.refusal.reason === 'different-origin' && (
            <button className="button small" data-testid="soup-force" onClick={() => void f.makeSoup('uniform', true)}>
              {t.soupForce}
            </button>
          )}
        </p>
      )}
      {f.soup?.ok && (
        <p className="small" data-testid="soup-result">
          {t.soupResult(f.soup.mode, f.soup.ingredients.length, pct(f.soup.valAccuracy), pct(f.soup.blendAccuracy))}
          {f.soup.mode === 'greedy' && <span className="muted"> · {f.soup.ingredients.map(nameOf).join(' + ')}</span>}
          {f.soup.forced && <span className="warn block">{t.soupForced}</span>}
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
                <td>
                  <button className="link" aria-pressed={matrixRow === m.id} onClick={() => setMatrixOf(m.id)} title={t.showMatrix}>
                    {memberName(m.id)}
                  </button>
                </td>
                <td>{pct(m.accuracy)}</td>
                <td>{pts(m.accuracy - report.bestMember.accuracy)}</td>
              </tr>
            ))}
            {METHODS.map((k) => {
              const m = report.methods[k];
              return (
                <tr key={k} data-testid={`fusion-${k}`}>
                  <td>
                    <button className="link" aria-pressed={matrixRow === k} data-testid={`fusion-matrix-${k}`} onClick={() => setMatrixOf(k)} title={t.showMatrix}>
                      <strong>{t.methods[k]}</strong>
                    </button>{' '}
                    <ExplainLink topic={k === 'stacking' ? 'stacking' : 'voting'} />
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
      {report && matrix && (
        <figure data-testid="fusion-confusion">
          <figcaption className="small">{t.matrixOf(matrixRow in report.methods ? t.methods[matrixRow as (typeof METHODS)[number]] : memberName(matrixRow))}</figcaption>
          <ConfusionTable matrix={matrix} classNames={classNames.map(className)} />
        </figure>
      )}
      {report && (
        <div className="row">
          <button className="button small" data-testid="export-fusion-json" onClick={() => download('transfer-lab-fusion.json', JSON.stringify(fusionJson(report, names, classNames, f.study), null, 2), 'application/json')}>
            {ui.results.exportJson}
          </button>
          <button className="button small" data-testid="export-fusion-csv" onClick={() => download('transfer-lab-fusion.csv', fusionCsv(report, names, f.study), 'text/csv')}>
            {ui.results.exportCsv}
          </button>
        </div>
      )}
      {f.study.length > 0 && <FusionStudy study={f.study} />}
      <p className="muted small">
        {t.soupsNote} <ExplainLink topic="soups" />
      </p>
    </section>
  );
}

/** The fusion preset's seeds: each method's gain over the best member, as a mean with its 95% CI. */
function FusionStudy({ study }: { study: readonly { seed: number; report: FusionReport }[] }) {
  return (
    <table className="summary" data-testid="fusion-study" data-seeds={study.length}>
      <caption>{t.studyTitle(study.length)}</caption>
      <thead>
        <tr>
          <th>{t.method}</th>
          <th>{t.studyGain}</th>
          <th>{t.studyWins}</th>
        </tr>
      </thead>
      <tbody>
        {METHODS.map((k) => {
          const gains = study.map((s) => s.report.methods[k].accuracy - s.report.bestMember.accuracy);
          const g = meanCI(gains);
          return (
            <tr key={k} data-testid={`fusion-study-${k}`} data-lo={g.lo} data-mean={g.mean}>
              <td>{t.methods[k]}</td>
              <td data-testid={`fusion-study-${k}-gain`}>{g.n > 1 ? `${pts(g.mean)} [${pts(g.lo)}, ${pts(g.hi)}]` : pts(g.mean)}</td>
              <td>{t.wins(gains.filter((x) => x > 0).length, gains.length)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** confusion[actual][predicted], shaded by count. */
function ConfusionTable({ matrix, classNames }: { matrix: number[][]; classNames: readonly string[] }) {
  const max = Math.max(1, ...matrix.flat());
  return (
    <div className="table-scroll">
      <table className="confusion" data-testid="fusion-confusion-matrix">
        <thead>
          <tr>
            <th className="small muted">{ui.results.actual} ↓ / {ui.results.predicted} →</th>
            {matrix.map((_, c) => (
              <th key={c}>{classNames[c] ?? c}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {matrix.map((row, a) => (
            <tr key={a}>
              <th>{classNames[a] ?? a}</th>
              {row.map((v, p) => (
                <td key={p} className={a === p ? 'diag' : undefined} style={{ background: `rgba(${a === p ? '37, 99, 235' : '234, 88, 12'}, ${(v / max) * 0.6})` }}>
                  {v}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
