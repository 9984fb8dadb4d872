import { z } from 'zod';
import { PRESET_IDS, type PresetId } from '../presets';

/**
 * Lecture mode's link parameters, read from the query string (`?lecture&lesson=…&step=2&hide=…`)
 * so they sit beside a share link's `#x=` fragment without touching the experiment config.
 * Like TensorFlow Playground's `_hide` flags, controls are named one by one: an instructor can
 * share "only the Train button and the chart".
 */

/** Every control a link can hide or lock, with the panel it lives in (null: a panel itself). */
export const CONTROLS = {
  presets: null,
  source: null,
  target: null,
  'target-choice': 'target',
  'domain-gap': 'target',
  bias: 'target',
  augment: null,
  training: null,
  'training-settings': 'training',
  strategy: 'training-settings',
  epochs: 'training-settings',
  'batch-size': 'training-settings',
  'learning-rate': 'training-settings',
  seed: 'training-settings',
  seeds: 'training-settings',
  validation: 'training-settings',
  'scratch-baseline': 'training-settings',
  remedies: 'training-settings',
  train: 'training',
  sweep: 'training',
  share: null,
  results: null,
  chart: 'results',
  'results-details': 'results',
  featuremap: null,
  experiments: null,
  selection: null,
  fusion: null,
  board: null,
  explain: null,
} as const satisfies Record<string, string | null>;
export type ControlId = keyof typeof CONTROLS;
export const CONTROL_IDS = Object.keys(CONTROLS) as ControlId[];

/** Built-in lessons: ordered presets that tell one story, a narration card per step. */
export const LESSONS = {
  'three-challenges': ['positive', 'shortcut', 'forgetting', 'fusion'],
  'data-bias': ['shortcut', 'background', 'mismatch', 'domain-gap'],
  'choosing-sources': ['positive', 'few-shot', 'model-selection', 'fusion'],
  // Break → fix → measure: each step breaks a transfer and trains its remedy beside it, with a verdict.
  'fix-it': ['noise-fix', 'imbalance-fix', 'forgetting'],
} as const satisfies Record<string, readonly PresetId[]>;
export type LessonId = keyof typeof LESSONS;
export const LESSON_IDS = Object.keys(LESSONS) as LessonId[];

const idList = <T extends string>(ids: readonly T[]) =>
  z
    .string()
    .max(600)
    .transform((s) =>
      s
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.enum(ids as [T, ...T[]])).max(40));

/** A lesson in a link: a built-in id, or the presets themselves separated by commas. */
const LessonParam = z.union([
  z.enum(LESSON_IDS as [LessonId, ...LessonId[]]),
  idList(PRESET_IDS).pipe(z.array(z.enum(PRESET_IDS)).min(1).max(12)),
]);

export interface LectureParams {
  active: boolean;
  hide: ControlId[];
  lock: ControlId[];
  /** Shown alone: every other control is hidden (null = no such restriction). */
  only: ControlId[] | null;
  lesson: { id: LessonId | null; steps: PresetId[] } | null;
  /** 0-based step of the lesson. */
  step: number;
}

export const NO_LECTURE: LectureParams = { active: false, hide: [], lock: [], only: null, lesson: null, step: 0 };

export type LectureProblem = { param: string; detail: string };

/**
 * Reads lecture parameters from a query string. Every parameter is validated on its own: a bad
 * one is reported and dropped, the rest still apply (an instructor's link must not fail whole).
 */
export function parseLectureParams(search: string): { params: LectureParams; problems: LectureProblem[] } {
  const q = new URLSearchParams(search);
  const problems: LectureProblem[] = [];
  const read = <T>(name: string, schema: z.ZodType<T>): T | undefined => {
    const raw = q.get(name);
    if (raw === null) return undefined;
    const r = schema.safeParse(raw);
    if (r.success) return r.data;
    problems.push({ param: name, detail: raw.slice(0, 80) });
    return undefined;
  };
  // Control lists keep the names the lab knows and report the rest: one typo must not undo a whole list.
  const controls = (name: string): ControlId[] | undefined => {
    const raw = q.get(name);
    if (raw === null) return undefined;
    const ids = raw
      .slice(0, 600)
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean);
    const unknown = ids.filter((x) => !(CONTROL_IDS as string[]).includes(x));
    if (unknown.length) problems.push({ param: name, detail: unknown.join(',').slice(0, 80) });
    return ids.filter((x): x is ControlId => (CONTROL_IDS as string[]).includes(x)).slice(0, 40);
  };
  const lessonRaw = read('lesson', LessonParam);
  const lesson =
    lessonRaw === undefined
      ? null
      : typeof lessonRaw === 'string'
        ? { id: lessonRaw, steps: [...LESSONS[lessonRaw]] }
        : { id: null, steps: lessonRaw };
  const stepRaw = read('step', z.coerce.number().int().min(1).max(40));
  const step = lesson && stepRaw !== undefined ? Math.min(stepRaw, lesson.steps.length) - 1 : 0;
  const onlyIds = controls('only');
  const only = onlyIds?.length ? onlyIds : null;
  const hide = controls('hide') ?? [];
  const lock = controls('lock') ?? [];
  const active = ['lecture', 'lesson', 'only', 'hide', 'lock'].some((k) => q.has(k));
  return { params: { active, hide, lock, only, lesson, step }, problems };
}

/** The query string for these parameters (the inverse of parseLectureParams). */
export function lectureQuery(p: LectureParams): string {
  const q = new URLSearchParams();
  if (!p.active) return '';
  q.set('lecture', '1');
  if (p.lesson) {
    q.set('lesson', p.lesson.id ?? p.lesson.steps.join(','));
    q.set('step', String(p.step + 1));
  }
  if (p.only) q.set('only', p.only.join(','));
  if (p.hide.length) q.set('hide', p.hide.join(','));
  if (p.lock.length) q.set('lock', p.lock.join(','));
  // Commas are safe in a query and far easier for an instructor to read and edit by hand.
  return `?${q.toString().replace(/%2C/g, ',')}`;
}

const ancestors = (id: ControlId): ControlId[] => {
  const parent = CONTROLS[id] as ControlId | null;
  return parent ? [parent, ...ancestors(parent)] : [];
};

/** Is this control shown? Hidden if it or a panel around it is hidden; with `only`, shown if it is listed, inside a listed one, or holds one. */
export function isShown(p: LectureParams, id: ControlId): boolean {
  const line = [id, ...ancestors(id)];
  if (line.some((c) => p.hide.includes(c))) return false;
  if (!p.only) return true;
  if (line.some((c) => p.only!.includes(c))) return true;
  return p.only.some((c) => ancestors(c).includes(id));
}

/** Is this control locked (visible, but not operable)? A lock on a panel locks what it holds. */
export const isLocked = (p: LectureParams, id: ControlId): boolean => [id, ...ancestors(id)].some((c) => p.lock.includes(c));
