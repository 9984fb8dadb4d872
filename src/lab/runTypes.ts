import type { ImageSet } from '../core/data/imageSet';
import type { ExperimentConfig, Source } from '../core/config/experiment';
import type { EngineEvent, EpochMetrics, Phase, RunBudget, RunInfo, RunResult, RunStatus, WiseFtPoint } from '../core/train/events';
import type { SharedResults } from '../core/share/link';
import type { Msg } from '../core/messages';
import type { EngineDeath } from '../platform/engine/engineClient';

// The run store's shapes, apart from the store so its action modules can name them without an import cycle.

/** Live state of the current experiment's runs, fed by engine events. */
export interface RunView {
  info: RunInfo;
  color: string;
  visible: boolean;
  status: RunStatus;
  message?: Msg;
  epochs: EpochMetrics[];
  batches: { step: number; examplesSeen: number; loss: number }[];
  result?: RunResult;
  /** WiSE-FT trade-off (transfer run with the forgetting meter), after training. */
  wiseft?: WiseFtPoint[];
}

export type SessionPhase = 'idle' | 'running' | 'paused' | 'finished' | 'stopped' | 'error';

export interface RunState {
  phase: SessionPhase;
  runs: RunView[];
  progress: Partial<Record<Phase, { done: number; total: number; etaMs: number | null }>>;
  error: Msg | null;
  classNames: string[];
  /** What the runs on show will have done at the end of their budget (null before setup). */
  budget: RunBudget | null;
  valImages: ImageSet | null;
  /** The config the current results came from (the editor may have moved on since). */
  config: ExperimentConfig | null;
  /** Set when the engine's worker died during this experiment (it has been replaced). */
  interruption: EngineDeath | null;
  /** The runs on show came from a share link, not from this browser: "re-run to verify". */
  shared: boolean;
  /** Shows a link's results snapshot as finished runs (charts and summary draw them as usual). */
  showShared(results: SharedResults, config: ExperimentConfig): void;
  /**
   * The runs on show as a snapshot a link can carry, or null if there are none. With `live`
   * (for storage) runs still training are included, marked interrupted: if the page goes away
   * now, that is what they are.
   */
  snapshot(options?: { live?: boolean }): SharedResults | null;
  /** Shows runs restored from storage; runs that were training when the page went away say so. */
  restoreSaved(results: SharedResults, config: ExperimentConfig): void;
  /** Runs the config's plan; with `sources`, one transfer run per source, side by side (train/plan.ts). */
  start(config: ExperimentConfig, uploaded: ImageSet | null, sources?: Source[]): Promise<void>;
  pause(): void;
  resume(): void;
  stop(): void;
  reset(): void;
  toggleRun(id: string): void;
  /** Returns whether the charts will redraw (their data changed). */
  applyEvents(events: EngineEvent[]): boolean;
}
