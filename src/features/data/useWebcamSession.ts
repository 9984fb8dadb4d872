import { useEffect, useEffectEvent, useRef, useState } from 'react';
import { useUploadStore } from '../../lab/uploads/uploadStore';
import { tWebcam as w } from '../../i18n';
import { CAPTURE_INTERVAL_MS, MAX_FRAMES_PER_HOLD, captureFileName } from './webcam';
import { drawMirroredSquare, encodeJpeg } from './webcamMedia';
import { openCamera } from '../../platform/camera';
import { cameraErrorMessage } from '../../ui/cameraError';

interface Options {
  classId: string;
  className: string;
  /** Number of the first frame's file name (frames are named in order within the class). */
  firstIndex: number;
}

/**
 * The webcam's state: the camera opened into `video` for the component's lifetime, and
 * hold-to-record (start/stop) sampling it every CAPTURE_INTERVAL_MS into the class.
 */
export function useWebcamSession({ classId, className, firstIndex }: Options) {
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
      if (ok.length > 0)
        void addFiles(
          ok.map((file) => ({ file })),
          classId,
        );
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
    const release = openCamera(el, {
      frame: (n) => (frame.current = n),
      ended: onEnded,
      error: (err) => setError(cameraErrorMessage(err)),
    });
    return () => {
      clearInterval(timer.current);
      release();
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
    const canvas = drawMirroredSquare(el);
    if (!canvas) return;
    pending.current.push(encodeJpeg(canvas, captureFileName(className, nextIndex.current++)));
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

  const onLoaded = () => setReady(true);
  return { video, error, ready, recording, captured, capped, start, stop, onLoaded };
}
