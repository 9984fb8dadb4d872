/**
 * User-facing strings of webcam capture, kept apart like uploads.en.ts so a translation can
 * mirror this object key for key.
 */
export const webcamEn = {
  open: 'Webcam',
  openLabel: (className: string) => `Capture images for "${className}" with the webcam`,
  title: (className: string) => `Webcam → "${className}"`,
  starting: 'Starting the camera…',
  preview: 'Live camera preview (mirrored)',
  hold: 'Hold to record',
  recording: 'Recording… release to stop',
  holdHint: 'Hold the button (or Space / Enter) to capture frames; release to stop.',
  captured: (n: number) => `${n} frame${n === 1 ? '' : 's'} captured`,
  limitReached: (max: number) => `Stopped at ${max} frames — release and hold again to capture more`,
  close: 'Close webcam',

  // Why the camera cannot be used. Each says what to do about it.
  insecure:
    'The camera is only available on a secure page (https:// or http://localhost) — open the app from such an address to use the webcam',
  denied: "Camera permission was denied — allow camera access in the browser's site settings and try again",
  noCamera: 'No camera found — connect a camera and try again',
  inUse: 'The camera is in use by another app or tab (or failed to start) — close that app and try again',
  ended: 'The camera stopped (disconnected, or taken by another app) — close the webcam and try again',
  other: (reason: string) => `The camera could not be started (${reason})`,
  otherUnknown: 'The camera could not be started, and the browser did not say why',
};

export type WebcamMessages = typeof webcamEn;
