import { useShallow } from 'zustand/react/shallow';
import { useExperimentStore } from '../../lab/experimentStore';
import { useRunStore } from '../../lab/runStore';
import { sourceReady as isSourceReady, useSourceStore } from '../../lab/sourceStore';
import { useStudyStore } from '../../lab/studyStore';
import { trainingBlocker, uploadedFor, useUploadStore } from '../../lab/uploads/uploadStore';
import { useZooStore } from '../../lab/zooStore';
import { useLabBusy, TRAINING } from '../../lab/busy';

/** Is a run or a study in progress (paused counts)? Settings are frozen while it is. */
export function useLabRunning(): boolean {
  return useLabBusy(TRAINING);
}

/** Why Train cannot start now (a message code), if it cannot; `sourceReady` false means the source is still loading. */
function useTrainReadiness() {
  const config = useExperimentStore((st) => st.config);
  const zooIds = useZooStore(useShallow((st) => (st.status === 'ready' ? st.models.map((m) => m.id) : [])));
  const external = useSourceStore((st) => st.sources);
  const uploadClasses = useUploadStore((st) => st.classes);
  return {
    sourceReady: isSourceReady(config.source, zooIds, external),
    blocker: config.target.kind === 'upload' ? trainingBlocker(uploadClasses) : null,
  };
}

/**
 * Starts the current experiment the way the Train button does: several seeds make a study
 * (mean, band, verdict), one seed a plain experiment. The shortcut and the button share it.
 */
export function startTraining(): void {
  const config = useExperimentStore.getState().config;
  const study = useStudyStore.getState();
  // Images go to the engine at the size the source takes (the scratch baseline shrinks them itself).
  const uploaded = uploadedFor(config);
  study.clear();
  void (config.seeds > 1 ? study.run('seeds', config, uploaded) : useRunStore.getState().start(config, uploaded));
}

export function startSweep(): void {
  const config = useExperimentStore.getState().config;
  void useStudyStore.getState().run('sweep', config, uploadedFor(config));
}

/** Everything the run bar shows and does, read once so the bar re-renders only when its own state changes. */
export function useRunControls() {
  const run = useRunStore(
    useShallow((st) => ({
      phase: st.phase,
      progress: st.progress,
      error: st.error,
      interruption: st.interruption,
      pause: st.pause,
      resume: st.resume,
      stop: st.stop,
      reset: st.reset,
    })),
  );
  const study = useStudyStore(
    useShallow((st) => ({ kind: st.kind, status: st.status, current: st.current, total: st.total, stop: st.stop, clear: st.clear })),
  );
  const readiness = useTrainReadiness();
  // The zoo is listed before the engine's worker is up: a run started meanwhile waits for it.
  const engineReady = useZooStore((st) => st.backend !== null);
  const sweeping = study.status === 'running';
  const busy = useLabRunning();
  const canStart = !busy && readiness.sourceReady && !readiness.blocker;
  return { ...run, study, sweeping, busy, canStart, engineReady, ...readiness };
}
