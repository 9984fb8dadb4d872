/// <reference lib="webworker" />
import jsQR from 'jsqr';

/**
 * Reads a QR code from one camera frame, off the page: jsQR takes tens of milliseconds on a
 * 640×480 frame here, which on the page would be a long task four times a second.
 */
self.onmessage = (e: MessageEvent<{ id: number; data: Uint8ClampedArray; width: number; height: number }>) => {
  const { id, data, width, height } = e.data;
  let text: string | null;
  try {
    text = jsQR(data, width, height, { inversionAttempts: 'dontInvert' })?.data || null;
  } catch {
    text = null; // a frame that is not a picture of anything: no code in it
  }
  self.postMessage({ id, text });
};
