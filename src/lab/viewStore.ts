import { create } from 'zustand';
import type { PresetId } from '../core/presets';
import { VIEW_IDS, type ViewId } from '../core/views';

/**
 * Which analysis view is open beside the stage. One at a time, and each has its own address
 * (`#view=…`, next to a share link's `#x=`), so a link, a lesson and the back button land on it.
 * `#explain-<topic>` (the small "?" links) opens the Explain view at that topic.
 */
export { VIEW_IDS, type ViewId } from '../core/views';

/** Presets whose results live in a view: clicking one opens it, so the student sees them arrive. */
const PRESET_VIEWS: Partial<Record<PresetId, ViewId>> = { 'model-selection': 'combine', fusion: 'combine' };

/** The view a URL fragment names, `null` for none, `undefined` when the fragment says nothing about views. */
export function viewFromHash(hash: string): ViewId | null | undefined {
  if (/^#explain-/.test(hash)) return 'explain';
  const named = new URLSearchParams(hash.replace(/^#/, '')).get('view');
  if (named === null) return undefined;
  return (VIEW_IDS as readonly string[]).includes(named) ? (named as ViewId) : null;
}

interface ViewState {
  view: ViewId | null;
  /** Opens a view (or closes all with null); a new history entry, so Back returns to the last one. */
  open(view: ViewId | null): void;
  /** Follows the address (start-up, back/forward, a clicked `#explain-…` link). */
  followHash(hash: string): void;
  /** Opens the view a preset's results appear in, if it has one. */
  showPreset(id: PresetId): void;
}

const writeHash = (view: ViewId | null, push: boolean) => {
  if (typeof history === 'undefined') return;
  const url = `${location.pathname}${location.search}${view ? `#view=${view}` : ''}`;
  if (push) history.pushState(null, '', url);
  else history.replaceState(null, '', url);
};

export const useViewStore = create<ViewState>()((set, get) => ({
  view: null,
  open(view) {
    if (view === get().view) return;
    set({ view });
    writeHash(view, true);
  },
  followHash(hash) {
    const view = viewFromHash(hash);
    if (view !== undefined) set({ view });
    else if (hash === '' || hash === '#') set({ view: null });
  },
  showPreset(id) {
    const view = PRESET_VIEWS[id];
    if (view && view !== get().view) {
      set({ view });
      writeHash(view, false);
    }
  },
}));

/** Puts the open view back into the address after something else rewrote it (an opened share link). */
export function restoreViewHash(): void {
  const view = useViewStore.getState().view;
  if (view && typeof location !== 'undefined' && viewFromHash(location.hash) !== view) writeHash(view, false);
}
