import { codeText, MsgSchema } from '../../core/messages';
import { z } from 'zod';
import { SourceSchema } from '../../core/config/experiment';
import { Num, Text } from '../../core/share/link';
import type { FusionReport } from '../../core/fusion/ensemble';
import type { ScoreRow } from '../../workers/engine/api';

/**
 * The model-selection table and the fusion lab's results as stored with an experiment: what a
 * reload must bring back besides the runs. Read back from storage, so validated like a link
 * (bounded, strict); strings in them are only ever rendered as text.
 */

const Share = z.number().min(0).max(1);
const Key = z.string().regex(/^[A-Za-z0-9:_-]{1,120}$/);
const ScoreValues = z.strictObject({ logme: Num.nullable(), leep: Num.nullable(), hscore: Num.nullable(), knn: Num.nullable() });
const Ms = z.number().min(0).max(1e8);
const Unavailable = z.enum(['no-head', 'not-probabilities', 'too-few-images']);

const ScoreRowSchema = z.discriminatedUnion('ok', [
  z.strictObject({
    ok: z.literal(true),
    row: z.strictObject({
      source: SourceSchema,
      dims: z.number().int().min(0).max(1e6),
      images: z.number().int().min(0).max(1e7),
      scores: ScoreValues,
      unavailable: z.strictObject({ logme: Unavailable, leep: Unavailable, hscore: Unavailable, knn: Unavailable }).partial(),
      ms: z.strictObject({ features: Ms, logme: Ms.optional(), leep: Ms.optional(), hscore: Ms.optional(), knn: Ms.optional() }),
    }),
  }),
  // A message code since the UI is translated; older records carry the English text.
  z.strictObject({ ok: z.literal(false), source: SourceSchema, error: z.union([Text(2000), MsgSchema]) }),
]);

export const SelectionSnapshotSchema = z.strictObject({
  scoredFor: z.string().max(20_000).nullable(),
  rows: z.array(ScoreRowSchema).max(24),
  /** Final validation accuracy per seed of each fine-tuned candidate, by source key. */
  actual: z.record(Text(300), z.array(Share).max(10)),
  checked: z.boolean(),
});
export type SelectionSnapshot = z.infer<typeof SelectionSnapshotSchema>;

const Confusion = z.array(z.array(z.number().int().min(0).max(1e7)).max(100)).max(100);
const Predictions = z.instanceof(Int32Array).refine((p) => p.length <= 1e6, codeText('err.zod.tooManyPredictions'));
const Scored = { predictions: Predictions, accuracy: Share, confusion: Confusion };

const FusionReportSchema = z.strictObject({
  members: z
    .array(z.strictObject({ id: Key, accuracy: Share, confusion: Confusion }))
    .min(1)
    .max(24),
  bestMember: z.strictObject({ id: Key, accuracy: Share }),
  methods: z.strictObject({
    softUniform: z.strictObject(Scored),
    softWeighted: z.strictObject({ ...Scored, weights: z.array(Num).max(24) }),
    hard: z.strictObject({ ...Scored, ties: z.number().int().min(0).max(1e6) }),
    stacking: z.strictObject(Scored),
  }),
});

/** How a kept run is named once the worker that kept it is gone (after a reload). */
const MemberLabel = z.strictObject({
  name: z.union([Text(120), MsgSchema]),
  experiment: Text(20),
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/),
});

export const FusionSnapshotSchema = z.strictObject({
  report: FusionReportSchema.nullable(),
  reportFor: z.array(Key).max(24),
  labels: z.record(Key, MemberLabel),
  classNames: z.array(Text(80)).max(100),
  study: z
    .array(
      z.strictObject({
        seed: z
          .number()
          .int()
          .min(0)
          .max(2 ** 31 + 20),
        keys: z.array(Key).max(24),
        report: FusionReportSchema,
      }),
    )
    .max(10),
});
export type MemberLabel = z.infer<typeof MemberLabel>;
export interface FusionSnapshot {
  report: FusionReport | null;
  reportFor: string[];
  labels: Record<string, MemberLabel>;
  classNames: string[];
  study: { seed: number; keys: string[]; report: FusionReport }[];
}

/** A stored selection table, or null when there is none or it does not pass its schema. */
export function readSelection(stored: unknown): SelectionSnapshot | null {
  const r = SelectionSnapshotSchema.safeParse(stored);
  return r.success ? r.data : null;
}

/** A stored fusion report and study, or null when there is none or it does not pass its schema. */
export function readFusion(stored: unknown): FusionSnapshot | null {
  const r = FusionSnapshotSchema.safeParse(stored);
  // Only the typed arrays' buffer type differs (ArrayBuffer vs ArrayBufferLike): structurally the same.
  return r.success ? (r.data as FusionSnapshot) : null;
}

// The schemas must describe the stores' own types, or a stored record could not be read back.
type Assert<T extends true> = T;
export type RowsMatch = Assert<SelectionSnapshot['rows'][number] extends ScoreRow ? true : false>;
export type ReportMatches = Assert<z.infer<typeof FusionReportSchema> extends FusionReport ? true : false>;
