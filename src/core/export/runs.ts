import * as tf from '@tensorflow/tfjs';
import type { ExperimentConfig, Source } from '../config/experiment';
import type { ImageSet } from '../data/imageSet';
import { toInputTensor } from '../data/tensors';
import { buildSmallCnn } from '../models/architecture';
import type { ModelRegistry } from '../models/registry';
import { blockCount, buildTransferModel, disposeModels, scratchTwin } from '../models/registry';
import { buildCutTransferModel, chooseCut, disposeLoaded } from '../models/source';
import { deriveSeed } from '../random';
import { applyStrategy, externalKey } from '../train/experiment';
import type { RunKind } from '../train/events';
import { planRuns } from '../train/plan';
import { toRange, ZOO_VIEW, type InputView } from '../train/run';
import { convertLayersModel, type ConvertedModel } from './graph';
import type { NpyArray } from './npy';
import type { ExportRefusal } from './refusals';
import { transpose } from './transpose';
import { activeRemedies } from '../remedies/schema';

/** How many validation images the exported check.py compares against TF.js. */
export const CHECK_IMAGES = 8;

/** One run of the plan as the Python project trains it: its network at its initial weights, and how it trains. */
export interface ExportRun {
  id: string;
  kind: RunKind;
  name: string;
  description: string;
  view: Required<InputView>;
  /** Layers in training mode while training (dropout on, BatchNorm on batch statistics)? The lab: zoo yes, external no. */
  trainingMode: boolean;
  backboneLrMultiplier: number;
  model: ConvertedModel;
  /** TF.js outputs of the initial network on the first validation images (check.py compares). */
  expected: { count: number; logits: NpyArray; probs: NpyArray };
  /** The forgetting meter's source head and mitigations (first transfer run of a zoo source that tracks forgetting). */
  sourceTask: { weight: NpyArray; bias: NpyArray; l2sp: number; lwf: number; temperature: number } | null;
}

/**
 * The run's description in the README and experiment.json (English: those files are read outside
 * the lab; the lab's own run descriptions are message codes for its UI).
 */
function describeTransfer(config: ExperimentConfig, blocks: number, sourceName: string): string {
  const s = config.strategy;
  if (s.kind === 'linear-probe') return `Linear probe on ${sourceName}: backbone frozen, head trained`;
  if (s.kind === 'fine-tune') return `Fine-tune the top ${Math.min(s.trainableBlocks, blocks)} of ${blocks} blocks of ${sourceName}`;
  return `Full fine-tune of ${sourceName}${s.backboneLrMultiplier === 1 ? '' : `, backbone learning rate x${s.backboneLrMultiplier}`}`;
}

const runName = (id: string, source: Source | null, single: boolean): string =>
  id === 'scratch' ? 'From scratch' : single ? 'Transfer' : `Transfer from ${source?.kind === 'custom' ? source.name : source?.id}`;

/** A batch exactly as TrainableRun feeds it (no augmentation): side, channels, range. */
function inputBatch(set: ImageSet, indices: number[], view: Required<InputView>): tf.Tensor4D {
  return tf.tidy(() => {
    let x: tf.Tensor = toInputTensor(set, indices, view.side);
    if (view.channels === 1) x = x.mean(-1, true);
    return toRange(x, view.range) as tf.Tensor4D;
  });
}

/** Logits (before the head's softmax) and probabilities on the first validation images. */
function expectedOutputs(model: tf.LayersModel, val: ImageSet, view: Required<InputView>): ExportRun['expected'] {
  const count = Math.min(CHECK_IMAGES, val.labels.length);
  const indices = Array.from({ length: count }, (_, i) => i);
  const head = model.getLayer('head');
  const features = tf.model({ inputs: model.inputs, outputs: head.input as tf.SymbolicTensor });
  const [kernel, bias] = head.getWeights();
  const [logits, probs] = tf.tidy(() => {
    const x = inputBatch(val, indices, view);
    return [tf.matMul(features.predict(x) as tf.Tensor2D, kernel).add(bias), model.predict(x) as tf.Tensor];
  });
  const out = {
    count,
    logits: { data: Float32Array.from(logits.dataSync() as Float32Array), shape: logits.shape.slice() },
    probs: { data: Float32Array.from(probs.dataSync() as Float32Array), shape: probs.shape.slice() },
  };
  tf.dispose([logits, probs]);
  return out;
}

interface Built {
  transfer: tf.LayersModel;
  view: Required<InputView>;
  sourceName: string;
  training: boolean;
  /** The whole source model sharing the transfer backbone (forgetting meter), else null. */
  sourceModel: tf.LayersModel | null;
  owned: tf.LayersModel[];
}

/** The lab's buildSource (train/buildSource.ts) for layers sources; graph and Teachable Machine sources are refused. */
async function buildLayersSource(config: ExperimentConfig, registry: ModelRegistry, numClasses: number): Promise<Built | ExportRefusal> {
  const source = config.source;
  if (source.kind === 'zoo') {
    const keepSource = config.forgetting.track;
    const loaded = await registry.load(source.id);
    const transfer = buildTransferModel(loaded, { numClasses, seed: config.seed, keepSource });
    return {
      transfer,
      view: { ...ZOO_VIEW, channels: 3 },
      sourceName: source.id,
      training: true,
      sourceModel: keepSource ? loaded : null,
      owned: keepSource ? [transfer, loaded] : [transfer],
    };
  }
  const label = source.kind === 'hosted' ? source.id : source.name;
  let ext: Awaited<ReturnType<ModelRegistry['loadExternal']>>;
  try {
    ext = await registry.loadExternal(externalKey(source));
  } catch {
    return { code: 'export.sourceNotLoaded', params: { source: label } };
  }
  const { model, info } = ext;
  if (!(model instanceof tf.LayersModel)) {
    model.dispose();
    return { code: 'export.graphSource', params: { source: label } };
  }
  if (info.featureModel) {
    disposeLoaded(model);
    return { code: 'export.featureModelSource', params: { source: label } };
  }
  try {
    const cut = chooseCut(info.cuts, source.cut, info.defaultCut).name;
    const transfer = buildCutTransferModel(model, cut, numClasses, config.seed);
    return {
      transfer,
      view: { side: info.side, range: info.range, channels: info.channels },
      sourceName: `${label} (cut at ${cut})`,
      training: false,
      sourceModel: null,
      owned: [transfer],
    };
  } catch (err) {
    disposeLoaded(model);
    throw err;
  }
}

type ScratchBuild = { model: tf.LayersModel; description: string; view: Required<InputView> };

/** The scratch baseline as the lab builds it: the transfer network's twin for a zoo source, else the small built-in CNN. */
async function buildScratch(config: ExperimentConfig, source: Source, transfer: tf.LayersModel, numClasses: number): Promise<ScratchBuild> {
  return source.kind === 'zoo'
    ? {
        model: await scratchTwin(transfer, config.seed),
        description: 'Same architecture and head, random init, all layers trained',
        view: { ...ZOO_VIEW, channels: 3 },
      }
    : {
        model: buildSmallCnn({ numClasses, seed: deriveSeed(config.seed, 'scratch-init') }),
        description: 'Small built-in CNN at 32x32, random init (a from-scratch MobileNet is too slow to train in a browser)',
        view: { ...ZOO_VIEW, channels: 3 },
      };
}

/**
 * The forgetting meter's source task. The zoo's source model is input → blocks → gap → head, and the
 * transfer model shares its blocks and pools the same last block: the source task is the source head on the transfer's `gap`.
 */
function sourceTaskOf(sourceModel: tf.LayersModel, config: ExperimentConfig): NonNullable<ExportRun['sourceTask']> {
  const [kernel, bias] = sourceModel.getLayer('head').getWeights();
  const { l2sp, lwf, temperature } = config.forgetting;
  return {
    weight: transpose(kernel.dataSync() as Float32Array, kernel.shape, [1, 0]),
    bias: { data: Float32Array.from(bias.dataSync() as Float32Array), shape: bias.shape.slice() },
    l2sp,
    lwf,
    temperature,
  };
}

/** The scratch run converted at its initial weights (pushed after every transfer run, as the plan orders them). */
function scratchRun(id: string, s: ScratchBuild, val: ImageSet): { run: ExportRun } | { reasons: ExportRefusal[] } {
  const converted = convertLayersModel(s.model);
  if (!converted.ok) return { reasons: converted.reasons };
  return {
    run: {
      id,
      kind: 'scratch',
      name: runName('scratch', null, true),
      description: s.description,
      view: s.view,
      trainingMode: true,
      backboneLrMultiplier: 1,
      model: converted.model,
      expected: expectedOutputs(s.model, val, s.view),
      sourceTask: null,
    },
  };
}

/**
 * Builds every run of the config's plan exactly as runExperiment does — same source surgery, same
 * seeded head, same scratch twin, same strategy — converts each network at its initial weights and
 * disposes everything it made. `sourceEval` is the forgetting meter's data (withSourceTask), if any.
 */
export async function buildExportRuns(
  config: ExperimentConfig,
  val: ImageSet,
  numClasses: number,
  registry: ModelRegistry,
  opts: { sources?: readonly Source[]; hasSourceEval?: boolean } = {},
): Promise<{ ok: true; runs: ExportRun[] } | { ok: false; reasons: ExportRefusal[] }> {
  // The project trains with plain cross-entropy and the shared batch order: a remedy is refused by name.
  const remedies = activeRemedies(config.remedies);
  if (remedies.length) return { ok: false, reasons: remedies.map((remedy) => ({ code: 'export.remedy', params: { remedy } })) };
  const plan = planRuns(config, opts.sources);
  const runs: ExportRun[] = [];
  const reasons: ExportRefusal[] = [];
  const models: tf.LayersModel[] = [];
  let scratch = null as ScratchBuild | null;
  try {
    const transfers = plan.filter((p) => p.kind === 'transfer');
    for (const [index, p] of transfers.entries()) {
      const cfg: ExperimentConfig = { ...config, source: p.source! };
      const built = await buildLayersSource(cfg, registry, numClasses);
      if ('code' in built) {
        reasons.push(built);
        continue;
      }
      models.push(...built.owned);
      const { transfer } = built;
      if (index === 0 && config.scratchBaseline) {
        // Cloned before the strategy freezes anything, as the lab does.
        scratch = await buildScratch(config, cfg.source, transfer, numClasses);
        models.push(scratch.model);
      }
      const blocks = blockCount(transfer);
      const applied = applyStrategy(transfer, config.strategy, built.sourceName);
      const converted = convertLayersModel(transfer);
      if (!converted.ok) {
        reasons.push(...converted.reasons);
        continue;
      }
      const sourceTask = index === 0 && built.sourceModel && opts.hasSourceEval ? sourceTaskOf(built.sourceModel, config) : null;
      runs.push({
        id: p.id,
        kind: 'transfer',
        name: runName(p.id, p.source, transfers.length === 1),
        description: describeTransfer(config, blocks, built.sourceName),
        view: built.view,
        trainingMode: built.training,
        backboneLrMultiplier: applied.backboneLrMultiplier,
        model: converted.model,
        expected: expectedOutputs(transfer, val, built.view),
        sourceTask,
      });
    }
    const planned = plan.find((p) => p.kind === 'scratch');
    if (scratch && planned && !reasons.length) {
      const out = scratchRun(planned.id, scratch, val);
      if ('run' in out) runs.push(out.run);
      else reasons.push(...out.reasons);
    }
  } finally {
    disposeModels(...models);
  }
  return reasons.length ? { ok: false, reasons: dedupe(reasons) } : { ok: true, runs };
}

function dedupe(reasons: ExportRefusal[]): ExportRefusal[] {
  const seen = new Set<string>();
  return reasons.filter((r) => {
    const key = JSON.stringify(r);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
