/**
 * What the service worker keeps (vite.config.ts reads this file, so it imports nothing): the app
 * shell and the default experiment's source model and dataset are precached; every other dataset
 * and model goes to DATA_CACHE when first used, or all at once from "Make available offline".
 * offlineAssets.test.ts holds the two names to DEFAULT_CONFIG.
 */
export const DATA_CACHE = 'transfer-lab-data-v1';
/** The default source's folder under public/models/. */
export const DEFAULT_SOURCE = 'digits-0-4';
/** The default target's packed dataset, whose files are datasets/<id>.*. */
export const DEFAULT_DATASET = 'mnist';
/** The precache's patterns for the default experiment's files (public/ paths). */
export const DEFAULT_ASSET_PATTERNS = [`models/${DEFAULT_SOURCE}/*`, `datasets/${DEFAULT_DATASET}.*`];
