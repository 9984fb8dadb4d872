import * as tf from '@tensorflow/tfjs';
import type { ExperimentConfig } from '../config/experiment';
import type { ModelRegistry } from '../models/registry';
import { buildTransferModel, disposeModels } from '../models/registry';
import { buildCutTransferModel, chooseCut } from '../models/source';
import { ZOO_VIEW, type InputView } from './inputView';
import { backboneKey, externalKey } from '../config/keys';

export interface BuiltSource {
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

/** Loads a config's source and makes what its transfer run starts from (a cut model with a fresh head, or a frozen extractor). */
export async function buildSource(config: ExperimentConfig, registry: ModelRegistry, numClasses: number): Promise<BuiltSource> {
  const source = config.source;
  if (source.kind === 'zoo') {
    const keepSource = config.forgetting.track;
    const loaded = await registry.load(source.id);
    const transfer = buildTransferModel(loaded, { numClasses, seed: config.seed, keepSource });
    const sourceModel = keepSource ? loaded : null;
    return {
      transfer,
      sourceModel,
      frozen: null,
      view: ZOO_VIEW,
      sourceName: source.id,
      backboneKey: backboneKey(source),
      layers: sourceModel ? [transfer, sourceModel] : [transfer],
      graphs: [],
    };
  }
  const key = externalKey(source);
  const { model, info } = await registry.loadExternal(key);
  const view: InputView = { side: info.side, range: info.range, channels: info.channels };
  const sourceName = source.kind === 'hosted' ? source.id : source.name;
  const frozenKey = (part: string | null) => backboneKey(source, { weightsHash: info.weightsHash, range: info.range, part });
  if (model instanceof tf.GraphModel)
    return {
      transfer: null,
      sourceModel: null,
      frozen: model,
      view,
      sourceName,
      backboneKey: frozenKey(null),
      layers: [],
      graphs: [model],
    };
  if (info.featureModel) {
    // Teachable Machine's export: its inner truncated MobileNet is the frozen feature extractor.
    const frozen = model.getLayer(info.featureModel) as unknown as tf.LayersModel;
    return {
      transfer: null,
      sourceModel: null,
      frozen,
      view,
      sourceName,
      backboneKey: frozenKey(info.featureModel),
      layers: [model],
      graphs: [],
    };
  }
  try {
    const cut = chooseCut(info.cuts, source.cut, info.defaultCut).name;
    const transfer = buildCutTransferModel(model, cut, numClasses, config.seed);
    return {
      transfer,
      sourceModel: null,
      frozen: null,
      view,
      sourceName: `${sourceName} · ${cut}`,
      backboneKey: frozenKey(cut),
      layers: [transfer],
      graphs: [],
    };
  } catch (err) {
    disposeModels(model);
    throw err;
  }
}
