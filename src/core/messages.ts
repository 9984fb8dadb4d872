import { z } from 'zod';
/**
 * Message codes: how the engine, the worker and the stores say something to the user without
 * choosing a language. A message is plain JSON (it crosses the worker boundary and is stored in
 * IndexedDB); the UI renders it through the translation layer (src/i18n), so a message shown
 * in English turns Chinese when the user switches, even after it was stored.
 */
/** A parameter: plain JSON, or another message (a reason inside a sentence), rendered first. */
export type MsgArg = string | number | boolean | null | string[] | number[] | Msg;
export interface Msg {
  /** A dotted path into the language bundle, e.g. `uploads.emptyFile` or `msg.engineRestarted`. */
  code: string;
  args: MsgArg[];
}

export const msg = (code: string, ...args: MsgArg[]): Msg => ({ code, args });

/** Text from outside the lab's own dictionary (a library's or the browser's error), shown as is inside a translated frame. */
export const rawMsg = (text: string): Msg => msg('msg.detail', text);

const MARK = '\u00a7msg:';

/**
 * An error that carries a message code. Its `message` encodes the code, so it survives Comlink's
 * error transfer (which keeps only name, message and stack) and `messageOf` reads it back.
 */
export class CodedError extends Error {
  constructor(readonly msg: Msg) {
    super(MARK + JSON.stringify(msg));
    this.name = 'CodedError';
  }
}

export const coded = (code: string, ...args: MsgArg[]): CodedError => new CodedError(msg(code, ...args));

const isArg = (a: unknown, depth = 0): a is MsgArg =>
  a === null ||
  ['string', 'number', 'boolean'].includes(typeof a) ||
  (Array.isArray(a) && (a.every((x) => typeof x === 'string') || a.every((x) => typeof x === 'number'))) ||
  (depth < 3 && asMsg(a, depth + 1) !== null);

/** Parses a stored or transferred message, or null if it is not one (stored records are untrusted). */
export function asMsg(value: unknown, depth = 0): Msg | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const { code, args } = value as { code?: unknown; args?: unknown };
  if (
    typeof code !== 'string' ||
    !/^[a-zA-Z][\w.]{0,120}$/.test(code) ||
    !Array.isArray(args) ||
    args.length > 12 ||
    !args.every((a) => isArg(a, depth))
  )
    return null;
  return { code, args };
}

/** The message an error carries: its code if it is a CodedError (also after a worker hop), else its text as detail. */
export function messageOf(err: unknown): Msg {
  if (err instanceof CodedError) return err.msg;
  const text = err instanceof Error ? err.message : String(err);
  if (text.startsWith(MARK)) {
    try {
      const parsed = asMsg(JSON.parse(text.slice(MARK.length)));
      if (parsed) return parsed;
    } catch {
      /* not ours after all */
    }
  }
  // Comlink may prefix or wrap; find the mark anywhere.
  const at = text.indexOf(MARK);
  if (at > 0) return messageOf(new Error(text.slice(at)));
  return rawMsg(text);
}

/**
 * A message inside an untrusted record (a link, a stored study): a code the lab knows the
 * shape of, with bounded plain arguments. Older links and records carry plain text instead,
 * which is kept and shown as it is.
 */
const PlainArg = z.union([
  z
    .string()
    .max(300)
    .regex(/^[^\p{Cc}<>]*$/u),
  z.number().finite(),
  z.boolean(),
  z.null(),
  z.array(z.string().max(120)).max(20),
  z.array(z.number().finite()).max(20),
]);
const Code = z.string().regex(/^[a-zA-Z][\w.]{0,120}$/);
/** A code a record may carry: the engine's messages and errors, and upload messages (never a UI string's path). */
const RecordCode = Code.regex(/^(msg|err|uploads)\./);
/** A message in a record: one level of nesting at most (a reason inside a sentence), as the engine makes them. */
const InnerMsg = z.strictObject({ code: RecordCode, args: z.array(PlainArg).max(12) });
export const MsgSchema: z.ZodType<Msg> = z.strictObject({ code: RecordCode, args: z.array(z.union([PlainArg, InnerMsg])).max(12) });

/**
 * A code where only a string fits (a zod schema's custom message): `§code`. Renderers turn it
 * into the message; anything else reads it as plain text.
 */
export const codeText = (code: string): string => `\u00a7${code}`;
export const codeOfText = (text: string): string | null => (/^\u00a7[a-zA-Z][\w.]{0,120}$/.test(text) ? text.slice(1) : null);

/** Plain text (older records) becomes a message shown as is. */
export const toMsg = (v: Msg | string): Msg => (typeof v === 'string' ? rawMsg(v) : v);

/**
 * An invariant the user cannot cause (a shape mismatch inside a math helper, a call before its
 * precondition): a programmer's error, not a message. Its text stays English; the UI shows it as
 * an internal-error detail inside a translated frame (messageOf turns it into `msg.detail`).
 */
export const bug = (text: string): Error => new Error(text);
