import { z } from 'zod';
import { openConfig } from '../../core/config/migrate';
import type { ExperimentConfig } from '../../core/config/experiment';
import { SharedStudySchema, type SharedStudy } from '../../core/share/link';
import { useStudyStore, type StudyRun } from '../studyStore';
import type { DocumentSlice } from '../document';

/**
 * A saved experiment's study (seeds, few-shot sweep, several sources): its variants' runs and the
 * config it varied, itself migrated and checked like any config. Links and bundles carry a
 * finished study inside their results instead (./results.ts).
 */
type StoredStudy = SharedStudy & { config: ExperimentConfig };

// The field names of records written before the registry: `{ kind, config, sources, runs }`.
const StudySchema = SharedStudySchema.extend({ config: z.unknown() }).transform((study, ctx): StoredStudy => {
  const opened = openConfig(study.config);
  if (opened.ok) return { ...study, config: opened.config };
  ctx.addIssue({ code: 'custom', message: opened.code });
  return z.NEVER;
});

export const studySlice: DocumentSlice<StoredStudy> = {
  id: 'study',
  in: ['record'],
  schema: StudySchema,
  snapshot() {
    const study = useStudyStore.getState();
    return study.kind && study.config ? { kind: study.kind, config: study.config, sources: study.sources, runs: study.runs } : null;
  },
  restore: ({ config, ...study }) => useStudyStore.getState().restore({ ...study, runs: study.runs as StudyRun[] }, config),
  clear: () => useStudyStore.getState().clear(),
  watch: (changed) => useStudyStore.subscribe((s, prev) => s.runs !== prev.runs && changed()),
};
