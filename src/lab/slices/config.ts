import { z } from 'zod';
import { openConfig } from '../../core/config/migrate';
import type { ExperimentConfig } from '../../core/config/experiment';
import { useExperimentStore } from '../experimentStore';
import type { DocumentSlice } from '../document';

/**
 * The experiment config: what every document is of. Migrated from older config versions and
 * checked by the strict experiment schema; an unusable one refuses the document with its reason.
 */
const ConfigSchema = z.unknown().transform((raw, ctx): ExperimentConfig => {
  const opened = openConfig(raw);
  if (opened.ok) return opened.config;
  ctx.addIssue({ code: 'custom', message: opened.code, params: { detail: opened.detail } });
  return z.NEVER;
});

export const configSlice: DocumentSlice<ExperimentConfig> = {
  id: 'config',
  in: ['record', 'link', 'bundle'],
  schema: ConfigSchema,
  required: true,
  snapshot: () => useExperimentStore.getState().config,
  restore: (config) => useExperimentStore.getState().setConfig(config),
  // No clear: a new experiment starts from the settings on show.
  watch: (changed) => useExperimentStore.subscribe((s, prev) => s.config !== prev.config && changed()),
};
