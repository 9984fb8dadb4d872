import { expect, test, type Page } from '@playwright/test';
import { waitForTraining } from './fixtures';

// The service worker is what this file tests (the other specs block it, so their routes see every request).
test.use({ serviceWorkers: 'allow' });

/** Every Content-Security-Policy violation the page reports, from the first script on. */
async function recordViolations(page: Page) {
  await page.addInitScript(() => {
    (window as unknown as { __violations: string[] }).__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => (window as unknown as { __violations: string[] }).__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  return () => page.evaluate(() => (window as unknown as { __violations: string[] }).__violations);
}

test('after a first visit the lab opens and trains its built-in zoo with no network, under a CSP it never violates', async ({ page, context }) => {
  test.setTimeout(300_000);
  const violations = await recordViolations(page);
  await page.goto('/');
  await expect(page.getByTestId('offline-ready')).toBeVisible({ timeout: 120_000 });
  await context.setOffline(true);
  await page.reload();
  await expect(page.getByTestId('zoo-card-digits-0-4')).toBeVisible();
  // The network really is gone: a URL the service worker never cached cannot be fetched. (Chromium 150
  // reports navigator.onLine as true after an emulated-offline reload, so that flag proves nothing.)
  const probe = await page.evaluate(() => fetch(`/not-cached-${Date.now()}.txt`).then(() => 'reached', () => 'failed'));
  expect(probe).toBe('failed');
  await page.getByTestId('zoo-card-digits-0-4').click();
  await page.getByTestId('target-digits-5-9').check();
  await page.getByTestId('strategy').selectOption('linear-probe');
  await page.getByTestId('epochs').fill('2');
  await page.getByTestId('train').click();
  await waitForTraining(page);
  await expect(page.getByTestId('run-status-transfer')).toContainText('done');
  await expect(page.getByTestId('run-status-scratch')).toContainText('done');
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
    div.innerHTML = '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" onerror="window.__injected = \'handler ran\'" onload="window.__injected = \'handler ran\'">';
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
