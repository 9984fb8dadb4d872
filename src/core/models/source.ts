import * as tf from '@tensorflow/tfjs';
import { deriveSeed } from '../random';
import { headLayer } from './architecture';
import { assembleModelFiles, type AssembledModel, type InputRange, type ModelFiles } from './external';
import { MAX_INPUT_SIDE } from './manifest';
import { hashBytes } from '../hash';
import { CodedError, coded, messageOf, msg, type Msg } from '../messages';

/** Topology and weight bytes, hashed: two files with the same name but other weights differ. */
export function hashArtifacts(artifacts: tf.io.ModelArtifacts): string {
  const data = artifacts.weightData;
  const buffers = data === undefined ? [] : Array.isArray(data) ? data : [data];
  const parts = [new TextEncoder().encode(JSON.stringify(artifacts.modelTopology ?? null)), ...buffers.map((b) => new Uint8Array(b))];
  return hashBytes(parts);
}

/**
 * A loaded external source (MobileNet or the user's own model), independent of where its files
 * came from. Layers models can be cut at any 4-D layer and fine-tuned; graph models are opaque
 * programs, so they are frozen feature extractors used as they come.
 */
export interface CutPoint {
  name: string;
  /** Output shape without the batch dimension, e.g. [7, 7, 256]. */
  shape: number[];
}

export interface ModelInfo {
  format: 'layers' | 'graph';
  /** Square input side and channels the model expects. */
  side: number;
  channels: 1 | 3;
  range: InputRange;
  parameters: number;
  /** Layers a transfer model can be cut at (4-D outputs), input first; empty for graph models. */
  cuts: CutPoint[];
  defaultCut: string | null;
  /** Embedding width after global average pooling at the default cut. */
  embeddingSize: number;
  /**
   * A layers model with no feature map to cut at whose first layer is a whole model (Teachable
   * Machine's export: truncated MobileNet → its classifier): that inner model's name, used frozen.
   */
  featureModel: string | null;
  /** Class labels of the source's own head, where known (Teachable Machine's metadata.json). */
  labels: string[] | null;
  /** Hash of topology and weights: what the embedding cache keys an own model by, never its name. */
  weightsHash: string;
  warnings: Msg[];
}

/** An image input is [batch, h, w, 1|3] with h = w; anything else cannot take our images. */
export function imageInput(shape: readonly (number | null)[] | undefined): { side: number; channels: 1 | 3 } {
  const shown = `[${(shape ?? []).map((d) => (d === null || d === -1 ? 'null' : d)).join(', ')}]`;
  if (!shape || shape.length !== 4) {
    throw coded('err.model.input.notImage', shown);
  }
  const [, h, w, c] = shape;
  if (c !== 1 && c !== 3) throw coded('err.model.input.channels', shown, c ?? null);
  if (!h || !w || h <= 0 || h !== w) {
    throw coded('err.model.input.notSquare', shown);
  }
  if (h > MAX_INPUT_SIDE) throw coded('err.model.input.tooLarge', shown, MAX_INPUT_SIDE);
  return { side: h, channels: c };
}

/** Layers whose output is a feature map (4-D): where a transfer model can be cut. */
export function cutPoints(model: tf.LayersModel): CutPoint[] {
  const cuts: CutPoint[] = [];
  for (const layer of model.layers) {
    if (layer.getClassName() === 'InputLayer') continue;
    let shape: (number | null)[];
    try {
      shape = layer.outputShape as (number | null)[];
    } catch {
      continue; // layers used more than once have several output shapes: not a clean cut
    }
    if (Array.isArray(shape) && shape.length === 4 && typeof shape[3] === 'number')
      cuts.push({ name: layer.name, shape: shape.slice(1) as number[] });
  }
  return cuts;
}

/** The requested cut if it exists, else the family default, else the last feature map. */
export function chooseCut(cuts: readonly CutPoint[], requested: string | undefined, familyDefault: string | null): CutPoint {
  if (!cuts.length) throw coded('err.model.noCut');
  if (requested) {
    const c = cuts.find((x) => x.name === requested);
    if (!c) throw coded('err.model.noLayer', requested);
    return c;
  }
  return cuts.find((x) => x.name === familyDefault) ?? cuts[cuts.length - 1];
}

/**
 * TF.js's terse load and execution errors, in words that say what to do. `fallback` is the code of
 * the step that failed (`err.model.buildFailed`, `err.model.testFailed`), shown before TF.js's own words.
 */
export function explainModelError(err: unknown, fallback: string): Error {
  const text = err instanceof Error ? err.message : String(err);
  const withCause = (e: CodedError) => Object.assign(e, { cause: err });
  const op = /Unknown op '(\w+)'|Op is not supported: (\w+)/.exec(text);
  if (op) return withCause(coded('err.model.unsupportedOp', (op[1] ?? op[2])!));
  const layer = /Unknown layer: (\w+)/.exec(text);
  if (layer) return withCause(coded('err.model.unknownLayer', layer[1]!));
  return withCause(coded('err.model.failed', msg(fallback), messageOf(err)));
}

/**
 * Loads assembled artifacts, explaining the failures TF.js reports tersely. A load that fails
 * half-way disposes the variables and tensors it had already made.
 */
export async function loadAssembled(assembled: AssembledModel): Promise<tf.LayersModel | tf.GraphModel> {
  const variablesBefore = new Set(Object.keys(tf.engine().registeredVariables));
  const tensorsBefore = tf.memory().numTensors;
  try {
    return assembled.format === 'layers'
      ? await tf.loadLayersModel(tf.io.fromMemory(assembled.artifacts))
      : await tf.loadGraphModel(tf.io.fromMemory(assembled.artifacts));
  } catch (err) {
    for (const [name, v] of Object.entries(tf.engine().registeredVariables)) if (!variablesBefore.has(name)) v.dispose();
    if (tf.memory().numTensors > tensorsBefore)
      console.warn(`A failed model load left ${tf.memory().numTensors - tensorsBefore} tensors behind.`);
    throw explainModelError(err, 'err.model.buildFailed');
  }
}

/** Teachable Machine's layout: the first layer is a whole (truncated) model with flat features. */
function nestedFeatureModel(model: tf.LayersModel): tf.LayersModel | null {
  const first = model.layers.find((l) => l.getClassName() !== 'InputLayer');
  if (!(first instanceof tf.LayersModel)) return null;
  const shape = first.outputs[0]?.shape;
  return shape?.length === 2 && typeof shape[1] === 'number' ? first : null;
}

/** Validates files and model, runs it once on a blank image; returns what the UI shows. Disposes everything. */
export async function inspectModel(
  files: ModelFiles,
  range: InputRange,
  familyDefault: string | null,
  labels: string[] | null = null,
): Promise<{ info: ModelInfo; assembled: AssembledModel }> {
  const assembled = assembleModelFiles(files);
  const model = await loadAssembled(assembled);
  try {
    const input = imageInput(model.inputs[0].shape as (number | null)[]);
    let cuts: CutPoint[] = [];
    let defaultCut: string | null = null;
    let featureModel: string | null = null;
    let embeddingSize: number;
    if (model instanceof tf.LayersModel) {
      cuts = cutPoints(model);
      const nested = cuts.length ? null : nestedFeatureModel(model);
      if (nested) {
        featureModel = nested.name;
        embeddingSize = nested.outputs[0].shape[1] as number;
      } else {
        const cut = chooseCut(cuts, undefined, familyDefault);
        defaultCut = cut.name;
        embeddingSize = cut.shape[2];
      }
      const classes = model.outputs[0].shape.at(-1);
      if (labels && classes !== labels.length) {
        throw coded('err.model.labelsMismatch', labels.length, classes ?? null);
      }
    } else {
      embeddingSize = -1;
    }
    // A dry run catches what loading does not: ops that fail at execution, wrong output rank.
    const probe = tf.tidy(() => graphFeatures(model as tf.GraphModel, tf.zeros([1, input.side, input.side, input.channels])));
    try {
      if (!(model instanceof tf.LayersModel)) embeddingSize = probe.shape[1];
    } finally {
      probe.dispose();
    }
    const parameters =
      model instanceof tf.LayersModel
        ? model.countParams()
        : assembled.artifacts.weightSpecs!.reduce((n, w) => n + w.shape.reduce((a, b) => a * b, 1), 0);
    const weightsHash = hashArtifacts(assembled.artifacts);
    return {
      info: {
        format: assembled.format,
        ...input,
        range,
        parameters,
        cuts,
        defaultCut,
        embeddingSize,
        featureModel,
        labels,
        weightsHash,
        warnings: assembled.warnings,
      },
      assembled,
    };
  } catch (err) {
    // The model's own input and metadata.json's labels are already said plainly: not a test-image failure.
    if (err instanceof CodedError && (err.msg.code.startsWith('err.model.input.') || err.msg.code === 'err.model.labelsMismatch'))
      throw err;
    throw explainModelError(err, 'err.model.testFailed');
  } finally {
    disposeLoaded(model);
  }
}

/**
 * Frees a loaded model's weights. LayersModel.dispose() leaves a nested model's weights alive
 * (Teachable Machine's export nests its backbone), so layers models free every weight directly.
 */
export function disposeLoaded(model: tf.LayersModel | tf.GraphModel): void {
  if (!(model instanceof tf.LayersModel)) return model.dispose();
  for (const w of model.weights) {
    const v = (w as unknown as { val: tf.Variable }).val;
    if (!v.isDisposed) v.dispose();
  }
}

/**
 * Features of a batch: a graph model's (or any model's) output, pooled to [batch, features] when it
 * is a feature map. Used for graph models, which are frozen whole.
 */
export function graphFeatures(model: tf.GraphModel | tf.LayersModel, x: tf.Tensor): tf.Tensor2D {
  return tf.tidy(() => {
    let out = model.predict(x) as tf.Tensor | tf.Tensor[];
    if (Array.isArray(out)) out = out[0];
    if (out.rank === 4) return out.mean([1, 2]) as tf.Tensor2D;
    if (out.rank === 2) return out as tf.Tensor2D;
    return out.reshape([out.shape[0], -1]) as tf.Tensor2D;
  });
}

/**
 * External layers source cut at `cut` → global average pooling → fresh `head`. Like the zoo's
 * buildTransferModel, it owns the source's layers and frees the ones it cut away.
 */
export function buildCutTransferModel(source: tf.LayersModel, cut: string, numClasses: number, seed: number): tf.LayersModel {
  const features = source.getLayer(cut).output as tf.SymbolicTensor;
  const pooled = tf.layers.globalAveragePooling2d({ name: 'gap' }).apply(features) as tf.SymbolicTensor;
  const out = headLayer(numClasses, deriveSeed(seed, 'head')).apply(pooled) as tf.SymbolicTensor;
  const model = tf.model({ inputs: source.inputs, outputs: out, name: `transfer_${cut}` });
  const kept = new Set(model.layers);
  for (const layer of source.layers) if (!kept.has(layer) && layer.weights.length) layer.dispose();
  return model;
}
