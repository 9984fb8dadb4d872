import { TrainableRun } from '../run';
import { imageInputs } from '../experimentSetup';
import { makeLive } from '../liveRun';
import type { RunProcedure } from './types';

/** The transfer model trained per the strategy (fine-tune all, top blocks, or frozen blocks), on images. */
export const fineTune: RunProcedure = {
  id: 'fine-tune',
  applies: ({ built }) => !!built.transfer,
  async build({ setup, info, built, applied, training, sourceTask, remedies }) {
    const run = makeLive(
      info,
      new TrainableRun(built.transfer!, imageInputs(setup), setup.lr, {
        backboneLrMultiplier: applied.backboneLrMultiplier,
        augment: setup.augment,
        view: built.view,
        training,
        source: sourceTask,
        remedies,
      }),
    );
    run.soup = { origin: built.backboneKey, view: built.view };
    run.handOver = 'whole';
    return run;
  },
};
