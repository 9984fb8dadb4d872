import { create } from 'zustand';
import { parseConfig, type ExperimentConfig } from '../core/config/experiment';
import { compactResults, makeShareText, openShareText, SharedResultsSchema, shareTextFromHash, shareUrl, type SharedResults, type ShareFailure } from '../core/share/link';
import { useExperimentStore } from './experimentStore';
import { useRunStore } from './runStore';
import { studyVariants, useStudyStore, type StudyRun } from './studyStore';
import type { Msg } from '../core/messages';

/**
 * Share links, both ways. Making one reads the experiment config (and, on built-in data, the
 * finished runs on show); opening one validates everything before it touches any store, so a bad
 * link leaves the lab exactly as it was and says why, once.
 */

/** A QR code can carry about this much at the error-correction level we use (M); longer links get a settings-only QR. */
export const QR_MAX_CHARS = 2300;

export interface MadeLink {
  url: string;
  /** The link carries a results snapshot. */
  withResults: boolean;
  /** A settings-only link for the QR code when the full one is too long for it (else null: the QR is `url`). */
  qrUrl: string | null;
  /** The experiment trains on the user's own images, which are never in a link. */
  ownImages: boolean;
}

export type OpenedNotice =
  | { kind: 'opened'; withResults: boolean; ownImages: boolean; modelUrl: string | null }
  | { kind: 'refused'; code: ShareFailure; detail?: Msg };

interface ShareState {
  link: MadeLink | null;
  includeResults: boolean;
  notice: OpenedNotice | null;
  setIncludeResults(on: boolean): void;
  make(): MadeLink;
  close(): void;
  /** Opens the link in a location fragment, if there is one; returns whether there was. */
  openFromHash(hash: string): boolean;
  dismiss(): void;
}

/** Two configs are the same experiment once both are parsed (defaults filled, keys in schema order). */
function sameConfig(a: ExperimentConfig, b: ExperimentConfig): boolean {
  const pa = parseConfig(a);
  const pb = parseConfig(b);
  return pa.ok && pb.ok && JSON.stringify(pa.config) === JSON.stringify(pb.config);
}

/**
 * The results on show as a snapshot, if they belong to `config` (or to a finished study of it,
 * whose runs travel with them: the seeds panel's bands and verdict), else null.
 */
export function resultsFor(config: ExperimentConfig): SharedResults | null {
  const runs = useRunStore.getState();
  const study = useStudyStore.getState();
  const studyOfIt = !!study.kind && study.status === 'done' && study.runs.length > 0 && !!study.config && sameConfig(study.config, config);
  const runsOfIt = !!runs.config && (sameConfig(runs.config, config) || (studyOfIt && studyVariants(study.kind!, config).some((v) => sameConfig(v, runs.config!))));
  const own = runsOfIt ? runs.snapshot() : null;
  if (!own || !studyOfIt) return own;
  return compactResults({ ...own, study: { kind: study.kind!, sources: study.sources, runs: study.runs } });
}

/** Puts a snapshot on show: its runs in the results panel, its study (if any) in the seeds panel or sweep chart. */
export function showResults(results: SharedResults, config: ExperimentConfig, as: 'shared' | 'restored'): void {
  if (as === 'shared') useRunStore.getState().showShared(results, config);
  else useRunStore.getState().restoreSaved(results, config);
  if (results.study) useStudyStore.getState().restore({ ...results.study, runs: results.study.runs as StudyRun[] }, config);
}

const base = () => (typeof location === 'undefined' ? 'http://localhost/' : location.href);

/** The model a config would download when the user asks (never before): a hosted id or an own model's URL. */
const modelUrlOf = (config: ExperimentConfig): string | null => (config.source.kind === 'custom' ? (config.source.url ?? null) : config.source.kind === 'hosted' ? config.source.id : null);

export const useShareStore = create<ShareState>()((set, get) => ({
  link: null,
  includeResults: true,
  notice: null,
  setIncludeResults(on) {
    set({ includeResults: on });
    if (get().link) get().make();
  },
  make() {
    const config = useExperimentStore.getState().config;
    const ownImages = config.target.kind === 'upload';
    // Results never go with a link for the user's own images (a bundle carries those, with their results).
    const snapshot = !ownImages && get().includeResults ? resultsFor(config) : null;
    const results = snapshot && SharedResultsSchema.safeParse(snapshot).success ? snapshot : null;
    const url = shareUrl(base(), makeShareText(config, results));
    const link = { url, withResults: !!results, qrUrl: url.length > QR_MAX_CHARS ? shareUrl(base(), makeShareText(config)) : null, ownImages };
    set({ link });
    return link;
  },
  close() {
    set({ link: null });
  },
  openFromHash(hash) {
    const text = shareTextFromHash(hash);
    if (text === null) return false;
    const opened = openShareText(text);
    if (!opened.ok) {
      // Nothing from the link is used: the lab stays on what it had (the defaults on a fresh page).
      set({ notice: { kind: 'refused', code: opened.code, detail: opened.detail } });
      return true;
    }
    const { config, results } = opened.share;
    useExperimentStore.getState().setConfig(config);
    if (results) showResults(results, config, 'shared');
    set({ notice: { kind: 'opened', withResults: !!results, ownImages: config.target.kind === 'upload', modelUrl: modelUrlOf(config) } });
    // The experiment now lives in the lab; a reload should not open the link over later edits.
    if (typeof history !== 'undefined') history.replaceState(null, '', location.href.replace(/#.*$/, ''));
    return true;
  },
  dismiss() {
    set({ notice: null });
  },
}));
