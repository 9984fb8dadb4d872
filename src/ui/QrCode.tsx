import QRCode from 'qrcode';
import { useEffect, useRef, useState } from 'react';

/** A QR code of `text` for projecting or scanning (drawn on a canvas; nothing is fetched). */
export function QrCode({ text, label, failed: failedText, testId }: { text: string; label: string; failed: string; testId: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    if (!canvas.current) return;
    QRCode.toCanvas(canvas.current, text, { errorCorrectionLevel: 'M', margin: 2, scale: 4 }).then(
      () => setFailed(false),
      () => setFailed(true),
    );
  }, [text]);
  return failed ? (
    <p className="warn small">{failedText}</p>
  ) : (
    <canvas ref={canvas} data-testid={testId} className="qr" aria-label={label} />
  );
}
