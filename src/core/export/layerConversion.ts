import type * as tf from '@tensorflow/tfjs';
import { coded } from '../messages';
import { blockOf } from '../models/registry';
import type { Activation, GraphNode, GraphSpec, ParamInfo } from './graphSpec';
import { activationNamed, type LayerJson, type Refuse } from './kerasJson';
import type { NpyArray } from './npy';

/** The converted model as it is built, layer by layer. */
export interface GraphDraft {
  nodes: GraphNode[];
  weights: Record<string, NpyArray>;
  params: Record<string, ParamInfo>;
  input: GraphSpec['input'] | null;
  /** A layer name → its unique Python module name (see moduleNamer). */
  moduleName: (layerName: string) => string;
}

/**
 * One layer being converted: its Keras class and config, and what every layer converter needs.
 * Converters refuse through `option` and add nodes through `add`/`addWithWeights`; nothing is
 * approximated.
 */
export interface LayerConversion {
  cls: string;
  config: Record<string, unknown>;
  layer: tf.layers.Layer;
  /** The fields every node starts with. */
  base: { name: string; inputs: string[] };
  /** Refuses the layer for an option value model.py does not implement. */
  option(option: string, value: unknown): void;
  /** The layer's activation (config `key`), or null after refusing one model.py lacks. */
  activation(key?: string): Activation | null;
  /** The layer's padding, or null after refusing anything but 'same' and 'valid'. */
  padding(): 'same' | 'valid' | null;
  /** The weight of this layer named `key` (its Keras name, e.g. 'kernel'); throws if it is missing. */
  weight(key: string): tf.Tensor;
  /** The rank of the layer's input, or -1 for several inputs. */
  rankIn(): number;
  /** Names this layer's module (once per layer: names are made unique as they are handed out). */
  moduleName(): string;
  setInput(input: GraphSpec['input']): void;
  add(node: GraphNode): void;
  /** Adds a module's node, its arrays (npz keys `<module>.<param>`) and its training flags. */
  addWithWeights(node: GraphNode, arrays: Record<string, NpyArray>): void;
}

export type LayerConverter = (x: LayerConversion) => void;

export function layerConversion(
  l: LayerJson,
  layer: tf.layers.Layer,
  inputs: string[],
  draft: GraphDraft,
  refuse: Refuse,
): LayerConversion {
  const cls = l.class_name;
  const c = l.config;
  const option = (opt: string, value: unknown) =>
    refuse({ code: 'export.unsupportedLayerOption', params: { layer: l.name, type: cls, option: opt, value: JSON.stringify(value) } });
  // Read on first use: most layers have no weights.
  let byName: Map<string, tf.Tensor> | undefined;
  const weightsByName = () => {
    const values = layer.getWeights();
    return new Map(layer.weights.map((w, i) => [w.originalName.slice(w.originalName.lastIndexOf('/') + 1), values[i]]));
  };
  return {
    cls,
    config: c,
    layer,
    base: { name: l.name, inputs },
    option,
    activation: (key = 'activation') => {
      const raw = String(c[key] ?? 'linear');
      const a = activationNamed(raw);
      if (!a) option(key, raw);
      return a ?? null;
    },
    padding: () => {
      const p = c.padding ?? 'valid';
      if (p === 'same' || p === 'valid') return p;
      option('padding', p);
      return null;
    },
    weight: (key) => {
      byName ??= weightsByName();
      const w = byName.get(key);
      if (!w) throw coded('err.export.missingWeight', l.name, cls, key, [...byName.keys()]);
      return w;
    },
    rankIn: () => {
      const inp = layer.input;
      return Array.isArray(inp) ? -1 : inp.shape.length;
    },
    moduleName: () => draft.moduleName(l.name),
    setInput: (input) => {
      draft.input = input;
    },
    add: (node) => {
      draft.nodes.push(node);
    },
    addWithWeights: (node, arrays) => {
      draft.nodes.push(node);
      for (const [k, v] of Object.entries(arrays)) draft.weights[`${node.module}.${k}`] = v;
      draft.params[node.module!] = { trainable: layer.trainable, backbone: blockOf(layer) !== null };
    },
  };
}
