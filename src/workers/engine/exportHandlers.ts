import * as Comlink from 'comlink';
import { withSourceTask } from '../../core/train/experiment';
import { serialiseModel } from '../../core/models/artifacts';
import { accuracyAsIs } from '../../core/train/evaluate';
import { exportExperimentAsPython, refusalMessage, zipProject } from '../../core/export';
import { disposeModels } from '../../core/models/registry';
import { inferenceBackend, onBackend } from '../../core/backends/jobBackend';
import type { EngineApi } from './api';
import { probeAsModel, serialised, session } from './session';
import { checked, checkedSources, prepared, targetData } from './targets';

/** What leaves the engine: trained models, the PyTorch project, and a model's accuracy as it is. */
export const exportHandlers: Pick<EngineApi, 'trainedModel' | 'exportModel' | 'exportPython' | 'evaluateAsIs'> = {
  trainedModel: (runId) => session.trainedModels.get(runId) ?? null,
  async exportModel(runId) {
    return serialised(async () => {
      const run = session.latest?.runs.find((r) => r.id === runId);
      const whole = session.trainedModels.get(runId);
      if (whole) return whole;
      const head = session.trainedHeads.get(runId);
      if (!run || !head) return { unavailable: 'not-trained' as const };
      if (run.source?.kind !== 'zoo') return { unavailable: 'external-source' as const };
      const probe = await probeAsModel(run.source.id, head);
      try {
        return await serialiseModel(probe.model);
      } finally {
        disposeModels(...probe.owned);
      }
    });
  },
  async exportPython(draft, uploaded, draftSources) {
    return serialised(async () => {
      const config = checked(draft);
      const sources = checkedSources(draftSources);
      const result = await exportExperimentAsPython(
        config,
        async (cfg) => withSourceTask(await targetData(cfg, uploaded), cfg, session.registry, session.datasets),
        session.registry,
        { sources },
      );
      if (!result.ok) return { ok: false as const, reasons: result.reasons.map(refusalMessage) };
      const zip = zipProject(result.files, 'transfer-lab-pytorch');
      return Comlink.transfer({ ok: true as const, zip, notes: result.notes.map(refusalMessage) }, [zip.buffer as ArrayBuffer]);
    });
  },
  async evaluateAsIs(key, draft, uploaded) {
    return serialised(async () => {
      const config = checked(draft);
      const data = uploaded ? await targetData(config, uploaded) : await prepared(config);
      const { model, info } = await session.registry.loadExternal(key);
      try {
        return await onBackend(inferenceBackend(session.backends, info.side), () =>
          accuracyAsIs(model, { side: info.side, range: info.range, channels: info.channels }, data.val),
        );
      } finally {
        model.dispose();
      }
    });
  },
};
