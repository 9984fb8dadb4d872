/** The browser-side parts of webcam capture: opening the camera, and drawing and encoding a frame. */
import { CAPTURE_SIDE, cameraErrorMessage, centreSquare } from './webcam';

const stopTracks = (stream: MediaStream) => stream.getTracks().forEach((t) => t.stop());

interface CameraHandlers {
  /** The video presented a new frame (where requestVideoFrameCallback exists): its count. */
  frame: (presentedFrames: number) => void;
  /** The camera went away mid-session (unplugged, taken over). */
  ended: () => void;
  error: (message: string) => void;
}

/**
 * Opens the front camera into the video element. Returns the release, which also covers a camera
 * granted after it was called (closed while the permission prompt was up).
 */
export function openCamera(el: HTMLVideoElement, on: CameraHandlers): () => void {
  let stream: MediaStream | undefined;
  let cancelled = false;
  let frameCallback: number | undefined;
  const onFrame = (_now: number, meta: VideoFrameCallbackMetadata) => {
    on.frame(meta.presentedFrames);
    frameCallback = el.requestVideoFrameCallback(onFrame);
  };
  if ('requestVideoFrameCallback' in el) frameCallback = el.requestVideoFrameCallback(onFrame);
  navigator.mediaDevices.getUserMedia({ video: { facingMode: 'user', width: { ideal: 640 }, height: { ideal: 480 } }, audio: false }).then(
    (s) => {
      // Closed while the permission prompt was up: release the camera at once.
      if (cancelled) return stopTracks(s);
      stream = s;
      s.getVideoTracks()[0]?.addEventListener('ended', on.ended);
      el.srcObject = s;
    },
    (err: unknown) => {
      if (!cancelled) on.error(cameraErrorMessage(err));
    },
  );
  return () => {
    cancelled = true;
    if (frameCallback !== undefined) el.cancelVideoFrameCallback(frameCallback);
    if (stream) stopTracks(stream);
    el.srcObject = null;
  };
}

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
