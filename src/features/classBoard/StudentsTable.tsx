import { pts } from './plot';
import { useState } from 'react';
import type { ClassReport } from '../../core/classBoard/classReport';
import { studentLabel, type Refusal } from '../../core/classBoard/board';
import { runName, tClass as t, ui } from '../../i18n';
import { pctTick } from '../../ui/charts/percent';
import { useBoardStore } from '../../lab/boardStore';

/** Rows shown before "Show all": a lecture hall's worth, so five hundred students do not make one long render. */
const FIRST_ROWS = 40;

/** Every student, most negative transfer first; pointing at a row draws their curves. */
export function StudentsTable({ report, point }: { report: ClassReport; point: (seed: number | null) => void }) {
  const [all, setAll] = useState(false);
  const rows = [...report.students].sort((a, b) => (b.ntg ?? -Infinity) - (a.ntg ?? -Infinity));
  const shown = all ? rows : rows.slice(0, FIRST_ROWS);
  return (
    <div className="table-scroll">
      <table className="small board-students" data-testid="board-students">
        <caption>{t.tableTitle}</caption>
        <thead>
          <tr>
            <th scope="col">{t.col.student}</th>
            <th scope="col">{t.col.seed}</th>
            {report.plan.map((p) => (
              <th scope="col" key={p.id}>
                {runName(p.name)}
              </th>
            ))}
            <th scope="col">{t.col.ntg}</th>
            <th scope="col">{t.col.outlier}</th>
            <th scope="col">
              <span className="visually-hidden">{t.remove}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {shown.map((s) => (
            <tr
              key={s.seed}
              data-testid="board-student"
              data-seed={s.seed}
              onMouseEnter={() => point(s.seed)}
              onMouseLeave={() => point(null)}
            >
              <th scope="row">{studentLabel(s)}</th>
              <td>{s.seed}</td>
              {report.plan.map((p) => (
                <td key={p.id}>{s.finals[p.id] === null ? '—' : pctTick(s.finals[p.id]!)}</td>
              ))}
              <td className={s.ntg !== null && s.ntg > 0 ? 'warn' : undefined}>{s.ntg === null ? '—' : pts(s.ntg)}</td>
              <td>{s.outlier ? '●' : ''}</td>
              <td>
                <button
                  className="link small"
                  aria-label={`${t.remove} ${studentLabel(s)}`}
                  onClick={() => useBoardStore.getState().remove(s.seed)}
                >
                  ×
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length > shown.length && (
        <button className="link small" onClick={() => setAll(true)}>
          {t.showAll(rows.length)}
        </button>
      )}
      {!rows.length && <p className="muted small">{t.empty}</p>}
    </div>
  );
}

/** Where a refused result came from, in the reader's language (old boards saved it as English text). */
function originText(from: Refusal['from']): string {
  if (typeof from === 'string') return from;
  if (from.via === 'qr') return t.origin.qr;
  if (from.via === 'paste') return from.line ? t.origin.line(from.line) : '—';
  return from.line ? t.origin.fileLine(from.file ?? '', from.line) : (from.file ?? '—');
}

/** What was not added, and why: another experiment, a duplicate seed, a damaged link… */
export function RefusedList({ refused }: { refused: readonly Refusal[] }) {
  if (!refused.length) return null;
  return (
    <details className="board-refused" data-testid="board-refused" open>
      <summary>{t.refusedTitle(refused.length)}</summary>
      <table className="small">
        <thead>
          <tr>
            <th scope="col">{t.refusedCol.from}</th>
            <th scope="col">{t.refusedCol.who}</th>
            <th scope="col">{t.refusedCol.reason}</th>
          </tr>
        </thead>
        <tbody>
          {refused.map((r, i) => (
            <tr key={i} data-testid="board-refusal" data-reason={r.reason}>
              <td>{originText(r.from)}</td>
              <td>{r.nickname ?? (r.seed !== null ? `#${r.seed}` : '—')}</td>
              <td>{t.reasons[r.reason] ?? ui.share.refused[r.reason] ?? ui.share.bundleRefused[r.reason] ?? r.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
