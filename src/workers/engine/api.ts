import type { Calibration } from '../../core/backends/calibrate';
import type { ExperimentConfig, Source } from '../../core/config/experiment';
import type { SourceScores } from '../../core/selection/rank';
import type { GapReport } from '../../core/selection/domainGapMeter';
import type { SaliencyMaps } from '../../core/explain/saliency';
import type { FeatureMapReport, MapMethod } from '../../core/projection/featureMaps';
import type { KeptRuns, KeptRunSummary } from '../../core/fusion/keptRuns';
import type { ImageSet } from '../../core/data/imageSet';
import type { ZooIndex } from '../../core/models/card';
import type { EngineEvent } from '../../core/train/events';
import type { InputRange, ModelFiles } from '../../core/models/external';
import type { ModelInfo } from '../../core/models/source';
import type { Msg } from '../../core/messages';

/**
 * The typed surface of the training worker. The main thread only ever talks to the engine
 * through this interface (via Comlink), so the page stays responsive while TF.js trains.
 */
export interface BackendInfo {
  backend: string;
  /** Set when WebGL was unavailable and the engine fell back to the (slower) cpu backend. */
  fallbackReason: Msg | null;
  /** Where frozen-backbone embeddings are computed, per model family (measured: see core/backends/calibrate.ts). */
  inference: { small: string; large: string };
  /** Where models train when they can (`wasm` without a GPU); the rest train on `backend`. */
  training: string;
  /** wasm's thread count (more than 1 only when the page is cross-origin isolated), or null without wasm. */
  wasmThreads: number | null;
  /** The timings the choice was made from (stored by the page, so the next visit skips measuring); null before the first measurement. */
  calibration: Calibration | null;
  /** True when the choice was measured just now; false for a stored calibration reused, or for the provisional choice (calibration null). */
  measured: boolean;
}

/** One source's scores, or why it could not be scored. */
export type ScoreRow = { ok: true; row: SourceScores } | { ok: false; source: Source; error: Msg | string };

export interface EngineMemory {
  numTensors: number;
  /** Bytes in TF.js tensors (weights, optimizer state, live batches). */
  numBytes: number;
  /** Cached embeddings: rows of float32, one per distinct image. */
  embeddings: { count: number; dims: number; bytes: number; backbones: number };
  /** Finished runs kept for fusion (their probabilities) and their bytes. */
  kept: { runs: number; bytes: number };
}

export interface TargetPreview {
  /** A few training images per class (labels as trained on, i.e. after label noise). */
  set: ImageSet;
  /** 1 where a preview image's label was corrupted by label noise; `trueLabels` has the originals. */
  noisy: Uint8Array;
  trueLabels: Uint16Array;
  counts: { train: number; val: number; shifted: number; blend: number };
  /** Training images per class by true label (clean) and by the label trained on (noisy). */
  classCounts: { clean: number[]; noisy: number[] };
  /** How many training labels label noise flipped. */
  flipped: number;
  /** A few shifted evaluation images, when the config has a shift. */
  shifted: ImageSet | null;
}

/** What one validation image's prediction depends on, for each run of the latest experiment. */
export interface SaliencyReport {
  valIndex: number;
  /** The image (one, as trained on) and its true class. */
  image: ImageSet;
  trueLabel: number;
  runs: (
    { runId: string; runName: Msg; maps: SaliencyMaps } | { runId: string; runName: Msg; unavailable: 'not-trained' | 'external-source' }
  )[];
}

/** Posted by the worker outside Comlink when it cannot go on (its WebGL context was lost). */
export const FATAL_MESSAGE = 'transfer-lab:fatal';

/**
 * Posted by the worker outside Comlink: `ready` once its script has run (it can answer from now
 * on, even if the first message it handles then blocks), `webgl-probe` just before it creates a
 * WebGL context and `wasm-start` before it starts wasm's threads — calls that can block its
 * thread for a long time in some browsers — and `idle` after. A worker that hangs in one is
 * replaced by one that does without it (no WebGL; wasm on one thread).
 */
export const PHASE_MESSAGE = 'transfer-lab:phase';
export type WorkerPhase = 'ready' | 'webgl-probe' | 'wasm-start' | 'idle';

/** Why a worker starts without WebGL: its context was lost twice, or creating one hung a worker. */
export type CpuReason = 'webgl-lost-twice' | 'webgl-hung';

/** What a replacement worker does without, after what broke its predecessor. */
export interface StartLimits {
  /** No WebGL (the device backend is cpu), and why. */
  noWebgl: CpuReason | null;
  /** wasm on one thread: starting its thread pool hung a worker (seen in Firefox). */
  singleThread: boolean;
}

export interface EngineApi {
  /**
   * `baseUrl` is where public/ is served (import.meta.env.BASE_URL resolved against the page).
   * `limits`: what to do without, after repeated WebGL context losses or a start that hung creating a WebGL context or wasm's threads.
   */
  /** `calibration`: the one stored from an earlier visit (validated, reused only on the same device). */
  /** Starts the engine; without a stored calibration for this device it picks provisionally (no measuring) unless `measureNow`. */
  init(baseUrl: string, limits?: StartLimits, calibration?: unknown, measureNow?: boolean): Promise<BackendInfo>;
  /** Measures the backends again (the user asked) and picks afresh. */
  recalibrate(): Promise<BackendInfo>;
  /** The heartbeat: answers at once unless the worker is stuck. */
  ping(): number;
  /** Test hooks for the restart path: spin forever (a hung worker), or lose the WebGL context. */
  debugHang(): void;
  debugLoseWebgl(): boolean;
  listZoo(): Promise<ZooIndex>;
  /**
   * Validates an external model (files transferred, not copied) and keeps it under `key` for the
   * next runs; rejects with a message that says what is wrong with the files or the model.
   * `labels` are the source head's class names where known; `attempt` orders loads (the newest
   * requested wins, see ModelRegistry.register).
   */
  registerModel(
    key: string,
    files: ModelFiles,
    range: InputRange,
    familyDefault: string | null,
    labels: string[] | null,
    attempt: number,
  ): Promise<ModelInfo>;
  /** Small preview of a built-in target (first images per class) and the counts after the bias knobs. */
  previewTarget(config: ExperimentConfig, perClass: number): Promise<TargetPreview>;
  /**
   * A few training images, each through the augmentation pipeline `draws` times (row-major:
   * image i, draw d at i × draws + d), as 32×32 RGB uint8. The images are `sample` if given (the
   * user's own), else the first `images` of the built-in target. `shuffle` varies the draws.
   */
  previewAugment(config: ExperimentConfig, images: number, draws: number, shuffle: number, sample?: ImageSet | null): Promise<ImageSet>;
  /**
   * Starts an experiment; resolves when it finishes or is stopped. Events arrive through `onEvent`;
   * when it returns a promise (the page will redraw charts), training holds back until it settles.
   */
  start(
    config: ExperimentConfig,
    uploaded: ImageSet | null,
    onEvent: (events: EngineEvent[]) => void | Promise<void>,
    sources?: Source[],
  ): Promise<void>;
  /**
   * Transferability scores of each source for the config's target, on its training split (no
   * training; validation never read). Rows arrive through `onRow` as each source finishes, in order.
   */
  /**
   * The domain-gap meter: the source's own training images (sampled) against the target's
   * training split, in pixel statistics and as MMD² between the source backbone's embeddings.
   */
  measureGap(config: ExperimentConfig, uploaded: ImageSet | null): Promise<GapReport>;
  /**
   * Feature-space maps of the target (training and validation images, sampled): the source's
   * backbone before training and, when the config still matches the latest experiment, each of
   * its runs after training. `onProgress` gets the share done and what is being drawn.
   */
  featureMaps(
    config: ExperimentConfig,
    uploaded: ImageSet | null,
    method: MapMethod,
    onProgress: (done: number, label: string) => void,
  ): Promise<FeatureMapReport>;
  /** Grad-CAM and input-gradient maps of validation image `valIndex` (of the latest experiment) for each of its runs. */
  saliency(valIndex: number): Promise<SaliencyReport>;
  /** Finished runs kept for fusion (those trained with a blend split), oldest first. */
  keptRuns(): KeptRunSummary[];
  /** A finished run of the latest experiment as TF.js layers files (model.json + one weights file), or null (a probe, or too large). */
  trainedModel(runId: string): { modelJson: string; weights: Uint8Array } | null;
  /**
   * A finished run of the latest experiment as a whole image model in TF.js layers format, for
   * download: fine-tuned and scratch runs as trained, a probe as its frozen backbone with the
   * trained head on top. `unavailable` says why not.
   */
  exportModel(runId: string): Promise<{ modelJson: string; weights: Uint8Array } | { unavailable: 'not-trained' | 'external-source' }>;
  /** The experiment as a PyTorch project (a zip), or the reasons it cannot be one, as codes (core/export). */
  exportPython(
    config: ExperimentConfig,
    uploaded: ImageSet | null,
    sources?: Source[],
  ): Promise<{ ok: true; zip: Uint8Array; notes: Msg[] } | { ok: false; reasons: Msg[] }>;
  /** Accuracy as is (no training) of a loaded external model on the config's validation images. */
  evaluateAsIs(
    key: string,
    config: ExperimentConfig,
    uploaded: ImageSet | null,
  ): Promise<{ accuracy: number; correct: number; total: number }>;
  discardRuns(keys: string[]): void;
  /** Soft and hard voting and stacking over kept runs, on their shared validation images. */
  fuse(keys: string[]): ReturnType<KeptRuns['fuse']>;
  /** Weight averaging of kept runs: uniform or greedy; `force` averages different origins anyway (a demonstration). */
  soup(keys: string[], mode: 'uniform' | 'greedy', force?: boolean): ReturnType<KeptRuns['soup']>;
  scoreSources(
    config: ExperimentConfig,
    uploaded: ImageSet | null,
    sources: Source[],
    onRow: (row: ScoreRow) => void | Promise<void>,
  ): Promise<void>;
  pause(): void;
  resume(): void;
  stop(): void;
  memory(): EngineMemory;
}
