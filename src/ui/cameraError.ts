/** A failed camera, in words: shared by webcam capture and the class board's QR scanner. */
import { tWebcam as en } from '../i18n';

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
