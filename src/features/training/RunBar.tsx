import { useEffect } from 'react';
import { isLocked, isShown } from '../../core/lecture/lecture';
import { render, tWorkspace as w, ui } from '../../i18n';
import { useLectureStore } from '../../lab/lectureStore';
import { useRunStore } from '../../lab/runStore';
import { useZooStore } from '../../lab/zooStore';
import { SWEEP_SIZES } from '../../lab/studyStore';
import { Control } from '../../ui/Control';
import { ProgressBar } from '../../ui/ProgressBar';
import { startSweep, startTraining, useRunControls } from './useRunControls';
import { TrainButtons } from './TrainButtons';

const t = ui.training;

/**
 * Ctrl+Enter (⌘+Enter) trains, pauses or resumes from anywhere, even from a field being typed in
 * (the combination types nothing). A lecture link that hides or locks Train disables it too.
 */
function useTrainShortcut() {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Enter' || !(e.ctrlKey || e.metaKey) || e.altKey || e.shiftKey || e.repeat) return;
      const lecture = useLectureStore.getState();
      if (!isShown(lecture, 'train') || isLocked(lecture, 'train')) return;
      const train = document.querySelector<HTMLButtonElement>('[data-testid="train"]');
      const phase = useRunStore.getState().phase;
      e.preventDefault();
      if (phase === 'running') useRunStore.getState().pause();
      else if (phase === 'paused') useRunStore.getState().resume();
      // The button says whether a start is possible right now (source loaded, uploads complete, not busy).
      else if (train && !train.disabled) startTraining();
    };
    addEventListener('keydown', onKey);
    return () => removeEventListener('keydown', onKey);
  }, []);
}

/** The epoch the furthest run has reached, out of the budget's: a number, so the bar re-renders once per epoch. */
function EpochProgress() {
  const epoch = useRunStore((st) => st.runs.reduce((n, r) => Math.max(n, r.epochs.length), 0));
  const total = useRunStore((st) => st.budget?.epochs ?? 0);
  if (!total) return null;
  return (
    <span className="run-epoch" data-testid="run-epoch">
      {w.epochOf(Math.min(epoch, total), total)}
    </span>
  );
}

/** One chip per run: its colour, name and status (the full descriptions are in the training step). */
function RunChips() {
  // A string key, so batch updates that change no status do not re-render the chips.
  useRunStore((st) => st.runs.map((r) => `${r.info.id}:${r.status}`).join('|'));
  const runs = useRunStore.getState().runs;
  if (!runs.length) return null;
  return (
    <ul className="run-chips" aria-label={w.runBar}>
      {runs.map((r) => (
        <li key={r.info.id} data-testid={`run-chip-${r.info.id}`}>
          <span className="swatch" style={{ background: r.color }} />
          {render(r.info.name)}: {t.status[r.status]}
        </li>
      ))}
    </ul>
  );
}

/**
 * A worker that died outside a run (starting, measuring its backends, idle): what happened, and
 * that a fresh one is coming, is here, or could not start (with a way to try again).
 */
function EngineNotice() {
  const notice = useZooStore((st) => st.engineNotice);
  const dismiss = useZooStore((st) => st.dismissEngineNotice);
  const retry = useZooStore((st) => st.retryEngine);
  if (!notice) return null;
  const { death, state } = notice;
  return (
    <div
      className={state === 'gave-up' ? 'error' : 'notice small'}
      role={state === 'back' ? 'status' : 'alert'}
      data-testid="engine-notice"
      data-reason={death.reason}
      data-detail={death.detail}
      data-during={death.during}
      data-state={state}
    >
      {state === 'gave-up'
        ? w.engine.gaveUp
        : `${t.engineDied[death.reason](death)} ${state === 'back' ? w.engine.back : w.engine.restarting}`}{' '}
      {state === 'gave-up' && (
        <button className="button" data-testid="engine-retry" onClick={() => void retry()}>
          {w.engine.retry}
        </button>
      )}
      {state === 'back' && (
        <button className="button small" data-testid="engine-notice-dismiss" onClick={dismiss}>
          {w.engine.dismiss}
        </button>
      )}
    </div>
  );
}

/** A sentence for where the lab is: ready, training (and which seed), paused, done. */
function StatusLine({ c }: { c: ReturnType<typeof useRunControls> }) {
  const { phase, study, sweeping } = c;
  let text: string = c.sourceReady ? w.ready : w.idle;
  if (phase === 'paused') text = w.paused;
  else if ((phase === 'running' || sweeping) && !c.engineReady) text = w.startingEngine;
  else if (phase === 'running' || sweeping) text = w.running;
  else if (phase === 'finished' || study.status === 'done') text = w.finished;
  return (
    <span className="run-state" data-testid="run-state" data-phase={sweeping ? 'running' : phase}>
      <strong>{text}</strong>
      {sweeping && study.kind === 'seeds' && <span data-testid="seeds-progress"> · {t.seedsProgress(study.current + 1, study.total)}</span>}
      {sweeping && study.kind === 'sweep' && (
        <span data-testid="sweep-progress"> · {t.sweepProgress(SWEEP_SIZES[study.current], study.current + 1, study.total)}</span>
      )}
      {(phase === 'running' || phase === 'paused') && (
        <>
          {' · '}
          <EpochProgress />
        </>
      )}
    </span>
  );
}

/**
 * Always in view (top of the workspace; docked at the bottom on phones): Train, Pause, Stop,
 * Reset and the few-shot sweep, where the lab is, progress and each run's status.
 */
export function RunBar() {
  const c = useRunControls();
  useTrainShortcut();
  const { busy, progress } = c;
  return (
    <section className="run-bar" data-testid="run-bar" aria-label={w.runBar}>
      <div className="run-buttons">
        <TrainButtons c={c} />
        {!busy && (
          <Control id="sweep">
            <button className="button" data-testid="sweep" disabled={!c.canStart} onClick={startSweep} title={t.sweepHint}>
              {t.sweep}
            </button>
          </Control>
        )}
      </div>
      <div className="run-info">
        <StatusLine c={c} />
        {(['load', 'embed', 'train'] as const).map((p) => {
          const pr = progress[p];
          return pr && busy ? (
            <ProgressBar key={p} label={t.phases[p]} done={pr.done} total={pr.total} etaMs={pr.etaMs} testId={`progress-${p}`} />
          ) : null;
        })}
        <RunChips />
        {c.blocker && (
          <p className="small warn" data-testid="train-blocker">
            {render(c.blocker)}
          </p>
        )}
        {c.error && (
          <p className="error" role="alert" data-testid="train-error">
            {render(c.error)}
          </p>
        )}
        <EngineNotice />
        {c.interruption && (
          <p className="error" role="alert" data-testid="engine-restarted" data-reason={c.interruption.reason}>
            {t.engineDied[c.interruption.reason](c.interruption)} {t.engineKept}
          </p>
        )}
      </div>
    </section>
  );
}
