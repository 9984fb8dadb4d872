import { expect, test, type Browser, type Page } from '@playwright/test';
import type { TestHooks } from '../src/app/testHooks';

/**
 * A worker that hangs at any moment of the lab's start — while it starts, while it measures its
 * backends, while the zoo is being listed — is noticed and replaced, and the lab comes back on
 * its own: the zoo listed, the new engine ready, and a notice saying what happened.
 */
const hooks = (page: Page) => ({
  answered: () => page.evaluate(() => (window as unknown as { __transferLab: TestHooks }).__transferLab.engineAnswered()),
  hang: () => page.evaluate(() => (window as unknown as { __transferLab: TestHooks }).__transferLab.hangEngine()),
  state: () => page.evaluate(() => (window as unknown as { __transferLab: TestHooks }).__transferLab.engineState()),
});

/** A fresh profile (no stored backend measurement), so each start is a first visit's. */
async function freshPage(browser: Browser, delay?: { url: RegExp; ms: number }): Promise<Page> {
  const context = await browser.newContext({ serviceWorkers: 'block', viewport: { width: 1400, height: 1000 } });
  if (delay) {
    let first = true;
    // Only the first request is held: the replacement worker's own start is not slowed.
    await context.route(delay.url, async (route) => {
      if (first) {
        first = false;
        await new Promise((r) => setTimeout(r, delay.ms));
      }
      await route.continue();
    });
  }
  const page = await context.newPage();
  await page.goto('/');
  return page;
}

/** Hangs the live worker and returns how long the lab took to be whole again (zoo listed, a new engine ready). */
async function hangAndRecover(page: Page): Promise<number> {
  const before = await hooks(page).state();
  await hooks(page).hang();
  const hungAt = Date.now();
  await expect
    .poll(() => hooks(page).state(), { timeout: 30_000, intervals: [100] })
    .toMatchObject({ generation: before.generation + 1, ready: true, zooListed: true, notice: 'back' });
  return Date.now() - hungAt;
}

test('a worker that hangs while starting, measuring its backends or listing the zoo is replaced: the lab is whole again within 10 s, with a notice', async ({
  browser,
}) => {
  test.setTimeout(240_000);

  // While starting: its wasm binary is slow to arrive, so the start is still in flight when it hangs.
  const starting = await freshPage(browser, { url: /\.wasm$/, ms: 4000 });
  await hooks(starting).answered();
  expect((await hooks(starting).state()).ready).toBe(false);
  const whileStarting = await hangAndRecover(starting);
  const notice = starting.getByTestId('engine-notice');
  await expect(notice).toHaveAttribute('data-during', 'start');
  await expect(notice).toHaveAttribute('data-reason', 'hung');
  await expect(notice).toContainText('stopped responding for 5 seconds and was restarted');
  await expect(notice).toContainText('nothing you set up was lost');
  await expect(starting.getByTestId('zoo-card-digits-0-4')).toBeVisible();
  // The new engine works: the target preview it draws is there.
  await expect(starting.getByTestId('split-summary')).toBeAttached({ timeout: 30_000 });
  await starting.getByTestId('engine-notice-dismiss').click();
  await expect(notice).toHaveCount(0);
  await starting.context().close();

  // While measuring its backends (a first visit measures once the page is idle).
  const measuring = await freshPage(browser);
  await expect.poll(async () => (await hooks(measuring).state()).recalibrating, { timeout: 60_000, intervals: [50] }).toBe(true);
  const whileMeasuring = await hangAndRecover(measuring);
  await expect(measuring.getByTestId('engine-notice')).toHaveAttribute('data-during', 'calibration');
  // The new engine keeps the first visit's choice: it is not measured again (and hung again) on this page.
  await measuring.waitForTimeout(6000);
  expect(await hooks(measuring).state()).toMatchObject({ generation: 2, recalibrating: false });
  await measuring.context().close();

  // While the zoo is being listed: its index is slow to arrive.
  const listing = await freshPage(browser, { url: /models\/index\.json$/, ms: 3000 });
  await hooks(listing).answered();
  expect((await hooks(listing).state()).zooListed).toBe(false);
  const whileListing = await hangAndRecover(listing);
  await expect(listing.getByTestId('zoo-card-digits-0-4')).toBeVisible();
  await listing.context().close();

  console.log(`back after a hang: starting ${whileStarting} ms, measuring ${whileMeasuring} ms, listing the zoo ${whileListing} ms`);
  for (const ms of [whileStarting, whileMeasuring, whileListing]) expect(ms).toBeLessThanOrEqual(10_000);
});

test('an engine that cannot start: after three hung starts in a row the lab stops restarting it, says so, and Try again brings it back', async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const context = await browser.newContext({ serviceWorkers: 'block', viewport: { width: 1400, height: 1000 } });
  // Every start is slow to get wasm, so each worker is still starting when it is made to hang.
  let slow = true;
  await context.route(/\.wasm$/, async (route) => {
    if (slow) await new Promise((r) => setTimeout(r, 4000));
    await route.continue();
  });
  const page = await context.newPage();
  await page.goto('/');
  const notice = page.getByTestId('engine-notice');
  for (let attempt = 1; attempt <= 3; attempt++) {
    await hooks(page).answered();
    await hooks(page).hang();
    // Each replacement is given twice as long (5, 10, 20 s) before it counts as hung too.
    if (attempt < 3) await expect.poll(async () => (await hooks(page).state()).workers, { timeout: 60_000 }).toBe(attempt + 1);
  }
  await expect(notice).toHaveAttribute('data-state', 'gave-up', { timeout: 60_000 });
  await expect(notice).toContainText('could not start in this browser (three attempts in a row)');
  // The zoo stays listed and the settings are usable; no worker is started behind the person's back.
  await expect(page.getByTestId('zoo-card-digits-0-4')).toBeVisible();
  await page.waitForTimeout(3000);
  expect(await hooks(page).state()).toMatchObject({ ready: false, workers: 3 });
  slow = false;
  await page.getByTestId('engine-retry').click();
  await expect(notice).toHaveAttribute('data-state', 'back', { timeout: 30_000 });
  expect((await hooks(page).state()).ready).toBe(true);
  await context.close();
});
