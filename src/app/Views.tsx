import { Suspense, useEffect, useState, type ReactNode } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { isShown, type ControlId } from '../core/lecture/lecture';
import { tWorkspace as w } from '../i18n';
import { useLectureStore } from '../lab/lectureStore';
import { useViewStore, VIEW_IDS, type ViewId } from '../lab/viewStore';

/** The panels of each view: a view a lecture link empties has no tab. */
const VIEW_CONTROLS: Record<ViewId, ControlId[]> = {
  inside: ['featuremap', 'results-details'],
  combine: ['selection', 'fusion'],
  share: ['share', 'experiments', 'results-details'],
  board: ['board'],
  explain: ['explain'],
};

/**
 * The analyses, one at a time beside (under) the stage. Every view stays mounted while closed, so
 * a half-drawn map or a typed name survives switching; a closed one is `hidden`, out of the tab
 * order and the accessibility tree.
 */
export function Views({ views }: { views: Record<ViewId, ReactNode> }) {
  const open = useViewStore((s) => s.view);
  const shown = useLectureStore(useShallow((s) => VIEW_IDS.filter((v) => VIEW_CONTROLS[v].some((id) => isShown(s, id)))));
  useEffect(() => {
    const follow = () => useViewStore.getState().followHash(location.hash);
    addEventListener('hashchange', follow);
    addEventListener('popstate', follow);
    return () => {
      removeEventListener('hashchange', follow);
      removeEventListener('popstate', follow);
    };
  }, []);
  // A view opened from a link or a preset scrolls into sight on a phone, where it sits under the stage.
  useEffect(() => {
    if (open && matchMedia('(max-width: 899px)').matches) document.getElementById(`view-${open}`)?.scrollIntoView({ block: 'start' });
  }, [open]);
  // Views mount when first opened, or all once the page is idle (their code loads then, off the
  // way to a usable lab); from then on they stay mounted, so their state survives switching.
  const [mounted, setMounted] = useState(() => typeof requestIdleCallback !== 'function');
  useEffect(() => {
    if (mounted) return;
    const id = requestIdleCallback(() => setMounted(true), { timeout: 3000 });
    return () => cancelIdleCallback(id);
  }, [mounted]);
  if (!shown.length) return null;
  const active = open && shown.includes(open) ? open : null;
  return (
    <section className={`views${active ? ' open' : ''}`} aria-label={w.views}>
      <div className="view-bar">
        <div className="view-tabs" role="tablist" aria-label={w.views}>
          {shown.map((v) => (
            <button
              key={v}
              role="tab"
              id={`view-tab-${v}`}
              aria-selected={v === active}
              aria-controls={`view-${v}`}
              title={w.viewHints[v]}
              data-testid={`view-tab-${v}`}
              onClick={() => useViewStore.getState().open(v === active ? null : v)}
            >
              {w.viewNames[v]}
            </button>
          ))}
        </div>
        {active && (
          <button
            className="link small view-close"
            data-testid="view-close"
            aria-label={w.closeView}
            title={w.closeView}
            onClick={() => useViewStore.getState().open(null)}
          >
            ×
          </button>
        )}
      </div>
      {shown.map((v) => (
        <div
          key={v}
          id={`view-${v}`}
          role="tabpanel"
          aria-labelledby={`view-tab-${v}`}
          className="view"
          data-testid={`view-${v}`}
          hidden={v !== active}
        >
          {(mounted || v === active) && <Suspense fallback={null}>{views[v]}</Suspense>}
        </div>
      ))}
    </section>
  );
}
