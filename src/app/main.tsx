import '../core/config/zodSetup';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import './app.css';
import { installTestHooks } from './testHooks';
import { startServiceWorker } from '../state/appUpdate';
import { useShareStore } from '../state/shareStore';

installTestHooks();
// A share link opens before the first render, so the page never shows the defaults first.
useShareStore.getState().openFromHash(location.hash);
addEventListener('hashchange', () => useShareStore.getState().openFromHash(location.hash));
if (import.meta.env.PROD) startServiceWorker();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
