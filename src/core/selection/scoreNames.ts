/** The transferability scores, in the order the table shows them (no TF.js: the page lists them). */
export const SCORE_NAMES = ['logme', 'leep', 'hscore', 'knn'] as const;
export type ScoreName = (typeof SCORE_NAMES)[number];
