import { create } from 'zustand';
import {
  isLocked,
  isShown,
  lectureQuery,
  LESSONS,
  NO_LECTURE,
  parseLectureParams,
  type ControlId,
  type LectureParams,
  type LectureProblem,
  type LessonId,
} from '../core/lecture/lecture';
import type { PresetId } from '../core/presets';
import { labBusy, loadPreset, runPreset } from './presetRunner';
import { useRunStore } from './runStore';

/**
 * Lecture mode: the presentation layout, the controls a link hides or locks, and the lesson
 * being stepped through. The URL's query always says where the lecture is, so the address bar
 * is the lesson link at its current step.
 */
interface LectureState extends LectureParams {
  problems: LectureProblem[];
  fullscreen: boolean;
  /**
   * Reads the page's query (at start-up and on back/forward). With `loadStep`, a lesson whose step
   * changed loads that step's preset; returns whether it did.
   */
  openFromSearch(search: string, opts: { loadStep: boolean }): boolean;
  enter(): void;
  leave(): void;
  startLesson(id: LessonId): void;
  goTo(step: number): void;
  next(): void;
  prev(): void;
  /** Space: run the step's preset (or resume, or pause). */
  toggleRun(): void;
  toggleFullscreen(): void;
  /** This lecture as a link to share. */
  link(): string;
}

/** The lecture's query, keeping a language the link set. */
const queryFor = (p: LectureParams) => {
  const lang = typeof location === 'undefined' ? null : new URLSearchParams(location.search).get('lang');
  const q = lectureQuery(p);
  return lang ? `${q || '?'}${q ? '&' : ''}lang=${encodeURIComponent(lang)}` : q;
};
const writeUrl = (p: LectureParams) => {
  if (typeof history === 'undefined') return;
  history.replaceState(null, '', `${location.pathname}${queryFor(p)}${location.hash}`);
};
const params = (s: LectureParams): LectureParams => ({
  active: s.active,
  hide: s.hide,
  lock: s.lock,
  only: s.only,
  lesson: s.lesson,
  step: s.step,
});

export const useLectureStore = create<LectureState>()((set, get) => {
  const update = (patch: Partial<LectureParams>) => {
    set(patch);
    writeUrl(params(get()));
  };
  const stepPreset = (): PresetId | null => get().lesson?.steps[get().step] ?? null;
  return {
    ...NO_LECTURE,
    problems: [],
    fullscreen: false,
    openFromSearch(search, { loadStep }) {
      const before = get();
      const { params: p, problems } = parseLectureParams(search);
      set({ ...p, problems });
      const preset = p.lesson?.steps[p.step];
      // The same step again (a hash change, back to where it was) keeps the user's edits.
      const moved = preset !== before.lesson?.steps[before.step];
      if (!loadStep || !preset || !moved || labBusy()) return false;
      loadPreset(preset);
      return true;
    },
    enter: () => update({ active: true }),
    leave() {
      if (typeof document !== 'undefined' && document.fullscreenElement) void document.exitFullscreen().catch(() => {});
      set({ problems: [] });
      update({ ...NO_LECTURE });
    },
    startLesson(id) {
      update({ active: true, lesson: { id, steps: [...LESSONS[id]] }, step: 0 });
      if (!labBusy()) loadPreset(LESSONS[id][0]);
    },
    goTo(step) {
      const lesson = get().lesson;
      if (!lesson || step < 0 || step >= lesson.steps.length || step === get().step) return;
      // A step change never interrupts a running experiment: it waits for Stop.
      if (labBusy()) return;
      update({ step });
      loadPreset(lesson.steps[step]);
    },
    next: () => get().goTo(get().step + 1),
    prev: () => get().goTo(get().step - 1),
    toggleRun() {
      // A link that locks Train locks its key too.
      if (isLocked(get(), 'train')) return;
      const run = useRunStore.getState();
      if (run.phase === 'running') return run.pause();
      if (run.phase === 'paused') return run.resume();
      if (labBusy()) return;
      const preset = stepPreset();
      if (preset) void runPreset(preset);
    },
    toggleFullscreen() {
      if (typeof document === 'undefined') return;
      if (document.fullscreenElement) void document.exitFullscreen().catch(() => {});
      else void document.documentElement.requestFullscreen?.().catch(() => {});
    },
    link: () => `${location.origin}${location.pathname}${queryFor(params(get()))}`,
  };
});

if (typeof document !== 'undefined') {
  document.addEventListener('fullscreenchange', () => useLectureStore.setState({ fullscreen: !!document.fullscreenElement }));
}

/** How a control renders under the current lecture parameters. */
export function useControl(id: ControlId): 'shown' | 'hidden' | 'locked' {
  return useLectureStore((s) => (!isShown(s, id) ? 'hidden' : isLocked(s, id) ? 'locked' : 'shown'));
}
