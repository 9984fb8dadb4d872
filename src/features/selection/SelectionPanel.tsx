import { useShallow } from 'zustand/react/shallow';
import type { Source } from '../../core/config/experiment';
import { HOSTED_MODELS } from '../../core/models/hosted';
import { INPUT_SIDE, LARGE_SIDE } from '../../core/models/inputSpec';
import { SCORE_NAMES, type ScoreName } from '../../core/selection/scoreNames';
import { render, ui } from '../../i18n';
import { toMsg } from '../../core/messages';
import { useExperimentStore } from '../../state/experimentStore';
import { useRunStore } from '../../state/runStore';
import { scoreAgreement, sourceKey, useSelectionStore } from '../../state/selectionStore';
import { useSourceStore } from '../../state/sourceStore';
import { useStudyStore } from '../../state/studyStore';
import { toImageSet, useUploadStore } from '../../state/uploads/uploadStore';
import { useZooStore } from '../../state/zooStore';
import { ExplainLink } from '../../ui/ExplainLink';
import type { ScoreRow } from '../../worker/api';
import { download } from '../../ui/download';
import { rankingCsv, rankingJson } from './exportRanking';

const t = ui.selection;
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
/** Accuracy intervals are shown within [0, 100%]: a t-interval over few seeds can reach past either end. */
const clamp01 = (x: number) => Math.min(1, Math.max(0, x));
const fmt = (name: ScoreName, x: number) => (name === 'knn' ? pct(x) : x.toFixed(3));
const EXPLAIN: Record<ScoreName, 'logme' | 'leep' | 'knn'> = { logme: 'logme', leep: 'leep', hscore: 'knn', knn: 'knn' };

/** Every source the lab can score now: the zoo, and whichever external models are loaded. */
function useCandidates(): Source[] {
  const zoo = useZooStore((s) => s.models);
  const sources = useSourceStore((s) => s.sources);
  const out: Source[] = zoo.map((m) => ({ kind: 'zoo', id: m.id }));
  for (const m of HOSTED_MODELS) if (sources[m.id]?.loaded) out.push({ kind: 'hosted', id: m.id });
  const custom = sources.custom?.loaded;
  if (custom) out.push({ kind: 'custom', name: custom.name });
  return out;
}

function useSourceName(): (s: Source) => string {
  const zoo = useZooStore((s) => s.models);
  return (s) => (s.kind === 'zoo' ? (zoo.find((m) => m.id === s.id)?.card.name ?? s.id) : s.kind === 'hosted' ? (HOSTED_MODELS.find((m) => m.id === s.id)?.name ?? s.id) : s.name);
}

/** The best value per score column (all scores: higher is better), over rows that have it. */
function bestOf(rows: readonly ScoreRow[], name: ScoreName): number | null {
  const values = rows.flatMap((r) => (r.ok && r.row.scores[name] !== null ? [r.row.scores[name]!] : []));
  return values.length ? Math.max(...values) : null;
}

/** Ranks the candidate sources by transferability scores, then checks the scores by fine-tuning each. */
export function SelectionPanel() {
  const config = useExperimentStore((s) => s.config);
  const sel = useSelectionStore(useShallow((s) => ({ status: s.status, rows: s.rows, actual: s.actual, check: s.check, error: s.error, score: s.score, fineTuneAll: s.fineTuneAll, stop: s.stop, isStale: s.isStale })));
  const phase = useRunStore((s) => s.phase);
  const studying = useStudyStore((s) => s.status === 'running');
  const candidates = useCandidates();
  const nameOf = useSourceName();
  const training = (phase === 'running' || phase === 'paused' || studying) && sel.status !== 'checking';
  const working = sel.status === 'scoring' || sel.status === 'checking';

  const uploaded = (sources: readonly Source[]) => {
    if (config.target.kind !== 'upload') return null;
    // External sources take large inputs; one set at that side serves the zoo too (it is resized down).
    const side = sources.some((s) => s.kind !== 'zoo') ? LARGE_SIDE : INPUT_SIDE;
    return toImageSet(useUploadStore.getState(), side);
  };
  const onRank = () => void sel.score(config, uploaded(candidates), candidates);
  const onCheck = () => void sel.fineTuneAll(config, uploaded(sel.rows.flatMap((r) => (r.ok ? [r.row.source] : []))));
  const agreement = scoreAgreement(sel.rows, sel.actual);
  const best = Object.fromEntries(SCORE_NAMES.map((n) => [n, bestOf(sel.rows, n)])) as Record<ScoreName, number | null>;
  const bestActual = Math.max(...Object.values(sel.actual).map((a) => a.ci.mean), -Infinity);
  const hasActual = Object.keys(sel.actual).length > 0;

  return (
    <section className="panel" data-testid="selection-panel">
      <h2>
        {t.title} <ExplainLink topic="selection" />
      </h2>
      <p className="muted small">{t.intro}</p>
      <div className="row">
        <button className="button" data-testid="rank-sources" onClick={onRank} disabled={training || working || !candidates.length}>
          {sel.status === 'scoring' ? t.ranking : t.rank}
        </button>
        <button className="button" data-testid="finetune-all" onClick={onCheck} disabled={training || working || !sel.rows.some((r) => r.ok)}>
          {t.fineTuneAll}
        </button>
        <button className="button small" data-testid="export-ranking-json" disabled={!sel.rows.length} onClick={() => download('transfer-lab-ranking.json', JSON.stringify(rankingJson(config, sel.rows, sel.actual), null, 2), 'application/json')}>
          {ui.results.exportJson}
        </button>
        <button className="button small" data-testid="export-ranking-csv" disabled={!sel.rows.length} onClick={() => download('transfer-lab-ranking.csv', rankingCsv(sel.rows, sel.actual), 'text/csv')}>
          {ui.results.exportCsv}
        </button>
        {sel.status === 'checking' && (
          <>
            <span className="small" data-testid="finetune-progress">
              {t.checking(sel.check.current, sel.check.total)}
            </span>
            <button className="button small" onClick={sel.stop}>
              {t.stop}
            </button>
          </>
        )}
      </div>
      {training && <p className="muted small">{t.busy}</p>}
      {sel.error && (
        <p className="error small" role="alert">
          {render(sel.error)}
        </p>
      )}
      {sel.isStale(config) && sel.rows.length > 0 && <p className="warn small">{t.stale}</p>}
      {sel.rows.length > 0 && (
        <div className="table-scroll">
        <table className="summary ranking" data-testid="ranking-table">
          <thead>
            <tr>
              <th>{t.source}</th>
              <th>{t.dims}</th>
              {SCORE_NAMES.map((n) => (
                <th key={n} title={t.scores[n].note}>
                  {t.scores[n].name} <ExplainLink topic={EXPLAIN[n]} />
                </th>
              ))}
              <th>{t.time}</th>
              {hasActual && <th>{t.actual}</th>}
            </tr>
          </thead>
          <tbody>
            {sel.rows.map((r) => {
              const source = r.ok ? r.row.source : r.source;
              const key = sourceKey(source);
              if (!r.ok) {
                return (
                  <tr key={key} data-testid="ranking-row">
                    <td>{nameOf(source)}</td>
                    <td colSpan={SCORE_NAMES.length + 2} className="error">
                      {t.failed(render(toMsg(r.error)))}
                    </td>
                  </tr>
                );
              }
              const { row } = r;
              const scoreMs = SCORE_NAMES.reduce((a, n) => a + (row.ms[n] ?? 0), 0);
              const actual = sel.actual[key];
              return (
                <tr key={key} data-testid="ranking-row" data-source={key}>
                  <td>{nameOf(source)}</td>
                  <td>{row.dims}</td>
                  {SCORE_NAMES.map((n) => {
                    const v = row.scores[n];
                    const reason = row.unavailable[n];
                    const isBest = v !== null && v === best[n];
                    return (
                      <td key={n} data-testid={`score-${n}`} className={isBest ? 'best' : undefined} title={reason ? t.unavailable[reason] : isBest ? t.best : undefined}>
                        {v === null ? '—' : fmt(n, v)}
                        {isBest && <span aria-label={t.best}> ★</span>}
                      </td>
                    );
                  })}
                  <td data-testid="score-time" title={t.timeTitle(t.ms(row.ms.features), t.ms(scoreMs))}>
                    {t.ms(row.ms.features + scoreMs)}
                  </td>
                  {hasActual && (
                    <td data-testid="actual-accuracy" className={actual && actual.ci.mean === bestActual ? 'best' : undefined}>
                      {actual ? `${pct(actual.ci.mean)}${actual.ci.n > 1 ? ` [${pct(clamp01(actual.ci.lo))}, ${pct(clamp01(actual.ci.hi))}]` : ''}` : '…'}
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
          {hasActual && (
            <tfoot>
              <tr data-testid="kendall-row">
                <th colSpan={2}>{t.tau}</th>
                {SCORE_NAMES.map((n) => {
                  const k = agreement[n];
                  return (
                    <td key={n} data-testid={`tau-${n}`} title={k ? undefined : t.tauNeedsThree}>
                      {k ? (
                        <>
                          {t.tau1(k.tau.toFixed(2))} <span className="muted block">{t.pValue(k.p.toFixed(3))}</span>
                        </>
                      ) : (
                        '—'
                      )}
                    </td>
                  );
                })}
                <td colSpan={2} />
              </tr>
            </tfoot>
          )}
        </table>
        </div>
      )}
      {sel.rows.length > 0 && (
        <ul className="muted small score-notes">
          {SCORE_NAMES.map((n) => (
            <li key={n}>
              <strong>{t.scores[n].name}</strong>: {t.scores[n].note}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
