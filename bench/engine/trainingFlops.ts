/**
 * Floating-point operations of one training step, counted from the model's layers (issue 30):
 * what `training_peak_fraction` divides by the step time. Only the multiply-adds of convolutions
 * and dense layers count, each multiply-add as 2 FLOPs; per image, forward:
 *
 * - Conv2D: 2 · OH · OW · FH · FW · C · OC (OH × OW the output map, FH × FW × C → OC the filter);
 * - Dense: 2 · in · out.
 *
 * Backward, per such layer: its weight gradient costs as much as its forward pass (dW = Xᵀ·dY, the
 * same multiply-adds) when its weights train; its input gradient costs as much again (dX = dY·Wᵀ)
 * when a gradient must flow through it, i.e. when some layer before it trains (TF.js's tape only
 * computes the input gradients that lead to a trained variable). So a full fine-tune costs ≈ 3×
 * forward, less the first layer's input gradient (its input is the data). Biases, activations,
 * pooling, the loss and Adam's update are left out: each is linear in activations or weights,
 * well under 1% of the multiply-adds here. Layers are taken in order, as in the zoo's CNN (a chain).
 */
import type * as tf from '@tensorflow/tfjs';

/** One layer as the count sees it: its forward multiply-adds per image, and whether its weights train. */
export interface FlopLayer {
  name: string;
  /** Multiply-adds of one forward pass for one image (0 for layers without any). */
  macs: number;
  trains: boolean;
}

export interface StepFlops {
  forward: number;
  /** Weight gradients of the trained layers. */
  weightGrad: number;
  /** Input gradients of the layers a gradient flows through. */
  inputGrad: number;
  total: number;
}

/** FLOPs of one training step on `batch` images through `layers` (in forward order). */
export function stepFlops(layers: readonly FlopLayer[], batch: number): StepFlops {
  let forward = 0;
  let weightGrad = 0;
  let inputGrad = 0;
  let trainedBefore = false;
  for (const l of layers) {
    const flops = 2 * l.macs * batch;
    forward += flops;
    if (l.trains) weightGrad += flops;
    if (trainedBefore) inputGrad += flops;
    trainedBefore ||= l.trains && l.macs > 0;
  }
  return { forward, weightGrad, inputGrad, total: forward + weightGrad + inputGrad };
}

/** Per-image forward multiply-adds of a Conv2D: OH · OW · FH · FW · C · OC. */
export const convMacs = (outH: number, outW: number, fh: number, fw: number, inC: number, outC: number) =>
  outH * outW * fh * fw * inC * outC;

/** The model's layers as the count sees them (Conv2D and Dense; every other layer counts 0 multiply-adds). */
export function flopLayers(model: tf.LayersModel): FlopLayer[] {
  return model.layers.map((layer) => {
    const cls = layer.getClassName();
    const trains = layer.trainable && layer.trainableWeights.length > 0;
    let macs = 0;
    if (cls === 'Conv2D') {
      const out = layer.outputShape as number[];
      const [fh, fw, inC, outC] = layer.weights[0]!.shape as number[];
      macs = convMacs(out[1]!, out[2]!, fh!, fw!, inC!, outC!);
    } else if (cls === 'Dense') {
      const [inputs, units] = layer.weights[0]!.shape as number[];
      macs = inputs! * units!;
    }
    return { name: layer.name, macs, trains };
  });
}
