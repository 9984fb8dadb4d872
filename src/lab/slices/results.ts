import { parseConfig, type ExperimentConfig } from '../../core/config/experiment';
import { compactResults, SharedResultsSchema, type SharedResults } from '../../core/share/link';
import { useExperimentStore } from '../experimentStore';
import { useRunStore } from '../runStore';
import { studyVariants, useStudyStore, type StudyRun } from '../studyStore';
import type { DocumentSlice } from '../document';

/**
 * The finished runs on show. A saved experiment keeps them as they are (live: a run cut off by a
 * reload comes back marked); a link or a bundle carries them only if they belong to its config,
 * with the finished study they are part of (the seeds panel's bands and verdict).
 */

/** Two configs are the same experiment once both are parsed (defaults filled, keys in schema order). */
function sameConfig(a: ExperimentConfig, b: ExperimentConfig): boolean {
  const pa = parseConfig(a);
  const pb = parseConfig(b);
  return pa.ok && pb.ok && JSON.stringify(pa.config) === JSON.stringify(pb.config);
}

/**
 * The results on show as a snapshot, if they belong to `config` (or to a finished study of it,
 * whose runs travel with them: the seeds panel's bands and verdict), else null.
 */
export function resultsFor(config: ExperimentConfig): SharedResults | null {
  const runs = useRunStore.getState();
  const study = useStudyStore.getState();
  const studyOfIt = !!study.kind && study.status === 'done' && study.runs.length > 0 && !!study.config && sameConfig(study.config, config);
  const runsOfIt =
    !!runs.config &&
    (sameConfig(runs.config, config) || (studyOfIt && studyVariants(study.kind!, config).some((v) => sameConfig(v, runs.config!))));
  const own = runsOfIt ? runs.snapshot() : null;
  if (!own || !studyOfIt) return own;
  return compactResults({ ...own, study: { kind: study.kind!, sources: study.sources, runs: study.runs } });
}

/** Puts a snapshot on show: its runs in the results panel, its study (if any) in the seeds panel or sweep chart. */
export function showResults(results: SharedResults, config: ExperimentConfig, as: 'shared' | 'restored'): void {
  if (as === 'shared') useRunStore.getState().showShared(results, config);
  else useRunStore.getState().restoreSaved(results, config);
  if (results.study) useStudyStore.getState().restore({ ...results.study, runs: results.study.runs as StudyRun[] }, config);
}

/** While training, runs are saved at most this often (each save serialises every curve). */
const TRAINING_SAVE_MS = 2000;

export const resultsSlice: DocumentSlice<SharedResults> = {
  id: 'results',
  in: ['record', 'link', 'bundle'],
  schema: SharedResultsSchema,
  snapshot(to) {
    if (to === 'record') return useRunStore.getState().snapshot({ live: true });
    const config = useExperimentStore.getState().config;
    // Never in a link for the user's own images (a bundle carries those, with their results).
    if (to === 'link' && config.target.kind === 'upload') return null;
    const results = resultsFor(config);
    // A link carries only what its opener will accept.
    return to === 'link' && results && !SharedResultsSchema.safeParse(results).success ? null : results;
  },
  // A saved experiment's study is its own slice (./study.ts); a link's or bundle's travels inside its results.
  restore: (results, { from, config }) =>
    from === 'record'
      ? useRunStore.getState().restoreSaved(results, config)
      : showResults(results, config, from === 'link' ? 'shared' : 'restored'),
  clear: () => useRunStore.getState().reset(),
  watch(changed) {
    let lastTrainingSave = 0;
    return useRunStore.subscribe((s, prev) => {
      if (s.runs === prev.runs && s.phase === prev.phase) return;
      if (s.phase === 'running' || s.phase === 'paused') {
        if (performance.now() - lastTrainingSave < TRAINING_SAVE_MS) return;
        lastTrainingSave = performance.now();
      }
      changed();
    });
  },
};
