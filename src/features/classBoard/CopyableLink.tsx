import { useState } from 'react';
import { tClass as t, ui } from '../../i18n';
import { QrCode } from '../../ui/QrCode';

/** A link to hand on: the text (select on focus), a copy button and its QR code. */
export function CopyableLink({ url, label, testId }: { url: string; label: string; testId: string }) {
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(url);
      setCopied('yes');
    } catch {
      setCopied('no');
    }
  };
  return (
    <div className="copyable-link">
      <div className="row">
        <input className="share-link" readOnly value={url} data-testid={testId} aria-label={label} onFocus={(e) => e.target.select()} />
        <button className="button small" onClick={() => void copy()}>
          {copied === 'yes' ? t.copied : t.copy}
        </button>
      </div>
      {copied === 'no' && <p className="warn small">{t.copyFailed}</p>}
      <QrCode text={url} label={t.qrLabel(label)} failed={ui.share.qrFailed} testId={`${testId}-qr`} />
    </div>
  );
}
