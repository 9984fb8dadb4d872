import type { ImageSet } from '../data/imageSet';
import type { ExperimentConfig } from '../config/experiment';
import type { ExportNote, ExportRefusal } from './refusals';
import type { ExportRun } from './runs';

// What the PyTorch export takes and gives, apart from the writers so the text and the data modules share them.

/** Bumped whenever experiment.json or the Python files change meaning. */
export const PYTHON_EXPORT_FORMAT = 1;

/** What one seed of the study trained on, and its runs at their initial weights. */
export interface SeedExport {
  seed: number;
  train: ImageSet;
  val: ImageSet;
  shifted: ImageSet | null;
  /** Held-out source images of the forgetting meter, if the config tracks forgetting. */
  sourceEval?: ImageSet | null;
  /** Label-noise bookkeeping (TargetData): the true label of each training image and which were flipped. */
  trueTrainLabels?: Uint16Array;
  noisy?: Uint8Array;
  runs: ExportRun[];
}

export interface PythonExportInput {
  /** The config as the lab ran it (its seed is the first seed). */
  config: ExperimentConfig;
  /** One entry per seed of the study (config.seeds), in order. */
  seeds: SeedExport[];
}

export type PythonExportResult =
  { ok: true; files: Record<string, Uint8Array>; notes: ExportNote[] } | { ok: false; reasons: ExportRefusal[] };

/** The project as it is written: path → bytes. */
export type ProjectFiles = Record<string, Uint8Array>;
