import type { ExperimentConfig } from '../../core/config/experiment';
import { ui } from '../../i18n';
import type { ActualAccuracy } from '../../lab/selectionStore';
import { download } from '../../platform/download';
import type { ScoreRow } from '../../workers/engine/api';
import { rankingCsv, rankingJson } from './exportRanking';
import { t } from './rankingFormat';

interface Props {
  config: ExperimentConfig;
  rows: readonly ScoreRow[];
  actual: Record<string, ActualAccuracy>;
  status: string;
  check: { current: number; total: number };
  /** Another experiment is training, or the panel is scoring or checking already. */
  training: boolean;
  working: boolean;
  hasCandidates: boolean;
  onRank: () => void;
  onCheck: () => void;
  onStop: () => void;
}

/** Rank, check by fine-tuning, export; and the fine-tuning's progress with its Stop while it runs. */
export function RankingActions({ config, rows, actual, status, check, training, working, hasCandidates, onRank, onCheck, onStop }: Props) {
  return (
    <div className="row">
      <button className="button" data-testid="rank-sources" onClick={onRank} disabled={training || working || !hasCandidates}>
        {status === 'scoring' ? t.ranking : t.rank}
      </button>
      <button className="button" data-testid="finetune-all" onClick={onCheck} disabled={training || working || !rows.some((r) => r.ok)}>
        {t.fineTuneAll}
      </button>
      <button
        className="button small"
        data-testid="export-ranking-json"
        disabled={!rows.length}
        onClick={() =>
          download('transfer-lab-ranking.json', JSON.stringify(rankingJson(config, rows, actual), null, 2), 'application/json')
        }
      >
        {ui.results.exportJson}
      </button>
      <button
        className="button small"
        data-testid="export-ranking-csv"
        disabled={!rows.length}
        onClick={() => download('transfer-lab-ranking.csv', rankingCsv(rows, actual), 'text/csv')}
      >
        {ui.results.exportCsv}
      </button>
      {status === 'checking' && (
        <>
          <span className="small" data-testid="finetune-progress">
            {t.checking(check.current, check.total)}
          </span>
          <button className="button small" onClick={onStop}>
            {t.stop}
          </button>
        </>
      )}
    </div>
  );
}
