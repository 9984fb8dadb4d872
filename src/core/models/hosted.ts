import { coded } from '../messages';

/*
 * Google's hosted MobileNets: what the page lists and a config may name. No TF.js here, so the
 * page can read these without loading the engine (only the worker loads TF.js).
 */

/** How a model wants its pixels: [0, 1] (the zoo) or [-1, 1] (Keras/TF MobileNets). */
export type InputRange = 'unit' | 'symmetric';

export interface HostedModel {
  id: string;
  name: string;
  family: 'mobilenet-v1' | 'mobilenet-v2';
  /** Google's official hosted TF.js files; the product never loads them from anywhere else. */
  url: string;
  side: number;
  range: InputRange;
  /** Teachable Machine's cut: the last feature block, before Google's own pooling and classifier. */
  defaultCut: string;
  /** Approximate download size, so the user knows what a click costs. */
  megabytes: number;
  description: string;
}

const V1 = (width: string, megabytes: number): HostedModel => ({
  id: `mobilenet-v1-${width}`,
  name: `MobileNet v1 ${width} (224)`,
  family: 'mobilenet-v1',
  url: `https://storage.googleapis.com/tfjs-models/tfjs/mobilenet_v1_${width}_224/model.json`,
  side: 224,
  range: 'symmetric',
  defaultCut: 'conv_pw_13_relu',
  megabytes,
  description: `ImageNet (1,000 classes of everyday photos), width multiplier ${width}.`,
});

const V2 = (width: string, megabytes: number): HostedModel => ({
  id: `mobilenet-v2-${width}`,
  name: `MobileNet v2 ${width} (224)`,
  family: 'mobilenet-v2',
  url: `https://storage.googleapis.com/teachable-machine-models/mobilenet_v2_weights_tf_dim_ordering_tf_kernels_${width}_224_no_top/model.json`,
  side: 224,
  range: 'symmetric',
  defaultCut: 'out_relu',
  megabytes,
  description: `ImageNet, width multiplier ${width}; the backbone Teachable Machine uses.`,
});

export const HOSTED_MODELS: readonly HostedModel[] = [V1('0.25', 1.9), V1('0.50', 5.4), V1('1.0', 17), V2('0.35', 1.8), V2('1.00', 9.4)];
export const HOSTED_IDS = HOSTED_MODELS.map((m) => m.id) as [string, ...string[]];

export function hostedModel(id: string): HostedModel {
  const m = HOSTED_MODELS.find((h) => h.id === id);
  if (!m) throw coded('err.model.unknownHosted', id);
  return m;
}
