import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Playwright's global setup: the end-to-end tests drive the tests' build (npm run build:test),
 * whose page has window.__transferLab. Against the build users get (npm run build) every hook
 * call would fail with "undefined"; say what to do instead.
 */
export default function requireTestBuild(): void {
  const assets = 'dist/assets';
  const hasHooks =
    existsSync(assets) &&
    readdirSync(assets).some((f) => f.endsWith('.js') && readFileSync(join(assets, f), 'utf8').includes('__transferLab'));
  if (!hasHooks)
    throw new Error("dist/ is not the tests' build: run `npm run build:test` (vite build --mode e2e) before `npx playwright test`.");
}
