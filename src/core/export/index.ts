import type { ExperimentConfig, Source } from '../config/experiment';
import type { ModelRegistry } from '../models/registry';
import type { TargetData } from '../train/experiment';
import { exportPythonProject, type PythonExportResult, type SeedExport } from './project';
import type { ExportRefusal } from './refusals';
import { buildExportRuns } from './runs';
import { studySeeds } from '../config/keys';

export {
  exportPythonProject,
  zipProject,
  classFolders,
  PYTHON_EXPORT_FORMAT,
  type PythonExportInput,
  type PythonExportResult,
  type SeedExport,
} from './project';
export { SUPPORTED_OPTIONS, MAX_EXPORT_IMAGE_BYTES, refusalMessage, type ExportNote, type ExportRefusal } from './refusals';
export { SUPPORTED_LAYERS, convertLayersModel } from './graph';
export { buildExportRuns, CHECK_IMAGES, type ExportRun } from './runs';

// The seeds a study of `config` runs, as the study itself runs them.
export { studySeeds } from '../config/keys';

/**
 * The whole export in one call, as the worker makes it: for every seed of the study, the data the
 * lab would train on (`prepare`, the worker's own prepareTarget + withSourceTask) and the runs it
 * would build (from `registry`, where external sources must already be registered), then the files.
 * Disposes every tensor it makes. Refusals come back as codes; unexpected failures throw.
 */
export async function exportExperimentAsPython(
  config: ExperimentConfig,
  prepare: (config: ExperimentConfig) => Promise<TargetData>,
  registry: ModelRegistry,
  opts: { sources?: readonly Source[] } = {},
): Promise<PythonExportResult> {
  const seeds: SeedExport[] = [];
  const reasons: ExportRefusal[] = [];
  for (const seed of studySeeds(config)) {
    const cfg: ExperimentConfig = { ...config, seed };
    const data = await prepare(cfg);
    const built = await buildExportRuns(cfg, data.val, data.train.classNames.length, registry, {
      sources: opts.sources,
      hasSourceEval: !!data.sourceEval,
    });
    if (!built.ok) {
      // The model refusals are the same for every seed: report them once.
      reasons.push(...built.reasons);
      break;
    }
    seeds.push({
      seed,
      train: data.train,
      val: data.val,
      shifted: data.shifted,
      sourceEval: data.sourceEval ?? null,
      trueTrainLabels: data.trueTrainLabels,
      noisy: data.noisy,
      runs: built.runs,
    });
  }
  if (reasons.length) return { ok: false, reasons };
  return exportPythonProject({ config, seeds });
}
