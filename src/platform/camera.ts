/** Opening the camera into a video element: webcam capture and the class board's QR scanner share it. */

const stopTracks = (stream: MediaStream) => stream.getTracks().forEach((t) => t.stop());

export interface CameraHandlers {
  /** The video presented a new frame (where requestVideoFrameCallback exists): its count. */
  frame: (presentedFrames: number) => void;
  /** The camera went away mid-session (unplugged, taken over). */
  ended: () => void;
  /** getUserMedia refused or failed: the browser's error as it came (ui/cameraError.ts words it). */
  error: (err: unknown) => void;
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
      if (!cancelled) on.error(err);
    },
  );
  return () => {
    cancelled = true;
    if (frameCallback !== undefined) el.cancelVideoFrameCallback(frameCallback);
    if (stream) stopTracks(stream);
    el.srcObject = null;
  };
}
