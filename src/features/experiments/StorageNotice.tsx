import { useShallow } from 'zustand/react/shallow';
import { render, ui } from '../../i18n';
import { usePersistStore } from '../../lab/persist/persistence';

const t = ui.experiments;

/** A storage problem, said once and plainly (what is already saved is untouched). */
export function StorageNotice() {
  const { problem, dismiss } = usePersistStore(useShallow((s) => ({ problem: s.problem, dismiss: s.dismiss })));
  if (!problem) return null;
  return (
    <p className="notice warn" role="alert" data-testid="storage-error" data-problem={problem.problem}>
      {t.problems[problem.problem]} <span className="muted small">({render(problem.detail)})</span>{' '}
      <button className="link" onClick={dismiss} aria-label={ui.dismiss}>
        ×
      </button>
    </p>
  );
}
