import type { z } from 'zod';
import './zodSetup';

/** One readable line for the first problem zod found, e.g. `models.0.card.recipe: expected …`. */
export function describeIssues(error: z.ZodError): string {
  const first = error.issues[0];
  const more = error.issues.length > 1 ? ` (and ${error.issues.length - 1} more)` : '';
  return `"${first.path.join('.') || '(root)'}": ${first.message}${more}`;
}

/** Validates untrusted JSON, throwing an Error whose message says what was wrong and where. */
export function parseOrThrow<T>(schema: z.ZodType<T>, json: unknown, what: string): T {
  const r = schema.safeParse(json);
  if (!r.success) throw new Error(`${what} is not valid at ${describeIssues(r.error)}`);
  return r.data;
}
