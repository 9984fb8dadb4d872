import type * as tf from '@tensorflow/tfjs';
import { coded } from '../messages';
import type { Activation } from './graphSpec';
import type { ExportRefusal } from './refusals';

/**
 * Reading a layers model's own Keras JSON (what model.json stores) rather than TF.js objects: it is
 * the same for the zoo's CNNs, the MobileNets and the user's own models.
 */

export type Refuse = (r: ExportRefusal) => void;

export interface LayerJson {
  name: string;
  class_name: string;
  config: Record<string, unknown>;
  inbound_nodes: unknown[];
}

/** `[layerName, nodeIndex, tensorIndex]` of a model input or output. */
type TensorRef = [string, number, number];

/** The model's layers in topological order, and its input and output layers. */
export function kerasTopology(model: tf.LayersModel): { layers: LayerJson[]; inputs: TensorRef[]; outputs: TensorRef[] } {
  const topology = model.toJSON(null, false) as unknown as {
    config: { layers: LayerJson[]; input_layers: TensorRef[]; output_layers: TensorRef[] };
  };
  const { layers, input_layers: inputs, output_layers: outputs } = topology.config;
  return { layers, inputs, outputs };
}

/** The input names of a Keras JSON layer, or null (with a refusal) when it is not a plain single call. */
export function inboundOf(l: LayerJson, refuse: Refuse): string[] | null {
  if (l.inbound_nodes.length === 0) return [];
  if (l.inbound_nodes.length > 1) {
    refuse({ code: 'export.sharedLayer', params: { layer: l.name } });
    return null;
  }
  const node = l.inbound_nodes[0] as unknown[];
  const names: string[] = [];
  for (const ref of node) {
    // [layerName, nodeIndex, tensorIndex, kwargs]; a layer's second call or second output is a shared layer.
    const [name, nodeIndex, tensorIndex] = ref as [string, number, number];
    if (nodeIndex !== 0 || tensorIndex !== 0) {
      refuse({ code: 'export.sharedLayer', params: { layer: l.name } });
      return null;
    }
    names.push(name);
  }
  return names;
}

/** A Keras size option (`3` or `[3, 3]`) as a pair; `fallback` when the option is absent. */
export const pair = (v: unknown, fallback?: [number, number]): [number, number] => {
  if (typeof v === 'number') return [v, v];
  if (Array.isArray(v) && v.length === 2 && v.every((x) => typeof x === 'number')) return [v[0], v[1]];
  if (v == null && fallback) return fallback;
  throw coded('err.export.numberPair', JSON.stringify(v).slice(0, 80));
};

/** Keras activation names, with case and underscores removed (TF.js writes `hardSigmoid`, Keras `hard_sigmoid`). */
const ACTIVATIONS: Record<string, Activation> = {
  linear: 'linear',
  relu: 'relu',
  relu6: 'relu6',
  sigmoid: 'sigmoid',
  tanh: 'tanh',
  softmax: 'softmax',
  elu: 'elu',
  selu: 'selu',
  softplus: 'softplus',
  softsign: 'softsign',
  hardsigmoid: 'hard_sigmoid',
  swish: 'swish',
  silu: 'swish',
  mish: 'mish',
  gelu: 'gelu',
  gelunew: 'gelu_new',
};

/** The graph's name for a Keras activation name, or undefined when model.py does not implement it. */
export const activationNamed = (raw: string): Activation | undefined => ACTIVATIONS[raw.toLowerCase().replace(/_/g, '')];
