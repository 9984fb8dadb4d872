/**
 * Regenerates the workspace screenshots in docs/ from the built app (`npm run screenshots` builds it first):
 * the README's screenshot (desktop, English, after a short default experiment), the same in 中文,
 * a phone opening a results link, and lecture mode during a lesson step.
 * Usage: `npm run screenshots [epochs]`.
 */
import { preview } from 'vite';
import { chromium, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, requireChromium } from './browser';

const PORT = 4175;
const BASE = `http://127.0.0.1:${PORT}`;
const epochs = process.argv[2] ?? '4';

const server = await preview({ preview: { port: PORT, strictPort: true, host: '127.0.0.1' }, logLevel: 'warn' });
const browser = await chromium.launch({ executablePath: requireChromium(), args: CHROMIUM_ARGS });

/** Trains the default experiment for a few epochs and waits until both runs are done. */
async function train(page: Page): Promise<void> {
  await page.getByTestId('zoo-card-digits-0-4').click();
  await page.getByTestId('epochs').fill(epochs);
  await page.getByTestId('train').click();
  await page.getByTestId('reset').waitFor({ timeout: 600_000 });
  // Let the last staggered chart redraw land.
  await page.waitForTimeout(1500);
}

try {
  // Desktop, English: the README's picture.
  const desktop = await browser.newPage({ viewport: { width: 1440, height: 900 }, colorScheme: 'light' });
  await desktop.goto(BASE);
  await train(desktop);
  // The one-time "stored for offline use" notice is not part of the workspace.
  await desktop
    .getByTestId('offline-ready')
    .getByRole('button')
    .click()
    .catch(() => {});
  await desktop.getByTestId('start-here-dismiss').click();
  await desktop.screenshot({ path: 'docs/screenshot.png' });
  await desktop.screenshot({ path: 'docs/workspace-en.png' });

  // The share link of that experiment, for the phone.
  await desktop.getByTestId('view-tab-share').click();
  await desktop.getByTestId('share').click();
  const link = await desktop.getByTestId('share-link').inputValue();
  // 中文, with the Share & saved view (opened above) beside the stage.
  await desktop.getByTestId('lang-zh').click();
  await desktop.getByTestId('view-share').waitFor();
  await desktop.waitForTimeout(500);
  await desktop.screenshot({ path: 'docs/workspace-zh.png' });

  // A phone opening a results link: the chart first, the run bar docked at the bottom.
  const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
  await phone.goto(link);
  await phone.locator('[data-testid="chart-accuracy"] path.recharts-line-curve').first().waitFor({ timeout: 60_000 });
  await phone.waitForTimeout(1000);
  await phone.screenshot({ path: 'docs/workspace-phone.png' });

  // Lecture mode on a 1280×720 projector, during the first step of a lesson.
  const lecture = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  await lecture.goto(`${BASE}/?lesson=three-challenges&step=1`);
  await lecture.getByTestId('zoo-card-digits-0-4').waitFor({ state: 'attached' });
  await lecture.getByTestId('lesson-run').click();
  await lecture
    .getByTestId('offline-ready')
    .getByRole('button')
    .click({ timeout: 60_000 })
    .catch(() => {});
  await lecture.locator('[data-testid="seeds-panel"][data-status="done"]').waitFor({ timeout: 600_000 });
  await lecture.waitForTimeout(1000);
  await lecture.screenshot({ path: 'docs/workspace-lecture.png' });
} finally {
  await browser.close();
  await new Promise<void>((r) => server.httpServer.close(() => r()));
}
