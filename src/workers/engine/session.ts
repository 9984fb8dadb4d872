import type * as tf from '@tensorflow/tfjs';
import type { ExperimentConfig } from '../../core/config/experiment';
import type { DatasetStore } from '../../core/data/datasetRef';
import type { ModelRegistry } from '../../core/models/registry';
import { disposeModels } from '../../core/models/registry';
import { EmbeddingCache } from '../../core/models/embeddingCache';
import { ScratchCache } from '../../core/train/scratchCache';
import type { JobBackends } from '../../core/backends/jobBackend';
import type { RunControl } from '../../core/train/control';
import { KeptRuns } from '../../core/fusion/keptRuns';
import type { TargetData } from '../../core/train/experiment';
import { deserialiseModel } from '../../core/models/artifacts';
import { withHead } from '../../core/explain/saliency';
import type { PlannedRun } from '../../core/train/plan';
import type { BackendInfo } from './api';

type ModelFiles = { modelJson: string; weights: Uint8Array };

/**
 * What the engine holds between calls: where it loads models and data from, its backends, the
 * run in flight, its caches, and the latest experiment (feature maps, saliency and exports follow
 * it). One object, so each group of handlers reads and updates the same state.
 */
export const session = {
  registry: undefined as unknown as ModelRegistry,
  datasets: undefined as unknown as DatasetStore,
  /** Where embedding and training run (wasm on a GPU-less machine); set by init. */
  backends: undefined as JobBackends | undefined,
  deviceBackend: undefined as Pick<BackendInfo, 'backend' | 'fallbackReason'> | undefined,
  control: null as RunControl | null,
  /** Embeddings outlive experiments: re-running a probe on the same images embeds nothing again. */
  embeddingCache: new EmbeddingCache(),
  /** Scratch baselines outlive experiments too: comparing sources on one target trains one baseline. */
  scratchCache: new ScratchCache(),
  /** Finished runs kept for fusion, and a counter that makes their keys unique. */
  keptRuns: new KeptRuns(),
  /** The latest experiment's trained models (small image models only), as TF.js layers files, for exports. */
  trainedModels: new Map<string, ModelFiles>(),
  /** The latest experiment's probe heads (embeddings in), which on their source's backbone make the probe's network: for saliency. */
  trainedHeads: new Map<string, ModelFiles>(),
  experiments: 0,
  /** What the latest experiment trained on and its runs: feature maps and saliency follow it. */
  latest: null as { config: ExperimentConfig; data: TargetData; runs: PlannedRun[] } | null,
};

/** The experiment in flight; a new start waits for it to wind down, so two never share the GPU. */
let running: Promise<void> = Promise.resolve();

/**
 * Runs `job` after whatever is in flight and makes it what the next job waits for, so two jobs
 * never share the GPU or the latest experiment's models. Its result, or its error, is the caller's.
 */
export function serialised<T>(job: () => Promise<T>): Promise<T> {
  const result = running.then(job);
  running = result.then(
    () => {},
    () => {},
  );
  return result;
}

/** A probe as one image model: its zoo backbone with the trained head on top. The caller disposes `owned`. */
export async function probeAsModel(
  sourceId: string,
  head: { modelJson: string; weights: Uint8Array },
): Promise<{ model: tf.LayersModel; owned: tf.LayersModel[] }> {
  const backbone = await session.registry.load(sourceId);
  try {
    const probe = await deserialiseModel(head);
    return { model: withHead(backbone, probe), owned: [backbone, probe] };
  } catch (err) {
    disposeModels(backbone);
    throw err;
  }
}
