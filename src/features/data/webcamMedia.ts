/** The browser-side parts of webcam capture: drawing and encoding a frame (the camera opens in platform/camera.ts). */
import { CAPTURE_SIDE, centreSquare } from './webcam';

/** The centre square of the video's current frame, mirrored like the preview; null without a 2D context. */
export function drawMirroredSquare(el: HTMLVideoElement): HTMLCanvasElement | null {
  const { x, y, size } = centreSquare(el.videoWidth, el.videoHeight);
  const side = Math.min(size, CAPTURE_SIDE);
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = side;
  const ctx = canvas.getContext('2d');
  if (!ctx) return null;
  // Mirror like the preview: people pose against the mirrored picture, so an unmirrored frame
  // would be the flip of what they chose (a "left hand" class would hold right hands).
  ctx.translate(side, 0);
  ctx.scale(-1, 1);
  ctx.drawImage(el, x, y, size, size, 0, 0, side, side);
  return canvas;
}

/** The canvas as a JPEG file of this name (null if the browser could not encode it). */
export function encodeJpeg(canvas: HTMLCanvasElement, name: string): Promise<File | null> {
  return new Promise((resolve) => canvas.toBlob((blob) => resolve(blob && new File([blob], name, { type: blob.type })), 'image/jpeg', 0.9));
}
