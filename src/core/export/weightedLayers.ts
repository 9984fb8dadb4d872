import type * as tf from '@tensorflow/tfjs';
import { pair } from './kerasJson';
import type { LayerConversion, LayerConverter } from './layerConversion';
import type { NpyArray } from './npy';
import { transpose } from './transpose';

/**
 * The layers with weights: each becomes a PyTorch module whose arrays are the TF.js weights in
 * PyTorch's layouts and names (nn.Conv2d, nn.Linear, nn.BatchNorm2d).
 */

/** An owned copy of the tensor's values, so the export never holds the backend's buffer. */
const f32 = (t: tf.Tensor): NpyArray => ({ data: Float32Array.from(t.dataSync() as Float32Array), shape: t.shape.slice() });

/** Conv2D and DepthwiseConv2D, both as a PyTorch conv2d (depthwise: groups = input channels). */
function convertConv2d(x: LayerConversion): void {
  const c = x.config;
  const act = x.activation();
  const pad = x.padding();
  if (!act || !pad) return;
  const depthwise = x.cls === 'DepthwiseConv2D';
  const kernel = x.weight(depthwise ? 'depthwise_kernel' : 'kernel');
  const [kh, kw, cin, k3] = kernel.shape;
  // HWIO → OIHW; depthwise [kh, kw, in, mult] → [in·mult, 1, kh, kw]: TF's output channel c·mult + m is group c's m-th filter, as in PyTorch.
  const w = depthwise
    ? transpose(kernel.dataSync() as Float32Array, kernel.shape, [2, 3, 0, 1])
    : transpose(kernel.dataSync() as Float32Array, kernel.shape, [3, 2, 0, 1]);
  const out = depthwise ? cin * k3 : k3;
  const module = x.moduleName();
  const arrays: Record<string, NpyArray> = { weight: { data: w.data, shape: depthwise ? [out, 1, kh, kw] : w.shape } };
  const bias = c.use_bias !== false;
  if (bias) arrays.bias = f32(x.weight('bias'));
  x.addWithWeights(
    {
      ...x.base,
      module,
      op: 'conv2d',
      inChannels: cin,
      filters: out,
      kernel: [kh, kw],
      strides: pair(c.strides, [1, 1]),
      dilation: pair(c.dilation_rate, [1, 1]),
      padding: pad,
      groups: depthwise ? cin : 1,
      bias,
      activation: act,
    },
    arrays,
  );
}

function convertSeparableConv2d(x: LayerConversion): void {
  const c = x.config;
  const act = x.activation();
  const pad = x.padding();
  if (!act || !pad) return;
  const dk = x.weight('depthwise_kernel');
  const pk = x.weight('pointwise_kernel');
  const [kh, kw, cin, mult] = dk.shape;
  const filters = pk.shape[3]!;
  const module = x.moduleName();
  const arrays: Record<string, NpyArray> = {
    depthwise_weight: { data: transpose(dk.dataSync() as Float32Array, dk.shape, [2, 3, 0, 1]).data, shape: [cin * mult, 1, kh, kw] },
    pointwise_weight: transpose(pk.dataSync() as Float32Array, pk.shape, [3, 2, 0, 1]),
  };
  const bias = c.use_bias !== false;
  if (bias) arrays.bias = f32(x.weight('bias'));
  x.addWithWeights(
    {
      ...x.base,
      module,
      op: 'separable_conv2d',
      inChannels: cin,
      depthMultiplier: mult,
      filters,
      kernel: [kh, kw],
      strides: pair(c.strides, [1, 1]),
      dilation: pair(c.dilation_rate, [1, 1]),
      padding: pad,
      bias,
      activation: act,
    },
    arrays,
  );
}

function convertDense(x: LayerConversion): void {
  const act = x.activation();
  if (!act) return;
  // Dense on a feature map multiplies along its last axis; model.py keeps 4-D tensors NCHW, so only flat inputs are exported.
  if (x.rankIn() !== 2) {
    x.option('input rank', x.rankIn());
    return;
  }
  const kernel = x.weight('kernel');
  const [fin, units] = kernel.shape;
  const module = x.moduleName();
  const arrays: Record<string, NpyArray> = { weight: transpose(kernel.dataSync() as Float32Array, kernel.shape, [1, 0]) };
  const bias = x.config.use_bias !== false;
  if (bias) arrays.bias = f32(x.weight('bias'));
  x.addWithWeights({ ...x.base, module, op: 'dense', inFeatures: fin, units, bias, activation: act }, arrays);
}

function convertBatchNorm(x: LayerConversion): void {
  const c = x.config;
  const rank = x.rankIn();
  // Only the channel axis (the last in NHWC) is BatchNorm2d's.
  const axis = Array.isArray(c.axis) ? (c.axis.length === 1 ? c.axis[0] : NaN) : (c.axis as number);
  if (!(axis === -1 || axis === rank - 1)) {
    x.option('axis', c.axis);
    return;
  }
  const center = c.center !== false;
  const scale = c.scale !== false;
  const mean = x.weight('moving_mean');
  const arrays: Record<string, NpyArray> = { running_mean: f32(mean), running_var: f32(x.weight('moving_variance')) };
  if (scale) arrays.weight = f32(x.weight('gamma'));
  if (center) arrays.bias = f32(x.weight('beta'));
  x.addWithWeights(
    {
      ...x.base,
      module: x.moduleName(),
      op: 'batchnorm',
      channels: mean.shape[0],
      epsilon: Number(c.epsilon ?? 1e-3),
      momentum: Number(c.momentum ?? 0.99),
      center,
      scale,
    },
    arrays,
  );
}

/** Keras class name → converter, for the layers with weights. */
export const WEIGHTED_LAYERS: Readonly<Record<string, LayerConverter>> = {
  Conv2D: convertConv2d,
  DepthwiseConv2D: convertConv2d,
  SeparableConv2D: convertSeparableConv2d,
  Dense: convertDense,
  BatchNormalization: convertBatchNorm,
};
