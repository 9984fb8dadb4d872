import * as tf from '@tensorflow/tfjs';
import type { ImageSet } from '../../data/imageSet';
import { toInputTensor } from '../../data/tensors';
import { EmbeddingCache } from '../../models/embeddingCache';
import { inferenceBackend, onBackend } from '../../backends/jobBackend';
import { embeddingKey } from '../../config/keys';
import type { BuiltSource } from '../buildSource';
import type { ExperimentSetup } from '../experimentSetup';
import { toRange } from '../inputView';
import { makeLive } from '../liveRun';
import { ProgressClock } from '../progress';
import { TrainableRun } from '../run';
import type { Features, RunProcedure } from './types';

/** Teachable-Machine style: the frozen backbone sees each image once; the head trains on embeddings. */
export const cachedProbe: RunProcedure = {
  id: 'cached-probe',
  // Augmented images have no fixed embedding: with augmentation on, a probe re-embeds (or fine-tunes with frozen blocks).
  applies: ({ probing, setup }) => probing && !setup.augmenting && (setup.opts.cacheEmbeddings ?? true),
  async build({ setup, info, built, features, newHead, sourceTask, owned, remedies }) {
    const cache = setup.opts.embeddingCache ?? new EmbeddingCache();
    const embedStarted = performance.now();
    const embedded = await embedSplits(setup, built, features, cache, owned.tensors);
    if (!embedded) return null;
    const { embTrain, embVal, embShifted, embBlend } = embedded;
    const run = makeLive(
      info,
      new TrainableRun(
        newHead(embTrain.shape[1]),
        { ...setup.base, train: embTrain, val: embVal, shifted: embShifted, blend: embBlend },
        setup.lr,
        { source: sourceTask, remedies },
      ),
    );
    // A linear head on frozen features has no hidden units to permute: heads on one backbone average.
    if (embBlend)
      run.soup = {
        origin: `probe:${built.backboneKey}`,
        view: built.view,
        embeddings: { val: embVal as tf.Tensor2D, blend: embBlend as tf.Tensor2D },
      };
    run.handOver = 'head';
    // The one-time embedding pass is part of what the probe costs.
    run.wallMs = performance.now() - embedStarted;
    return run;
  },
};

/** Every split's embeddings (kept in `tensors` for disposal), or null if the user stopped. */
async function embedSplits(
  setup: ExperimentSetup,
  built: BuiltSource,
  features: Features,
  cache: EmbeddingCache,
  tensors: tf.TensorContainer[],
) {
  const { train, val, shifted, blend, opts, emit, control } = setup;
  const view = built.view;
  const total = train.labels.length + val.labels.length + (shifted?.labels.length ?? 0) + (blend?.labels.length ?? 0);
  const clock = new ProgressClock('embed', total);
  // Embedding is pure inference: it may run on a faster inference backend (wasm on a machine
  // without a GPU); the key says which, since backends agree only to float tolerance.
  const inference = inferenceBackend(opts.backends, view.side);
  const backboneKey = embeddingKey(built.backboneKey, inference);
  const embed = async (set: ImageSet, offset: number) => {
    const out = await cache.embedSet(
      set,
      backboneKey,
      (idx) => tf.tidy(() => features(toRange(toInputTensor(set, idx, view.side), view.range) as tf.Tensor4D)),
      { progress: (done) => emit(clock.at(offset + done)), keepGoing: () => control.checkpoint() },
    );
    if (out) tensors.push(out);
    return out;
  };
  const { embTrain, embVal, embShifted, embBlend } = await onBackend(inference, async () => {
    const embTrain = await embed(train, 0);
    const embVal = embTrain && (await embed(val, train.labels.length));
    const embShifted = shifted && embVal ? await embed(shifted, train.labels.length + val.labels.length) : null;
    const embBlend = blend && embVal ? await embed(blend, total - blend.labels.length) : null;
    return { embTrain, embVal, embShifted, embBlend };
  });
  if (!embTrain || !embVal || (shifted && !embShifted) || (blend && !embBlend)) return null;
  return { embTrain, embVal, embShifted, embBlend };
}
