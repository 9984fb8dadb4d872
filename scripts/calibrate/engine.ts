import '../../src/core/config/zodSetup';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { registerWasmTrainingKernels } from '../../src/core/backends/wasmTraining';
import { parseConfig, SourcesSchema, type ExperimentConfig, type Source } from '../../src/core/config/experiment';
import { fusionImagesKey } from '../../src/core/config/keys';
import { DatasetStore } from '../../src/core/data/datasetRef';
import { KeptRuns, latestExperimentKeys } from '../../src/core/fusion/keptRuns';
import { render } from '../../src/i18n';
import { EmbeddingCache } from '../../src/core/models/embeddingCache';
import { ModelRegistry } from '../../src/core/models/registry';
import { scoreSource, type SourceScores } from '../../src/core/selection/rank';
import { publicFolderFetch } from '../../src/core/testing/nodeFetch';
import { RunControl } from '../../src/core/train/control';
import type { EngineEvent, EpochMetrics, WiseFtPoint } from '../../src/core/train/events';
import { prepareTarget, runExperiment, withSourceTask } from '../../src/core/train/experiment';
import { ScratchCache } from '../../src/core/train/scratchCache';

/*
 * The app's engine, in Node: what src/workers/engine/experimentHandlers.ts does for a Train
 * click (config validated by parseConfig, target prepared, the source task attached, one
 * runExperiment over the plan, runs with a blend split kept for fusion), on the wasm backend
 * with the one training kernel the lab adds to it (as src/core/testing/setup.ts sets up). The
 * registry and datasets read public/ from disk (src/core/testing/nodeFetch.ts). Embeddings and
 * scratch baselines are cached across experiments, as the worker's session caches them.
 */

export interface EngineRun {
  id: string;
  kind: string;
  epochs: EpochMetrics[];
  wiseft: WiseFtPoint[] | null;
}

const registry = new ModelRegistry(publicFolderFetch);
const datasets = new DatasetStore(publicFolderFetch);
const embeddingCache = new EmbeddingCache();
const scratchCache = new ScratchCache();
const keptRuns = new KeptRuns();
let experiments = 0;

/** Sets up wasm (as the lab trains without a GPU); returns the backend's name. */
export async function initEngine(): Promise<string> {
  registerWasmTrainingKernels();
  await tf.setBackend('wasm');
  await tf.ready();
  return tf.getBackend();
}

/** Validates a config as the engine does (the worker's `checked`). */
function checked(draft: ExperimentConfig): ExperimentConfig {
  const parsed = parseConfig(draft);
  if (!parsed.ok) throw new Error(`invalid config: ${render(parsed.error)}`);
  return parsed.config;
}

function checkedSources(sources: Source[] | undefined): Source[] | undefined {
  if (sources === undefined) return undefined;
  const parsed = SourcesSchema.safeParse(sources);
  if (!parsed.success) throw new Error(`invalid sources: ${parsed.error.issues[0]?.message}`);
  return parsed.data;
}

/** One experiment, as a Train click runs it (the test hooks' runConfig): its runs' curves and WiSE-FT points. */
export async function runConfig(draft: ExperimentConfig, draftSources?: Source[]): Promise<EngineRun[]> {
  const config = checked(draft);
  const sources = checkedSources(draftSources);
  const data = await withSourceTask(await prepareTarget(config, datasets), config, registry, datasets);
  const keep = keptRuns.recorder(++experiments, { key: fusionImagesKey(data.val, data.blend), val: data.val, blend: data.blend });
  const runs = new Map<string, EngineRun>();
  let error: string | null = null;
  const emit = (e: EngineEvent) => {
    keep(e);
    if (e.type === 'setup') for (const r of e.runs) runs.set(r.id, { id: r.id, kind: r.kind, epochs: [], wiseft: null });
    else if (e.type === 'epoch') runs.get(e.runId)?.epochs.push(e.metrics);
    else if (e.type === 'wiseft') runs.get(e.runId)!.wiseft = e.points;
    else if (e.type === 'error') error = render(e.message);
  };
  await runExperiment(config, data, registry, emit, new RunControl(), { embeddingCache, scratchCache, sources });
  if (error) throw new Error(`seed ${config.seed}: ${error}`);
  return [...runs.values()];
}

/** Every source's scores on the config's training split, as the selection panel computes them. */
export async function scoreSources(draft: ExperimentConfig, sources: Source[]): Promise<SourceScores[]> {
  const config = checked(draft);
  const { train } = await prepareTarget(config, datasets);
  const rows: SourceScores[] = [];
  for (const source of checkedSources(sources)!) rows.push(await scoreSource(source, registry, train));
  return rows;
}

/** Fuses the latest experiment's kept runs, as the fusion panel would (the test hooks' fuseLatest). */
export function fuseLatest() {
  const keys = latestExperimentKeys(keptRuns.list());
  const result = keptRuns.fuse(keys);
  // Kept runs are only needed until fused: drop them so memory stays flat over many seeds.
  keptRuns.discard(keys);
  return { keys, result };
}

export const tensorsInUse = (): number => tf.memory().numTensors;
