import { useDeferredValue, useMemo, useState } from 'react';
import { classReport } from '../../core/classBoard/classReport';
import { BUILTIN_TARGETS } from '../../core/data/targets';
import { sourceLabel } from '../../core/train/plan';
import type { ExperimentConfig } from '../../core/config/experiment';
import { catalog, tClass as t, ui } from '../../i18n';
import { useBoardStore } from '../../lab/boardStore';
import { useChartSettings } from '../../lab/chartSettingsStore';
import { classLinkUrl } from '../../lab/classStore';
import { useExperimentStore } from '../../lab/experimentStore';
import { download } from '../../platform/download';
import { AddResults } from './AddResults';
import { AccuracyScatter, CurvesBand, NtgDots } from './BoardCharts';
import { BoardSummary } from './BoardSummary';
import { FinalsDots } from './FinalsDots';
import { CopyableLink } from './CopyableLink';
import { boardCsv } from './exportBoard';
import { RefusedList, StudentsTable } from './StudentsTable';

/** "digits-0-4 → Digits 5–9, 10 epochs": which experiment the board is of. */
function experimentLine(config: ExperimentConfig): string {
  const target =
    config.target.kind === 'builtin'
      ? (() => {
          const presetId = config.target.presetId;
          const b = BUILTIN_TARGETS.find((x) => x.presetId === presetId);
          return b ? catalog('targets', b.presetId, 'name', b.name) : presetId;
        })()
      : ui.target.upload;
  return t.experiment(sourceLabel(config.source), target, config.training.epochs);
}

/** The class link for the experiment on screen: one seed per student. */
function ClassLink() {
  const config = useExperimentStore((s) => s.config);
  const [url, setUrl] = useState<string | null>(null);
  return (
    <section className="board-class-link">
      <h3>{t.classLinkTitle}</h3>
      <p className="muted small">{t.classLinkHint}</p>
      <button
        className="button small primary"
        data-testid="board-make-class-link"
        onClick={() => setUrl(classLinkUrl(config, location.href))}
      >
        {t.makeClassLink}
      </button>
      {url && <CopyableLink url={url} label={t.classLinkLabel} testId="board-class-link" />}
    </section>
  );
}

/** The class board view: the class link, adding results, and the whole class in figures. */
export function BoardView() {
  const board = useDeferredValue(useBoardStore((s) => s.board));
  const threshold = useChartSettings((s) => s.threshold);
  const report = useMemo(() => classReport(board, threshold), [board, threshold]);
  const [pointed, point] = useState<number | null>(null);
  const transfer = report.plan.find((p) => p.kind === 'transfer');
  const scratch = report.plan.find((p) => p.kind === 'scratch');
  return (
    <section className="panel board" data-testid="class-board" data-students={board.students.length} data-refused={board.refused.length}>
      <div className="table-head">
        <h2>{t.title}</h2>
        {board.students.length > 0 && (
          <span className="row">
            <button
              className="link small"
              data-testid="board-csv"
              title={t.csvTitle}
              onClick={() => download('transfer-lab-class-board.csv', boardCsv(report), 'text/csv')}
            >
              {t.csv}
            </button>
            <button
              className="link small"
              data-testid="board-clear"
              onClick={() => {
                if (confirm(t.clearConfirm)) useBoardStore.getState().clear();
              }}
            >
              {t.clear}
            </button>
          </span>
        )}
      </div>
      <p className="muted small">{t.intro}</p>
      <ClassLink />
      <AddResults />
      {board.config && (
        <p className="small" data-testid="board-experiment">
          <strong>{t.students(board.students.length)}</strong> · {experimentLine(board.config)}
        </p>
      )}
      {board.students.length === 0 ? (
        <p className="muted small">{t.empty}</p>
      ) : (
        <>
          <BoardSummary report={report} />
          <div className="board-charts">
            {report.transfer && <NtgDots report={report} pointed={pointed} point={point} />}
            {transfer && scratch && (
              <AccuracyScatter report={report} transfer={transfer} scratch={scratch} pointed={pointed} point={point} />
            )}
          </div>
          <FinalsDots report={report} pointed={pointed} point={point} />
          <CurvesBand plan={report.plan} students={board.students} pointed={pointed} />
          <StudentsTable report={report} point={point} />
        </>
      )}
      <RefusedList refused={board.refused} />
    </section>
  );
}
