import type { ClassReport } from '../../core/classBoard/classReport';
import { runName } from '../../i18n';

/**
 * A CSV cell: quoted when it holds a comma, quote or line break, and a nickname that starts like
 * a formula (= + - @) is prefixed with ' so a spreadsheet shows it instead of running it.
 */
export function csvCell(v: string | number | null): string {
  if (v === null) return '';
  if (typeof v === 'number') return String(v);
  const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** One row per student: nickname, seed, each run's final validation accuracy, NTG and whether it is unusual. */
export function boardCsv(report: ClassReport): string {
  const header = ['student', 'seed', ...report.plan.map((p) => `final_${p.id}`), 'ntg', 'outlier'];
  const names = ['', '', ...report.plan.map((p) => runName(p.name)), '', ''];
  const rows = report.students.map((s) => [
    s.nickname,
    s.seed,
    ...report.plan.map((p) => s.finals[p.id]),
    s.ntg === null ? null : Math.round(s.ntg * 1e6) / 1e6,
    s.outlier ? 1 : 0,
  ]);
  // The second line names each run as the lab does (header ids stay stable for scripts).
  return [header, names, ...rows].map((r) => r.map(csvCell).join(',')).join('\n') + '\n';
}
