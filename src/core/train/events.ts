import type { Msg } from '../messages';
import type { ImageSet } from '../data/imageSet';

/** Everything the engine reports, as plain serialisable values (they cross the worker boundary). */
export type RunKind = 'transfer' | 'scratch';
/** `interrupted`: set by the page when the engine's worker died during the run. */
export type RunStatus = 'pending' | 'running' | 'paused' | 'done' | 'stopped' | 'diverged' | 'interrupted';
export type Phase = 'load' | 'embed' | 'train';

/**
 * A finished image model's weights, for weight averaging (model soups): its topology to rebuild it,
 * its weights in order, where its training started, and how images become its input.
 */
export interface RunWeights {
  topology: object;
  values: Float32Array[];
  /** The source weights it was fine-tuned from, or the scratch init: soups need one origin. */
  origin: string;
  view: { side: number; range: 'unit' | 'symmetric'; channels?: 1 | 3 };
  /**
   * A probe's head reads the frozen backbone's embeddings, not images: these are its inputs on
   * validation and on the blend split (n × dims, row-major), so a soup of heads can be scored.
   */
  embeddings?: { dims: number; val: Float32Array; blend: Float32Array };
}

export interface RunInfo {
  id: string;
  name: Msg;
  kind: RunKind;
  /** What the run does, in parts the UI joins (strategy; mitigations; reuse). */
  description: Msg[];
  /** The TF.js backend it trains and evaluates on (wasm, webgl, cpu); set when the plan is made. */
  backend?: string;
  /** Its colour in charts and tables (from the plan, train/plan.ts). */
  color?: string;
}

export interface EpochMetrics {
  epoch: number;
  examplesSeen: number;
  trainLoss: number;
  trainAccuracy: number;
  valLoss: number;
  valAccuracy: number;
  /** Accuracy on the shifted evaluation set, when the config asks for one. */
  shiftedAccuracy: number | null;
  /** Source-task accuracy with the original source head (forgetting meter), or null. */
  sourceAccuracy: number | null;
  /** Wall time of this run so far, training and evaluation, ms. */
  wallMs: number;
  /** Mean per-class recall on validation: what an imbalanced target is judged on. Absent in results saved before it was measured. */
  balancedAccuracy?: number;
  /** Small-loss selection this epoch: precision and recall of the kept samples against the flipped labels (absent when off). */
  selection?: { precision: number; recall: number };
}

export interface RunResult {
  classNames: string[];
  /** confusion[actual][predicted] on the validation split. */
  confusion: number[][];
  perClassAccuracy: number[];
  /** Validation images the final model gets wrong (indices into the validation split). */
  misclassified: { index: number; actual: number; predicted: number }[];
}

/** One WiSE-FT interpolation θα = (1−α)·θ0 + α·θft of the backbone, evaluated on both tasks. */
export interface WiseFtPoint {
  alpha: number;
  targetAccuracy: number;
  sourceAccuracy: number;
}

/** What every run will have done at the end of its budget (the same for transfer and scratch). */
export interface RunBudget {
  epochs: number;
  steps: number;
  examples: number;
}

export type EngineEvent =
  /** A finished run's class probabilities (n × k) on validation and the blend split: emitted when the config has a blend split. */
  | { type: 'probabilities'; runId: string; k: number; val: Float32Array; blend: Float32Array | null; weights?: RunWeights }
  | {
      type: 'setup';
      runs: RunInfo[];
      trainCount: number;
      valCount: number;
      budget: RunBudget;
      classNames: string[];
      backend: string;
      valImages: ImageSet;
    }
  | { type: 'progress'; phase: Phase; done: number; total: number; etaMs: number | null }
  | { type: 'batch'; runId: string; step: number; examplesSeen: number; loss: number }
  | { type: 'epoch'; runId: string; metrics: EpochMetrics }
  | { type: 'status'; runId: string; status: RunStatus; message?: Msg }
  | { type: 'result'; runId: string; result: RunResult }
  | { type: 'wiseft'; runId: string; points: WiseFtPoint[] }
  | { type: 'finished'; stopped: boolean }
  | { type: 'error'; message: Msg };
