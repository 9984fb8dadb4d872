import { z } from 'zod';
import { codeText } from '../messages';

/** A finite number in a sane range: what any figure from outside may be. */
export const Num = z.number().finite().min(-1e9).max(1e9);

/** A bounded string that is only ever rendered as text: no control characters, no angle brackets. */
export const Text = (max: number) =>
  z
    .string()
    .max(max)
    .regex(/^[^\p{Cc}<>]*$/u, codeText('err.zod.plainText'));

/** Outside text (a file's or a person's name) made to fit `Text(max)`: control characters and angle brackets dropped, trimmed, cut. */
export const toText = (text: string, max: number): string =>
  text
    .replace(/[\p{Cc}<>]/gu, '')
    .trim()
    .slice(0, max);
