import { tWebcam as w } from '../../i18n';
import { MAX_FRAMES_PER_HOLD } from './webcam';
import { useWebcamSession } from './useWebcamSession';
import { WebcamHoldButton } from './WebcamHoldButton';

interface Props {
  classId: string;
  className: string;
  /** Number of the first frame's file name (frames are named in order within the class). */
  firstIndex: number;
  onClose: () => void;
}

/**
 * Live mirrored square preview of the camera and a hold-to-record button; the frames go to the
 * class through addFiles, so they get the same decoding and duplicate checks as files.
 * The camera is released on Close and on unmount (e.g. when the class is deleted).
 */
export function WebcamCapture({ classId, className, firstIndex, onClose }: Props) {
  const { video, error, ready, recording, captured, capped, start, stop, onLoaded } = useWebcamSession({ classId, className, firstIndex });

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
        onLoadedData={onLoaded}
      />
      <div className="webcam-controls">
        <strong className="small">{w.title(className)}</strong>
        {error ? (
          <p className="webcam-error small" role="alert" data-testid="webcam-error">
            {error}
          </p>
        ) : (
          <>
            <WebcamHoldButton ready={ready} recording={recording} start={start} stop={stop} />
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
