/** The pure parts of webcam capture: error → message, square-crop geometry, frame names. */
import { tWebcam as en } from '../../i18n';

/** ~8 frames a second: enough variety per hold without flooding the class with near-copies. */
export const CAPTURE_INTERVAL_MS = 125;
/** Frames per hold: a runaway hold (stuck key, forgotten mouse) cannot fill memory. */
export const MAX_FRAMES_PER_HOLD = 100;
/** Side of each saved frame: above the model and thumbnail sizes, small enough to encode fast. */
export const CAPTURE_SIDE = 256;

/**
 * The message for a failed getUserMedia (or null when mediaDevices is missing, which browsers do
 * outside secure contexts). Matches on the DOMException name; the older Chrome names are kept
 * because some embedded browsers still use them.
 */
export function cameraErrorMessage(err: unknown): string {
  const name = typeof err === 'object' && err !== null && 'name' in err ? String(err.name) : '';
  switch (name) {
    case 'NotAllowedError':
    case 'SecurityError':
    case 'PermissionDeniedError':
      return en.denied;
    case 'NotFoundError':
    case 'OverconstrainedError':
    case 'DevicesNotFoundError':
      return en.noCamera;
    case 'NotReadableError':
    case 'TrackStartError':
      return en.inUse;
    default: {
      const reason = err instanceof Error ? err.message || err.name : String(err);
      return reason ? en.other(reason) : en.otherUnknown;
    }
  }
}

/** The largest centred square of a width×height frame (the preview shows the same with object-fit: cover). */
export function centreSquare(width: number, height: number): { x: number; y: number; size: number } {
  const size = Math.min(width, height);
  return { x: Math.floor((width - size) / 2), y: Math.floor((height - size) / 2), size };
}

/** `webcam-<class>-<n>.jpg`, with characters file names cannot hold (or that read as folders) replaced. */
export function captureFileName(className: string, n: number): string {
  const safe = className.trim().replace(/[\\/:*?"<>|\s]+/g, '_') || 'class';
  return `webcam-${safe}-${n}.jpg`;
}
