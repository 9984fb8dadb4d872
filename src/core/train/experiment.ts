import type { ExperimentConfig } from '../config/experiment';
import type { ModelRegistry } from '../models/registry';
import { trainingBackendFor } from '../backends/jobBackend';
import { buildSource } from './buildSource';
import type { RunControl } from './control';
import type { EngineEvent, RunInfo } from './events';
import { setUpExperiment, type ExperimentOptions, type ExperimentSetup } from './experimentSetup';
import { planRuns, type PlannedRun } from './plan';
import type { LiveRun } from './liveRun';
import { PROCEDURES, type RunProcedure } from './procedures';
import { ProgressClock } from './progress';
import { ExperimentResources } from './resources';
import { reportResults, reportWiseFt } from './results';
import { buildScratchRun, planScratch, replayScratch, scratchRecorder, scratchRunInfo, type ScratchPlan } from './scratchBaseline';
import type { TargetData } from './targetData';
import { runBudget, trainLoop } from './trainLoop';
import { buildTransferRun, forgettingTask } from './transferRun';

// The experiment's parts live in modules of their own; everything stays importable from here.
export { prepareTarget, SOURCE_EVAL_IMAGES, withSourceTask, type TargetData } from './targetData';
export type { ExperimentOptions } from './experimentSetup';
export { externalKey } from '../config/keys';
export { applyStrategy } from './strategy';
export { SCRATCH_REUSED, SMALL_CNN_BASELINE } from './scratchBaseline';
export { SOUP_MAX_WEIGHTS, summarise, WISE_FT_ALPHAS } from './results';
export { runBudget } from './trainLoop';
export { PROCEDURES, type ProcedureContext, type RunProcedure } from './procedures';

/**
 * Runs transfer (per the config's strategy) and, if asked, the from-scratch twin — interleaved
 * epoch by epoch so their curves grow side by side — on the same split, seed, batch order and
 * number of steps. Emits events; disposes every tensor it made.
 */
export async function runExperiment(
  config: ExperimentConfig,
  data: TargetData,
  registry: ModelRegistry,
  emit: (e: EngineEvent) => void,
  control: RunControl,
  opts: ExperimentOptions = {},
  /** The training procedures to build transfer runs with (tests add their own in front). */
  procedures: readonly RunProcedure[] = PROCEDURES,
): Promise<void> {
  const setup = setUpExperiment(config, data, emit, control, opts);
  const owned = new ExperimentResources();
  const plan = planRuns(config, opts.sources);
  try {
    const scratch = await buildTransferRuns(setup, plan, registry, owned, procedures);
    if (!scratch) {
      emit({ type: 'finished', stopped: true });
      return;
    }
    const scratchInfo = scratchRunInfo(setup, plan, scratch);
    if (scratch.model) owned.live.push(buildScratchRun(setup, scratchInfo!, scratch.model));
    await announceRuns(setup, owned.live, scratch, scratchInfo);
    const recorder = scratchRecorder(scratch, opts.scratchCache, emit);
    await trainLoop(config, owned.live, recorder.emit, control, opts);
    await reportResults(setup, owned.live, recorder.keep);
    await reportWiseFt(owned.live, plan[0].id, control, emit);
    emit({ type: 'finished', stopped: control.isStopped });
  } finally {
    owned.dispose();
  }
}

/**
 * Builds the plan's transfer runs in order, deciding the scratch baseline along with the first
 * (it may be cloned from that run's model before its strategy re-wires it). Returns that
 * decision, or null if the user stopped.
 */
async function buildTransferRuns(
  setup: ExperimentSetup,
  plan: readonly PlannedRun[],
  registry: ModelRegistry,
  owned: ExperimentResources,
  procedures: readonly RunProcedure[],
): Promise<ScratchPlan | null> {
  const transfers = plan.filter((p) => p.kind === 'transfer');
  const loading = new ProgressClock('load', transfers.length);
  let scratch: ScratchPlan | null = null;
  for (const [index, p] of transfers.entries()) {
    const cfg: ExperimentConfig = { ...setup.config, source: p.source! };
    setup.emit(loading.at(index));
    const built = await buildSource(cfg, registry, setup.numClasses);
    owned.models.push(...built.layers);
    owned.graphs.push(...built.graphs);
    setup.emit(loading.at(index + 1));
    if (index === 0) {
      // The scratch twin must be cloned before the transfer model is trained or re-wired.
      scratch = await planScratch(setup, cfg, built.transfer);
      if (scratch.model) owned.models.push(scratch.model);
    }
    const run = await buildTransferRun(setup, p, cfg, built, index === 0 ? forgettingTask(setup, built) : null, owned, procedures);
    if (!run) return null;
    owned.live.push(run);
  }
  return scratch;
}

/** Picks each run's backend, emits the setup event, and replays a stored baseline. */
async function announceRuns(
  { config, train, val, preferredTraining, emit, opts }: ExperimentSetup,
  live: readonly LiveRun[],
  scratch: ScratchPlan,
  scratchInfo: RunInfo | null,
) {
  // Each run trains on the fastest backend that has every kernel its model needs.
  for (const r of live) r.info.backend = r.backend = await trainingBackendFor(preferredTraining, [r.run.model]);
  const runs = scratch.reused ? [...live.map((r) => r.info), scratchInfo!] : live.map((r) => r.info);
  emit({
    type: 'setup',
    runs,
    trainCount: train.labels.length,
    valCount: val.labels.length,
    budget: runBudget(train.labels.length, config.training),
    classNames: [...train.classNames],
    backend: live[0].backend,
    valImages: val,
  });
  if (scratch.reused) replayScratch(scratch.reused, emit);
  const replayedFiles = scratch.reused?.files;
  if (replayedFiles) await opts.onReplayedModel?.('scratch', replayedFiles);
}
