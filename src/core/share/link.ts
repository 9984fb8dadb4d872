import { z } from 'zod';
import { SourcesSchema, type ExperimentConfig } from '../config/experiment';
import { SAMPLES_PER_CLASS } from '../data/bias';
import { openConfig, type OpenOptions } from '../config/migrate';
import { codeText, MsgSchema, type Msg } from '../messages';
import { decodeJson, encodeJson, MAX_LINK_CHARS, type DecodeFailure } from './codec';
import { Num, Text } from './text';
import { ClassMarkSchema, type ClassMark } from '../classBoard/classMark';

/**
 * Share links: `…/#x=v1.<payload>`. The payload is `{ config, results? }` — the whole experiment
 * config and, optionally, a compact snapshot of its results so the link opens showing them. It
 * lives in the fragment, which browsers never send to a server. Everything in it is validated
 * (the config by the strict experiment schema after migration, the results by their own bounded
 * schema) before the app uses any of it; strings from it are only ever rendered as text.
 */

export const SHARE_PARAM = 'x';
/** The link format's version (the bytes around the payload); the config has its own version. */
export const LINK_FORMAT = 'v1';

export { Num, Text };

export const EpochSchema = z.strictObject({
  epoch: z.number().int().min(1).max(200),
  examplesSeen: z.number().int().min(0).max(1e9),
  trainLoss: Num,
  trainAccuracy: z.number().min(0).max(1),
  valLoss: Num,
  valAccuracy: z.number().min(0).max(1),
  shiftedAccuracy: z.number().min(0).max(1).nullable(),
  sourceAccuracy: z.number().min(0).max(1).nullable(),
  wallMs: z.number().min(0).max(1e9),
  // Measured since the remedies (core/remedies); older links lack them.
  balancedAccuracy: z.number().min(0).max(1).optional(),
  selection: z.strictObject({ precision: z.number().min(0).max(1), recall: z.number().min(0).max(1) }).optional(),
});

/** What every shared run is: its plan entry (id, kind, name, colour) and its curve. */
export const RunFields = {
  id: z.string().regex(/^[a-z0-9-]{1,40}$/),
  kind: z.enum(['transfer', 'scratch']),
  // A message code since run names are translated; older links carry plain text.
  name: z.union([Text(120), MsgSchema]),
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/),
  epochs: z.array(EpochSchema).max(200),
};

/** A finished study over seeds or few-shot sizes: each variant's planned runs and their curves. */
export const SharedStudySchema = z.strictObject({
  kind: z.enum(['seeds', 'sweep']),
  sources: SourcesSchema.nullable(),
  runs: z
    .array(
      z.strictObject({
        seed: z
          .number()
          .int()
          .min(0)
          .max(2 ** 31 + 20),
        samplesPerClass: z
          .union([z.literal('all'), z.number().int()])
          .refine((v) => (SAMPLES_PER_CLASS as readonly unknown[]).includes(v), codeText('err.zod.fewShotSize')),
        runs: z
          .array(
            z.strictObject({
              ...RunFields,
              wiseft: z
                .array(
                  z.strictObject({
                    alpha: z.number().min(0).max(1),
                    targetAccuracy: z.number().min(0).max(1),
                    sourceAccuracy: z.number().min(0).max(1),
                  }),
                )
                .max(21)
                .nullable(),
            }),
          )
          .max(12),
      }),
    )
    .max(10),
});
export type SharedStudy = z.infer<typeof SharedStudySchema>;

/** A snapshot of finished runs: what the charts and the summary table draw. */
export const SharedResultsSchema = z.strictObject({
  budget: z.strictObject({
    epochs: z.number().int().min(1).max(200),
    steps: z.number().int().min(0).max(1e7),
    examples: z.number().int().min(0).max(1e9),
  }),
  classNames: z.array(Text(80)).max(100),
  runs: z
    .array(
      z.strictObject({
        ...RunFields,
        status: z.enum(['done', 'stopped', 'diverged', 'interrupted']),
        confusion: z
          .array(z.array(z.number().int().min(0).max(1e6)).max(100))
          .max(100)
          .optional(),
      }),
    )
    .min(1)
    .max(12),
  /** The study the runs belong to (the seeds panel's bands and verdict, or the few-shot sweep). */
  study: SharedStudySchema.optional(),
});
export type SharedResults = z.infer<typeof SharedResultsSchema>;

export type ShareFailure =
  DecodeFailure | 'unknown-format' | 'not-a-share' | 'newer-version' | 'invalid-config' | 'invalid-results' | 'invalid-class';

export interface OpenedShare {
  config: ExperimentConfig;
  results: SharedResults | null;
  /** A class link's or a student's result link's mark (core/classBoard), else null. */
  class: ClassMark | null;
}

/** Numbers rounded so a snapshot stays short (accuracies and losses to 4 places are what anyone reads). */
export function compactResults(results: SharedResults): SharedResults {
  const r4 = (x: number) => Math.round(x * 1e4) / 1e4;
  const r4n = (x: number | null) => (x === null ? null : r4(x));
  const compact = (epochs: z.infer<typeof EpochSchema>[]) =>
    epochs.map((m) => ({
      ...m,
      trainLoss: r4(m.trainLoss),
      trainAccuracy: r4(m.trainAccuracy),
      valLoss: r4(m.valLoss),
      valAccuracy: r4(m.valAccuracy),
      shiftedAccuracy: r4n(m.shiftedAccuracy),
      sourceAccuracy: r4n(m.sourceAccuracy),
      wallMs: Math.round(m.wallMs),
      ...(m.balancedAccuracy === undefined ? {} : { balancedAccuracy: r4(m.balancedAccuracy) }),
      ...(m.selection ? { selection: { precision: r4(m.selection.precision), recall: r4(m.selection.recall) } } : {}),
    }));
  return {
    ...results,
    runs: results.runs.map((run) => ({ ...run, epochs: compact(run.epochs) })),
    ...(results.study
      ? {
          study: {
            ...results.study,
            runs: results.study.runs.map((v) => ({ ...v, runs: v.runs.map((r) => ({ ...r, epochs: compact(r.epochs) })) })),
          },
        }
      : {}),
  };
}

/** The fragment's value for an experiment (and optionally its results and a class mark). */
export function makeShareText(config: ExperimentConfig, results?: SharedResults | null, mark?: ClassMark | null): string {
  return `${LINK_FORMAT}.${encodeJson({ config, ...(results ? { results } : {}), ...(mark ? { class: mark } : {}) })}`;
}

/** The share text carried by a location's fragment (`#x=…`, among other parameters), or null. */
export function shareTextFromHash(hash: string): string | null {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  return params.get(SHARE_PARAM);
}

export function shareUrl(base: string, text: string): string {
  return `${base.replace(/#.*$/, '')}#${SHARE_PARAM}=${text}`;
}

const PayloadSchema = z.strictObject({ config: z.unknown(), results: z.unknown().optional(), class: z.unknown().optional() });

/** A config, an optional results snapshot and an optional class mark from outside (a link or a bundle), each validated. */
export function openPayload(
  payload: { config: unknown; results?: unknown; class?: unknown },
  options: OpenOptions = {},
):
  | { ok: true; payload: OpenedShare }
  | { ok: false; code: 'newer-version' | 'invalid-config' | 'invalid-results' | 'invalid-class'; detail?: Msg } {
  const config = openConfig(payload.config, options);
  if (!config.ok) return config;
  const results = payload.results === undefined ? null : SharedResultsSchema.safeParse(payload.results);
  if (results && !results.success) return { ok: false, code: 'invalid-results' };
  const mark = payload.class === undefined ? null : ClassMarkSchema.safeParse(payload.class);
  if (mark && !mark.success) return { ok: false, code: 'invalid-class' };
  return { ok: true, payload: { config: config.config, results: results?.data ?? null, class: mark?.data ?? null } };
}

/**
 * Opens share text: the experiment it carries, migrated to the current config version and
 * validated, or the one reason it cannot be opened (with a short detail for invalid configs).
 * Never throws, whatever the text.
 */
export function openShareText(
  text: string,
  options: OpenOptions = {},
): { ok: true; share: OpenedShare } | { ok: false; code: ShareFailure; detail?: Msg } {
  try {
    if (text.length > MAX_LINK_CHARS + 3) return { ok: false, code: 'too-long' };
    const dot = text.indexOf('.');
    if (dot < 0 || text.slice(0, dot) !== LINK_FORMAT)
      return text
        ? { ok: false, code: /^v\d+$/.test(text.slice(0, dot)) ? 'newer-version' : 'unknown-format' }
        : { ok: false, code: 'empty' };
    const decoded = decodeJson(text.slice(dot + 1));
    if (!decoded.ok) return { ok: false, code: decoded.code };
    const payload = PayloadSchema.safeParse(decoded.value);
    if (!payload.success) return { ok: false, code: 'not-a-share' };
    const opened = openPayload(payload.data, options);
    return opened.ok ? { ok: true, share: opened.payload } : opened;
  } catch {
    // Nothing above should throw; if anything does, the link is still just a bad link.
    return { ok: false, code: 'bad-json' };
  }
}
