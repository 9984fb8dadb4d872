import { useEffect, useRef, useState } from 'react';
import { tClass as t, tWebcam } from '../../i18n';
import { openCamera } from '../../platform/camera';
import { decodeQr, stopQrDecoding } from '../../platform/qrDecode';
import { cameraErrorMessage } from '../../ui/cameraError';

/** How often a frame is read: a QR code held up for a second is read a few times, and the page stays free. */
const SCAN_EVERY_MS = 250;
/** Frames are read at this width at most: a long result link's code needs every pixel of a 640×480 camera. */
const SCAN_WIDTH = 960;

/**
 * Reads students' QR codes from the webcam: each new code's text goes to `onText` once (the
 * board then opens and checks it like a pasted link). Nothing is recorded or kept.
 */
export function QrScanner({ onText }: { onText: (text: string) => void }) {
  const video = useRef<HTMLVideoElement>(null);
  const [error, setError] = useState<string | null>(null);
  const [read, setRead] = useState(0);
  // Browsers leave mediaDevices out on insecure pages (http:// other than localhost).
  const insecure = typeof navigator.mediaDevices?.getUserMedia !== 'function';
  useEffect(() => {
    const el = video.current;
    if (!el) return;
    if (!navigator.mediaDevices?.getUserMedia) return;
    const seen = new Set<string>();
    const release = openCamera(el, {
      frame: () => {},
      ended: () => setError(t.scanEnded),
      error: (err) => setError(cameraErrorMessage(err)),
    });
    const canvas = document.createElement('canvas');
    const ctx = canvas.getContext('2d', { willReadFrequently: true });
    // The instructor sees the camera's picture (and Chromium pauses a muted video it cannot see).
    el.scrollIntoView({ block: 'nearest' });
    let busy = false;
    const timer = setInterval(() => {
      if (el.paused && el.srcObject) void el.play().catch(() => {});
      if (busy || !ctx || el.readyState < 2 || !el.videoWidth) return;
      const scale = Math.min(1, SCAN_WIDTH / el.videoWidth);
      canvas.width = Math.round(el.videoWidth * scale);
      canvas.height = Math.round(el.videoHeight * scale);
      ctx.drawImage(el, 0, 0, canvas.width, canvas.height);
      // Decoded in a worker, one frame at a time: frames that arrive meanwhile are skipped.
      busy = true;
      void decodeQr(ctx.getImageData(0, 0, canvas.width, canvas.height)).then((text) => {
        busy = false;
        if (text && !seen.has(text)) {
          seen.add(text);
          setRead(seen.size);
          onText(text);
        }
      });
    }, SCAN_EVERY_MS);
    return () => {
      clearInterval(timer);
      release();
      stopQrDecoding();
    };
  }, [onText]);
  return (
    <div className="qr-scanner" data-testid="board-scanner">
      <video ref={video} autoPlay muted playsInline className="qr-video" aria-label={t.scanning} />
      <p className="small" role="status" data-testid="board-scanned" data-read={read}>
        {insecure ? tWebcam.insecure : (error ?? (read ? t.scanned(read) : t.scanning))}
      </p>
    </div>
  );
}
