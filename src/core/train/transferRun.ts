import * as tf from '@tensorflow/tfjs';
import { msg, type Msg } from '../messages';
import type { ExperimentConfig } from '../config/experiment';
import { labelsOf } from '../data/tensors';
import { deriveSeed } from '../random';
import { graphFeatures } from '../models/source';
import { headLayer } from '../models/architecture';
import type { BuiltSource } from './buildSource';
import type { ExperimentSetup } from './experimentSetup';
import { runInfoOf, type LiveRun } from './liveRun';
import type { PlannedRun } from './plan';
import { PROCEDURES, procedureFor, type ProcedureContext, type RunProcedure } from './procedures';
import type { Features, NewHead } from './procedures/types';
import type { ExperimentResources } from './resources';
import type { SourceTask } from './runInputs';
import { applyStrategy } from './strategy';
import { RunRemedies } from '../remedies/runRemedies';
import { activeRemedies } from '../remedies/schema';

/** The forgetting meter measures the config's own source (its held-out images are in data.sourceEval). */
export function forgettingTask({ data, config }: ExperimentSetup, built: BuiltSource): SourceTask | null {
  return built.sourceModel && data.sourceEval
    ? { model: built.sourceModel, images: data.sourceEval, labels: labelsOf(data.sourceEval, null), ...config.forgetting }
    : null;
}

/**
 * One transfer run of the plan, from its built source (`cfg` is the config with that source),
 * built by the first training procedure that applies (procedures/index.ts). Null if the user
 * stopped it while it was being built.
 */
export async function buildTransferRun(
  setup: ExperimentSetup,
  p: PlannedRun,
  cfg: ExperimentConfig,
  built: BuiltSource,
  sourceTask: SourceTask | null,
  owned: ExperimentResources,
  procedures: readonly RunProcedure[] = PROCEDURES,
): Promise<LiveRun | null> {
  const { config } = setup;
  const { transfer, frozen, sourceName } = built;
  const applied = transfer
    ? applyStrategy(transfer, config.strategy, sourceName)
    : {
        frozenBlocks: 0,
        backboneLrMultiplier: 1,
        description: msg(frozen instanceof tf.GraphModel ? 'msg.run.probeGraph' : 'msg.run.probeInner', sourceName),
      };
  const probing = config.strategy.kind === 'linear-probe' || !transfer;
  const ctx: ProcedureContext = {
    setup,
    cfg,
    info: runInfoOf(p, [...describeTransfer(setup, applied.description, !!sourceTask && !!transfer, probing), ...describeRemedies(p)]),
    built,
    sourceTask,
    owned,
    applied,
    probing,
    // External sources keep BatchNorm on its pretrained statistics (see RunOptions.training).
    training: cfg.source.kind === 'zoo',
    features: frozenFeatures(built, owned.models),
    newHead: headFactory(setup, transfer, owned.models),
    remedies: remediesOf(setup, p),
  };
  try {
    const run = await procedureFor(ctx, procedures).build(ctx);
    if (!run) ctx.remedies?.dispose();
    return run;
  } catch (err) {
    ctx.remedies?.dispose();
    throw err;
  }
}

/** The planned run's remedies, given what they need of the training split (null when none is on). */
function remediesOf({ config, data, base }: ExperimentSetup, p: PlannedRun): RunRemedies | null {
  if (!activeRemedies(p.remedies).length) return null;
  const { epochs, batchSize } = config.training;
  return new RunRemedies({
    remedies: p.remedies,
    trainLabels: base.trainLabels,
    numClasses: base.numClasses,
    noisy: data.noisy,
    epochs,
    batchSize,
  });
}

/** What each remedy adds to a run's description, with its setting. */
function describeRemedies({ remedies: r }: PlannedRun): Msg[] {
  return activeRemedies(r).map((id) => (id === 'resample' ? msg('msg.run.remedy.resample') : msg(`msg.run.remedy.${id}`, r[id])));
}

/** The run's description: its strategy, then the forgetting mitigations it applies, then how a probe embeds. */
function describeTransfer({ config, augmenting }: ExperimentSetup, strategyDescription: Msg, mitigating: boolean, probing: boolean): Msg[] {
  const description = [strategyDescription];
  const { l2sp, lwf, temperature } = config.forgetting;
  if (mitigating && config.strategy.kind !== 'linear-probe') {
    if (l2sp > 0) description.push(msg('msg.run.l2sp', l2sp));
    if (lwf > 0) description.push(msg('msg.run.lwf', lwf, temperature));
  }
  // Augmented images have no fixed embedding: with augmentation on, the probe re-embeds every batch.
  if (probing && augmenting) description.push(msg('msg.run.reembed'));
  return description;
}

/** Frozen features → [n, d]: the graph model, or the transfer model up to its pooling layer. */
function frozenFeatures({ frozen, transfer }: BuiltSource, models: tf.LayersModel[]): Features {
  if (frozen) return (x) => graphFeatures(frozen, x);
  const m = tf.model({ inputs: transfer!.inputs, outputs: transfer!.getLayer('gap').output as tf.SymbolicTensor });
  models.push(m);
  return (x) => m.predict(x) as tf.Tensor2D;
}

/** A head on `dims`-wide embeddings: the transfer model's own head layer, or (no transfer model) a fresh seeded one. */
function headFactory({ config, numClasses }: ExperimentSetup, transfer: tf.LayersModel | null, models: tf.LayersModel[]): NewHead {
  return (dims) => {
    const headLayerOf = transfer ? transfer.getLayer('head') : headLayer(numClasses, deriveSeed(config.seed, 'head'));
    const input = tf.input({ shape: [dims], name: 'embedding' }); // named: soups compare layer names
    const m = tf.model({ inputs: input, outputs: headLayerOf.apply(input) as tf.SymbolicTensor });
    models.push(m);
    return m;
  };
}
