import { render, ui } from '../../i18n';
import type { ExternalSource } from '../../lab/sourceStore';
import { ProgressBar } from '../../ui/ProgressBar';

const t = ui.source;

/** An external model's download progress (with Cancel), check, error or cache failure; nothing once it is fine. */
export function Status({ source, testId, onCancel }: { source: ExternalSource | undefined; testId: string; onCancel: () => void }) {
  if (!source) return null;
  if (source.status === 'downloading') {
    const { done, total } = source.progress;
    return (
      <div className="row">
        <ProgressBar done={done} total={total} etaMs={null} label={t.downloadingLabel(done, total)} testId={`${testId}-progress`} />
        <button className="button small" data-testid={`${testId}-cancel`} onClick={onCancel}>
          {t.cancel}
        </button>
      </div>
    );
  }
  if (source.status === 'checking') return <span className="small muted">{t.checking}</span>;
  if (source.status === 'error') {
    return (
      <p className="error small" role="alert" data-testid={`${testId}-error`}>
        {source.error && render(source.error)}
      </p>
    );
  }
  if (source.cacheError) {
    return (
      <p className="warn small" role="status" data-testid={`${testId}-cache-error`}>
        {t.cacheFailed(render(source.cacheError))}
      </p>
    );
  }
  return null;
}
