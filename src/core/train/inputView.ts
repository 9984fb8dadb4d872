import * as tf from '@tensorflow/tfjs';
import { INPUT_SIDE } from '../models/inputSpec';
import type { InputRange } from '../models/external';

/** How images become model input: square side, and the pixel range the model was trained with. */
export interface InputView {
  side: number;
  range: InputRange;
  /** 1 for grayscale models: RGB is averaged. Default 3. */
  channels?: 1 | 3;
}
export const ZOO_VIEW: InputView = { side: INPUT_SIDE, range: 'unit' };

/** [0, 1] pixels → the model's range. */
export function toRange(x: tf.Tensor, range: InputRange): tf.Tensor {
  return range === 'unit' ? x : tf.tidy(() => x.mul(2).sub(1));
}
