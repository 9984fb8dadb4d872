import type { ExperimentConfig } from '../../core/config/experiment';
import { SharedResultsSchema } from '../../core/share/link';
import { snapshotDocument } from '..';
import { ui } from '../../i18n';
import { read, type StoredExperiment } from './db';
import { loadImageSet } from './imageStore';

/** A saved experiment as the list shows it. */
export interface ExperimentSummary {
  id: string;
  name: string;
  updatedAt: number;
  /** Validation accuracy per epoch of its first run, for the list's thumbnail. */
  curve: number[];
}

/** A stored experiment's record, images and model: independent reads, in flight together (on a phone each round trip is tens of milliseconds). */
export const readStored = (id: string) =>
  Promise.all([read((d) => d.get('experiments', id)), loadImageSet(id), read((d) => d.get('models', id))]);

export const newId = () => `exp-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

/** Named in the language of the moment, like anything else the user could have typed. */
export function defaultName(config: ExperimentConfig): string {
  const source = config.source.kind === 'custom' ? config.source.name : config.source.id;
  return ui.experiments.defaultName(source, config.target.kind === 'builtin' ? config.target.presetId : null);
}

export function summaryOf(r: StoredExperiment): ExperimentSummary {
  const results = SharedResultsSchema.safeParse(r.results);
  const first = results.success ? results.data.runs[0] : null;
  return { id: r.id, name: r.name, updatedAt: r.updatedAt, curve: first ? first.epochs.map((m) => m.valAccuracy) : [] };
}

/** The lab now as a stored record: its identity, then every record slice under its id (the parts kept apart are saved by autosave). */
export function recordNow(id: string, createdAt: number, name: string): StoredExperiment {
  const { config, ...parts } = snapshotDocument('record');
  return { id, name, createdAt, updatedAt: Date.now(), config, results: null, study: null, ...parts };
}
