import { tWorkspace as w, ui } from '../../i18n';
import { Control } from '../../ui/Control';
import { startTraining, type useRunControls } from './useRunControls';

const t = ui.training;

/** Train (with its shortcut), Pause or Resume, Stop while busy, and Reset once something ran: the lecture's `train` control. */
export function TrainButtons({ c }: { c: ReturnType<typeof useRunControls> }) {
  const { phase, busy, sweeping, study } = c;
  return (
    <Control id="train">
      {!busy && (
        <button
          className="button primary"
          data-testid="train"
          disabled={!c.canStart}
          onClick={startTraining}
          aria-keyshortcuts="Control+Enter Meta+Enter"
          title={w.shortcutTitle}
        >
          {t.start}{' '}
          <kbd className="kbd" lang="en">
            {w.shortcut}
          </kbd>
        </button>
      )}
      {phase === 'running' && (
        <button className="button" data-testid="pause" onClick={c.pause} aria-keyshortcuts="Control+Enter Meta+Enter">
          {t.pause}
        </button>
      )}
      {phase === 'paused' && (
        <button className="button" data-testid="resume" onClick={c.resume} aria-keyshortcuts="Control+Enter Meta+Enter">
          {t.resume}
        </button>
      )}
      {busy && (
        <button className="button" data-testid="stop" onClick={sweeping ? study.stop : c.stop}>
          {t.stop}
        </button>
      )}
      {!busy && phase !== 'idle' && (
        <button
          className="button"
          data-testid="reset"
          onClick={() => {
            study.clear();
            c.reset();
          }}
        >
          {t.reset}
        </button>
      )}
    </Control>
  );
}
