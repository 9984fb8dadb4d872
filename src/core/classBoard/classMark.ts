import { z } from 'zod';
import { SEED_LIMIT } from '../config/experiment';
import { Text } from '../share/text';

/**
 * A class link and a student's result link carry a class mark beside the experiment: the
 * student's nickname (null in the class link itself, or when the student took a random seed).
 * It is bounded plain text, only ever rendered as text, and nothing else about the student travels.
 */
export const NICKNAME_MAX = 40;

export const ClassMarkSchema = z.discriminatedUnion('kind', [
  /** A class link: the experiment, for each student to run on a seed of their own. */
  z.strictObject({ kind: z.literal('class') }),
  /** A student's result: whose it is (null: a random seed, no name given). */
  z.strictObject({ kind: z.literal('result'), student: Text(NICKNAME_MAX).nullable() }),
]);
export type ClassMark = z.infer<typeof ClassMarkSchema>;

/** A typed name as a nickname: Unicode-normalised, no control characters or angle brackets, spaces collapsed, bounded. */
export function cleanNickname(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\p{Cc}<>]/gu, '')
    .replace(/\s+/gu, ' ')
    .trim()
    .slice(0, NICKNAME_MAX)
    .trim();
}

/**
 * The seed a nickname gives: FNV-1a over its UTF-8 bytes, case-folded, so "Ana" and "ana " are
 * one student (the board then lists the second as a duplicate instead of counting them twice).
 */
export function nicknameSeed(nickname: string): number {
  const bytes = new TextEncoder().encode(cleanNickname(nickname).toLocaleLowerCase('en'));
  let h = 0x811c9dc5;
  for (const b of bytes) h = Math.imul(h ^ b, 16777619);
  // Spread the last bytes' bits over the whole word before cutting it to the seed range.
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 12;
  return (h >>> 0) % SEED_LIMIT;
}

/** A random seed for a student who would rather not type a name (shown on screen, so it can be read out). */
export const randomSeed = (): number => crypto.getRandomValues(new Uint32Array(1))[0] % SEED_LIMIT;
