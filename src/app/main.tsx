import '../core/config/zodSetup';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import './app.css';
import { installTestHooks } from './testHooks';
import { startServiceWorker } from '../platform/appUpdate';
import { useShareStore } from '../lab/shareStore';
import { usePersistStore } from '../lab/persist/persistence';
import { startAutosave } from '../lab/persist/autosave';
import { startLanguage } from '../lab/languageStore';
import { useControl, useLectureStore } from '../lab/lectureStore';
import { ControlModeHook } from '../ui/Control';
import { useZooStore } from '../lab/zooStore';
import { restoreViewHash, useViewStore } from '../lab/viewStore';

// Only the tests' build (npm run build:test) has window.__transferLab: its faults (a hung worker, a
// lost WebGL context, a failing save) must not be reachable in the build users get, where this
// branch and the hooks' module are removed at build time.
if (import.meta.env.VITE_TEST_HOOKS === '1') installTestHooks();
// Language and lecture parameters come before the first render, so the page never flashes English or the full layout.
startLanguage();
// A share link opens before the first render, so the page never shows the defaults first; an
// opened link becomes a new saved experiment, anything else brings back the current one.
// A view named in the address (`#view=…`, beside a share link's `#x=`) opens with the page.
useViewStore.getState().followHash(location.hash);
const fromLink = useShareStore.getState().openFromHash(location.hash) && useShareStore.getState().notice?.kind === 'opened';
restoreViewHash();
// A lesson link opens at its step's preset, which then counts as an opened link (not overwritten by
// the last session) — unless a share link came with it, whose experiment wins, or this is a reload
// of the lecture, which brings back where it was.
const reloaded = (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined)?.type === 'reload';
const fromLesson = useLectureStore.getState().openFromSearch(location.search, { loadStep: !fromLink && !reloaded });
addEventListener('popstate', () => useLectureStore.getState().openFromSearch(location.search, { loadStep: true }));
// Saving starts as soon as the saved experiment is back (saves queue behind a first visit's first record).
const restored = new Promise<void>((resolve) => {
  void usePersistStore
    .getState()
    .init({ fromLink: fromLink || fromLesson, onRestored: resolve })
    .finally(resolve);
}).then(startAutosave);
addEventListener('hashchange', () => useShareStore.getState().openFromHash(location.hash));
// The engine starts with the page, not with the source panel (a lecture link may hide that panel).
// The lab is usable once the saved experiment is back (an edit made before would be overwritten by it).
void useZooStore.getState().load(restored);
if (import.meta.env.PROD) startServiceWorker();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ControlModeHook.Provider value={useControl}>
      <App />
    </ControlModeHook.Provider>
  </StrictMode>,
);
