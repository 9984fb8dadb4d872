/** What an error says, for the per-file messages that quote it. */
export const reasonOf = (err: unknown) => (err instanceof Error ? err.message || err.name : String(err));
