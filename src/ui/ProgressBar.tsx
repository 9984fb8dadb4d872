import { ui } from '../i18n';

export function ProgressBar({
  label,
  done,
  total,
  etaMs,
  testId,
}: {
  label: string;
  done: number;
  total: number;
  etaMs: number | null;
  testId?: string;
}) {
  const pct = total ? Math.round((100 * done) / total) : 0;
  return (
    <div className="progress" data-testid={testId}>
      <div className="progress-label">
        <span>{label}</span>
        <span>
          {pct}%{done < total && etaMs !== null ? ` · ${ui.training.eta(etaMs)}` : ''}
        </span>
      </div>
      <div className="progress-track" role="progressbar" aria-valuenow={pct} aria-valuemin={0} aria-valuemax={100} aria-label={label}>
        <div className="progress-fill" style={{ transform: `scaleX(${pct / 100})` }} />
      </div>
    </div>
  );
}
