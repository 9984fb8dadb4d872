import { useEffect, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { isLocked, LESSON_IDS, type LessonId } from '../../core/lecture/lecture';
import { tLecture as l, tPresets as p } from '../../i18n';
import { useLectureStore } from '../../lab/lectureStore';
import { useRunStore } from '../../lab/runStore';
import { NarrativeTerms } from '../../ui/NarrativeTerms';

/** Keys of a lecture: → ← step, Space runs and pauses, F full screen, Esc leaves. Typing in a field is left alone. */
function useLectureKeys(active: boolean) {
  useEffect(() => {
    if (!active) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey || e.ctrlKey || e.metaKey || e.repeat) return;
      const el = e.target as HTMLElement | null;
      if (el && (el.isContentEditable || /^(INPUT|SELECT|TEXTAREA)$/.test(el.tagName))) return;
      const s = useLectureStore.getState();
      // Space on a focused button presses that button, as everywhere; without a lesson it is not the lecture's.
      const onControl = !!el?.closest('button, a, summary, [role="button"]');
      if (e.key === 'ArrowRight') s.next();
      else if (e.key === 'ArrowLeft') s.prev();
      else if (e.key === ' ' && s.lesson && !onControl) s.toggleRun();
      else if (e.key === 'f' || e.key === 'F') s.toggleFullscreen();
      // In full screen the first Esc only leaves full screen (browsers often keep that key to themselves).
      else if (e.key === 'Escape' && document.fullscreenElement) s.toggleFullscreen();
      else if (e.key === 'Escape') s.leave();
      else return;
      // Space would also press the focused button and scroll the page.
      e.preventDefault();
    };
    addEventListener('keydown', onKey);
    return () => removeEventListener('keydown', onKey);
  }, [active]);
}

/** The lecture's bar and narration card: what this step shows, and the controls to walk the lesson. */
export function LectureBar() {
  const s = useLectureStore(
    useShallow((st) => ({
      active: st.active,
      lesson: st.lesson,
      step: st.step,
      problems: st.problems,
      hide: st.hide,
      lock: st.lock,
      only: st.only,
    })),
  );
  const phase = useRunStore((st) => st.phase);
  const [copied, setCopied] = useState(false);
  useLectureKeys(s.active);
  if (!s.active) return null;
  const store = useLectureStore.getState();
  const copy = () => {
    void navigator.clipboard?.writeText(store.link()).then(
      () => setCopied(true),
      () => setCopied(false),
    );
  };
  return (
    <section className="lecture-bar" data-testid="lecture-bar" aria-label={l.title} title={l.keys}>
      <div className="lecture-controls">
        <label className="field inline">
          <span>{l.lessonPick}</span>
          <select
            data-testid="lesson-select"
            value={s.lesson?.id ?? (s.lesson ? 'custom' : '')}
            onChange={(e) => (e.target.value ? store.startLesson(e.target.value as LessonId) : store.enter())}
          >
            {!s.lesson && <option value="">{l.lessonNone}</option>}
            {s.lesson && !s.lesson.id && <option value="custom">{l.customLesson}</option>}
            {LESSON_IDS.map((id) => (
              <option key={id} value={id}>
                {l.lessons[id]}
              </option>
            ))}
          </select>
        </label>
        {s.lesson && (
          <>
            <button className="button" data-testid="lesson-prev" disabled={s.step === 0} onClick={store.prev}>
              {l.prev}
            </button>
            <span data-testid="lesson-step">{l.step(s.step + 1, s.lesson.steps.length)}</span>
            <button className="button" data-testid="lesson-next" disabled={s.step >= s.lesson.steps.length - 1} onClick={store.next}>
              {l.next}
            </button>
            <button className="button primary" data-testid="lesson-run" disabled={isLocked(s, 'train')} onClick={store.toggleRun}>
              {phase === 'running' ? l.pause : phase === 'paused' ? l.resume : l.run}
            </button>
          </>
        )}
        <button className="button" data-testid="lecture-fullscreen" onClick={store.toggleFullscreen}>
          {l.fullscreen}
        </button>
        <button className="button" data-testid="lesson-link" onClick={copy}>
          {copied ? l.copied : l.copyLink}
        </button>
        <button className="button" data-testid="lecture-leave" onClick={store.leave}>
          {l.leave}
        </button>
        <span className="muted small lecture-keys">{l.keys}</span>
      </div>
      {s.problems.map((pr) => (
        <p key={pr.param} className="warn small" role="status" data-testid="lecture-problem">
          {l.badParam(pr.param, pr.detail)}
        </p>
      ))}
    </section>
  );
}

/** The step's narration card: beside the stage in lecture mode, so the charts keep the screen. */
export function LectureNarration() {
  const preset = useLectureStore((st) => (st.active ? (st.lesson?.steps[st.step] ?? null) : null));
  if (!preset) return null;
  const item = p.items[preset];
  return (
    <article className="narration" data-testid="narration" data-preset={preset}>
      <h2>{item.title}</h2>
      <dl>
        <NarrativeTerms preset={preset} />
      </dl>
    </article>
  );
}
