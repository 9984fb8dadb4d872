import { useShallow } from 'zustand/react/shallow';
import type { Source } from '../../core/config/experiment';
import { INPUT_SIDE, LARGE_SIDE } from '../../core/models/inputSpec';
import { SCORE_NAMES, type ScoreName } from '../../core/selection/scoreNames';
import { render } from '../../i18n';
import { useExperimentStore } from '../../lab/experimentStore';
import { scoreAgreement, useSelectionStore } from '../../lab/selectionStore';
import { toImageSet, useUploadStore } from '../../lab/uploads/uploadStore';
import { ExplainLink } from '../../ui/ExplainLink';
import { RankingActions } from './RankingActions';
import { RankingTable } from './RankingTable';
import { bestOf, t } from './rankingFormat';
import { useCandidates, useSourceName } from './useSelectionSources';
import { useLabBusy, TRAINING } from '../../lab/busy';

/** Ranks the candidate sources by transferability scores, then checks the scores by fine-tuning each. */
export function SelectionPanel() {
  const config = useExperimentStore((s) => s.config);
  const sel = useSelectionStore(
    useShallow((s) => ({
      status: s.status,
      rows: s.rows,
      actual: s.actual,
      check: s.check,
      error: s.error,
      score: s.score,
      fineTuneAll: s.fineTuneAll,
      stop: s.stop,
      isStale: s.isStale,
    })),
  );
  const candidates = useCandidates();
  const nameOf = useSourceName();
  const training = useLabBusy(TRAINING) && sel.status !== 'checking';
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
      <RankingActions
        config={config}
        rows={sel.rows}
        actual={sel.actual}
        status={sel.status}
        check={sel.check}
        training={training}
        working={working}
        hasCandidates={candidates.length > 0}
        onRank={onRank}
        onCheck={onCheck}
        onStop={sel.stop}
      />
      {training && <p className="muted small">{t.busy}</p>}
      {sel.error && (
        <p className="error small" role="alert">
          {render(sel.error)}
        </p>
      )}
      {sel.isStale(config) && sel.rows.length > 0 && <p className="warn small">{t.stale}</p>}
      {sel.rows.length > 0 && (
        <RankingTable
          rows={sel.rows}
          agreement={agreement}
          actual={sel.actual}
          nameOf={nameOf}
          best={best}
          bestActual={bestActual}
          hasActual={hasActual}
        />
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
