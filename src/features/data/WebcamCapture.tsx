import { useEffect, useEffectEvent, useRef, useState, type KeyboardEvent } from 'react';
import { useUploadStore } from '../../state/uploads/uploadStore';
import { tWebcam as w } from '../../i18n';
import { CAPTURE_INTERVAL_MS, CAPTURE_SIDE, MAX_FRAMES_PER_HOLD, cameraErrorMessage, captureFileName, centreSquare } from './webcam';

interface Props {
  classId: string;
  className: string;
  /** Number of the first frame's file name (frames are named in order within the class). */
  firstIndex: number;
  onClose: () => void;
}

const isHoldKey = (e: KeyboardEvent) => e.key === ' ' || e.key === 'Enter';
const stopTracks = (stream: MediaStream) => stream.getTracks().forEach((t) => t.stop());

/**
 * Live mirrored square preview of the camera and a hold-to-record button; the frames go to the
 * class through addFiles, so they get the same decoding and duplicate checks as files.
 * The camera is released on Close and on unmount (e.g. when the class is deleted).
 */
export function WebcamCapture({ classId, className, firstIndex, onClose }: Props) {
  const addFiles = useUploadStore((s) => s.addFiles);
  const video = useRef<HTMLVideoElement>(null);
  const timer = useRef<ReturnType<typeof setInterval>>(undefined);
  /** Latest frame the video presented (null where requestVideoFrameCallback is missing), and the last one saved. */
  const frame = useRef<number | null>(null);
  const savedFrame = useRef<number | null>(null);
  const holdFrames = useRef(0);
  /** This hold's frames, still encoding. */
  const pending = useRef<Promise<File | null>[]>([]);
  const nextIndex = useRef(firstIndex);
  // Browsers leave mediaDevices undefined outside secure contexts.
  const supported = !!navigator.mediaDevices?.getUserMedia;
  const [error, setError] = useState<string | null>(supported ? null : w.insecure);
  const [ready, setReady] = useState(false);
  const [recording, setRecording] = useState(false);
  const [captured, setCaptured] = useState(0);
  const [capped, setCapped] = useState(false);

  /** Ends the hold (several events may report one release) and adds its frames. */
  const stop = () => {
    if (timer.current === undefined) return;
    clearInterval(timer.current);
    timer.current = undefined;
    setRecording(false);
    const frames = pending.current;
    pending.current = [];
    // One addFiles per hold, not per frame: per-frame adds would flash the panel's progress line
    // at the capture rate, shifting the layout under the held button.
    void Promise.all(frames).then((files) => {
      const ok = files.filter((f): f is File => f !== null);
      if (ok.length > 0) void addFiles(ok.map((file) => ({ file })), classId);
    });
  };

  // Unplugged or taken over mid-session: keep what was recorded, then say why the preview went.
  const onEnded = useEffectEvent(() => {
    stop();
    setReady(false);
    setError(w.ended);
  });

  useEffect(() => {
    const el = video.current;
    if (!supported || !el) return;
    let stream: MediaStream | undefined;
    let cancelled = false;
    let frameCallback: number | undefined;
    const onFrame = (_now: number, meta: VideoFrameCallbackMetadata) => {
      frame.current = meta.presentedFrames;
      frameCallback = el.requestVideoFrameCallback(onFrame);
    };
    if ('requestVideoFrameCallback' in el) frameCallback = el.requestVideoFrameCallback(onFrame);
    navigator.mediaDevices.getUserMedia({ video: { facingMode: 'user', width: { ideal: 640 }, height: { ideal: 480 } }, audio: false }).then(
      (s) => {
        // Closed while the permission prompt was up: release the camera at once.
        if (cancelled) return stopTracks(s);
        stream = s;
        s.getVideoTracks()[0]?.addEventListener('ended', onEnded);
        el.srcObject = s;
      },
      (err: unknown) => {
        if (!cancelled) setError(cameraErrorMessage(err));
      },
    );
    return () => {
      cancelled = true;
      clearInterval(timer.current);
      if (frameCallback !== undefined) el.cancelVideoFrameCallback(frameCallback);
      if (stream) stopTracks(stream);
      el.srcObject = null;
    };
  }, [supported]);

  const grab = () => {
    const el = video.current;
    if (!el || el.videoWidth === 0) return;
    // Sampling can outpace a dim camera's frame rate; saving a frame twice would only come back as a duplicate message.
    if (frame.current !== null && frame.current === savedFrame.current) return;
    if (holdFrames.current >= MAX_FRAMES_PER_HOLD) {
      stop();
      setCapped(true);
      return;
    }
    savedFrame.current = frame.current;
    holdFrames.current++;
    const { x, y, size } = centreSquare(el.videoWidth, el.videoHeight);
    const side = Math.min(size, CAPTURE_SIDE);
    const canvas = document.createElement('canvas');
    canvas.width = canvas.height = side;
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    // Mirror like the preview: people pose against the mirrored picture, so an unmirrored frame
    // would be the flip of what they chose (a "left hand" class would hold right hands).
    ctx.translate(side, 0);
    ctx.scale(-1, 1);
    ctx.drawImage(el, x, y, size, size, 0, 0, side, side);
    const name = captureFileName(className, nextIndex.current++);
    pending.current.push(
      new Promise((resolve) => canvas.toBlob((blob) => resolve(blob && new File([blob], name, { type: blob.type })), 'image/jpeg', 0.9)),
    );
    setCaptured((n) => n + 1);
  };

  const start = () => {
    if (!ready || timer.current !== undefined) return;
    holdFrames.current = 0;
    setCapped(false);
    setRecording(true);
    grab();
    timer.current = setInterval(grab, CAPTURE_INTERVAL_MS);
  };

  return (
    <div className="webcam" data-testid="webcam">
      <video
        ref={video}
        className="webcam-video"
        data-testid="webcam-video"
        aria-label={w.preview}
        autoPlay
        muted
        playsInline
        hidden={!!error}
        onLoadedData={() => setReady(true)}
      />
      <div className="webcam-controls">
        <strong className="small">{w.title(className)}</strong>
        {error ? (
          <p className="webcam-error small" role="alert" data-testid="webcam-error">
            {error}
          </p>
        ) : (
          <>
            <button
              className={`button webcam-hold${recording ? ' recording' : ''}`}
              data-testid="webcam-hold"
              disabled={!ready}
              aria-pressed={recording}
              onPointerDown={(e) => {
                if (e.button !== 0) return;
                // Captured, the hold lasts until release even if the layout shifts or a finger slides off.
                e.currentTarget.setPointerCapture(e.pointerId);
                start();
              }}
              onPointerUp={stop}
              onPointerLeave={stop}
              onPointerCancel={stop}
              onLostPointerCapture={stop}
              onBlur={stop}
              onKeyDown={(e) => {
                if (!isHoldKey(e)) return;
                e.preventDefault();
                if (!e.repeat) start();
              }}
              onKeyUp={(e) => isHoldKey(e) && stop()}
              // A long touch would open the context menu and cancel the hold.
              onContextMenu={(e) => e.preventDefault()}
            >
              {!ready ? w.starting : recording ? w.recording : w.hold}
            </button>
            <span className="small muted">{w.holdHint}</span>
            <span className="small" aria-live="polite" data-testid="webcam-count">
              {w.captured(captured)}
            </span>
            {capped && <span className="small">{w.limitReached(MAX_FRAMES_PER_HOLD)}</span>}
          </>
        )}
        <button className="button small" data-testid="webcam-close" onClick={onClose}>
          {w.close}
        </button>
      </div>
    </div>
  );
}
