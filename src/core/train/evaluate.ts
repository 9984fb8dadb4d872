import * as tf from '@tensorflow/tfjs';
import type { ImageSet } from '../data/imageSet';
import { labelsOf, toInputTensor } from '../data/tensors';
import { coded } from '../messages';
import { toRange, type InputView } from './run';

/**
 * A model's accuracy as it is, with no training: its own output classes against the images'
 * labels. How a user checks that a model they exported (or brought) still does what it did.
 */
export async function accuracyAsIs(
  model: tf.LayersModel | tf.GraphModel,
  view: InputView,
  set: ImageSet,
  batchSize = 64,
): Promise<{ accuracy: number; correct: number; total: number }> {
  const n = set.labels.length;
  const labels = labelsOf(set, null);
  let correct = 0;
  for (let start = 0; start < n; start += batchSize) {
    const idx = Array.from({ length: Math.min(batchSize, n - start) }, (_, i) => start + i);
    const predicted = tf.tidy(() => {
      let x = toRange(toInputTensor(set, idx, view.side), view.range);
      if (view.channels === 1) x = x.mean(-1, true);
      const y = model.predict(x as tf.Tensor4D) as tf.Tensor;
      if (y.rank !== 2 || y.shape[1] !== set.classNames.length)
        throw coded('err.eval.classCount', y.shape[y.rank - 1] ?? 0, set.classNames.length);
      return y.argMax(-1);
    });
    const p = await predicted.data();
    predicted.dispose();
    for (let i = 0; i < idx.length; i++) if (p[i] === labels[idx[i]]) correct++;
  }
  return { accuracy: n ? correct / n : 0, correct, total: n };
}
