import * as tf from '@tensorflow/tfjs';
import type { Source } from '../config/experiment';
import type { ImageSet } from '../data/imageSet';
import { labelsOf, toInputTensor } from '../data/tensors';
import { disposeModels, type ModelRegistry } from '../models/registry';
import { chooseCut, graphFeatures } from '../models/source';
import { toRange, ZOO_VIEW, type InputView } from '../train/run';
import { externalKey } from '../train/experiment';
import { featureMatrix, type FeatureMatrix } from './features';
import { logme } from './logme';
import { leep } from './leep';
import { shrinkageHScore } from './hscore';
import { knnAccuracy } from './knn';

/**
 * Model selection before training: every candidate source's frozen features of the target's
 * training split (pooled at the cut a probe would use), and the scores computed from them.
 * Nothing here trains; validation images are never read.
 */
export { SCORE_NAMES, type ScoreName } from './scoreNames';
import { SCORE_NAMES, type ScoreName } from './scoreNames';

/** Why a score has no value for a source (a message code; the UI words it). */
export type Unavailable = 'no-head' | 'not-probabilities' | 'too-few-images';

export interface SourceScores {
  source: Source;
  /** Feature width at the cut, and how many training images were scored. */
  dims: number;
  images: number;
  scores: Record<ScoreName, number | null>;
  unavailable: Partial<Record<ScoreName, Unavailable>>;
  /** Milliseconds: embedding the images (`features`), then each score on its own. */
  ms: { features: number } & Partial<Record<ScoreName, number>>;
}

export interface Extracted {
  features: FeatureMatrix;
  /** The source head's class probabilities on the same images, when it has a head. */
  probs: { values: Float32Array; z: number } | null;
  noHead: Unavailable | null;
}

const CHUNK = 64;

/** Runs `model` over the images in chunks; returns pooled features and (if asked) the head’s outputs. */
export async function extractFeatures(
  set: ImageSet,
  view: InputView,
  run: (x: tf.Tensor4D) => { features: tf.Tensor2D; head: tf.Tensor2D | null },
): Promise<Extracted> {
  const n = set.labels.length;
  const featureParts: Float32Array[] = [];
  const headParts: Float32Array[] = [];
  let d = 0;
  let z = 0;
  for (let i = 0; i < n; i += CHUNK) {
    const idx = Array.from({ length: Math.min(CHUNK, n - i) }, (_, j) => i + j);
    const [features, head] = tf.tidy(() => {
      let x = toInputTensor(set, idx, view.side) as tf.Tensor;
      if (view.channels === 1) x = x.mean(-1, true);
      const r = run(toRange(x, view.range) as tf.Tensor4D);
      return r.head ? [r.features, r.head] : [r.features];
    });
    const out = { features: features as tf.Tensor2D, head: (head as tf.Tensor2D | undefined) ?? null };
    d = out.features.shape[1];
    featureParts.push((await out.features.data()) as Float32Array);
    if (out.head) {
      z = out.head.shape[1];
      headParts.push((await out.head.data()) as Float32Array);
    }
    tf.dispose([out.features, out.head ?? []].flat());
  }
  const values = new Float32Array(n * d);
  featureParts.reduce((at, p) => (values.set(p, at), at + p.length), 0);
  if (!headParts.length) return { features: featureMatrix(values, n, d), probs: null, noHead: 'no-head' };
  const probs = new Float32Array(n * z);
  headParts.reduce((at, p) => (probs.set(p, at), at + p.length), 0);
  // LEEP needs probabilities: a head whose rows are not distributions (logits, regression) does not qualify.
  for (let i = 0; i < n; i++) {
    let sum = 0;
    for (let c = 0; c < z; c++) {
      const p = probs[i * z + c];
      if (!(p >= 0)) return { features: featureMatrix(values, n, d), probs: null, noHead: 'not-probabilities' };
      sum += p;
    }
    if (Math.abs(sum - 1) > 1e-3) return { features: featureMatrix(values, n, d), probs: null, noHead: 'not-probabilities' };
  }
  return { features: featureMatrix(values, n, d), probs: { values: probs, z }, noHead: null };
}

/** The source's pooled features (at the cut a probe would use) and head outputs on `set`. */
export async function sourceFeatures(source: Source, registry: ModelRegistry, set: ImageSet): Promise<Extracted> {
  if (source.kind === 'zoo') {
    const model = await registry.load(source.id);
    try {
      const both = tf.model({ inputs: model.inputs, outputs: [model.getLayer('gap').output as tf.SymbolicTensor, model.outputs[0]] });
      return await extractFeatures(set, ZOO_VIEW, (x) => {
        const [features, head] = both.predict(x) as tf.Tensor2D[];
        return { features, head };
      });
    } finally {
      disposeModels(model);
    }
  }
  const { model, info } = await registry.loadExternal(externalKey(source));
  const view: InputView = { side: info.side, range: info.range, channels: info.channels };
  try {
    if (model instanceof tf.GraphModel) return await extractFeatures(set, view, (x) => ({ features: graphFeatures(model, x), head: null }));
    if (info.featureModel) {
      // Teachable Machine: the inner MobileNet gives the features, the whole model its own classes.
      const inner = model.getLayer(info.featureModel) as unknown as tf.LayersModel;
      return await extractFeatures(set, view, (x) => ({ features: graphFeatures(inner, x), head: model.predict(x) as tf.Tensor2D }));
    }
    const cut = chooseCut(info.cuts, source.cut, info.defaultCut).name;
    const output = model.outputs[0];
    const hasHead = output.shape.length === 2 && (output.shape[1] ?? 0) > 1;
    const both = tf.model({
      inputs: model.inputs,
      outputs: hasHead ? [model.getLayer(cut).output as tf.SymbolicTensor, output] : [model.getLayer(cut).output as tf.SymbolicTensor],
    });
    return await extractFeatures(set, view, (x) => {
      const out = both.predict(x) as tf.Tensor | tf.Tensor[];
      const [map, head] = Array.isArray(out) ? out : [out];
      return { features: tf.tidy(() => map.mean([1, 2]) as tf.Tensor2D), head: (head as tf.Tensor2D | undefined) ?? null };
    });
  } finally {
    if (model instanceof tf.GraphModel) model.dispose();
    else disposeModels(model);
  }
}

/** Scores one source on the training split: features once, then each score timed on its own. */
export async function scoreSource(source: Source, registry: ModelRegistry, train: ImageSet): Promise<SourceScores> {
  const started = performance.now();
  const extracted = await sourceFeatures(source, registry, train);
  const features = performance.now() - started;
  const { scores, unavailable, ms } = scoreFeatures(extracted, train);
  return { source, dims: extracted.features.d, images: extracted.features.n, scores, unavailable, ms: { features, ...ms } };
}

/** Every score on features already extracted from `train`, each timed on its own. */
export function scoreFeatures(
  { features, probs, noHead }: Extracted,
  train: ImageSet,
): Pick<SourceScores, 'scores' | 'unavailable'> & { ms: Partial<Record<ScoreName, number>> } {
  const labels = labelsOf(train, null);
  const k = train.classNames.length;
  const scores: SourceScores['scores'] = { logme: null, leep: null, hscore: null, knn: null };
  const unavailable: SourceScores['unavailable'] = {};
  const ms: Partial<Record<ScoreName, number>> = {};
  const timed = (name: ScoreName, f: () => number) => {
    const t = performance.now();
    scores[name] = f();
    ms[name] = performance.now() - t;
  };
  if (features.n < 2 || k < 2) {
    for (const name of SCORE_NAMES) unavailable[name] = 'too-few-images';
  } else {
    timed('logme', () => logme(features, labels, k).score);
    if (probs) timed('leep', () => leep(probs.values, features.n, probs.z, labels, k));
    else unavailable.leep = noHead ?? 'no-head';
    timed('hscore', () => shrinkageHScore(features, labels, k).score);
    timed('knn', () => knnAccuracy(features, labels, k));
  }
  return { scores, unavailable, ms };
}
