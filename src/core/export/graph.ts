import * as tf from '@tensorflow/tfjs';
import { blockOf } from '../models/registry';
import type { NpyArray } from './npy';
import type { ExportRefusal } from './refusals';
import { coded } from '../messages';

/**
 * A TF.js layers model as a plain graph the exported model.py interprets, plus its weights in
 * PyTorch's layouts. The graph is read from the model's own Keras JSON (what model.json stores),
 * so any layers model built from the layers below converts — the zoo's CNNs, the MobileNets, the
 * user's own — and anything else is refused by name rather than converted approximately.
 *
 * Tensors inside model.py are NCHW; every op below is defined on TF's NHWC semantics and model.py
 * permutes where the difference shows (Flatten, Reshape, channel axes).
 */

export type Activation = 'linear' | 'relu' | 'relu6' | 'sigmoid' | 'tanh' | 'softmax' | 'elu' | 'selu' | 'softplus' | 'softsign' | 'hard_sigmoid' | 'swish' | 'mish' | 'gelu' | 'gelu_new';

export type GraphNode = { name: string; inputs: string[]; module: string | null } & (
  | { op: 'conv2d'; inChannels: number; filters: number; kernel: [number, number]; strides: [number, number]; dilation: [number, number]; padding: 'same' | 'valid'; groups: number; bias: boolean; activation: Activation }
  | { op: 'separable_conv2d'; inChannels: number; depthMultiplier: number; filters: number; kernel: [number, number]; strides: [number, number]; dilation: [number, number]; padding: 'same' | 'valid'; bias: boolean; activation: Activation }
  | { op: 'dense'; inFeatures: number; units: number; bias: boolean; activation: Activation }
  | { op: 'batchnorm'; channels: number; epsilon: number; momentum: number; center: boolean; scale: boolean }
  | { op: 'activation'; activation: Activation }
  | { op: 'relu'; maxValue: number | null }
  | { op: 'leaky_relu'; alpha: number }
  | { op: 'elu'; alpha: number }
  | { op: 'pool2d'; kind: 'max' | 'avg'; pool: [number, number]; strides: [number, number]; padding: 'same' | 'valid' }
  | { op: 'global_pool'; kind: 'max' | 'avg' }
  | { op: 'flatten' }
  | { op: 'reshape'; target: number[] }
  | { op: 'dropout'; rate: number }
  | { op: 'zero_pad2d'; pad: [[number, number], [number, number]] }
  | { op: 'merge'; kind: 'add' | 'subtract' | 'multiply' | 'average' | 'maximum' | 'minimum' }
  | { op: 'concat' }
);

export interface GraphSpec {
  input: { name: string; shape: [number, number, number] };
  output: string;
  /** In topological order (the order of the model's layers). */
  nodes: GraphNode[];
}

export interface ParamInfo {
  /** The layer trains (TF.js `layer.trainable` after the strategy froze what it freezes). */
  trainable: boolean;
  /** A block layer (registry.blockOf): it takes the backbone learning rate. */
  backbone: boolean;
}

export interface ConvertedModel {
  graph: GraphSpec;
  /** `<module>.<param>` → array in PyTorch layout (npz keys). */
  weights: Record<string, NpyArray>;
  /** Per module with weights. */
  params: Record<string, ParamInfo>;
}

/** Layer classes the exported model.py implements (with the options checked below). */
export const SUPPORTED_LAYERS = [
  'InputLayer', 'Conv2D', 'DepthwiseConv2D', 'SeparableConv2D', 'Dense', 'BatchNormalization', 'Activation', 'ReLU', 'LeakyReLU', 'ELU', 'Softmax',
  'MaxPooling2D', 'AveragePooling2D', 'GlobalAveragePooling2D', 'GlobalMaxPooling2D', 'Flatten', 'Reshape', 'Dropout', 'ZeroPadding2D',
  'Add', 'Subtract', 'Multiply', 'Average', 'Maximum', 'Minimum', 'Concatenate',
] as const;

const ACTIVATIONS: Record<string, Activation> = {
  linear: 'linear', relu: 'relu', relu6: 'relu6', sigmoid: 'sigmoid', tanh: 'tanh', softmax: 'softmax', elu: 'elu', selu: 'selu', softplus: 'softplus',
  softsign: 'softsign', hardsigmoid: 'hard_sigmoid', swish: 'swish', silu: 'swish', mish: 'mish', gelu: 'gelu', gelunew: 'gelu_new',
};

/** PyTorch's nn.Module attribute names: a module key must not shadow one (ModuleDict refuses them). */
const RESERVED = new Set(['training', 'forward', 'train', 'eval', 'keys', 'items', 'values', 'update', 'pop', 'clear', 'parameters', 'buffers', 'children', 'modules', 'state_dict', 'to', 'cuda', 'cpu', 'type', 'float', 'double', 'half', 'apply', 'zero_grad', 'register_buffer', 'add_module', 'extra_repr']);

/** A layer name → a Python identifier, unique within the model (npz keys and ModuleDict keys). */
function moduleNamer(): (layerName: string) => string {
  const used = new Set<string>();
  return (layerName) => {
    let base = layerName.replace(/[^A-Za-z0-9_]/g, '_');
    if (!/^[A-Za-z_]/.test(base)) base = `l_${base}`;
    if (RESERVED.has(base)) base = `${base}_`;
    let name = base;
    for (let i = 2; used.has(name); i++) name = `${base}_${i}`;
    used.add(name);
    return name;
  };
}

const pair = (v: unknown, fallback?: [number, number]): [number, number] => {
  if (typeof v === 'number') return [v, v];
  if (Array.isArray(v) && v.length === 2 && v.every((x) => typeof x === 'number')) return [v[0], v[1]];
  if (v == null && fallback) return fallback;
  throw coded('err.export.numberPair', JSON.stringify(v).slice(0, 80));
};

/** `data` in row-major `shape` → permuted by `perm` (out axis i = in axis perm[i]). */
export function transpose(data: Float32Array, shape: readonly number[], perm: readonly number[]): { data: Float32Array; shape: number[] } {
  const outShape = perm.map((p) => shape[p]);
  const inStrides = shape.map((_, i) => shape.slice(i + 1).reduce((a, b) => a * b, 1));
  const stridesInOutOrder = perm.map((p) => inStrides[p]);
  const out = new Float32Array(data.length);
  const rank = shape.length;
  const idx = new Array<number>(rank).fill(0);
  for (let o = 0; o < out.length; o++) {
    let src = 0;
    for (let k = 0; k < rank; k++) src += idx[k] * stridesInOutOrder[k];
    out[o] = data[src];
    for (let k = rank - 1; k >= 0; k--) {
      if (++idx[k] < outShape[k]) break;
      idx[k] = 0;
    }
  }
  return { data: out, shape: outShape };
}

const f32 = (t: tf.Tensor): NpyArray => ({ data: Float32Array.from(t.dataSync() as Float32Array), shape: t.shape.slice() });

type Refuse = (r: ExportRefusal) => void;

interface LayerJson {
  name: string;
  class_name: string;
  config: Record<string, unknown>;
  inbound_nodes: unknown[];
}

/** The input names of a Keras JSON layer, or null (with a refusal) when it is not a plain single call. */
function inboundOf(l: LayerJson, refuse: Refuse): string[] | null {
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

/**
 * Converts `model`. Refusals name the layer and what about it cannot be exported; nothing is
 * approximated. Reads weights synchronously (small models; export is a one-off).
 */
export function convertLayersModel(model: tf.LayersModel): { ok: true; model: ConvertedModel } | { ok: false; reasons: ExportRefusal[] } {
  const reasons: ExportRefusal[] = [];
  const refuse: Refuse = (r) => reasons.push(r);
  const topology = model.toJSON(null, false) as unknown as { config: { layers: LayerJson[]; input_layers: [string, number, number][]; output_layers: [string, number, number][] } };
  const { layers, input_layers: inputs, output_layers: outputs } = topology.config;
  if (inputs.length !== 1 || outputs.length !== 1) {
    return { ok: false, reasons: [{ code: 'export.multipleInputsOrOutputs', params: { inputs: inputs.length, outputs: outputs.length } }] };
  }
  const name = moduleNamer();
  const nodes: GraphNode[] = [];
  const weights: Record<string, NpyArray> = {};
  const params: Record<string, ParamInfo> = {};
  let input: GraphSpec['input'] | null = null;

  for (const l of layers) {
    const layer = model.getLayer(l.name);
    if (layer instanceof tf.LayersModel) {
      refuse({ code: 'export.nestedModel', params: { layer: l.name } });
      continue;
    }
    const cls = l.class_name;
    const c = l.config;
    const ins = inboundOf(l, refuse);
    if (!ins) continue;
    const option = (opt: string, value: unknown) => refuse({ code: 'export.unsupportedLayerOption', params: { layer: l.name, type: cls, option: opt, value: JSON.stringify(value) } });
    if (c.data_format !== undefined && c.data_format !== 'channels_last') {
      option('data_format', c.data_format);
      continue;
    }
    const activation = (key = 'activation'): Activation | null => {
      const raw = String(c[key] ?? 'linear');
      const a = ACTIVATIONS[raw.toLowerCase().replace(/_/g, '')];
      if (!a) option(key, raw);
      return a ?? null;
    };
    const padding = (): 'same' | 'valid' | null => {
      const p = c.padding ?? 'valid';
      if (p === 'same' || p === 'valid') return p;
      option('padding', p);
      return null;
    };
    const values = layer.getWeights();
    const byName = new Map(layer.weights.map((w, i) => [w.originalName.slice(w.originalName.lastIndexOf('/') + 1), values[i]]));
    const weight = (key: string): tf.Tensor => {
      const w = byName.get(key);
      if (!w) throw coded('err.export.missingWeight', l.name, cls, key, [...byName.keys()]);
      return w;
    };
    const rankIn = () => {
      const inp = layer.input;
      return Array.isArray(inp) ? -1 : inp.shape.length;
    };
    const base = { name: l.name, inputs: ins };
    const withWeights = (node: GraphNode, arrays: Record<string, NpyArray>) => {
      nodes.push(node);
      for (const [k, v] of Object.entries(arrays)) weights[`${node.module}.${k}`] = v;
      params[node.module!] = { trainable: layer.trainable, backbone: blockOf(layer) !== null };
    };

    switch (cls) {
      case 'InputLayer': {
        const shape = (c.batch_input_shape ?? c.batch_shape) as (number | null)[];
        if (shape?.length !== 4 || shape.slice(1).some((d) => typeof d !== 'number') || (shape[3] !== 1 && shape[3] !== 3)) {
          option('batch_input_shape', shape);
          break;
        }
        input = { name: l.name, shape: [shape[1]!, shape[2]!, shape[3]!] };
        break;
      }
      case 'Conv2D':
      case 'DepthwiseConv2D': {
        const act = activation();
        const pad = padding();
        if (!act || !pad) break;
        const depthwise = cls === 'DepthwiseConv2D';
        const kernel = weight(depthwise ? 'depthwise_kernel' : 'kernel');
        const [kh, kw, cin, k3] = kernel.shape;
        // HWIO → OIHW; depthwise [kh, kw, in, mult] → [in·mult, 1, kh, kw]: TF's output channel c·mult + m is group c's m-th filter, as in PyTorch.
        const w = depthwise ? transpose(kernel.dataSync() as Float32Array, kernel.shape, [2, 3, 0, 1]) : transpose(kernel.dataSync() as Float32Array, kernel.shape, [3, 2, 0, 1]);
        const out = depthwise ? cin * k3 : k3;
        const module = name(l.name);
        const arrays: Record<string, NpyArray> = { weight: { data: w.data, shape: depthwise ? [out, 1, kh, kw] : w.shape } };
        const bias = c.use_bias !== false;
        if (bias) arrays.bias = f32(weight('bias'));
        withWeights(
          { ...base, module, op: 'conv2d', inChannels: cin, filters: out, kernel: [kh, kw], strides: pair(c.strides, [1, 1]), dilation: pair(c.dilation_rate, [1, 1]), padding: pad, groups: depthwise ? cin : 1, bias, activation: act },
          arrays,
        );
        break;
      }
      case 'SeparableConv2D': {
        const act = activation();
        const pad = padding();
        if (!act || !pad) break;
        const dk = weight('depthwise_kernel');
        const pk = weight('pointwise_kernel');
        const [kh, kw, cin, mult] = dk.shape;
        const filters = pk.shape[3]!;
        const module = name(l.name);
        const arrays: Record<string, NpyArray> = {
          depthwise_weight: { data: transpose(dk.dataSync() as Float32Array, dk.shape, [2, 3, 0, 1]).data, shape: [cin * mult, 1, kh, kw] },
          pointwise_weight: transpose(pk.dataSync() as Float32Array, pk.shape, [3, 2, 0, 1]),
        };
        const bias = c.use_bias !== false;
        if (bias) arrays.bias = f32(weight('bias'));
        withWeights({ ...base, module, op: 'separable_conv2d', inChannels: cin, depthMultiplier: mult, filters, kernel: [kh, kw], strides: pair(c.strides, [1, 1]), dilation: pair(c.dilation_rate, [1, 1]), padding: pad, bias, activation: act }, arrays);
        break;
      }
      case 'Dense': {
        const act = activation();
        if (!act) break;
        // Dense on a feature map multiplies along its last axis; model.py keeps 4-D tensors NCHW, so only flat inputs are exported.
        if (rankIn() !== 2) {
          option('input rank', rankIn());
          break;
        }
        const kernel = weight('kernel');
        const [fin, units] = kernel.shape;
        const module = name(l.name);
        const arrays: Record<string, NpyArray> = { weight: transpose(kernel.dataSync() as Float32Array, kernel.shape, [1, 0]) };
        const bias = c.use_bias !== false;
        if (bias) arrays.bias = f32(weight('bias'));
        withWeights({ ...base, module, op: 'dense', inFeatures: fin, units, bias, activation: act }, arrays);
        break;
      }
      case 'BatchNormalization': {
        const rank = rankIn();
        const axis = Array.isArray(c.axis) ? (c.axis.length === 1 ? c.axis[0] : NaN) : (c.axis as number);
        if (!(axis === -1 || axis === rank - 1)) {
          option('axis', c.axis);
          break;
        }
        const center = c.center !== false;
        const scale = c.scale !== false;
        const mean = weight('moving_mean');
        const arrays: Record<string, NpyArray> = { running_mean: f32(mean), running_var: f32(weight('moving_variance')) };
        if (scale) arrays.weight = f32(weight('gamma'));
        if (center) arrays.bias = f32(weight('beta'));
        withWeights({ ...base, module: name(l.name), op: 'batchnorm', channels: mean.shape[0], epsilon: Number(c.epsilon ?? 1e-3), momentum: Number(c.momentum ?? 0.99), center, scale }, arrays);
        break;
      }
      case 'Activation': {
        const act = activation();
        if (act) nodes.push({ ...base, module: null, op: 'activation', activation: act });
        break;
      }
      case 'Softmax': {
        const axis = c.axis ?? -1;
        if (axis !== -1 && !(Array.isArray(axis) && axis.length === 1 && axis[0] === -1)) {
          option('axis', axis);
          break;
        }
        nodes.push({ ...base, module: null, op: 'activation', activation: 'softmax' });
        break;
      }
      case 'ReLU': {
        if (c.negative_slope || c.threshold) {
          option(c.negative_slope ? 'negative_slope' : 'threshold', c.negative_slope || c.threshold);
          break;
        }
        nodes.push({ ...base, module: null, op: 'relu', maxValue: c.max_value == null ? null : Number(c.max_value) });
        break;
      }
      case 'LeakyReLU':
        nodes.push({ ...base, module: null, op: 'leaky_relu', alpha: Number(c.alpha ?? 0.3) });
        break;
      case 'ELU':
        nodes.push({ ...base, module: null, op: 'elu', alpha: Number(c.alpha ?? 1) });
        break;
      case 'MaxPooling2D':
      case 'AveragePooling2D': {
        const pad = padding();
        if (!pad) break;
        const pool = pair(c.pool_size, [2, 2]);
        nodes.push({ ...base, module: null, op: 'pool2d', kind: cls === 'MaxPooling2D' ? 'max' : 'avg', pool, strides: pair(c.strides, pool), padding: pad });
        break;
      }
      case 'GlobalAveragePooling2D':
      case 'GlobalMaxPooling2D':
        if (c.keepdims) {
          option('keepdims', c.keepdims);
          break;
        }
        nodes.push({ ...base, module: null, op: 'global_pool', kind: cls === 'GlobalMaxPooling2D' ? 'max' : 'avg' });
        break;
      case 'Flatten':
        nodes.push({ ...base, module: null, op: 'flatten' });
        break;
      case 'Reshape':
        nodes.push({ ...base, module: null, op: 'reshape', target: (c.target_shape as number[]).slice() });
        break;
      case 'Dropout':
        if (c.noise_shape != null) {
          option('noise_shape', c.noise_shape);
          break;
        }
        nodes.push({ ...base, module: null, op: 'dropout', rate: Number(c.rate ?? 0) });
        break;
      case 'ZeroPadding2D': {
        const p = c.padding;
        const pads: [[number, number], [number, number]] =
          typeof p === 'number' ? [[p, p], [p, p]] : Array.isArray(p) && typeof p[0] === 'number' ? [[p[0], p[0]], [p[1] as number, p[1] as number]] : [pair((p as unknown[])[0]), pair((p as unknown[])[1])];
        nodes.push({ ...base, module: null, op: 'zero_pad2d', pad: pads });
        break;
      }
      case 'Add':
      case 'Subtract':
      case 'Multiply':
      case 'Average':
      case 'Maximum':
      case 'Minimum':
        nodes.push({ ...base, module: null, op: 'merge', kind: cls.toLowerCase() as 'add' });
        break;
      case 'Concatenate': {
        const axis = Number(c.axis ?? -1);
        const rank = (layer.outputShape as (number | null)[]).length;
        if (axis !== -1 && axis !== rank - 1) {
          option('axis', axis);
          break;
        }
        nodes.push({ ...base, module: null, op: 'concat' });
        break;
      }
      default:
        refuse({ code: 'export.unsupportedLayer', params: { layer: l.name, type: cls } });
    }
  }
  if (!input && !reasons.length) reasons.push({ code: 'export.noImageInput' });
  if (reasons.length || !input) return { ok: false, reasons };
  return { ok: true, model: { graph: { input, output: outputs[0][0], nodes }, weights, params } };
}
