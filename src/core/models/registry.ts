import * as tf from '@tensorflow/tfjs';
import { deriveSeed, Rng } from '../random';
import type { FetchBytes } from '../data/datasetRef';
import { ZooIndexSchema, type ZooIndex } from './card';
import { parseOrThrow } from '../config/validation';
import { codeText, coded } from '../messages';
import { headLayer } from './architecture';
import { concatBuffers, type AssembledModel, type InputRange, type ModelFiles } from './external';
import { inspectModel, loadAssembled, type ModelInfo } from './source';

/**
 * The zoo and the model surgery every run needs: load, cut at a block, new head, freeze, scratch twin.
 * Loading always builds a new model from cached artifacts, so two runs never share weights.
 */
export class ModelRegistry {
  private index: Promise<ZooIndex> | null = null;
  private artifacts = new Map<string, Promise<tf.io.ModelArtifacts>>();
  constructor(private readonly fetchBytes: FetchBytes) {}

  listModels(): Promise<ZooIndex> {
    if (!this.index) {
      const p = this.fetchBytes('models/index.json').then((b) =>
        parseOrThrow(ZooIndexSchema, JSON.parse(new TextDecoder().decode(b)), codeText('err.what.zooIndex')),
      );
      p.catch(() => (this.index = null)); // a failed fetch may succeed later
      this.index = p;
    }
    return this.index;
  }

  private loadArtifacts(id: string): Promise<tf.io.ModelArtifacts> {
    let p = this.artifacts.get(id);
    if (!p) {
      p = (async () => {
        const entry = (await this.listModels()).models.find((m) => m.id === id);
        if (!entry) throw coded('err.model.unknownSource', id);
        const dir = entry.path.slice(0, entry.path.lastIndexOf('/') + 1);
        const json = JSON.parse(new TextDecoder().decode(await this.fetchBytes(entry.path)));
        const manifest: tf.io.WeightsManifestConfig = json.weightsManifest;
        const buffers = await Promise.all(manifest.flatMap((g) => g.paths).map((p) => this.fetchBytes(dir + p)));
        return {
          modelTopology: json.modelTopology,
          weightSpecs: manifest.flatMap((g) => g.weights),
          weightData: concatBuffers(buffers),
        };
      })();
      p.catch(() => this.artifacts.delete(id)); // a failed fetch may succeed later
      this.artifacts.set(id, p);
    }
    return p;
  }

  /** A new, independent instance of a zoo model (source head included). */
  async load(id: string): Promise<tf.LayersModel> {
    return tf.loadLayersModel(tf.io.fromMemory(await this.loadArtifacts(id)));
  }

  private external = new Map<string, { assembled: AssembledModel; info: ModelInfo }>();
  /** The newest attempt requested per key: an older load that finishes later must not win. */
  private latestAttempt = new Map<string, number>();

  /**
   * Validates an external model's files and keeps them under `key` (hosted id or "custom").
   * `attempt` grows with every load the page requests; a load overtaken by a newer request
   * throws SupersededLoad instead of replacing what the newer one loaded.
   */
  async register(
    key: string,
    files: ModelFiles,
    range: InputRange,
    familyDefault: string | null,
    labels: string[] | null = null,
    attempt = 0,
  ): Promise<ModelInfo> {
    this.latestAttempt.set(key, Math.max(attempt, this.latestAttempt.get(key) ?? 0));
    const { info, assembled } = await inspectModel(files, range, familyDefault, labels);
    if (attempt < this.latestAttempt.get(key)!) throw new SupersededLoad();
    this.external.set(key, { assembled, info });
    return info;
  }

  /** A new, independent instance of a registered external model, with what is known about it. */
  async loadExternal(key: string): Promise<{ model: tf.LayersModel | tf.GraphModel; info: ModelInfo }> {
    const entry = this.external.get(key);
    if (!entry) throw coded('err.model.notLoaded');
    return { model: await loadAssembled(entry.assembled), info: entry.info };
  }
}

/** A model load that a newer load of the same slot overtook; the page ignores it. */
export class SupersededLoad extends Error {
  constructor() {
    super('superseded');
    this.name = 'SupersededLoad';
  }
}

/**
 * Block number of a layer, by the naming conventions of the families we know: the zoo's
 * `blockK_…`, MobileNet v1's `conv_dw_K`/`conv_pw_K` and v2's `block_K_…`. Stems count as
 * block 0 and v2's final 1×1 conv as block 17, so "fine-tune the top k blocks" means the same
 * thing everywhere. Null for layers outside the blocks (pooling, head).
 */
export function blockOf(layer: tf.layers.Layer): number | null {
  const name = layer.name;
  const m = /^block_?(\d+)_/.exec(name) ?? /^conv_(?:dw|pw|pad)_(\d+)/.exec(name);
  if (m) return Number(m[1]);
  if (/^(conv1|Conv1|bn_Conv1|expanded_conv)/.test(name)) return 0;
  if (/^(Conv_1|out_relu)/.test(name)) return 17;
  return null;
}

export function blockCount(model: tf.LayersModel): number {
  return Math.max(0, ...model.layers.map((l) => blockOf(l) ?? 0));
}

/** The last layer of block k: where the network is cut. */
export function blockOutput(model: tf.LayersModel, k: number): tf.layers.Layer {
  const layers = model.layers.filter((l) => blockOf(l) === k);
  if (!layers.length) throw coded('err.model.noBlock', model.name, k, blockCount(model));
  return layers[layers.length - 1];
}

export interface TransferOptions {
  numClasses: number;
  /** Keep blocks 1..cutBlock; default: all blocks. */
  cutBlock?: number;
  seed: number;
  /**
   * Keep the source model whole (its head included), sharing the backbone with the new model:
   * the forgetting meter evaluates it. The caller then disposes both models.
   */
  keepSource?: boolean;
}

/**
 * Source backbone (blocks 1..cutBlock) → global average pooling → fresh `head`.
 * The result owns the source's layers: pass a freshly loaded source and do not reuse it.
 */
export function buildTransferModel(source: tf.LayersModel, opts: TransferOptions): tf.LayersModel {
  const cut = opts.cutBlock ?? blockCount(source);
  const features = blockOutput(source, cut).output as tf.SymbolicTensor;
  const pooled = tf.layers.globalAveragePooling2d({ name: 'gap' }).apply(features) as tf.SymbolicTensor;
  const out = headLayer(opts.numClasses, deriveSeed(opts.seed, 'head')).apply(pooled) as tf.SymbolicTensor;
  const model = tf.model({ inputs: source.inputs, outputs: out, name: `transfer_b${cut}` });
  // The source's own head and cut-off blocks are not part of the new model: free their weights.
  if (opts.keepSource) return model;
  const kept = new Set(model.layers);
  for (const layer of source.layers) if (!kept.has(layer) && layer.weights.length) layer.dispose();
  return model;
}

/** Backbone only (input → block k → global average pooling): the embedding a linear probe trains on. */
export function featureExtractor(model: tf.LayersModel, k = blockCount(model)): tf.LayersModel {
  const features = blockOutput(model, k).output as tf.SymbolicTensor;
  const gap = model.layers.find((l) => l.name === 'gap');
  // Reuse the model's own pooling layer when it directly follows block k; otherwise pool afresh.
  const pooled = (gap && k === blockCount(model) ? gap : tf.layers.globalAveragePooling2d({ name: `gap_b${k}` })).apply(features);
  return tf.model({ inputs: model.inputs, outputs: pooled as tf.SymbolicTensor, name: `features_b${k}` });
}

/** Freeze blocks up to k, stem included (k = 0 freezes nothing). Returns the frozen layer names. */
export function freezeUpTo(model: tf.LayersModel, k: number): string[] {
  const frozen: string[] = [];
  for (const layer of model.layers) {
    const b = blockOf(layer);
    layer.trainable = k === 0 || b === null || b > k;
    if (!layer.trainable) frozen.push(layer.name);
  }
  return frozen;
}

/**
 * Same architecture, fresh seeded init for every layer but the head, whose weights are copied —
 * so transfer and scratch start from the same classifier and differ only in the backbone.
 */
export async function scratchTwin(model: tf.LayersModel, seed: number): Promise<tf.LayersModel> {
  const twin = await tf.models.modelFromJSON({ modelTopology: model.toJSON(null, false) as tf.io.ModelJSON['modelTopology'] });
  const rng = new Rng(deriveSeed(seed, 'scratch-init'));
  for (const layer of twin.layers) {
    if (!layer.weights.length) continue;
    if (layer.name === 'head') {
      layer.setWeights(model.getLayer('head').getWeights());
      continue;
    }
    const fresh = layer.weights.map((w) =>
      tf.tidy(() =>
        w.shape.length === 1 ? tf.zeros(w.shape as number[]) : tf.initializers.heNormal({ seed: rng.seed() }).apply(w.shape as number[]),
      ),
    );
    layer.setWeights(fresh);
    tf.dispose(fresh);
  }
  return twin;
}

/**
 * Frees the weights of every layer used by any of the models, once. Models built on shared
 * layers (a feature extractor and the model it was cut from) cannot simply each be disposed:
 * TF.js would dispose the shared layers twice.
 */
export function disposeModels(...models: tf.LayersModel[]): void {
  const layers = new Set(models.flatMap((m) => m.layers));
  for (const layer of layers) {
    for (const w of layer.weights) {
      const v = (w as unknown as { val: tf.Variable }).val;
      if (!v.isDisposed) v.dispose();
    }
  }
}
