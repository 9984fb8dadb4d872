/**
 * The analysis views beside the stage, by the id their address uses (`#view=…`). Here, not in the
 * view store, because the dictionaries name them too (and dictionaries import only the core).
 */
export const VIEW_IDS = ['inside', 'combine', 'share', 'board', 'explain'] as const;
export type ViewId = (typeof VIEW_IDS)[number];
