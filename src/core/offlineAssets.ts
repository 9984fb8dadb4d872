import { DEFAULT_CONFIG } from './config/experiment';

/**
 * What the service worker keeps, derived from the default experiment so the two never drift:
 * its source model and its dataset are precached with the app shell (vite.config.ts); every other
 * dataset and model goes to DATA_CACHE when first used, or all at once from "Make available offline".
 */
export const DATA_CACHE = 'transfer-lab-data-v1';

const { source, target } = DEFAULT_CONFIG;
/** The default source's folder under public/models/ (null if the default ever stops being a zoo model). */
export const DEFAULT_SOURCE = source.kind === 'zoo' ? source.id : null;
/** The default target's packed dataset, whose files are datasets/<id>.* (null if it is not a packed set). */
export const DEFAULT_DATASET = target.kind === 'builtin' && target.ref.kind === 'packed' ? target.ref.dataset : null;

/** The precache's patterns for the default experiment's files (public/ paths). */
export const DEFAULT_ASSET_PATTERNS = [DEFAULT_SOURCE && `models/${DEFAULT_SOURCE}/*`, DEFAULT_DATASET && `datasets/${DEFAULT_DATASET}.*`].filter((p): p is string => !!p);
