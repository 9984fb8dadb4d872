/** Regenerates docs/screenshot.png for the README: the built app after a short default experiment. */
import { preview } from 'vite';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, requireChromium } from './browser';

const server = await preview({ preview: { port: 4175, strictPort: true, host: '127.0.0.1' }, logLevel: 'warn' });
const browser = await chromium.launch({ executablePath: requireChromium(), args: CHROMIUM_ARGS });
try {
  const page = await browser.newPage({ viewport: { width: 1440, height: 1100 } });
  await page.goto('http://127.0.0.1:4175');
  await page.getByTestId('zoo-card-digits-0-4').click();
  await page.getByTestId('epochs').fill(process.argv[2] ?? '6');
  await page.getByTestId('train').click();
  await page.getByTestId('reset').waitFor({ timeout: 600_000 });
  await page.screenshot({ path: process.argv[3] ?? 'docs/screenshot.png', fullPage: true });
} finally {
  await browser.close();
  await new Promise<void>((r) => server.httpServer.close(() => r()));
}
