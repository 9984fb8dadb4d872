import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, requireChromium } from './scripts/browser';

// End-to-end tests run against the production build (`vite preview`), in real Chromium with
// real TF.js on SwiftShader WebGL — slow, hence generous timeouts and one worker.
// E2E_PORT lets a second checkout run its own suite beside this one.
const PORT = Number(process.env.E2E_PORT ?? 4173);

export default defineConfig({
  testDir: 'e2e',
  globalSetup: './e2e/requireTestBuild.ts',
  timeout: 300_000,
  expect: { timeout: 30_000 },
  workers: 1,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    launchOptions: { executablePath: requireChromium(), args: CHROMIUM_ARGS },
    viewport: { width: 1400, height: 1000 },
    locale: 'en-US',
    // Page routes must see every request; e2e/offline.spec.ts allows the service worker it tests.
    serviceWorkers: 'block',
  },
  webServer: {
    command: `npx vite preview --port ${PORT} --strictPort --host 127.0.0.1`,
    url: `http://127.0.0.1:${PORT}`,
    // Never silently reuse a server already on the port: it may serve another checkout's (or the
    // user build's) dist/, and the suite would test that instead. E2E_REUSE_SERVER=1 opts in.
    reuseExistingServer: process.env.E2E_REUSE_SERVER === '1',
    timeout: 60_000,
  },
});
