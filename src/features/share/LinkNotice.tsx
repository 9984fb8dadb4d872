import { useShallow } from 'zustand/react/shallow';
import { render, ui } from '../../i18n';
import { useShareStore } from '../../lab/shareStore';

const t = ui.share;

/** What opening a link did: the experiment it restored, or the one reason it could not. */
export function LinkNotice() {
  const { notice, dismiss } = useShareStore(useShallow((st) => ({ notice: st.notice, dismiss: st.dismiss })));
  if (!notice) return null;
  if (notice.kind === 'refused') {
    return (
      <p className="notice warn" role="alert" data-testid="link-error" data-code={notice.code}>
        {t.refused[notice.code]}{' '}
        {notice.detail && notice.code === 'invalid-config' && <span className="muted small block">{render(notice.detail)}</span>}{' '}
        {t.keptDefaults}{' '}
        <button className="link" onClick={dismiss} aria-label={ui.dismiss}>
          ×
        </button>
      </p>
    );
  }
  return (
    <p className="notice" role="status" data-testid="link-opened">
      {notice.withResults ? t.openedWithResults : t.opened} {notice.ownImages && t.openedOwnImages}{' '}
      {notice.modelUrl && t.openedModel(notice.modelUrl)}{' '}
      <button className="link" onClick={dismiss} aria-label={ui.dismiss}>
        ×
      </button>
    </p>
  );
}
