import '../core/config/zodSetup';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import './app.css';
import { installTestHooks } from './testHooks';
import { startServiceWorker } from '../state/appUpdate';

installTestHooks();
if (import.meta.env.PROD) startServiceWorker();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
