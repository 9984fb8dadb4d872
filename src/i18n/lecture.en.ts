import type { LessonId } from '../core/lecture/lecture';

/** Lecture mode, lessons and the language switch. */
export const lectureEn: {
  enter: string;
  enterTitle: string;
  title: string;
  leave: string;
  lessonPick: string;
  lessonNone: string;
  lessons: Record<LessonId, string>;
  customLesson: string;
  step: (n: number, total: number) => string;
  prev: string;
  next: string;
  run: string;
  pause: string;
  resume: string;
  fullscreen: string;
  copyLink: string;
  copied: string;
  keys: string;
  badParam: (param: string, value: string) => string;
  language: string;
  languageNames: { en: string; zh: string };
} = {
  enter: 'Lecture mode',
  enterTitle: 'A presentation layout for a hall: large type, charts filling the screen, lessons stepped with the arrow keys',
  title: 'Lecture',
  leave: 'Leave (Esc)',
  lessonPick: 'Lesson',
  lessonNone: 'No lesson: present the lab as it is',
  lessons: {
    'three-challenges': 'The three challenges: positive transfer → the colour shortcut → forgetting and its fix → fusion',
    'data-bias': 'Data bias: colour shortcut → background shortcut → mismatched domain → domain gap',
    'choosing-sources': 'Choosing sources: positive transfer → few-shot → model selection → fusion',
    'fix-it': 'Fix it: label noise and its remedies → class imbalance and its remedies → forgetting and its fix',
  },
  customLesson: 'Lesson from the link',
  step: (n, total) => `Step ${n} of ${total}`,
  prev: '← Back',
  next: 'Next →',
  run: 'Run (Space)',
  pause: 'Pause (Space)',
  resume: 'Resume (Space)',
  fullscreen: 'Full screen (F)',
  copyLink: 'Copy lesson link',
  copied: 'Link copied',
  keys: '→ next step · ← back · Space run / pause · F full screen · Esc leave',
  badParam: (param, value) => `The link's "${param}" (${value}) is not one the lab knows: it was ignored.`,
  language: 'Language',
  languageNames: { en: 'English', zh: '中文' },
};
