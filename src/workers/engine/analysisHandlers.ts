import * as Comlink from 'comlink';
import type * as tf from '@tensorflow/tfjs';
import { subset } from '../../core/data/imageSet';
import { externalKey, mapFollows } from '../../core/config/keys';
import { deserialiseModel } from '../../core/models/artifacts';
import { saliency } from '../../core/explain/saliency';
import { disposeModels } from '../../core/models/registry';
import { drawFeatureMaps, mapImages } from '../../core/projection/featureMaps';
import { ZOO_VIEW } from '../../core/train/run';
import { disposeLoaded } from '../../core/models/source';
import { inferenceBackend, LARGE_FAMILY_SIDE, onBackend } from '../../core/backends/jobBackend';
import { toInputTensor } from '../../core/data/tensors';
import { INPUT_SIDE } from '../../core/models/inputSpec';
import { coded } from '../../core/messages';
import type { EngineApi, SaliencyReport } from './api';
import { probeAsModel, serialised, session } from './session';
import { checked, prepared, targetData } from './targets';

/** Looking inside the latest experiment's runs: feature-space maps and saliency. */
export const analysisHandlers: Pick<EngineApi, 'featureMaps' | 'saliency'> = {
  async featureMaps(draft, uploaded, method, onProgress) {
    const config = checked(draft);
    const job = serialised(async () => {
      const follows = session.latest && mapFollows(session.latest.config, config) ? session.latest : null;
      const data = follows?.data ?? (uploaded ? await targetData(config, uploaded) : await prepared(config));
      // Coloured by true class: label noise is a fact about the labels, not about the images.
      const { images, isVal } = mapImages({ ...data.train, labels: data.trueTrainLabels }, data.val, config.seed);
      const runs = (follows?.runs ?? []).map((run) => {
        const files = session.trainedModels.get(run.id);
        return {
          run,
          model: files
            ? async () => {
                const model = await deserialiseModel(files);
                if (run.kind === 'scratch' || run.source?.kind === 'zoo') return { model, view: ZOO_VIEW };
                const ext = await session.registry.loadExternal(externalKey(run.source!));
                disposeLoaded(ext.model);
                return { model, view: { side: ext.info.side, range: ext.info.range, channels: ext.info.channels } };
              }
            : null,
        };
      });
      const side = config.source.kind === 'zoo' ? INPUT_SIDE : LARGE_FAMILY_SIDE;
      const report = await onBackend(inferenceBackend(session.backends, side), () =>
        drawFeatureMaps({
          method,
          seed: config.seed,
          images,
          isVal,
          source: config.source,
          runs,
          registry: session.registry,
          onProgress: (done, label) => void onProgress(done, label),
        }),
      );
      return Comlink.transfer(report, [
        report.images.pixels.buffer as ArrayBuffer,
        ...report.panels.map((p) => p.coords.buffer as ArrayBuffer),
      ]);
    });
    try {
      return await job;
    } finally {
      (onProgress as Partial<Comlink.Remote<unknown>>)[Comlink.releaseProxy]?.();
    }
  },
  async saliency(valIndex) {
    return serialised(async () => {
      if (!session.latest) throw coded('err.engine.trainFirst');
      const { data, runs } = session.latest;
      if (!Number.isInteger(valIndex) || valIndex < 0 || valIndex >= data.val.labels.length)
        throw coded('err.engine.noValidationImage', valIndex);
      const image = subset(data.val, [valIndex]);
      const out: SaliencyReport = { valIndex, image, trueLabel: image.labels[0]!, runs: [] };
      await onBackend(inferenceBackend(session.backends, INPUT_SIDE), async () => {
        const x = toInputTensor(image, [0]);
        try {
          for (const run of runs) {
            const whole = session.trainedModels.get(run.id);
            const head = session.trainedHeads.get(run.id);
            const zooBased = run.kind === 'scratch' || run.source?.kind === 'zoo';
            if (!zooBased || (!whole && !head)) {
              out.runs.push({ runId: run.id, runName: run.name, unavailable: zooBased ? 'not-trained' : 'external-source' });
              continue;
            }
            const owned: tf.LayersModel[] = [];
            try {
              let model: tf.LayersModel;
              if (whole) owned.push((model = await deserialiseModel(whole)));
              else {
                const probe = await probeAsModel((run.source as { id: string }).id, head!);
                owned.push(...probe.owned);
                model = probe.model;
              }
              out.runs.push({ runId: run.id, runName: run.name, maps: await saliency(model, x) });
            } finally {
              disposeModels(...owned);
            }
          }
        } finally {
          x.dispose();
        }
      });
      return Comlink.transfer(out, [image.pixels.buffer as ArrayBuffer]);
    });
  },
};
