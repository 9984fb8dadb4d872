import '../core/config/zodSetup';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import './app.css';
import { installTestHooks } from './testHooks';
import { startServiceWorker } from '../state/appUpdate';
import { useShareStore } from '../state/shareStore';
import { startAutosave, usePersistStore } from '../state/persist/persistence';

installTestHooks();
// A share link opens before the first render, so the page never shows the defaults first; an
// opened link becomes a new saved experiment, anything else brings back the current one.
const fromLink = useShareStore.getState().openFromHash(location.hash) && useShareStore.getState().notice?.kind === 'opened';
void usePersistStore.getState().init({ fromLink }).then(startAutosave);
addEventListener('hashchange', () => useShareStore.getState().openFromHash(location.hash));
if (import.meta.env.PROD) startServiceWorker();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
