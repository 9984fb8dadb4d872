/** The pure parts of webcam capture: square-crop geometry, frame names (a camera error's message is in ui/cameraError.ts). */

/** ~8 frames a second: enough variety per hold without flooding the class with near-copies. */
export const CAPTURE_INTERVAL_MS = 125;
/** Frames per hold: a runaway hold (stuck key, forgotten mouse) cannot fill memory. */
export const MAX_FRAMES_PER_HOLD = 100;
/** Side of each saved frame: above the model and thumbnail sizes, small enough to encode fast. */
export const CAPTURE_SIDE = 256;

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
