import * as tf from '@tensorflow/tfjs';
import { TrainableRun } from '../run';
import { imageInputs } from '../experimentSetup';
import { makeLive } from '../liveRun';
import type { RunProcedure } from './types';

/** A graph source with augmentation: every augmented batch is embedded again and the head trains on top. */
export const reembedProbe: RunProcedure = {
  id: 'reembed-probe',
  applies: ({ built }) => !built.transfer,
  async build({ setup, info, built, features, newHead, training, remedies }) {
    const { view } = built;
    const dims = tf.tidy(() => features(tf.zeros([1, view.side, view.side, view.channels ?? 3])).shape[1]);
    return makeLive(
      info,
      new TrainableRun(newHead(dims), imageInputs(setup), setup.lr, {
        augment: setup.augment,
        view,
        featurize: features,
        training,
        remedies,
      }),
    );
  },
};
