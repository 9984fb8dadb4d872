import * as tf from '@tensorflow/tfjs';
import { coded } from '../messages';

/**
 * What a prediction depends on, for one image: Grad-CAM (Selvaraju et al. 2017) on the last
 * convolutional block, and the plain input gradient (Simonyan et al. 2014). Both explain the
 * predicted class's score before the softmax — the softmax's own saturation would hide where the
 * evidence is — and both are maps of the input's size, scaled to [0, 1].
 */
export interface SaliencyMaps {
  predicted: number;
  /** The predicted class's probability. */
  probability: number;
  /** Grad-CAM at the block's resolution (h × w, ReLU'd, unscaled) and upsampled to the input, 0–1. */
  camRaw: Float32Array;
  camSide: number;
  gradcam: Float32Array;
  /** max over channels of |∂score/∂pixel|, 0–1. */
  inputGradient: Float32Array;
  side: number;
}

/** The layers from the global average pooling to the output: a chain in every model the lab trains. */
function chainFrom(model: tf.LayersModel, first: tf.layers.Layer): tf.layers.Layer[] {
  const chain: tf.layers.Layer[] = [first];
  let layer = first;
  const outputLayer = model.outputs[0]!.sourceLayer;
  while (layer !== outputLayer) {
    const next = model.layers.filter((l) => l.inboundNodes.some((n) => n.inboundLayers.includes(layer)));
    if (next.length !== 1) throw coded('err.explain.notChain', first.name, layer.name, next.length);
    layer = next[0]!;
    chain.push(layer);
  }
  return chain;
}

/** The last layer's pre-softmax scores: a softmax Dense at the end is applied without its activation. */
function scores(chain: tf.layers.Layer[], x: tf.Tensor): tf.Tensor2D {
  let y = x;
  for (const [i, layer] of chain.entries()) {
    const last = i === chain.length - 1;
    if (last && layer.getClassName() === 'Dense' && (layer.getConfig() as { activation?: string }).activation === 'softmax') {
      const [kernel, bias] = layer.getWeights();
      y = bias ? tf.add(tf.matMul(y as tf.Tensor2D, kernel!), bias) : tf.matMul(y as tf.Tensor2D, kernel!);
    } else {
      y = layer.apply(y, { training: false }) as tf.Tensor;
    }
  }
  return y as tf.Tensor2D;
}

const toUnit = (values: Float32Array): Float32Array => {
  let max = 0;
  for (const v of values) max = Math.max(max, v);
  return max > 0 ? values.map((v) => v / max) : values;
};

/**
 * Both maps for one image `x` ([1, side, side, channels], already in the model's input range).
 * `classIndex` defaults to the predicted class.
 */
export async function saliency(model: tf.LayersModel, x: tf.Tensor4D, classIndex?: number): Promise<SaliencyMaps> {
  const gap = [...model.layers].reverse().find((l) => l.getClassName() === 'GlobalAveragePooling2D');
  if (!gap) throw coded('err.explain.noPooling', model.name);
  const chain = chainFrom(model, gap);
  const side = x.shape[1];
  // The block's activations A, the input to the pooling layer.
  const toBlock = tf.model({ inputs: model.inputs, outputs: gap.input as tf.SymbolicTensor });
  const probs = tf.tidy(() => model.predict(x) as tf.Tensor2D);
  const p = (await probs.data()) as Float32Array;
  probs.dispose();
  let predicted = 0;
  p.forEach((v, i) => v > p[predicted]! && (predicted = i));
  const c = classIndex ?? predicted;
  const [camRawT, camT, gradT] = tf.tidy(() => {
    const A = toBlock.predict(x) as tf.Tensor4D;
    // A one-hot mask, not gather: gather's gradient needs a kernel wasm lacks (UnsortedSegmentSum).
    const mask = tf.oneHot([c], model.outputs[0]!.shape[1]!).toFloat();
    const classScore = (t: tf.Tensor) => scores(chain, t).mul(mask).sum();
    // α_k: the mean over positions of ∂score/∂A_k; the map: ReLU(Σ_k α_k A_k).
    const dA = tf.grad((a: tf.Tensor) => classScore(a))(A);
    const alpha = dA.mean([1, 2], true);
    const camRaw = A.mul(alpha).sum(-1).relu() as tf.Tensor3D; // [1, h, w]
    const cam = tf.image.resizeBilinear(camRaw.expandDims(-1) as tf.Tensor4D, [side, side], true).reshape([side * side]);
    // Input gradient through the whole model.
    const full = (t: tf.Tensor) => classScore(toBlock.apply(t, { training: false }) as tf.Tensor);
    const dx = tf
      .grad(full)(x)
      .abs()
      .max(-1)
      .reshape([side * side]);
    return [camRaw.reshape([-1]), cam, dx];
  });
  const [camRaw, cam, grad] = (await Promise.all([camRawT.data(), camT.data(), gradT.data()])) as Float32Array[];
  tf.dispose([camRawT, camT, gradT]);
  return {
    predicted,
    probability: p[predicted]!,
    camRaw: camRaw!,
    camSide: Math.round(Math.sqrt(camRaw!.length)),
    gradcam: toUnit(cam!),
    inputGradient: toUnit(grad!),
    side,
  };
}

/**
 * A probe's whole network: the source's backbone up to its pooling layer with the probe's trained
 * head (a model on embeddings) applied on top — the layers are shared, not copied.
 */
export function withHead(backbone: tf.LayersModel, head: tf.LayersModel): tf.LayersModel {
  const gap = [...backbone.layers].reverse().find((l) => l.getClassName() === 'GlobalAveragePooling2D');
  if (!gap) throw coded('err.explain.noPoolingProbe', backbone.name);
  let y = gap.output as tf.SymbolicTensor;
  for (const layer of head.layers) if (layer.getClassName() !== 'InputLayer') y = layer.apply(y) as tf.SymbolicTensor;
  return tf.model({ inputs: backbone.inputs, outputs: y, name: `${backbone.name}_probe` });
}
