import type { z } from 'zod';
import './zodSetup';
import { codeText, coded, msg, type Msg } from '../messages';

/** One readable line for the first problem zod found, e.g. `models.0.card.recipe: expected …`. */
export function describeIssues(error: z.ZodError): string {
  const first = error.issues[0];
  const more = error.issues.length > 1 ? ` (and ${error.issues.length - 1} more)` : '';
  return `"${first.path.join('.') || '(root)'}": ${first.message}${more}`;
}

/**
 * The first problem zod found as a message (`err.issue`): its path, its message and how many more.
 * A custom message written as a code (`codeText('err.zod.…')`) is rendered in the user's language;
 * zod's own messages are library text and are shown as they are.
 */
export function issueMsg(error: z.ZodError): Msg {
  const first = error.issues[0];
  return msg('err.issue', first.path.join('.') || codeText('err.issueRoot'), first.message, error.issues.length - 1);
}

/** Validates untrusted JSON, throwing a coded error that says what was wrong and where. `what` is a code text (`codeText('err.what.…')`). */
export function parseOrThrow<T>(schema: z.ZodType<T>, json: unknown, what: string): T {
  const r = schema.safeParse(json);
  if (!r.success) throw coded('err.invalidAt', what, issueMsg(r.error));
  return r.data;
}
