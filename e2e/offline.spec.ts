import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { openDeviceMenu, trainProbe } from './fixtures';

// The service worker is what this file tests (the other specs block it, so their routes see every request).
test.use({ serviceWorkers: 'allow' });

/** Every Content-Security-Policy violation the page reports, from the first script on. */
async function recordViolations(page: Page) {
  await page.addInitScript(() => {
    (window as unknown as { __violations: string[] }).__violations = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      (window as unknown as { __violations: string[] }).__violations.push(`${e.violatedDirective} ${e.blockedURI}`),
    );
  });
  return () => page.evaluate(() => (window as unknown as { __violations: string[] }).__violations);
}

test('after a first visit the lab opens and trains its built-in zoo with no network, under a CSP it never violates', async ({
  page,
  context,
}) => {
  test.setTimeout(300_000);
  const violations = await recordViolations(page);
  await page.goto('/');
  await expect(page.getByTestId('offline-ready')).toBeVisible({ timeout: 120_000 });
  await context.setOffline(true);
  await page.reload();
  await expect(page.getByTestId('zoo-card-digits-0-4')).toBeVisible();
  // The network really is gone: a URL the service worker never cached cannot be fetched. (Chromium 150
  // reports navigator.onLine as true after an emulated-offline reload, so that flag proves nothing.)
  const probe = await page.evaluate(() =>
    fetch(`/not-cached-${Date.now()}.txt`).then(
      () => 'reached',
      () => 'failed',
    ),
  );
  expect(probe).toBe('failed');
  await page.getByTestId('zoo-card-digits-0-4').click();
  await page.getByTestId('target-digits-5-9').check();
  await trainProbe(page, 2);
  // Training, charts, previews and the worker all ran within the policy.
  expect(await violations()).toEqual([]);
});

test('the page’s CSP blocks an injected inline script and an inline event handler, and allows no eval', async ({ page }) => {
  const violations = await recordViolations(page);
  await page.goto('/');
  await page.getByTestId('zoo-card-digits-0-4').waitFor();
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(csp).toContain("script-src 'self'");
  await page.evaluate(() => {
    const s = document.createElement('script');
    s.textContent = 'window.__injected = "inline script ran"';
    document.body.append(s);
    const div = document.createElement('div');
    div.innerHTML =
      '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" onerror="window.__injected = \'handler ran\'" onload="window.__injected = \'handler ran\'">';
    document.body.append(div);
  });
  await page.waitForTimeout(500);
  expect(await page.evaluate(() => (window as unknown as { __injected?: string }).__injected)).toBeUndefined();
  // Playwright's own evaluate() is exempt from the page's CSP, so eval is checked in the policy
  // itself; the offline test above checks the app never attempts it (zero violations).
  const sources = csp!.split(/[\s;]+/);
  expect(sources).not.toContain("'unsafe-eval'");
  expect(sources).not.toContain("'unsafe-inline'");
  const seen = await violations();
  expect(seen.filter((v) => v.startsWith('script-src')).length).toBeGreaterThanOrEqual(2);
});

/** Every file of every built-in dataset and zoo model, read from the repository's own indexes. */
function builtInFiles(): string[] {
  const zoo = JSON.parse(readFileSync('public/models/index.json', 'utf8')) as { models: { path: string }[] };
  const sets = JSON.parse(readFileSync('public/datasets/index.json', 'utf8')) as {
    datasets: { files: { pixels: string; labels: string } }[];
  };
  const files = ['models/index.json', 'datasets/index.json'];
  for (const m of zoo.models) {
    const dir = m.path.slice(0, m.path.lastIndexOf('/') + 1);
    const model = JSON.parse(readFileSync(`public/${m.path}`, 'utf8')) as { weightsManifest: { paths: string[] }[] };
    files.push(m.path, ...model.weightsManifest.flatMap((g) => g.paths.map((p) => dir + p)));
  }
  for (const d of sets.datasets) files.push(`datasets/${d.files.pixels}`, `datasets/${d.files.labels}`);
  return files;
}

test('the first visit stores the app and the default experiment only; Make available offline stores every built-in dataset and model, and offline they all answer and train', async ({
  page,
  context,
}) => {
  test.setTimeout(300_000);
  const files = builtInFiles();
  await page.goto('/');
  await expect(page.getByTestId('offline-ready')).toBeVisible({ timeout: 120_000 });
  // What the first visit stored: not Fashion-MNIST (11 MB) nor the models it never used.
  const stored = () =>
    page.evaluate((paths) => Promise.all(paths.map((p) => caches.match(p, { ignoreSearch: true }).then((r) => !!r))), files);
  const before = await stored();
  expect(files.filter((_, i) => !before[i])).toContain('datasets/fashion.pixels.bin');
  await openDeviceMenu(page);
  await page.getByTestId('make-offline').click();
  await expect(page.getByTestId('offline-done')).toContainText(/\(\d+(\.\d)? MB\)/, { timeout: 180_000 });
  const after = await stored();
  expect(files.filter((_, i) => !after[i])).toEqual([]);

  await context.setOffline(true);
  await page.reload();
  await expect(page.getByTestId('zoo-card-fashion')).toBeVisible();
  // Every file answers without a network, through the service worker.
  const answered = await page.evaluate(
    (paths) =>
      Promise.all(
        paths.map((p) =>
          fetch(p).then(
            (r) => r.ok,
            () => false,
          ),
        ),
      ),
    files,
  );
  expect(files.filter((_, i) => !answered[i])).toEqual([]);
  // And a set the first visit never touched trains: the clothing network on Fashion-MNIST.
  await page.getByTestId('zoo-card-fashion').click();
  await page.getByTestId('target-fashion').check();
  await trainProbe(page, 1);
});
