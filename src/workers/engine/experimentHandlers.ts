import * as Comlink from 'comlink';
import type { ExperimentConfig } from '../../core/config/experiment';
import type { ImageSet } from '../../core/data/imageSet';
import { RunControl } from '../../core/train/control';
import { scoreSource } from '../../core/selection/rank';
import { measureDomainGap } from '../../core/selection/domainGapMeter';
import { fusionImagesKey } from '../../core/config/keys';
import type { EngineEvent } from '../../core/train/events';
import { runExperiment, SOUP_MAX_WEIGHTS, withSourceTask } from '../../core/train/experiment';
import { serialiseModel } from '../../core/models/artifacts';
import { planRuns } from '../../core/train/plan';
import { messageOf } from '../../core/messages';
import type * as tf from '@tensorflow/tfjs';
import type { EngineApi, ScoreRow } from './api';
import { batcher } from './eventBatcher';
import { contextWasLost } from './deviceBackend';
import { serialised, session } from './session';
import { checked, checkedSources, prepared, targetData } from './targets';

/** Training an experiment, and the measurements made before one: source scores and the domain gap. */
export const experimentHandlers: Pick<EngineApi, 'start' | 'scoreSources' | 'measureGap'> = {
  async start(draft: ExperimentConfig, uploaded: ImageSet | null, onEvent, draftSources) {
    session.control?.stop();
    const mine = new RunControl();
    session.control = mine;
    const out = batcher(onEvent);
    mine.setGate(out.deliverAndWait);
    // After whatever is in flight (a previous run winding down after Stop, a measurement).
    const job = serialised(async () => {
      try {
        const config = checked(draft);
        const sources = checkedSources(draftSources);
        const data = await withSourceTask(await targetData(config, uploaded), config, session.registry, session.datasets);
        // Runs with a blend split are kept for fusion (their probabilities, not their weights).
        const keep = session.keptRuns.recorder(++session.experiments, {
          key: fusionImagesKey(data.val, data.blend),
          val: data.val,
          blend: data.blend,
        });
        const emit = (e: EngineEvent) => {
          keep(e);
          // Weights stay in the worker (soups are computed here); the page gets the rest.
          out.emit(e.type === 'probabilities' && e.weights ? { ...e, weights: undefined } : e);
        };
        session.trainedModels = new Map();
        session.latest = { config, data, runs: planRuns(config, sources) };
        session.trainedHeads = new Map();
        const onTrainedModel = async (runId: string, model: tf.LayersModel, part: 'whole' | 'head') => {
          if (model.countParams() > SOUP_MAX_WEIGHTS) return;
          (part === 'whole' ? session.trainedModels : session.trainedHeads).set(runId, await serialiseModel(model));
        };
        await runExperiment(config, data, session.registry, emit, mine, {
          embeddingCache: session.embeddingCache,
          scratchCache: session.scratchCache,
          backends: session.backends,
          sources,
          onTrainedModel,
          onReplayedModel: (runId, files) => void session.trainedModels.set(runId, files),
        });
      } catch (err) {
        if (!contextWasLost()) out.emit({ type: 'error', message: messageOf(err) });
      } finally {
        await out.drain();
        if (session.control === mine) session.control = null;
        // The callback is a Comlink proxy of a main-thread function: free its message port.
        (onEvent as Partial<Comlink.Remote<unknown>>)[Comlink.releaseProxy]?.();
      }
    });
    await job;
  },
  async scoreSources(draft, uploaded, draftSources, onRow) {
    const config = checked(draft);
    const sources = checkedSources(draftSources)!;
    // After any experiment in flight: scoring beside training would slow both down.
    try {
      await serialised(async () => {
        const { train } = await targetData(config, uploaded);
        // Each row is awaited: it travels on the callback's port, and the reply must not overtake it.
        for (const source of sources) {
          let row: ScoreRow;
          try {
            row = { ok: true, row: await scoreSource(source, session.registry, train) };
          } catch (err) {
            row = { ok: false, source, error: messageOf(err) };
          }
          await onRow(row);
        }
      });
    } finally {
      (onRow as Partial<Comlink.Remote<unknown>>)[Comlink.releaseProxy]?.();
    }
  },
  async measureGap(draft, uploaded) {
    const config = checked(draft);
    // After any experiment in flight, like scoring: the meter embeds with the source's backbone.
    return serialised(async () => {
      const { train } = uploaded ? await targetData(config, uploaded) : await prepared(config);
      return measureDomainGap(config, session.registry, session.datasets, train);
    });
  },
};
