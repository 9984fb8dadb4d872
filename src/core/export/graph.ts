import * as tf from '@tensorflow/tfjs';
import type { ConvertedModel } from './graphSpec';
import { inboundOf, kerasTopology, type LayerJson, type Refuse } from './kerasJson';
import { layerConversion, type GraphDraft, type LayerConverter } from './layerConversion';
import { moduleNamer } from './moduleNames';
import type { ExportRefusal } from './refusals';
import { WEIGHTED_LAYERS } from './weightedLayers';
import { WEIGHTLESS_LAYERS } from './weightlessLayers';

export type { Activation, ConvertedModel, GraphNode, GraphSpec, ParamInfo } from './graphSpec';
export { SUPPORTED_LAYERS } from './refusals';

/**
 * A TF.js layers model as a plain graph the exported model.py interprets, plus its weights in
 * PyTorch's layouts (graphSpec.ts). The graph is read from the model's own Keras JSON (what
 * model.json stores), so any layers model built from the layers below converts — the zoo's CNNs,
 * the MobileNets, the user's own — and anything else is refused by name rather than converted
 * approximately.
 */

/** A Map, not an object lookup: a class named like an Object.prototype member must be refused, not "found". */
const CONVERTERS: ReadonlyMap<string, LayerConverter> = new Map(Object.entries({ ...WEIGHTED_LAYERS, ...WEIGHTLESS_LAYERS }));

function convertLayer(model: tf.LayersModel, l: LayerJson, draft: GraphDraft, refuse: Refuse): void {
  const layer = model.getLayer(l.name);
  if (layer instanceof tf.LayersModel) {
    refuse({ code: 'export.nestedModel', params: { layer: l.name } });
    return;
  }
  const inputs = inboundOf(l, refuse);
  if (!inputs) return;
  const conversion = layerConversion(l, layer, inputs, draft, refuse);
  // model.py reads images as channels_last throughout.
  if (l.config.data_format !== undefined && l.config.data_format !== 'channels_last') {
    conversion.option('data_format', l.config.data_format);
    return;
  }
  const convert = CONVERTERS.get(l.class_name);
  if (convert) convert(conversion);
  else refuse({ code: 'export.unsupportedLayer', params: { layer: l.name, type: l.class_name } });
}

/**
 * Converts `model`. Refusals name the layer and what about it cannot be exported; nothing is
 * approximated. Reads weights synchronously (small models; export is a one-off).
 */
export function convertLayersModel(model: tf.LayersModel): { ok: true; model: ConvertedModel } | { ok: false; reasons: ExportRefusal[] } {
  const reasons: ExportRefusal[] = [];
  const refuse: Refuse = (r) => reasons.push(r);
  const { layers, inputs, outputs } = kerasTopology(model);
  if (inputs.length !== 1 || outputs.length !== 1) {
    return { ok: false, reasons: [{ code: 'export.multipleInputsOrOutputs', params: { inputs: inputs.length, outputs: outputs.length } }] };
  }
  const draft: GraphDraft = { nodes: [], weights: {}, params: {}, input: null, moduleName: moduleNamer() };
  for (const l of layers) convertLayer(model, l, draft, refuse);
  const { input, nodes, weights, params } = draft;
  if (!input && !reasons.length) reasons.push({ code: 'export.noImageInput' });
  if (reasons.length || !input) return { ok: false, reasons };
  return { ok: true, model: { graph: { input, output: outputs[0][0], nodes }, weights, params } };
}
