import * as tf from '@tensorflow/tfjs';
import { msg, type Msg } from '../messages';
import type { ExperimentConfig } from '../config/experiment';
import type { ImageSet } from '../data/imageSet';
import { labelsOf, toInputTensor } from '../data/tensors';
import { deriveSeed } from '../random';
import { EmbeddingCache } from '../models/embeddingCache';
import { graphFeatures } from '../models/source';
import { headLayer } from '../models/architecture';
import { inferenceBackend, onBackend } from '../backends/jobBackend';
import { embeddingKey } from '../config/keys';
import type { RunInfo } from './events';
import type { BuiltSource } from './buildSource';
import { imageInputs, type ExperimentSetup } from './experimentSetup';
import { toRange } from './inputView';
import { makeLive, runInfoOf, type LiveRun } from './liveRun';
import type { PlannedRun } from './plan';
import { ProgressClock } from './progress';
import type { ExperimentResources } from './resources';
import { TrainableRun } from './run';
import type { SourceTask } from './runInputs';
import { applyStrategy } from './strategy';

type Features = (x: tf.Tensor4D) => tf.Tensor2D;
type NewHead = (dims: number) => tf.LayersModel;

/** The forgetting meter measures the config's own source (its held-out images are in data.sourceEval). */
export function forgettingTask({ data, config }: ExperimentSetup, built: BuiltSource): SourceTask | null {
  return built.sourceModel && data.sourceEval
    ? { model: built.sourceModel, images: data.sourceEval, labels: labelsOf(data.sourceEval, null), ...config.forgetting }
    : null;
}

/**
 * One transfer run of the plan, from its built source (`cfg` is the config with that source):
 * a probe on cached embeddings, a probe re-embedding every augmented batch (graph sources), or
 * the transfer model trained per the strategy. Null if the user stopped it while embedding.
 */
export async function buildTransferRun(
  setup: ExperimentSetup,
  p: PlannedRun,
  cfg: ExperimentConfig,
  built: BuiltSource,
  sourceTask: SourceTask | null,
  owned: ExperimentResources,
): Promise<LiveRun | null> {
  const { config, opts, augment, lr } = setup;
  const { transfer, frozen, view, sourceName } = built;
  const strategy = config.strategy;
  const applied = transfer
    ? applyStrategy(transfer, strategy, sourceName)
    : {
        frozenBlocks: 0,
        backboneLrMultiplier: 1,
        description: msg(frozen instanceof tf.GraphModel ? 'msg.run.probeGraph' : 'msg.run.probeInner', sourceName),
      };
  const probing = strategy.kind === 'linear-probe' || !transfer;
  const info = runInfoOf(p, describeTransfer(setup, applied.description, !!sourceTask && !!transfer, probing));
  // External sources keep BatchNorm on its pretrained statistics (see RunOptions.training).
  const training = cfg.source.kind === 'zoo';
  const features = frozenFeatures(built, owned.models);
  const newHead = headFactory(setup, transfer, owned.models);
  if (probing && !setup.augmenting && (opts.cacheEmbeddings ?? true)) {
    return buildCachedProbe(setup, info, built, features, newHead, sourceTask, owned.tensors);
  }
  if (!transfer) {
    // A graph source with augmentation: embed every augmented batch, train the head on top.
    const dims = tf.tidy(() => features(tf.zeros([1, view.side, view.side, view.channels ?? 3])).shape[1]);
    return makeLive(info, new TrainableRun(newHead(dims), imageInputs(setup), lr, { augment, view, featurize: features, training }));
  }
  const run = makeLive(
    info,
    new TrainableRun(transfer, imageInputs(setup), lr, {
      backboneLrMultiplier: applied.backboneLrMultiplier,
      augment,
      view,
      training,
      source: sourceTask,
    }),
  );
  run.soup = { origin: built.backboneKey, view };
  run.handOver = 'whole';
  return run;
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

/** Teachable-Machine style: the frozen backbone sees each image once; the head trains on embeddings. */
async function buildCachedProbe(
  setup: ExperimentSetup,
  info: RunInfo,
  built: BuiltSource,
  features: Features,
  newHead: NewHead,
  sourceTask: SourceTask | null,
  tensors: tf.TensorContainer[],
): Promise<LiveRun | null> {
  const cache = setup.opts.embeddingCache ?? new EmbeddingCache();
  const embedStarted = performance.now();
  const embedded = await embedSplits(setup, built, features, cache, tensors);
  if (!embedded) return null;
  const { embTrain, embVal, embShifted, embBlend } = embedded;
  const run = makeLive(
    info,
    new TrainableRun(
      newHead(embTrain.shape[1]),
      { ...setup.base, train: embTrain, val: embVal, shifted: embShifted, blend: embBlend },
      setup.lr,
      { source: sourceTask },
    ),
  );
  // A linear head on frozen features has no hidden units to permute: heads on one backbone average.
  if (embBlend)
    run.soup = {
      origin: `probe:${built.backboneKey}`,
      view: built.view,
      embeddings: { val: embVal as tf.Tensor2D, blend: embBlend as tf.Tensor2D },
    };
  run.handOver = 'head';
  // The one-time embedding pass is part of what the probe costs.
  run.wallMs = performance.now() - embedStarted;
  return run;
}

/** Every split's embeddings (kept in `tensors` for disposal), or null if the user stopped. */
async function embedSplits(
  setup: ExperimentSetup,
  built: BuiltSource,
  features: Features,
  cache: EmbeddingCache,
  tensors: tf.TensorContainer[],
) {
  const { train, val, shifted, blend, opts, emit, control } = setup;
  const view = built.view;
  const total = train.labels.length + val.labels.length + (shifted?.labels.length ?? 0) + (blend?.labels.length ?? 0);
  const clock = new ProgressClock('embed', total);
  // Embedding is pure inference: it may run on a faster inference backend (wasm on a machine
  // without a GPU); the key says which, since backends agree only to float tolerance.
  const inference = inferenceBackend(opts.backends, view.side);
  const backboneKey = embeddingKey(built.backboneKey, inference);
  const embed = async (set: ImageSet, offset: number) => {
    const out = await cache.embedSet(
      set,
      backboneKey,
      (idx) => tf.tidy(() => features(toRange(toInputTensor(set, idx, view.side), view.range) as tf.Tensor4D)),
      { progress: (done) => emit(clock.at(offset + done)), keepGoing: () => control.checkpoint() },
    );
    if (out) tensors.push(out);
    return out;
  };
  const { embTrain, embVal, embShifted, embBlend } = await onBackend(inference, async () => {
    const embTrain = await embed(train, 0);
    const embVal = embTrain && (await embed(val, train.labels.length));
    const embShifted = shifted && embVal ? await embed(shifted, train.labels.length + val.labels.length) : null;
    const embBlend = blend && embVal ? await embed(blend, total - blend.labels.length) : null;
    return { embTrain, embVal, embShifted, embBlend };
  });
  if (!embTrain || !embVal || (shifted && !embShifted) || (blend && !embBlend)) return null;
  return { embTrain, embVal, embShifted, embBlend };
}
