import { CodedError, msg } from '../../core/messages';

/** How a training worker can die, and how long the page waits before calling it hung. */

export type EngineDeathReason = 'crashed' | 'hung' | 'webgl-lost';

export interface EngineDeath {
  reason: EngineDeathReason;
  /** What the browser said, if anything (the worker's error message), or the phase a hung worker was in. */
  detail: string;
  /** Whether it died while starting, while measuring its backends, or while working (a run, an export…). */
  during: 'start' | 'calibration' | 'work';
  /** For a hang: how long it had not answered, in seconds. */
  silentS?: number;
}

/**
 * A call that was pending when its worker died: it settles with this instead of never. Its
 * message says so in the person's language: what the worker held (trained runs) went with it.
 */
export class EngineDied extends CodedError {
  constructor(readonly death: EngineDeath) {
    super(msg('msg.engineLostWork'));
    this.name = 'EngineDied';
  }
}

/** A worker that has not answered a ping for this long is hung (training yields far more often). */
export const HANG_MS = 30_000;
/**
 * While it starts or measures its backends, a worker answers pings within a second even on
 * software WebGL (its longest silence measured here: 0.7 s), so a start that hangs is noticed in
 * seconds. Each start that dies doubles the wait, so a slow device is never restarted in a loop.
 */
export const START_HANG_MS = 5_000;
/** Starts that die in a row before the engine is declared unable to start (a message, no more restarts). */
export const MAX_FAILED_STARTS = 3;
/** Two context losses this close together: the GPU is not coping, so the next worker uses the CPU. */
export const REPEATED_LOSS_MS = 120_000;
