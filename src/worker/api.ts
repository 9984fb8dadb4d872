import type { ExperimentConfig } from '../core/config/experiment';
import type { ImageSet } from '../core/data/imageSet';
import type { ZooIndex } from '../core/models/card';
import type { EngineEvent } from '../core/train/events';

/**
 * The typed surface of the training worker. The main thread only ever talks to the engine
 * through this interface (via Comlink), so the page stays responsive while TF.js trains.
 */
export interface BackendInfo {
  backend: string;
  /** Set when WebGL was unavailable and the engine fell back to the (slower) cpu backend. */
  fallbackReason: string | null;
}

export interface EngineApi {
  /** `baseUrl` is where public/ is served (import.meta.env.BASE_URL resolved against the page). */
  init(baseUrl: string): Promise<BackendInfo>;
  listZoo(): Promise<ZooIndex>;
  /** Small preview of a built-in target (first images per class) for the data panel. */
  previewTarget(config: ExperimentConfig, perClass: number): Promise<{ set: ImageSet; counts: { train: number; val: number } }>;
  /** Starts an experiment; resolves when it finishes or is stopped. Events arrive through `onEvent`. */
  start(config: ExperimentConfig, uploaded: ImageSet | null, onEvent: (events: EngineEvent[]) => void): Promise<void>;
  pause(): void;
  resume(): void;
  stop(): void;
  memory(): { numTensors: number; numBytes: number };
}
