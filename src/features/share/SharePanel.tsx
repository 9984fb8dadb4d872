import { useState } from 'react';
import { QrCode } from '../../ui/QrCode';
import { useShallow } from 'zustand/react/shallow';
import { ui } from '../../i18n';
import { useBundleStore } from './bundleStore';
import { useShareStore } from '../../lab/shareStore';
import { BundleNoticeView } from './BundleNoticeView';

const t = ui.share;

/** Share: a link that carries the experiment (and its results), a copy button and a QR code. */
export function SharePanel() {
  const s = useShareStore(
    useShallow((st) => ({
      link: st.link,
      includeResults: st.includeResults,
      make: st.make,
      close: st.close,
      setIncludeResults: st.setIncludeResults,
    })),
  );
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null);
  const copy = async () => {
    if (!s.link) return;
    try {
      await navigator.clipboard.writeText(s.link.url);
      setCopied('yes');
    } catch {
      setCopied('no');
    }
  };
  return (
    <section className="panel" data-testid="share-panel">
      <div className="table-head">
        <h2>{t.title}</h2>
        {s.link ? (
          <button className="button small" onClick={s.close}>
            {t.close}
          </button>
        ) : (
          <button className="button small primary" data-testid="share" onClick={() => (setCopied(null), s.make())}>
            {t.button}
          </button>
        )}
      </div>
      {s.link && (
        <>
          <label className="check small">
            <input
              type="checkbox"
              data-testid="share-results"
              checked={s.includeResults}
              disabled={s.link.ownImages}
              onChange={(e) => s.setIncludeResults(e.target.checked)}
            />
            {t.includeResults}
          </label>
          <div className="row">
            <input
              className="share-link"
              readOnly
              value={s.link.url}
              data-testid="share-link"
              aria-label={t.linkLabel}
              onFocus={(e) => e.target.select()}
            />
            <button className="button small" data-testid="share-copy" onClick={() => void copy()}>
              {copied === 'yes' ? t.copied : t.copy}
            </button>
          </div>
          {copied === 'no' && <p className="warn small">{t.copyFailed}</p>}
          <p className="muted small" data-testid="share-carries">
            {s.link.withResults ? t.carriesResults : t.carriesSettings}{' '}
            {s.link.ownImages && <strong data-testid="share-own-images">{t.ownImages}</strong>}
          </p>
          <QrCode text={s.link.qrUrl ?? s.link.url} label={t.qrLabel} failed={t.qrFailed} testId="share-qr" />
          {s.link.qrUrl && <p className="muted small">{t.qrSettingsOnly}</p>}
        </>
      )}
      <Bundles />
    </section>
  );
}

/** Bundles: the experiment with its images as a zip, and back. */
function Bundles() {
  const b = useBundleStore(
    useShallow((st) => ({
      busy: st.busy,
      notice: st.notice,
      includeModels: st.includeModels,
      setIncludeModels: st.setIncludeModels,
      exportBundle: st.exportBundle,
      importBundle: st.importBundle,
      dismiss: st.dismiss,
    })),
  );
  const n = b.notice;
  return (
    <div className="bundles">
      <p className="muted small">{t.bundleHint}</p>
      <label className="check small">
        <input
          type="checkbox"
          data-testid="bundle-models"
          checked={b.includeModels}
          onChange={(e) => b.setIncludeModels(e.target.checked)}
        />
        {t.bundleModels}
      </label>
      <div className="row">
        <button className="button small" data-testid="bundle-export" disabled={b.busy} onClick={() => void b.exportBundle()}>
          {t.bundleExport}
        </button>
        <label className="button small">
          {t.bundleImport}
          <input
            type="file"
            accept=".zip,application/zip"
            hidden
            data-testid="bundle-import"
            disabled={b.busy}
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              if (file) void b.importBundle(file);
            }}
          />
        </label>
      </div>
      {n && <BundleNoticeView notice={n} dismiss={b.dismiss} />}
    </div>
  );
}
