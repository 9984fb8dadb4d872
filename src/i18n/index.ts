/**
 * The translation layer: one bundle of typed dictionaries per language, a live view of the
 * current one, and the renderer for message codes. A typed dictionary (not i18next): every key
 * is checked by the compiler in both languages, strings with numbers are plain functions, and
 * nothing is loaded at run time.
 */
import { codeOfText, type Msg, type MsgArg } from '../core/messages';
import { en } from './en';
import { zh } from './zh';
import { explainEn } from './explain.en';
import { explainZh } from './explain.zh';
import { presetsEn } from './presets.en';
import { presetsZh } from './presets.zh';
import { uploadsEn } from './uploads.en';
import { uploadsZh } from './uploads.zh';
import { webcamEn } from './webcam.en';
import { webcamZh } from './webcam.zh';
import { messagesEn } from './messages.en';
import { messagesZh } from './messages.zh';
import { lectureEn } from './lecture.en';
import { lectureZh } from './lecture.zh';
import { errorsEn } from './errors.en';
import { errorsZh } from './errors.zh';
import { workspaceEn } from './workspace.en';
import { workspaceZh } from './workspace.zh';
import { classBoardEn } from './classBoard.en';
import { classBoardZh } from './classBoard.zh';
import { remediesEn } from './remedies.en';
import { remediesZh } from './remedies.zh';
import { catalogZh } from './catalog';

export const LANGUAGES = ['en', 'zh'] as const;
export type Language = (typeof LANGUAGES)[number];
export const isLanguage = (v: unknown): v is Language => LANGUAGES.includes(v as Language);

const bundles = {
  en: {
    ui: en,
    explain: explainEn,
    presets: presetsEn,
    uploads: uploadsEn,
    webcam: webcamEn,
    msg: messagesEn,
    lecture: lectureEn,
    err: errorsEn,
    workspace: workspaceEn,
    classBoard: classBoardEn,
    remedies: remediesEn,
  },
  zh: {
    ui: zh,
    explain: explainZh,
    presets: presetsZh,
    uploads: uploadsZh,
    webcam: webcamZh,
    msg: messagesZh,
    lecture: lectureZh,
    err: errorsZh,
    workspace: workspaceZh,
    classBoard: classBoardZh,
    remedies: remediesZh,
  },
} satisfies Record<Language, unknown>;
export type Bundle = (typeof bundles)['en'];

let current: Language = 'en';
export const language = (): Language => current;
/** Switches every live dictionary; the app re-renders itself (state/languageStore). */
export function setLanguage(lang: Language): void {
  current = lang;
  if (typeof document !== 'undefined') document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
}
/** The locale for numbers and dates in the current language. */
export const locale = (): string => (current === 'zh' ? 'zh-CN' : 'en-US');

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * A view of one dictionary that always reads the current language: modules may keep
 * `const r = ui.results` at top level and still render Chinese after a switch. Objects are
 * views; strings, functions and arrays are read at access time — so a module must not keep a
 * string, function or array itself at top level (it would stay in the language of start-up).
 * Spreading a view copies the current language; a view cannot be cloned (postMessage, IndexedDB).
 */
function live<T extends object>(pick: (b: Bundle) => T): T {
  const views = new Map<string, object>();
  const resolve = (path: readonly string[]): unknown =>
    path.reduce<unknown>((v, k) => (v as Record<string, unknown>)[k], pick(bundles[current] as Bundle));
  const view = (path: readonly string[]): object => {
    const id = path.join('\u0000');
    let v = views.get(id);
    if (!v) {
      v = new Proxy(
        {},
        {
          get: (_, key) => {
            const value = (resolve(path) as Record<string | symbol, unknown>)[key];
            return typeof key === 'string' && isPlainObject(value) ? view([...path, key]) : value;
          },
          has: (_, key) => key in (resolve(path) as object),
          ownKeys: () => Reflect.ownKeys(resolve(path) as object),
          getOwnPropertyDescriptor: (_, key) => {
            const d = Reflect.getOwnPropertyDescriptor(resolve(path) as object, key);
            return d && { ...d, configurable: true };
          },
        },
      );
      views.set(id, v);
    }
    return v;
  };
  return view([]) as T;
}

export const ui = live((b) => b.ui);
export const tExplain = live((b) => b.explain);
export const tPresets = live((b) => b.presets);
export const tUploads = live((b) => b.uploads);
export const tWebcam = live((b) => b.webcam);
export const tMsg = live((b) => b.msg);
export const tLecture = live((b) => b.lecture);
export const tWorkspace = live((b) => b.workspace);
export const tClass = live((b) => b.classBoard);
export const tRemedies = live((b) => b.remedies);

const isMsg = (a: unknown): a is Msg => isPlainObject(a) && typeof a.code === 'string' && Array.isArray(a.args);

/** Renders a message code in the current language; an unknown code shows itself, never throws. */
export function render(m: Msg): string {
  let v: unknown = bundles[current];
  for (const k of m.code.split('.')) v = isPlainObject(v) && Object.hasOwn(v, k) ? v[k] : undefined;
  if (typeof v === 'string') return v;
  // Nested messages and `§code` strings (zod's custom messages) are rendered before they fill a sentence.
  const args = m.args.map((a) =>
    isMsg(a)
      ? render(a)
      : typeof a === 'string' && codeOfText(a) && knows(current, codeOfText(a)!)
        ? render({ code: codeOfText(a)!, args: [] })
        : a,
  );
  // A message from a record may name a function with arguments it does not take: show the code, never throw.
  if (typeof v === 'function') {
    try {
      return String((v as (...a: unknown[]) => unknown)(...args));
    } catch {
      return m.code;
    }
  }
  return m.code;
}

/** Is this a code the bundle knows (for the completeness test and for stored records)? */
export function knows(lang: Language, code: string): boolean {
  let v: unknown = bundles[lang];
  for (const k of code.split('.')) v = isPlainObject(v) && Object.hasOwn(v, k) ? v[k] : undefined;
  return typeof v === 'string' || typeof v === 'function';
}

/** Catalog text (zoo models, built-in targets, class names) in the current language, English from the data otherwise. */
export function catalog(
  kind: 'zoo' | 'targets' | 'hosted',
  id: string,
  field: 'name' | 'description' | 'sourceDomain',
  english: string,
): string {
  if (current !== 'zh') return english;
  return catalogZh[kind][id]?.[field] ?? english;
}
export const className = (english: string): string => (current === 'zh' ? (catalogZh.classNames[english] ?? english) : english);

export const bundlesForTests = bundles;

/** A run's description and similar lists of parts, joined the way the language joins clauses. */
export const renderParts = (parts: readonly Msg[]): string => parts.map(render).join(current === 'zh' ? '；' : '; ');

/** A run's display name: its message code rendered, or the plain text older records carry. */
export const runName = (name: Msg | string): string => (typeof name === 'string' ? name : render(name));

type Coder<T> = {
  [K in keyof T]: T[K] extends (...args: infer A) => string ? (...args: A) => Msg : T[K] extends string ? () => Msg : never;
};
/**
 * Message makers for one module, with its functions' own parameter types: `codes('uploads')
 * .emptyFile(name)` is the message `uploads.emptyFile` with `[name]`, worded when rendered.
 */
export function codes<K extends keyof Bundle>(module: K): Coder<Bundle[K]> {
  // `then` stays undefined, so a coder is never mistaken for a promise.
  return new Proxy({} as Coder<Bundle[K]>, {
    get: (_, key) => (key === 'then' || typeof key === 'symbol' ? undefined : (...args: MsgArg[]) => ({ code: `${module}.${key}`, args })),
  });
}
