import { pair } from './kerasJson';
import type { LayerConversion, LayerConverter } from './layerConversion';

/**
 * The layers without weights: the image input, activations, pooling, reshaping and merges. Each
 * becomes a node with no module; model.py applies the op itself.
 */

function convertInput(x: LayerConversion): void {
  const c = x.config;
  const shape = (c.batch_input_shape ?? c.batch_shape) as (number | null)[];
  // model.py reads images: [batch, h, w, 1 | 3] with known sides.
  if (shape?.length !== 4 || shape.slice(1).some((d) => typeof d !== 'number') || (shape[3] !== 1 && shape[3] !== 3)) {
    x.option('batch_input_shape', shape);
    return;
  }
  x.setInput({ name: x.base.name, shape: [shape[1]!, shape[2]!, shape[3]!] });
}

function convertActivation(x: LayerConversion): void {
  const act = x.activation();
  if (act) x.add({ ...x.base, module: null, op: 'activation', activation: act });
}

function convertSoftmax(x: LayerConversion): void {
  const axis = x.config.axis ?? -1;
  if (axis !== -1 && !(Array.isArray(axis) && axis.length === 1 && axis[0] === -1)) {
    x.option('axis', axis);
    return;
  }
  x.add({ ...x.base, module: null, op: 'activation', activation: 'softmax' });
}

function convertReLU(x: LayerConversion): void {
  const c = x.config;
  if (c.negative_slope || c.threshold) {
    x.option(c.negative_slope ? 'negative_slope' : 'threshold', c.negative_slope || c.threshold);
    return;
  }
  x.add({ ...x.base, module: null, op: 'relu', maxValue: c.max_value == null ? null : Number(c.max_value) });
}

/** MaxPooling2D and AveragePooling2D. */
function convertPool2d(x: LayerConversion): void {
  const pad = x.padding();
  if (!pad) return;
  const pool = pair(x.config.pool_size, [2, 2]);
  x.add({
    ...x.base,
    module: null,
    op: 'pool2d',
    kind: x.cls === 'MaxPooling2D' ? 'max' : 'avg',
    pool,
    strides: pair(x.config.strides, pool),
    padding: pad,
  });
}

/** GlobalAveragePooling2D and GlobalMaxPooling2D. */
function convertGlobalPool(x: LayerConversion): void {
  if (x.config.keepdims) {
    x.option('keepdims', x.config.keepdims);
    return;
  }
  x.add({ ...x.base, module: null, op: 'global_pool', kind: x.cls === 'GlobalMaxPooling2D' ? 'max' : 'avg' });
}

function convertDropout(x: LayerConversion): void {
  if (x.config.noise_shape != null) {
    x.option('noise_shape', x.config.noise_shape);
    return;
  }
  x.add({ ...x.base, module: null, op: 'dropout', rate: Number(x.config.rate ?? 0) });
}

/** Keras pads as `p`, `[rows, cols]` or `[[top, bottom], [left, right]]`. */
function convertZeroPad2d(x: LayerConversion): void {
  const p = x.config.padding;
  const pads: [[number, number], [number, number]] =
    typeof p === 'number'
      ? [
          [p, p],
          [p, p],
        ]
      : Array.isArray(p) && typeof p[0] === 'number'
        ? [
            [p[0], p[0]],
            [p[1] as number, p[1] as number],
          ]
        : [pair((p as unknown[])[0]), pair((p as unknown[])[1])];
  x.add({ ...x.base, module: null, op: 'zero_pad2d', pad: pads });
}

/** Add, Subtract, Multiply, Average, Maximum and Minimum: the op is the class name. */
function convertMerge(x: LayerConversion): void {
  x.add({ ...x.base, module: null, op: 'merge', kind: x.cls.toLowerCase() as 'add' });
}

function convertConcat(x: LayerConversion): void {
  const axis = Number(x.config.axis ?? -1);
  const rank = (x.layer.outputShape as (number | null)[]).length;
  // Only the last axis: model.py concatenates on the channel axis (the features of a flat tensor).
  if (axis !== -1 && axis !== rank - 1) {
    x.option('axis', axis);
    return;
  }
  x.add({ ...x.base, module: null, op: 'concat' });
}

/** Keras class name → converter, for the layers without weights. */
export const WEIGHTLESS_LAYERS: Readonly<Record<string, LayerConverter>> = {
  InputLayer: convertInput,
  Activation: convertActivation,
  Softmax: convertSoftmax,
  ReLU: convertReLU,
  LeakyReLU: (x) => x.add({ ...x.base, module: null, op: 'leaky_relu', alpha: Number(x.config.alpha ?? 0.3) }),
  ELU: (x) => x.add({ ...x.base, module: null, op: 'elu', alpha: Number(x.config.alpha ?? 1) }),
  MaxPooling2D: convertPool2d,
  AveragePooling2D: convertPool2d,
  GlobalAveragePooling2D: convertGlobalPool,
  GlobalMaxPooling2D: convertGlobalPool,
  Flatten: (x) => x.add({ ...x.base, module: null, op: 'flatten' }),
  Reshape: (x) => x.add({ ...x.base, module: null, op: 'reshape', target: (x.config.target_shape as number[]).slice() }),
  Dropout: convertDropout,
  ZeroPadding2D: convertZeroPad2d,
  Add: convertMerge,
  Subtract: convertMerge,
  Multiply: convertMerge,
  Average: convertMerge,
  Maximum: convertMerge,
  Minimum: convertMerge,
  Concatenate: convertConcat,
};
