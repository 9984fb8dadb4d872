import { z } from 'zod';
import { SEED_LIMIT, type ExperimentConfig } from '../config/experiment';
import { experimentFingerprint } from '../config/keys';
import { openConfig } from '../config/migrate';
import { openShareText, RunFields, type OpenedShare } from '../share/link';
import { Text } from '../share/text';
import { NICKNAME_MAX } from './classMark';

/**
 * The class board: every student's result of one experiment, and every link or file that was
 * not taken, with why. Pure data (it is saved with the experiment and travels in a bundle); the
 * figures drawn from it are in ./classReport.ts.
 */

/** More than a lecture hall: the board stops taking results here and says so. */
export const MAX_STUDENTS = 500;
/** Refusals listed at most (the oldest are dropped first: the latest paste is what the instructor reads). */
export const MAX_REFUSALS = 1000;

const SeedSchema = z
  .number()
  .int()
  .min(0)
  .max(SEED_LIMIT - 1);

export const StudentSchema = z.strictObject({
  seed: SeedSchema,
  nickname: Text(NICKNAME_MAX).nullable(),
  runs: z
    .array(z.strictObject({ ...RunFields, status: z.enum(['done', 'stopped', 'diverged', 'interrupted']) }))
    .min(1)
    .max(12),
});
export type Student = z.infer<typeof StudentSchema>;

/** Why a result was not added: a link's or a bundle's own refusal code, or one of the board's. */
export type BoardRefusal = 'no-results' | 'other-experiment' | 'duplicate-seed' | 'board-full';

/**
 * Where an offered result came from, as data (the board words it in the reader's language): a line
 * of pasted text, a file (and a line in it), or a QR code read by the webcam.
 */
export const OriginSchema = z.strictObject({
  via: z.enum(['paste', 'file', 'qr']),
  file: Text(120).optional(),
  line: z.number().int().min(1).max(10_000_000).optional(),
});
export type Origin = z.infer<typeof OriginSchema>;

export const RefusalSchema = z.strictObject({
  /** Where it came from (boards saved before origins were data hold the English text, e.g. "line 3"). */
  from: z.union([OriginSchema, Text(120)]),
  reason: z.string().regex(/^[a-z-]{1,40}$/),
  nickname: Text(NICKNAME_MAX).nullable(),
  seed: SeedSchema.nullable(),
});
export type Refusal = z.infer<typeof RefusalSchema>;

/** A stored or shipped config goes through the one way in (migrated, then validated). */
const StoredConfig = z.unknown().transform((raw, ctx): ExperimentConfig => {
  const opened = openConfig(raw);
  if (opened.ok) return opened.config;
  ctx.addIssue({ code: 'custom', message: opened.code });
  return z.NEVER;
});

export const BoardSchema = z.strictObject({
  /** The experiment every student ran (the first result's config; its seed is that student's). */
  config: StoredConfig.nullable(),
  students: z.array(StudentSchema).max(MAX_STUDENTS),
  refused: z.array(RefusalSchema).max(MAX_REFUSALS),
});
export type Board = z.infer<typeof BoardSchema>;

export const EMPTY_BOARD: Board = { config: null, students: [], refused: [] };

/**
 * One thing offered to the board: an opened link or bundle with its experiment's fingerprint, or
 * the code it was refused with. Made where the link is opened (a worker, for a pasted class).
 */
export type Candidate = { from: Origin } & ({ ok: true; share: OpenedShare; fingerprint: string } | { ok: false; code: string });

/** An opened link or bundle as a candidate. */
export const candidateOf = (share: OpenedShare, from: Origin): Candidate => ({
  from,
  ok: true,
  share,
  fingerprint: experimentFingerprint(share.config),
});

/** Share text as a candidate: opened and checked by the link codec (never throws). */
export function openCandidate(text: string, from: Origin): Candidate {
  const opened = openShareText(text);
  return opened.ok ? candidateOf(opened.share, from) : { from, ok: false, code: opened.code };
}

/** Finished runs only count: a student's run that never reached an epoch has nothing to show. */
const finishedRuns = (share: OpenedShare): Student['runs'] =>
  (share.results?.runs ?? []).filter((r) => r.epochs.length > 0).map(({ confusion: _c, ...run }) => run);

/**
 * The board with `candidates` offered in order: each becomes a student, or a refusal with its
 * reason — another experiment (its fingerprint, the config without the seed, differs), a seed
 * already on the board, no results, a full board, or its own codec's code. Never merges silently.
 */
export function admit(board: Board, candidates: readonly Candidate[]): Board {
  let config = board.config;
  let fingerprint = config ? experimentFingerprint(config) : null;
  const students = [...board.students];
  const refused = [...board.refused];
  const seeds = new Set(students.map((s) => s.seed));
  for (const c of candidates) {
    if (!c.ok) {
      refused.push({ from: c.from, reason: c.code, nickname: null, seed: null });
      continue;
    }
    const { config: theirs, class: mark } = c.share;
    const nickname = mark?.kind === 'result' ? mark.student : null;
    const refuse = (reason: BoardRefusal) => refused.push({ from: c.from, reason, nickname, seed: theirs.seed });
    const runs = finishedRuns(c.share);
    if (!runs.length) refuse('no-results');
    else if (fingerprint !== null && c.fingerprint !== fingerprint) refuse('other-experiment');
    else if (seeds.has(theirs.seed)) refuse('duplicate-seed');
    else if (students.length >= MAX_STUDENTS) refuse('board-full');
    else {
      if (!config) {
        config = theirs;
        fingerprint = c.fingerprint;
      }
      seeds.add(theirs.seed);
      students.push({ seed: theirs.seed, nickname, runs });
    }
  }
  return { config, students, refused: refused.slice(-MAX_REFUSALS) };
}

/** A student as the board names them: their nickname, else their seed. */
export const studentLabel = (s: Pick<Student, 'nickname' | 'seed'>): string => s.nickname ?? `#${s.seed}`;
