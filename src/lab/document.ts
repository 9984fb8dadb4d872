import type { z } from 'zod';
import type { ExperimentConfig } from '../core/config/experiment';
import { bug, type Msg } from '../core/messages';

/**
 * The lab as one document. Each piece of state that is saved or travels registers once, as a
 * slice: what it is called in a document, which documents carry it, how to check it, take it and
 * put it back. Saved experiments, share links and bundles all walk this one list, so a new
 * persisted analysis is one slice file and one line in ./slices/index.ts.
 */

/** A saved experiment (an IndexedDB record), a share link, a bundle (a zip). */
export type DocumentKind = 'record' | 'link' | 'bundle';

/** What a slice is put back against: every document is of one experiment config. */
export interface RestoreContext {
  from: DocumentKind;
  config: ExperimentConfig;
}

export interface DocumentSlice<T> {
  /** Its field in every document that carries it: stored records, links and bundle files name it, so it is never renamed. */
  readonly id: string;
  readonly in: readonly DocumentKind[];
  /**
   * Checks what comes back from outside (an older lab, a hand edit, a stranger's link). A refusal
   * may name its reason as a message in the issue's `params.detail` (the config does).
   */
  readonly schema: z.ZodType<T, unknown>;
  /** Without it the document is refused whole (nothing is restored); the others are optional parts. */
  readonly required?: boolean;
  /**
   * Kept beside the record in an object store of its own (too big for one structured clone) and
   * saved there by autosave as it changes; a record restore still hands it to the slice.
   */
  readonly apart?: boolean;
  /** Reported when a stored value is there but unreadable (the rest of the document is still used). */
  readonly unreadable?: Msg;
  /** What the lab holds now, for a document of kind `to`; null or undefined: nothing (a link or bundle leaves the field out). */
  snapshot(to: DocumentKind): T | null | undefined;
  restore(value: T, ctx: RestoreContext): void | Promise<void>;
  /** Back to nothing: a new experiment, or a saved one without this part (or with it unreadable). */
  clear?(): void | Promise<void>;
  /** Calls `changed` whenever the part a saved experiment keeps changes (autosave); returns the unsubscribe. */
  watch?(changed: () => void): () => void;
}

/**
 * What the core codecs can carry (their payload and manifest schemas are strict, so older labs
 * refuse anything else): a link's `{ config, results?, class? }`, a bundle's manifest plus its image folders.
 * A slice asking to travel where it cannot is a programming error, caught at registration.
 */
export const CARRIED: Record<Exclude<DocumentKind, 'record'>, readonly string[]> = {
  link: ['config', 'results', 'class'],
  bundle: ['config', 'results', 'images', 'class', 'board'],
};

/** The slice every other is read against. */
export const CONFIG_ID = 'config';

const slices: DocumentSlice<unknown>[] = [];

/** Registers a slice (in the order documents restore them); returns its removal, for tests. */
export function registerSlice<T>(slice: DocumentSlice<T>): () => void {
  if (slices.some((s) => s.id === slice.id)) throw bug(`slice registered twice: ${slice.id}`);
  for (const kind of slice.in)
    if (kind !== 'record' && !CARRIED[kind].includes(slice.id)) throw bug(`the ${kind} codec cannot carry slice ${slice.id}`);
  const entry = slice as DocumentSlice<unknown>;
  slices.push(entry);
  return () => void slices.splice(slices.indexOf(entry), 1);
}

export const slicesIn = (kind: DocumentKind): readonly DocumentSlice<unknown>[] => slices.filter((s) => s.in.includes(kind));

/** A document's fields by slice id; the config is always there (an experiment is its config). */
export type LabDocument = { config: ExperimentConfig } & Record<string, unknown>;

/** The lab now as a document of `kind`: each slice's snapshot under its id; fields kept apart are left to their own stores. */
export function snapshotDocument(kind: DocumentKind): LabDocument {
  const doc: Record<string, unknown> = {};
  for (const slice of slicesIn(kind)) {
    if (kind === 'record' && slice.apart) continue;
    const value = slice.snapshot(kind);
    // A record keeps every field (null for none), as it always has; links and bundles leave it out.
    if (value !== undefined && (value !== null || kind === 'record')) doc[slice.id] = value;
  }
  if (!doc[CONFIG_ID]) throw bug('no config slice registered');
  return doc as LabDocument;
}

export type ReadDocument =
  { ok: true; config: ExperimentConfig; values: Map<string, unknown>; problems: Msg[] } | { ok: false; detail: Msg | null };

const detailOf = (error: z.ZodError): Msg | null => {
  const params = (error.issues[0] as { params?: { detail?: Msg } } | undefined)?.params;
  return params?.detail ?? null;
};

/**
 * Checks a document from outside, every slice before any store is touched: a saved experiment's
 * record (links and bundles are checked by their codecs, and come in through openedDocument).
 * Missing or unreadable optional parts are left out of `values` (and reported when the slice says
 * how); a missing or unreadable required part refuses the whole document.
 */
export function readDocument(kind: DocumentKind, doc: Readonly<Record<string, unknown>>): ReadDocument {
  const values = new Map<string, unknown>();
  const problems: Msg[] = [];
  for (const slice of slicesIn(kind)) {
    const raw = doc[slice.id];
    if (raw == null && !slice.required) continue;
    const parsed = slice.schema.safeParse(raw);
    if (parsed.success) values.set(slice.id, parsed.data);
    else if (slice.required) return { ok: false, detail: detailOf(parsed.error) };
    else if (slice.unreadable) problems.push(slice.unreadable);
  }
  const config = values.get(CONFIG_ID) as ExperimentConfig | undefined;
  return config ? { ok: true, config, values, problems } : { ok: false, detail: null };
}

/**
 * A link or bundle its codec has already opened: config migrated and checked, results checked
 * (core/share/link.ts's openPayload, in the zip worker for a bundle), a bundle's image files
 * listed by the zip worker and each one checked again by the upload decode. Its fields are taken
 * as the codec returned them: running the slices' schemas over them again on the page would
 * check the same things twice, and for a thousand images that second pass is a long task.
 * Fields no slice of `kind` carries are left out, as readDocument leaves them.
 */
export function openedDocument(kind: Exclude<DocumentKind, 'record'>, doc: Readonly<LabDocument>): Extract<ReadDocument, { ok: true }> {
  const values = new Map<string, unknown>();
  for (const slice of slicesIn(kind)) if (doc[slice.id] != null) values.set(slice.id, doc[slice.id]);
  return { ok: true, config: doc.config, values, problems: [] };
}

type Step = () => void | Promise<void>;

/** Runs steps one after another, synchronously until one returns a promise: a link opens before the first render. */
function inOrder(steps: readonly Step[]): void | Promise<void> {
  for (let i = 0; i < steps.length; i++) {
    const r = steps[i]!();
    if (r instanceof Promise) return r.then(() => inOrder(steps.slice(i + 1)));
  }
}

// While a saved experiment is put back (or cleared), the stores' changes are not saved back (autosave asks).
let restoring = false;
export const isRestoring = () => restoring;

async function quietly(run: () => void | Promise<void>): Promise<void> {
  restoring = true;
  try {
    await run();
  } finally {
    restoring = false;
  }
}

/**
 * Puts a checked document into the stores, slice by slice in registration order. A saved
 * experiment is the whole lab, so its missing parts are cleared (quietly); a link or a bundle only
 * brings what it carries (a bundle opens as a new, already empty experiment; a link keeps the rest).
 */
export function restoreDocument(kind: DocumentKind, read: Extract<ReadDocument, { ok: true }>): void | Promise<void> {
  const ctx: RestoreContext = { from: kind, config: read.config };
  const steps = slicesIn(kind).flatMap((slice): Step[] => {
    if (read.values.has(slice.id)) return [() => slice.restore(read.values.get(slice.id), ctx)];
    return kind === 'record' && slice.clear ? [() => slice.clear!()] : [];
  });
  return kind === 'record' ? quietly(() => inOrder(steps)) : inOrder(steps);
}

/** A new, empty experiment: every slice a saved experiment has, cleared (and not saved back while it happens). */
export function clearDocument(): Promise<void> {
  return quietly(() => inOrder(slicesIn('record').flatMap((slice): Step[] => (slice.clear ? [() => slice.clear!()] : []))));
}
