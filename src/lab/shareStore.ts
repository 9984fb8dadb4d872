import { create } from 'zustand';
import type { ExperimentConfig } from '../core/config/experiment';
import { makeShareText, openShareText, shareTextFromHash, shareUrl, type SharedResults, type ShareFailure } from '../core/share/link';
import { openedDocument, restoreDocument, snapshotDocument } from './';
import type { Msg } from '../core/messages';
import type { ClassMark } from '../core/classBoard/classMark';

// Where they lived before the lab had slices; the bundle store and others import them from here.
export { resultsFor, showResults } from './slices/results';

/**
 * Share links, both ways. Making one takes the lab's link document (the experiment config and, on
 * built-in data, the finished runs on show); opening one validates everything before it touches
 * any store, so a bad link leaves the lab exactly as it was and says why, once.
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

const base = () => (typeof location === 'undefined' ? 'http://localhost/' : location.href);

/** The model a config would download when the user asks (never before): a hosted id or an own model's URL. */
const modelUrlOf = (config: ExperimentConfig): string | null =>
  config.source.kind === 'custom' ? (config.source.url ?? null) : config.source.kind === 'hosted' ? config.source.id : null;

export const useShareStore = create<ShareState>()((set, get) => ({
  link: null,
  includeResults: true,
  notice: null,
  setIncludeResults(on) {
    set({ includeResults: on });
    if (get().link) get().make();
  },
  make() {
    // The link codec carries { config, results?, class? } (CARRIED in src/lab/document.ts); settings only without results.
    const doc = snapshotDocument('link');
    const config = doc.config;
    const ownImages = config.target.kind === 'upload';
    const results = get().includeResults ? ((doc.results as SharedResults | undefined) ?? null) : null;
    // A student's result link says whose it is (./classStore.ts): only with the results it vouches for.
    const mark = results ? ((doc.class as ClassMark | undefined) ?? null) : null;
    const url = shareUrl(base(), makeShareText(config, results, mark));
    const link = {
      url,
      withResults: !!results,
      qrUrl: url.length > QR_MAX_CHARS ? shareUrl(base(), makeShareText(config)) : null,
      ownImages,
    };
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
    // Checked once, by the link codec; put back slice by slice in their order (synchronously: before the first render).
    void restoreDocument('link', openedDocument('link', { ...opened.share }));
    const { config, results } = opened.share;
    set({ notice: { kind: 'opened', withResults: !!results, ownImages: config.target.kind === 'upload', modelUrl: modelUrlOf(config) } });
    // The experiment now lives in the lab; a reload should not open the link over later edits.
    if (typeof history !== 'undefined') history.replaceState(null, '', location.href.replace(/#.*$/, ''));
    return true;
  },
  dismiss() {
    set({ notice: null });
  },
}));
