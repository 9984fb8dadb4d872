import { render, ui } from '../../i18n';
import type { BundleNotice } from './bundleStore';

const t = ui.share;

/** What the last bundle export or import did (or why it was refused), with the files it skipped. */
export function BundleNoticeView({ notice: n, dismiss }: { notice: BundleNotice; dismiss: () => void }) {
  return (
    <div
      className={`notice small${n.kind === 'refused' || n.kind === 'failed' ? ' warn' : ''}`}
      role={n.kind === 'refused' || n.kind === 'failed' ? 'alert' : 'status'}
      data-testid="bundle-notice"
      data-kind={n.kind}
    >
      {n.kind === 'exported' && t.bundleExported(n.images, n.models)}
      {n.kind === 'imported' && t.bundleImported(n.images, n.skipped.length)}
      {n.kind === 'failed' && (
        <>
          {t.bundleFailed} <span className="muted">{render(n.detail)}</span>
        </>
      )}
      {n.kind === 'refused' && (
        <>
          {t.bundleRefused[n.code]} {n.detail && <span className="muted">{render(n.detail)}</span>}
        </>
      )}
      {n.kind === 'imported' && n.skipped.length > 0 && (
        <ul data-testid="bundle-skipped">
          {n.skipped.map((x) => (
            <li key={x.path}>
              {x.path}: {t.bundleSkipped[x.reason]}
            </li>
          ))}
        </ul>
      )}{' '}
      <button className="link" onClick={dismiss} aria-label={ui.dismiss}>
        ×
      </button>
    </div>
  );
}
