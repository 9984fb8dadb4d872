import { coded, msg, type Msg } from '../messages';
import * as tf from '@tensorflow/tfjs';
import { dataSeed, type ExperimentConfig, type Source, type Strategy } from '../config/experiment';
import type { DatasetStore } from '../data/datasetRef';
import type { ImageSet } from '../data/imageSet';
import { subset } from '../data/imageSet';
import { capPerClass } from '../data/sampling';
import { applyTrainBias, shiftImages, shiftedShapesSpec } from '../data/bias';
import { generateShapes } from '../data/synthetic';
import { preprocessTarget, type ChannelStats } from '../data/preprocess';
import { augmentBatch } from '../augment/augment';
import { enabledKinds } from '../augment/schema';
import { experimentSplit } from '../data/split';
import { labelsOf, toInputTensor } from '../data/tensors';
import { deriveSeed } from '../random';
import type { ModelRegistry } from '../models/registry';
import { blockCount, buildTransferModel, disposeModels, freezeUpTo, scratchTwin } from '../models/registry';
import { epochBatches } from './batches';
import type { RunControl } from './control';
import type { EngineEvent, RunBudget, RunInfo, RunResult, RunStatus, RunWeights } from './events';
import { ProgressClock } from './progress';
import { scratchKey, type ScratchCache, type ScratchRecord } from './scratchCache';
import { TrainableRun, ZOO_VIEW, toRange, type Evaluation, type InputView, type SourceTask } from './run';
import { EmbeddingCache } from '../models/embeddingCache';
import { buildCutTransferModel, chooseCut, graphFeatures } from '../models/source';
import { buildSmallCnn, headLayer } from '../models/architecture';
import { serialiseModel } from '../models/artifacts';
import { inferenceBackend, onBackend, trainingBackendFor, type JobBackends } from '../backends/jobBackend';
import { planRuns, type PlannedRun } from './plan';

export interface TargetData {
  /** The training split after the bias knobs (few-shot, imbalance, label noise). */
  train: ImageSet;
  /** The clean validation split: the knobs never touch it. */
  val: ImageSet;
  /** A second evaluation set with a distribution shift, or null. */
  shifted: ImageSet | null;
  /** Training images set aside for fitting fusion (split.blendFraction), clean like validation; else null. */
  blend: ImageSet | null;
  /** Label-noise bookkeeping for the dataset view: true labels and which ones were flipped. */
  trueTrainLabels: Uint16Array;
  noisy: Uint8Array;
  /** Training images per class by true label and by the label trained on. */
  classCounts: { clean: number[]; noisy: number[] };
  /** Held-out source-task images for the forgetting meter (see withSourceTask), else absent. */
  sourceEval?: ImageSet | null;
}

/** Source images the meter evaluates on: enough for a steady figure, few enough to cost ~1 s per epoch. */
export const SOURCE_EVAL_IMAGES = 200;

/**
 * Adds the held-out source images to prepared target data when the config tracks forgetting
 * (built-in sources only: their cards say which images the source never trained on).
 */
export async function withSourceTask(data: TargetData, config: ExperimentConfig, registry: ModelRegistry, datasets: DatasetStore): Promise<TargetData> {
  if (!config.forgetting.track || config.source.kind !== 'zoo') return data;
  const id = config.source.id;
  const entry = (await registry.listModels()).models.find((m) => m.id === id);
  if (!entry) throw coded('err.model.unknownSource', id);
  const test = await datasets.resolve(entry.card.test);
  const perClass = Math.ceil(SOURCE_EVAL_IMAGES / test.classNames.length);
  return { ...data, sourceEval: subset(test, capPerClass(test, perClass, deriveSeed(config.seed, 'source-eval'))) };
}

/** Held-out images under the config's shift: the validation images shifted, or (background) fresh synthetic ones. */
function shiftedSet(config: ExperimentConfig, val: ImageSet): ImageSet | null {
  const { kind, severity } = config.bias.shift;
  if (kind === 'none') return null;
  if (kind !== 'background') return shiftImages(val, kind, severity, deriveSeed(dataSeed(config), 'shift'));
  const target = config.target;
  if (target.kind !== 'builtin' || target.ref.kind !== 'shapes') {
    throw coded('err.data.backgroundNeedsShapes');
  }
  // New images from the same generator, classes and count, on a different background.
  const { set } = generateShapes(shiftedShapesSpec(target.ref.spec, severity), target.ref.count, deriveSeed(target.ref.seed, 'shifted'));
  const perClass = Math.ceil(val.labels.length / val.classNames.length);
  return subset(set, capPerClass(set, perClass, deriveSeed(dataSeed(config), 'shift-cap')));
}

/**
 * The target images of a config, capped, preprocessed, split and biased — a pure function of
 * (config, images). `sourceStats` is what `preprocess.normalise` aims at (core/data/sourceImages.ts).
 */
export async function prepareTarget(config: ExperimentConfig, datasets: DatasetStore, uploaded?: ImageSet, sourceStats?: ChannelStats | null): Promise<TargetData> {
  let set: ImageSet;
  if (config.target.kind === 'builtin') {
    const full = await datasets.resolve(config.target.ref);
    set = subset(full, capPerClass(full, config.target.maxPerClass, deriveSeed(dataSeed(config), 'target-cap')));
  } else {
    if (!uploaded) throw coded('err.data.noUploads');
    set = uploaded;
  }
  set = preprocessTarget(set, config.preprocess, sourceStats ?? null);
  // Carved before the bias knobs, so fusion's blend split has clean labels, like validation.
  const split = experimentSplit(set, config.split, dataSeed(config));
  const val = subset(set, split.validation);
  const trainPart = subset(set, split.train);
  const blend = split.blend.length ? subset(set, split.blend) : null;
  const biased = applyTrainBias(trainPart, config.bias, deriveSeed(config.seed, 'bias'));
  if (biased.set.labels.length === 0) throw coded('err.data.biasLeftNothing');
  return { train: biased.set, val, shifted: shiftedSet(config, val), blend, trueTrainLabels: biased.trueLabels, noisy: biased.noisy, classCounts: { clean: biased.cleanCounts, noisy: biased.noisyCounts } };
}

export interface ExperimentOptions {
  /** Linear probe trains on cached embeddings (default). Off only to measure what the cache saves. */
  cacheEmbeddings?: boolean;
  /** Read per-batch losses back at most every N ms (each read is a device sync); default 100. */
  lossReadMs?: number;
  /** Embeddings kept across experiments (the worker keeps one); default: a fresh one per experiment. */
  embeddingCache?: EmbeddingCache;
  /**
   * Where embedding and training run (the worker uses wasm for both on a machine without a GPU,
   * webgl for what wasm cannot train). Default: the current backend for everything.
   */
  backends?: JobBackends;
  /** One transfer run per source, trained side by side (default: the config's own source). */
  sources?: readonly Source[];
  /** Finished scratch baselines kept across experiments (the worker keeps one); default: none, always train. */
  scratchCache?: ScratchCache;
  /** Instrumentation: called with each run's batch before its step (tests check batch identity). */
  onStep?: (runId: string, indices: number[]) => void;
  /**
   * Called, on the run's backend, with each finished run's whole trained model (image in, classes
   * out, `whole`) before it is disposed — for exports; a probe on cached embeddings hands over its
   * head (embeddings in, classes out, `head`), which on the source's backbone is its whole network.
   */
  onTrainedModel?: (runId: string, model: tf.LayersModel, part: 'whole' | 'head') => Promise<void>;
  /** Called with a replayed scratch baseline's stored files (see ScratchRecord.files): it was trained earlier, not now. */
  onReplayedModel?: (runId: string, files: { modelJson: string; weights: Uint8Array }) => void | Promise<void>;
}

interface LiveRun {
  info: RunInfo;
  run: TrainableRun;
  status: RunStatus;
  wallMs: number;
  lastPredictions: Int32Array | null;
  /** Where this run trains and evaluates (see JobBackends.training). */
  backend: string;
  /**
   * Where its weights started and its input view, for soups; a probe on cached embeddings also
   * keeps those embeddings (its head is scored on them).
   */
  soup?: { origin: string; view: InputView; embeddings?: { val: tf.Tensor2D; blend: tf.Tensor2D } };
  /** What onTrainedModel gets: the whole image model, or a probe's head on cached embeddings (with or without a blend split). */
  handOver?: 'whole' | 'head';
}

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
): Promise<void> {
  const { train, val, shifted } = data;
  const blend = data.blend ?? null;
  const numClasses = train.classNames.length;
  const trainLabels = labelsOf(train, null);
  const valLabels = labelsOf(val, null);
  const shiftedLabels = shifted ? labelsOf(shifted, null) : null;
  const base = { trainLabels, valLabels, numClasses, shiftedLabels };
  // Same (seed, step) → same draws in every run: transfer and scratch see identical augmented batches.
  const augmenting = enabledKinds(config.augmentations).length > 0;
  const augmentSeed = deriveSeed(config.seed, 'augment');
  const augment = augmenting ? (x: tf.Tensor4D, step: number) => augmentBatch(x, config.augmentations, deriveSeed(augmentSeed, `step-${step}`)) : null;
  const lr = config.training.learningRate;
  const preferredTraining = opts.backends?.training ?? [tf.getBackend()];
  const cleanup: tf.TensorContainer[] = [];
  // Every model is registered for disposal the moment it exists, so an error anywhere leaks nothing.
  const models: tf.LayersModel[] = [];
  const graphs: tf.GraphModel[] = [];
  const live: LiveRun[] = [];

  const plan = planRuns(config, opts.sources);
  const planned = (id: string) => plan.find((p) => p.id === id)!;
  const infoOf = (p: PlannedRun, description: Msg[]): RunInfo => ({ id: p.id, name: p.name, kind: p.kind, description, color: p.color });
  let scratch: tf.LayersModel | null = null;
  let scratchDescription: Msg[] = [];
  let reuseKey: string | null = null;
  let reused: ScratchRecord | null = null;

  try {
    const transfers = plan.filter((p) => p.kind === 'transfer');
    const loading = new ProgressClock('load', transfers.length);
    /**
     * Builds one transfer run of the plan (and, for the first, decides the scratch baseline, which
     * is cloned from it before its strategy re-wires it). Returns false if the user stopped it.
     */
    const addTransferRun = async (p: PlannedRun, index: number): Promise<boolean> => {
      const cfg: ExperimentConfig = { ...config, source: p.source! };
      emit(loading.at(index));
      const built = await buildSource(cfg, registry, numClasses);
      models.push(...built.layers);
      graphs.push(...built.graphs);
      emit(loading.at(index + 1));
      const { transfer, frozen, view, sourceName } = built;
      // The forgetting meter measures the config's own source (its held-out images are in data.sourceEval).
      const sourceTask: SourceTask | null =
        built.sourceModel && data.sourceEval && index === 0
          ? { model: built.sourceModel, images: data.sourceEval, labels: labelsOf(data.sourceEval, null), ...config.forgetting }
          : null;
      const strategy = config.strategy;
      const transferInfo = infoOf(p, []);
      // External sources keep BatchNorm on its pretrained statistics (see RunOptions.training).
      const training = cfg.source.kind === 'zoo';

      if (index === 0) {
        // The scratch twin must be cloned before the transfer model is trained or re-wired.
        const zooTwin = !!transfer && cfg.source.kind === 'zoo';
        scratchDescription = [zooTwin ? msg('msg.run.scratchTwin') : SMALL_CNN_BASELINE];
        reuseKey = config.scratchBaseline && opts.scratchCache ? scratchKey(cfg, { train, val, shifted }, zooTwin ? 'zoo-twin' : 'small-cnn', numClasses, preferredTraining[0]) : null;
        reused = reuseKey ? (opts.scratchCache!.get(reuseKey) ?? null) : null;
        if (reused) {
          scratchDescription = [...reused.description, SCRATCH_REUSED];
        } else if (config.scratchBaseline && zooTwin) {
          scratch = await scratchTwin(transfer!, config.seed);
        } else if (config.scratchBaseline) {
          // A from-scratch MobileNet at 224 would take hours on software WebGL: the baseline is the
          // small built-in CNN at 32×32, and the run says so.
          scratch = buildSmallCnn({ numClasses, seed: deriveSeed(config.seed, 'scratch-init') });
        }
        if (scratch) models.push(scratch);
      }
      const applied = transfer
        ? applyStrategy(transfer, strategy, sourceName)
        : { frozenBlocks: 0, backboneLrMultiplier: 1, description: msg(frozen instanceof tf.GraphModel ? 'msg.run.probeGraph' : 'msg.run.probeInner', sourceName) };
      transferInfo.description = [applied.description];
      const { l2sp, lwf, temperature } = config.forgetting;
      if (sourceTask && transfer && strategy.kind !== 'linear-probe') {
        if (l2sp > 0) transferInfo.description.push(msg('msg.run.l2sp', l2sp));
        if (lwf > 0) transferInfo.description.push(msg('msg.run.lwf', lwf, temperature));
      }
      const probing = strategy.kind === 'linear-probe' || !transfer;
      // Augmented images have no fixed embedding: with augmentation on, the probe re-embeds every batch.
      if (probing && augmenting) transferInfo.description.push(msg('msg.run.reembed'));
      // Frozen features → [n, d]: the graph model, or the transfer model up to its pooling layer.
      const features = frozen
        ? (x: tf.Tensor4D) => graphFeatures(frozen, x)
        : (() => {
            const m = tf.model({ inputs: transfer!.inputs, outputs: transfer!.getLayer('gap').output as tf.SymbolicTensor });
            models.push(m);
            return (x: tf.Tensor4D) => m.predict(x) as tf.Tensor2D;
          })();
      const head = () => {
        const headLayerOf = transfer ? transfer.getLayer('head') : headLayer(numClasses, deriveSeed(config.seed, 'head'));
        return (dims: number) => {
          const input = tf.input({ shape: [dims], name: 'embedding' }); // named: soups compare layer names
          const m = tf.model({ inputs: input, outputs: headLayerOf.apply(input) as tf.SymbolicTensor });
          models.push(m);
          return m;
        };
      };
      if (probing && !augmenting && (opts.cacheEmbeddings ?? true)) {
        // Teachable-Machine style: the frozen backbone sees each image once; the head trains on embeddings.
        const cache = opts.embeddingCache ?? new EmbeddingCache();
        const embedStarted = performance.now();
        const total = train.labels.length + val.labels.length + (shifted?.labels.length ?? 0) + (blend?.labels.length ?? 0);
        const clock = new ProgressClock('embed', total);
        // Embedding is pure inference: it may run on a faster inference backend (wasm on a machine
        // without a GPU); the key says which, since backends agree only to float tolerance.
        const inference = inferenceBackend(opts.backends, view.side);
        const backboneKey = `${built.backboneKey}@${inference}`;
        const embed = async (set: ImageSet, offset: number) => {
          const out = await cache.embedSet(
            set,
            backboneKey,
            (idx) => tf.tidy(() => features(toRange(toInputTensor(set, idx, view.side), view.range) as tf.Tensor4D)),
            { progress: (done) => emit(clock.at(offset + done)), keepGoing: () => control.checkpoint() },
          );
          if (out) cleanup.push(out);
          return out;
        };
        const { embTrain, embVal, embShifted, embBlend } = await onBackend(inference, async () => {
          const embTrain = await embed(train, 0);
          const embVal = embTrain && (await embed(val, train.labels.length));
          const embShifted = shifted && embVal ? await embed(shifted, train.labels.length + val.labels.length) : null;
          const embBlend = blend && embVal ? await embed(blend, total - blend.labels.length) : null;
          return { embTrain, embVal, embShifted, embBlend };
        });
        if (!embTrain || !embVal || (shifted && !embShifted) || (blend && !embBlend)) {
          return false;
        }
        const run = makeLive(transferInfo, new TrainableRun(head()(embTrain.shape[1]), { ...base, train: embTrain, val: embVal, shifted: embShifted, blend: embBlend }, lr, { source: sourceTask }));
        // A linear head on frozen features has no hidden units to permute: heads on one backbone average.
        if (embBlend) run.soup = { origin: `probe:${built.backboneKey}`, view, embeddings: { val: embVal as tf.Tensor2D, blend: embBlend as tf.Tensor2D } };
        run.handOver = 'head';
        // The one-time embedding pass is part of what the probe costs.
        run.wallMs = performance.now() - embedStarted;
        live.push(run);
      } else if (!transfer) {
        // A graph source with augmentation: embed every augmented batch, train the head on top.
        const dims = tf.tidy(() => features(tf.zeros([1, view.side, view.side, view.channels ?? 3])).shape[1]);
        live.push(makeLive(transferInfo, new TrainableRun(head()(dims), { ...base, train, val, shifted, blend }, lr, { augment, view, featurize: features, training })));
      } else {
        const run = makeLive(transferInfo, new TrainableRun(transfer, { ...base, train, val, shifted, blend }, lr, { backboneLrMultiplier: applied.backboneLrMultiplier, augment, view, training, source: sourceTask }));
        run.soup = { origin: built.backboneKey, view };
        run.handOver = 'whole';
        live.push(run);
      }
      return true;
    };
    for (const [i, p] of transfers.entries()) {
      if (!(await addTransferRun(p, i))) {
        emit({ type: 'finished', stopped: true });
        return;
      }
    }
    const scratchInfo: RunInfo = config.scratchBaseline ? { ...infoOf(planned('scratch'), scratchDescription), backend: preferredTraining[0] } : infoOf(plan[0], []);
    if (scratch) {
      const run = makeLive(scratchInfo, new TrainableRun(scratch, { ...base, train, val, shifted, blend }, lr, { augment }));
      // Two scratch runs share an origin only if they started from the same random init.
      run.soup = { origin: `scratch:${config.seed}`, view: ZOO_VIEW };
      run.handOver = 'whole';
      live.push(run);
    }

    // Each run trains on the fastest backend that has every kernel its model needs.
    for (const r of live) r.info.backend = r.backend = await trainingBackendFor(preferredTraining, [r.run.model]);
    const runs = reused ? [...live.map((r) => r.info), scratchInfo] : live.map((r) => r.info);
    emit({ type: 'setup', runs, trainCount: train.labels.length, valCount: val.labels.length, budget: runBudget(train.labels.length, config.training), classNames: [...train.classNames], backend: live[0].backend, valImages: val });
    if (reused) replayScratch(reused, emit);
    // (Assigned inside addTransferRun, which TypeScript's narrowing does not see.)
    const replayedFiles = (reused as ScratchRecord | null)?.files;
    if (replayedFiles) await opts.onReplayedModel?.('scratch', replayedFiles);
    // A baseline trained to its end is kept for the next experiment that would train it again.
    const record: ScratchRecord | null = scratch && reuseKey ? { description: scratchDescription, epochs: [], batches: [], result: null } : null;
    const scratchReuseKey = reuseKey as string | null;
    const recording = (e: EngineEvent) => {
      if (record && e.type === 'epoch' && e.runId === 'scratch') record.epochs.push(e.metrics);
      if (record && e.type === 'batch' && e.runId === 'scratch') record.batches.push({ step: e.step, examplesSeen: e.examplesSeen, loss: e.loss });
      emit(e);
    };
    await trainLoop(config, live, recording, control, opts);

    for (const r of live) {
      if (!r.lastPredictions) continue;
      const result = summarise(r.lastPredictions, valLabels, train.classNames);
      emit({ type: 'result', runId: r.info.id, result });
      if (blend && r.status === 'done') {
        const probs = await onBackend(r.backend, () => r.run.probabilities());
        emit({ type: 'probabilities', runId: r.info.id, k: numClasses, ...probs, weights: await soupWeights(r) });
      }
      if (record && r.info.id === 'scratch' && r.status === 'done') opts.scratchCache!.set(scratchReuseKey!, { ...record, result, files: await onBackend(r.backend, () => serialiseModel(r.run.model)) });
      // A probe on cached embeddings trained its head alone: that is what it hands over.
      if (opts.onTrainedModel && r.status === 'done' && r.handOver) await onBackend(r.backend, () => opts.onTrainedModel!(r.info.id, r.run.model, r.handOver!));
    }
    // The source-vs-target trade-off along the line from pretrained to fine-tuned weights.
    // (Only the first transfer run carries the source task; wiseFt is empty without one.)
    const tuned = live.find((r) => r.info.id === plan[0].id);
    if (tuned?.status === 'done' && !control.isStopped) {
      const points = await onBackend(tuned.backend, () => tuned.run.wiseFt(WISE_FT_ALPHAS));
      if (points.length) emit({ type: 'wiseft', runId: tuned.info.id, points });
    }
    emit({ type: 'finished', stopped: control.isStopped });
  } finally {
    live.forEach((r) => r.run.dispose());
    disposeModels(...models);
    graphs.forEach((g) => g.dispose());
    tf.dispose(cleanup);
  }
}

/** Weight averaging keeps small models only: beyond this many weights a run keeps its predictions alone. */
export const SOUP_MAX_WEIGHTS = 2_000_000;

/** A finished run's weights for soups (a probe's head, with its embeddings), or undefined (too large, or a probe on augmented batches). */
async function soupWeights(r: LiveRun): Promise<RunWeights | undefined> {
  if (!r.soup) return undefined;
  const model = r.run.model;
  if (model.countParams() > SOUP_MAX_WEIGHTS) return undefined;
  // Layer by layer: model.getWeights() lists trainable weights first, so frozen blocks would
  // change the order and two runs of one architecture would not line up.
  const values = await Promise.all(model.layers.flatMap((l) => l.getWeights()).map(async (w) => (await w.data()) as Float32Array));
  const e = r.soup.embeddings;
  const embeddings = e && { dims: e.val.shape[1], val: (await e.val.data()) as Float32Array, blend: (await e.blend.data()) as Float32Array };
  return { topology: model.toJSON(null, false) as object, values, origin: r.soup.origin, view: r.soup.view, embeddings };
}

/** α from pretrained (0) to fine-tuned (1) in tenths: 11 points draw the trade-off curve. */
export const WISE_FT_ALPHAS = Array.from({ length: 11 }, (_, i) => i / 10);

export const SCRATCH_REUSED = msg('msg.run.scratchReused');

/** A stored baseline's events, as if it had just trained (its curves appear at once). */
function replayScratch(record: ScratchRecord, emit: (e: EngineEvent) => void) {
  emit({ type: 'status', runId: 'scratch', status: 'running' });
  for (const b of record.batches) emit({ type: 'batch', runId: 'scratch', ...b });
  for (const metrics of record.epochs) emit({ type: 'epoch', runId: 'scratch', metrics });
  emit({ type: 'status', runId: 'scratch', status: 'done' });
  if (record.result) emit({ type: 'result', runId: 'scratch', result: record.result });
}

export const SMALL_CNN_BASELINE = msg('msg.run.smallCnn');

/** The registry key of an external source: the hosted id, or "custom" for the user's own model. */
export function externalKey(source: ExperimentConfig['source']): string {
  return source.kind === 'hosted' ? source.id : source.kind === 'custom' ? 'custom' : `zoo:${source.id}`;
}

interface BuiltSource {
  /** The trainable transfer model (layers sources), cut and with a fresh head. */
  transfer: tf.LayersModel | null;
  /** The whole source model sharing the transfer backbone (forgetting meter), else null. */
  sourceModel: tf.LayersModel | null;
  /** A graph source (or a Teachable Machine export's inner model): frozen, a feature extractor. */
  frozen: tf.GraphModel | tf.LayersModel | null;
  view: InputView;
  sourceName: string;
  /** Identifies the frozen features (model, cut, preprocessing) for the embedding cache. */
  backboneKey: string;
  layers: tf.LayersModel[];
  graphs: tf.GraphModel[];
}

async function buildSource(config: ExperimentConfig, registry: ModelRegistry, numClasses: number): Promise<BuiltSource> {
  const source = config.source;
  if (source.kind === 'zoo') {
    const keepSource = config.forgetting.track;
    const loaded = await registry.load(source.id);
    const transfer = buildTransferModel(loaded, { numClasses, seed: config.seed, keepSource });
    const sourceModel = keepSource ? loaded : null;
    return { transfer, sourceModel, frozen: null, view: ZOO_VIEW, sourceName: source.id, backboneKey: `zoo:${source.id}`, layers: sourceModel ? [transfer, sourceModel] : [transfer], graphs: [] };
  }
  const key = externalKey(source);
  const { model, info } = await registry.loadExternal(key);
  const view: InputView = { side: info.side, range: info.range, channels: info.channels };
  const sourceName = source.kind === 'hosted' ? source.id : source.name;
  // Keyed by the weights' hash: two own models called model.json must not share embeddings.
  const weightsKey = `${key}:${info.weightsHash}`;
  if (model instanceof tf.GraphModel) return { transfer: null, sourceModel: null, frozen: model, view, sourceName, backboneKey: `${weightsKey}:${info.range}`, layers: [], graphs: [model] };
  if (info.featureModel) {
    // Teachable Machine's export: its inner truncated MobileNet is the frozen feature extractor.
    const frozen = model.getLayer(info.featureModel) as unknown as tf.LayersModel;
    return { transfer: null, sourceModel: null, frozen, view, sourceName, backboneKey: `${weightsKey}:${info.featureModel}:${info.range}`, layers: [model], graphs: [] };
  }
  try {
    const cut = chooseCut(info.cuts, source.cut, info.defaultCut).name;
    const transfer = buildCutTransferModel(model, cut, numClasses, config.seed);
    return { transfer, sourceModel: null, frozen: null, view, sourceName: `${sourceName} · ${cut}`, backboneKey: `${weightsKey}:${cut}:${info.range}`, layers: [transfer], graphs: [] };
  } catch (err) {
    disposeModels(model);
    throw err;
  }
}

/** Freezes what the strategy says; returns how the run should treat the rest. */
export function applyStrategy(model: tf.LayersModel, strategy: Strategy, sourceName: string): { frozenBlocks: number; backboneLrMultiplier: number; description: Msg } {
  const blocks = blockCount(model);
  if (strategy.kind === 'linear-probe') {
    freezeUpTo(model, blocks);
    return { frozenBlocks: blocks, backboneLrMultiplier: 1, description: msg('msg.run.probe', sourceName) };
  }
  if (strategy.kind === 'fine-tune') {
    const k = Math.min(strategy.trainableBlocks, blocks);
    freezeUpTo(model, blocks - k);
    return { frozenBlocks: blocks - k, backboneLrMultiplier: 1, description: msg('msg.run.fineTune', k, blocks, sourceName) };
  }
  freezeUpTo(model, 0);
  const m = strategy.backboneLrMultiplier;
  return { frozenBlocks: 0, backboneLrMultiplier: m, description: msg('msg.run.full', sourceName, m) };
}

/** A run's whole budget: every epoch sees the training split once, the last batch may be short. */
export function runBudget(trainCount: number, { epochs, batchSize }: { epochs: number; batchSize: number }): RunBudget {
  return { epochs, steps: epochs * Math.ceil(trainCount / batchSize), examples: epochs * trainCount };
}

function makeLive(info: RunInfo, run: TrainableRun): LiveRun {
  return { info, run, status: 'pending', wallMs: 0, lastPredictions: null, backend: tf.getBackend() };
}

async function trainLoop(config: ExperimentConfig, live: LiveRun[], emit: (e: EngineEvent) => void, control: RunControl, opts: ExperimentOptions) {
  const readMs = opts.lossReadMs ?? 100;
  const n = live[0].run.inputs.trainLabels.length;
  const { epochs, batchSize } = config.training;
  const stepsPerEpoch = runBudget(n, config.training).steps / epochs;
  const clock = new ProgressClock('train', epochs * stepsPerEpoch * live.length);
  let stepsDone = 0;
  const setStatus = (r: LiveRun, status: RunStatus, message?: Msg) => {
    r.status = status;
    emit({ type: 'status', runId: r.info.id, status, message });
  };
  live.forEach((r) => setStatus(r, 'running'));

  /** One epoch of one run: its steps, then validation (and the meters), on the run's backend. */
  const trainEpoch = async (r: LiveRun, epoch: number, batches: number[][]) => {
    const started = performance.now();
    const pausedBefore = control.pausedMs;
    let pending: { step: number; loss: tf.Scalar; correct: tf.Scalar }[] = [];
    let lossSum = 0;
    let correctSum = 0;
    let diverged = false;
    let lastRead = performance.now();
    // Losses stay on the device and are read in groups: every read is a GPU sync.
    const consume = (values: ArrayLike<number>) => {
      pending.forEach((p, i) => {
        const loss = values[2 * i];
        lossSum += loss;
        correctSum += values[2 * i + 1];
        if (!Number.isFinite(loss)) diverged = true;
        const examplesSeen = epoch * n + Math.min((p.step - epoch * stepsPerEpoch + 1) * batchSize, n);
        emit({ type: 'batch', runId: r.info.id, step: p.step, examplesSeen, loss });
      });
      tf.dispose(pending.flatMap((p) => [p.loss, p.correct]));
      pending = [];
      lastRead = performance.now();
      emit(clock.at(stepsDone));
    };
    const flush = async () => {
      const read = tf.tidy(() => tf.stack(pending.flatMap((p) => [p.loss, p.correct])));
      const values = await read.data();
      read.dispose();
      consume(values);
    };
    let evaluation: Evaluation | null = null;
    try {
      for (let b = 0; b < batches.length; b++) {
        if (!(await control.checkpoint())) break;
        opts.onStep?.(r.info.id, batches[b]);
        const step = epoch * stepsPerEpoch + b;
        pending.push({ step, ...r.run.step(batches[b], step) });
        stepsDone++;
        // The epoch's last losses are read together with the evaluation (one sync, not two).
        const last = b === batches.length - 1;
        if (!last && (performance.now() - lastRead >= readMs || pending.length >= 64)) {
          await flush();
          if (diverged) {
            stepsDone += batches.length - b - 1; // a diverged run's remaining steps will not happen
            break;
          }
        }
      }
      if (pending.length && !control.isStopped) {
        evaluation = await r.run.evaluate(pending.flatMap((p) => [p.loss, p.correct]));
        consume(evaluation.extra);
      }
      if (pending.length) await flush();
    } finally {
      tf.dispose(pending.flatMap((p) => [p.loss, p.correct]));
    }
    if (control.isStopped) {
      setStatus(r, 'stopped');
      return;
    }
    if (diverged) {
      setStatus(r, 'diverged', msg('msg.run.diverged'));
      return;
    }
    evaluation ??= await r.run.evaluate();
    const shiftedAccuracy = await r.run.shiftedAccuracy();
    const sourceAccuracy = await r.run.sourceAccuracy();
    r.wallMs += performance.now() - started - (control.pausedMs - pausedBefore);
    r.lastPredictions = evaluation.predictions;
    emit({
      type: 'epoch',
      runId: r.info.id,
      metrics: {
        epoch: epoch + 1,
        examplesSeen: (epoch + 1) * n,
        trainLoss: lossSum / batches.length,
        trainAccuracy: correctSum / n,
        valLoss: evaluation.loss,
        valAccuracy: evaluation.accuracy,
        shiftedAccuracy,
        sourceAccuracy,
        wallMs: Math.round(r.wallMs),
      },
    });
  };

  for (let epoch = 0; epoch < epochs; epoch++) {
    // Same (seed, epoch) → same batches for every run: the comparison is fair by construction.
    const batches = epochBatches(n, batchSize, deriveSeed(config.seed, 'batches'), epoch);
    for (const r of live) {
      if (r.status !== 'running') {
        stepsDone += batches.length;
        continue;
      }
      await onBackend(r.backend, () => trainEpoch(r, epoch, batches));
    }
    if (control.isStopped) break;
  }
  live.forEach((r) => r.status === 'running' && setStatus(r, 'done'));
}

export function summarise(predictions: Int32Array, labels: Int32Array, classNames: readonly string[]): RunResult {
  const k = classNames.length;
  const confusion = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  const misclassified: RunResult['misclassified'] = [];
  predictions.forEach((p, i) => {
    confusion[labels[i]][p]++;
    if (p !== labels[i]) misclassified.push({ index: i, actual: labels[i], predicted: p });
  });
  const perClassAccuracy = confusion.map((row, c) => {
    const total = row.reduce((a, b) => a + b, 0);
    return total ? row[c] / total : 0;
  });
  return { classNames: [...classNames], confusion, perClassAccuracy, misclassified };
}
