import type { KeyboardEvent } from 'react';
import { tWebcam as w } from '../../i18n';

const isHoldKey = (e: KeyboardEvent) => e.key === ' ' || e.key === 'Enter';

interface Props {
  ready: boolean;
  recording: boolean;
  start: () => void;
  stop: () => void;
}

/** The hold-to-record button: pointer or Space/Enter held down records, any kind of release stops. */
export function WebcamHoldButton({ ready, recording, start, stop }: Props) {
  return (
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
  );
}
