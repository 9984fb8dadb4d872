import * as tf from '@tensorflow/tfjs';
import type { Source } from '../config/experiment';
import { subset, type ImageSet } from '../data/imageSet';
import { capPerClass } from '../data/sampling';
import { deriveSeed } from '../random';
import { disposeModels, type ModelRegistry } from '../models/registry';
import { extractFeatures, sourceFeatures } from '../selection/rank';
import type { FeatureMatrix } from '../selection/features';
import { knnAccuracy } from '../selection/knn';
import type { InputView } from '../train/run';
import type { PlannedRun } from '../train/plan';
import { pca } from './pca';
import { umap2d } from './umap';
import { coded, type Msg } from '../messages';

/**
 * Feature-space maps: the target's images embedded by a network, projected to 2-D, one panel per
 * network — the source before training, then each run of the latest experiment after it — with
 * a separability figure per panel so the picture and a number agree.
 */
export type MapMethod = 'pca' | 'umap';

/** Images drawn: enough to see clusters, few enough that UMAP takes seconds, not minutes. */
export const MAP_IMAGES = 500;
/** Neighbours for the separability figure (leave-one-out k-NN accuracy, as in model selection). */
export const MAP_KNN = 5;

export interface MapPanel {
  /** `source`, or the run's id. */
  id: string;
  /** `source`: the source's backbone before training; `trained`: the run's own network after training; `frozen`: a probe's backbone (never changed: the source's features). */
  kind: 'source' | 'trained' | 'frozen';
  /** The run's planned name, or null for the source panel. */
  runName: Msg | null;
  source: Source | null;
  dims: number;
  /** n × 2. */
  coords: Float32Array;
  /** Leave-one-out k-NN accuracy on the full features (not the 2-D map). */
  knn: number;
  /** PCA only: the two axes' shares of the variance. */
  explained: [number, number] | null;
}

export interface FeatureMapReport {
  method: MapMethod;
  /** The images drawn (true labels), training images first, then validation. */
  images: ImageSet;
  isVal: Uint8Array;
  panels: MapPanel[];
  ms: { features: number; projection: number };
}

/** Features at a layers model's last global average pooling: where the lab's probes and heads read. */
export async function pooledFeatures(model: tf.LayersModel, set: ImageSet, view: InputView): Promise<FeatureMatrix> {
  const gap = [...model.layers].reverse().find((l) => l.getClassName() === 'GlobalAveragePooling2D');
  if (!gap) throw coded('err.explain.noPoolingFeatures', model.name);
  // Shares the model's weights: disposing the whole model later frees them once.
  const features = tf.model({ inputs: model.inputs, outputs: gap.output as tf.SymbolicTensor });
  return (await extractFeatures(set, view, (x) => ({ features: features.predict(x) as tf.Tensor2D, head: null }))).features;
}

/** The images a map draws: a seeded sample of training and validation images, at most MAP_IMAGES. */
export function mapImages(train: ImageSet, val: ImageSet, seed: number): { images: ImageSet; isVal: Uint8Array } {
  const total = train.labels.length + val.labels.length;
  const share = Math.min(1, MAP_IMAGES / total);
  const pick = (set: ImageSet, tag: string) =>
    subset(set, capPerClass(set, Math.max(1, Math.floor((share * set.labels.length) / set.classNames.length)), deriveSeed(seed, tag)));
  const [t, v] = share < 1 ? [pick(train, 'map-train'), pick(val, 'map-val')] : [train, val];
  const pixels = new Uint8Array(t.pixels.length + v.pixels.length);
  pixels.set(t.pixels);
  pixels.set(v.pixels, t.pixels.length);
  const labels = new Uint16Array(t.labels.length + v.labels.length);
  labels.set(t.labels);
  labels.set(v.labels, t.labels.length);
  const isVal = new Uint8Array(labels.length).fill(1, t.labels.length);
  return { images: { ...t, pixels, labels }, isVal };
}

export interface MapInputs {
  method: MapMethod;
  seed: number;
  images: ImageSet;
  isVal: Uint8Array;
  /** The source shown before training. */
  source: Source;
  /** The latest experiment's runs, when the map follows one; each with its trained model when it has one. */
  runs: { run: PlannedRun; model: (() => Promise<{ model: tf.LayersModel; view: InputView } | null>) | null }[];
  registry: ModelRegistry;
  onProgress?: (done: number, label: string) => void;
}

export async function drawFeatureMaps({
  method,
  seed,
  images,
  isVal,
  source,
  runs,
  registry,
  onProgress,
}: MapInputs): Promise<FeatureMapReport> {
  const t0 = performance.now();
  const bySource = new Map<string, FeatureMatrix>();
  const ofSource = async (s: Source) => {
    const key = JSON.stringify(s);
    if (!bySource.has(key)) bySource.set(key, (await sourceFeatures(s, registry, images)).features);
    return bySource.get(key)!;
  };
  const wanted: { id: string; kind: MapPanel['kind']; runName: Msg | null; source: Source | null; features: FeatureMatrix }[] = [
    { id: 'source', kind: 'source', runName: null, source, features: await ofSource(source) },
  ];
  for (const { run, model } of runs) {
    const loaded = model ? await model() : null;
    if (loaded) {
      try {
        wanted.push({
          id: run.id,
          kind: 'trained',
          runName: run.name,
          source: run.source,
          features: await pooledFeatures(loaded.model, images, loaded.view),
        });
      } finally {
        disposeModels(loaded.model);
      }
    } else if (run.source) {
      // A probe: its backbone never changed, so its features are its source's.
      wanted.push({ id: run.id, kind: 'frozen', runName: run.name, source: run.source, features: await ofSource(run.source) });
    }
  }
  const features = performance.now() - t0;
  const t1 = performance.now();
  const classes = images.classNames.length;
  const panels: MapPanel[] = [];
  for (const [i, w] of wanted.entries()) {
    const label = w.id;
    let coords: Float64Array;
    let explained: [number, number] | null = null;
    if (method === 'pca') {
      const p = pca(w.features, 2);
      coords = p.coords;
      explained = [p.explained[0] ?? 0, p.explained[1] ?? 0];
    } else {
      coords = await umap2d(w.features, deriveSeed(seed, `umap:${w.id}`), (done) => onProgress?.((i + done) / wanted.length, label));
    }
    onProgress?.((i + 1) / wanted.length, label);
    panels.push({
      id: w.id,
      kind: w.kind,
      runName: w.runName,
      source: w.source,
      dims: w.features.d,
      coords: Float32Array.from(coords),
      knn: knnAccuracy(w.features, images.labels, classes, MAP_KNN),
      explained,
    });
  }
  return { method, images, isVal, panels, ms: { features, projection: performance.now() - t1 } };
}
