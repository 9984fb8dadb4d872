import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { openView, stopIfRunning, trainProbe, viewportCover, visibleBox, waitForTraining } from './fixtures';

/*
 * The workspace as people meet it, measured by geometry in real Chromium (no pixel baselines):
 * is the thing in the viewport, not clipped by its column, and is the page wider than the screen.
 */

const VIEWS = ['inside', 'combine', 'share', 'board', 'explain'] as const;
const CHART = '[data-testid="chart-accuracy"] .recharts-responsive-container, [data-testid="chart-accuracy-pending"]';
/** A drawn validation curve: a line path with points in it. */
const CURVE = '[data-testid="chart-accuracy"] path.recharts-line-curve[d*="L"]';

/** Visible controls that stick out of their panel (or, on a phone, off the screen), by test id or tag. */
async function controlsOutside(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('button, input, select, textarea, a[href], summary')]
      // Shown to a person: a closed <details>'s content has boxes but is not rendered.
      .filter((e) => e.checkVisibility({ visibilityProperty: true }))
      .filter((e) => {
        const b = e.getBoundingClientRect();
        // Inside a container that scrolls sideways (a wide table) is within reach by that scroll.
        for (let a = e.parentElement; a; a = a.parentElement)
          if (/(auto|scroll)/.test(getComputedStyle(a).overflowX) && a.scrollWidth > a.clientWidth) return false;
        const panel = e.closest('.panel')?.getBoundingClientRect();
        return b.left < -1 || b.right > innerWidth + 1 || (!!panel && (b.left < panel.left - 1 || b.right > panel.right + 1));
      })
      .map((e) => (e as HTMLElement).dataset.testid ?? e.tagName),
  );
}

async function expectFullyInView(page: Page, selector: string, minHeight = 0) {
  const box = await visibleBox(page, selector);
  expect(box, `${selector} is on the page`).not.toBeNull();
  expect(box!.fraction, `${selector} fully in view (${JSON.stringify(box)})`).toBeGreaterThanOrEqual(0.999);
  expect(box!.height).toBeGreaterThanOrEqual(minHeight);
  return box!;
}

test('desktop: Train and a 200 px chart in the first view at 1280×720, 1440×900 and 1920×1080, with every view open too; curves in view 5 s after Train; a study’s verdict in view; Train within 10 Tabs and by Ctrl+Enter', async ({
  page,
}) => {
  test.setTimeout(600_000);
  const figures: Record<string, unknown> = {};
  for (const [width, height] of [
    [1280, 720],
    [1440, 900],
    [1920, 1080],
  ]) {
    await page.setViewportSize({ width, height });
    await page.goto('/');
    await page.getByTestId('zoo-card-digits-0-4').waitFor();
    await expect(page.getByTestId('train')).toBeEnabled({ timeout: 60_000 });
    const train = await expectFullyInView(page, '[data-testid="train"]');
    const chart = await expectFullyInView(page, CHART, 200);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(width);
    expect(await controlsOutside(page), 'controls outside their panel').toEqual([]);
    figures[`${width}x${height}`] = {
      train: [Math.round(train.x), Math.round(train.y)],
      chart: [Math.round(chart.y), Math.round(chart.height)],
    };
    for (const view of VIEWS) {
      await openView(page, view);
      await expectFullyInView(page, '[data-testid="train"]');
      await expectFullyInView(page, CHART, 200);
      expect(page.url()).toContain(`#view=${view}`);
    }
    // Back closes the last view and returns to the one before, as the address says.
    await page.goBack();
    await expect(page.getByTestId(`view-tab-${VIEWS.at(-2)}`)).toHaveAttribute('aria-selected', 'true');
    await page.getByTestId('view-close').click();
    // 5 s after Train, curves are drawn where the student is looking.
    await page.getByTestId('train').click();
    await page.waitForTimeout(5_000);
    await expect(page.locator(CURVE).first()).toBeAttached({ timeout: 30_000 });
    await expectFullyInView(page, CURVE);
    await stopIfRunning(page);
  }
  console.log(`workspace geometry: ${JSON.stringify(figures)}`);

  // The keyboard: Train is reached within 10 Tabs from the top of a fresh page, and Ctrl+Enter runs it.
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto('/');
  await expect(page.getByTestId('train')).toBeEnabled({ timeout: 60_000 });
  let tabs = 0;
  for (; tabs < 10; tabs++) {
    await page.keyboard.press('Tab');
    if (await page.getByTestId('train').evaluate((el) => el === document.activeElement)) break;
  }
  expect(tabs + 1).toBeLessThanOrEqual(10);
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('pause')).toBeVisible({ timeout: 30_000 });
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('resume')).toBeVisible();
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('pause')).toBeVisible();
  await stopIfRunning(page);

  // A preset's five-seed study: when it ends its verdict is in view, at every size.
  await page.getByTestId('preset-few-shot').click();
  await expect(page.getByTestId('seeds-panel')).toHaveAttribute('data-status', 'done', { timeout: 480_000 });
  for (const [width, height] of [
    [1280, 720],
    [1440, 900],
    [1920, 1080],
  ]) {
    await page.setViewportSize({ width, height });
    await expectFullyInView(page, '[data-testid="verdict"]');
    await expectFullyInView(page, '[data-testid="train"]');
  }
});

test('lecture at 1280×720: during a lesson step the charts cover at least half of the screen', async ({ page }) => {
  test.setTimeout(300_000);
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto('/?lesson=three-challenges&step=1');
  await expect(page.getByTestId('narration')).toHaveAttribute('data-preset', 'positive');
  await page.getByTestId('zoo-card-digits-0-4').waitFor({ state: 'attached' });
  await page.getByTestId('lesson-run').click();
  // Measured once the step's study has drawn its first seed's curves.
  await expect(page.getByTestId('seeds-chart').locator('path.recharts-line-curve[d*="L"]').first()).toBeAttached({ timeout: 180_000 });
  // Every chart (its title, legend and plot), clipped to what is on screen (charts never overlap).
  const cover = await viewportCover(page, 'figure.chart');
  console.log(`lecture chart cover at 1280x720: ${(cover * 100).toFixed(1)}%`);
  expect(cover).toBeGreaterThanOrEqual(0.5);
  await stopIfRunning(page);
});

test('phones (360×740, 390×844): never wider than the screen in any view, every control within reach, the run bar docked, and a results link opens on its chart', async ({
  page,
  browser,
}) => {
  test.setTimeout(300_000);
  // A results link, made the way a student makes one.
  await page.goto('/');
  await page.getByTestId('zoo-card-digits-0-4').click();
  await page.getByTestId('strategy').selectOption('linear-probe');
  await page.getByTestId('epochs').fill('2');
  await page.getByTestId('train').click();
  await waitForTraining(page);
  await openView(page, 'share');
  await page.getByTestId('share').click();
  const link = await page.getByTestId('share-link').inputValue();

  for (const [width, height] of [
    [360, 740],
    [390, 844],
  ]) {
    const context = await browser.newContext({ viewport: { width, height }, isMobile: true, hasTouch: true, serviceWorkers: 'block' });
    const phone = await context.newPage();
    await phone.goto(link);
    await expect(phone.getByTestId('shared-results')).toBeAttached();
    // The chart and the results are the first thing on screen.
    await expect(phone.locator(CURVE).first()).toBeAttached({ timeout: 30_000 });
    await expectFullyInView(phone, CHART, 200);
    const bar = await visibleBox(phone, '[data-testid="run-bar"]');
    expect(bar!.fraction).toBeGreaterThanOrEqual(0.999);
    expect(bar!.y + bar!.height).toBeGreaterThan(height - 2);
    for (const view of [null, ...VIEWS]) {
      if (view) await openView(phone, view);
      const scrollWidth = await phone.evaluate(() => document.documentElement.scrollWidth);
      const outside = await controlsOutside(phone);
      expect(scrollWidth, `page width in view ${view ?? 'none'}`).toBe(width);
      expect(outside, `controls off screen in view ${view ?? 'none'}`).toEqual([]);
    }
    await context.close();
  }
});

test('accessibility: axe-core finds no serious or critical violation in any view, in English and 中文, light and dark; reduced motion turns chart animation off', async ({
  browser,
}) => {
  test.setTimeout(300_000);
  const counts: Record<string, number> = {};
  for (const colorScheme of ['light', 'dark'] as const) {
    const context = await browser.newContext({ colorScheme, serviceWorkers: 'block', viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    // Checked with curves drawn (charts are drawn once there is something to draw); the language
    // is switched in the page, which keeps them.
    await page.goto('/');
    await trainProbe(page, 2);
    for (const lang of ['en', 'zh'] as const) {
      await page.getByTestId(`lang-${lang}`).click();
      await expect(page.locator('html')).toHaveAttribute('lang', lang === 'zh' ? 'zh-CN' : 'en');
      await expect(page.locator(CURVE).first()).toBeAttached();
      for (const view of [null, ...VIEWS]) {
        if (view) await openView(page, view);
        const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
        const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
        counts[`${lang}/${colorScheme}/${view ?? 'stage'}`] = bad.reduce((n, v) => n + v.nodes.length, 0);
        expect(
          bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`),
          `${lang} ${colorScheme} ${view ?? 'stage'}`,
        ).toEqual([]);
      }
    }
    await context.close();
  }
  console.log(`axe serious/critical nodes: ${JSON.stringify(counts)}`);

  // Reduced motion: the charts are drawn without animation, and nothing transitions.
  for (const reducedMotion of ['reduce', 'no-preference'] as const) {
    const context = await browser.newContext({ reducedMotion, serviceWorkers: 'block' });
    const page = await context.newPage();
    await page.goto('/');
    await trainProbe(page, 1);
    await expect(page.getByTestId('chart-accuracy')).toHaveAttribute('data-animation', reducedMotion === 'reduce' ? 'off' : 'on');
    const transition = await page.evaluate(() => {
      const el = document.createElement('div');
      el.className = 'progress-fill';
      document.body.append(el);
      const d = getComputedStyle(el).transitionDuration;
      el.remove();
      return d;
    });
    expect(transition === '0s').toBe(reducedMotion === 'reduce');
    await context.close();
  }
});
