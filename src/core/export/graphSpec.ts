import type { NpyArray } from './npy';

/**
 * The plain graph the exported model.py interprets, and a converted model's weights and per-module
 * training flags (graph.ts builds them from a TF.js layers model).
 *
 * Tensors inside model.py are NCHW; every op below is defined on TF's NHWC semantics and model.py
 * permutes where the difference shows (Flatten, Reshape, channel axes).
 */

export type Activation =
  | 'linear'
  | 'relu'
  | 'relu6'
  | 'sigmoid'
  | 'tanh'
  | 'softmax'
  | 'elu'
  | 'selu'
  | 'softplus'
  | 'softsign'
  | 'hard_sigmoid'
  | 'swish'
  | 'mish'
  | 'gelu'
  | 'gelu_new';

export type GraphNode = { name: string; inputs: string[]; module: string | null } & (
  | {
      op: 'conv2d';
      inChannels: number;
      filters: number;
      kernel: [number, number];
      strides: [number, number];
      dilation: [number, number];
      padding: 'same' | 'valid';
      groups: number;
      bias: boolean;
      activation: Activation;
    }
  | {
      op: 'separable_conv2d';
      inChannels: number;
      depthMultiplier: number;
      filters: number;
      kernel: [number, number];
      strides: [number, number];
      dilation: [number, number];
      padding: 'same' | 'valid';
      bias: boolean;
      activation: Activation;
    }
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
