import { expect, test, type Page } from '@playwright/test';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { DEFAULT_CONFIG } from '../src/core/config/experiment';
import { makeShareText } from '../src/core/share/link';
import { waitForTraining, openView } from './fixtures';

const pct = (text: string | null) => Number(text!.replace('%', ''));

/** The QR code on screen, decoded from a screenshot of its canvas. */
async function readQr(page: Page): Promise<string | null> {
  const png = PNG.sync.read(await page.getByTestId('share-qr').screenshot());
  return jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data ?? null;
}

test('a share link from a finished experiment: its QR code decodes to it; opened in a fresh browser it restores the experiment, shows the shared results at once, and a re-run reproduces them', async ({
  page,
  browser,
}) => {
  test.setTimeout(240_000);
  await page.goto('/');
  await page.getByTestId('zoo-card-digits-0-4').click();
  await page.getByTestId('target-shapes-gray-4').check();
  await page.getByTestId('strategy').selectOption('linear-probe');
  await page.getByTestId('epochs').fill('3');
  await page.getByTestId('seed').fill('7');
  await page.getByTestId('train').click();
  await waitForTraining(page);
  const transfer = await page.getByTestId('final-transfer').textContent();
  const scratch = await page.getByTestId('final-scratch').textContent();

  await openView(page, 'share');
  await page.getByTestId('share').click();
  await expect(page.getByTestId('share-carries')).toContainText('snapshot of its results');
  const link = await page.getByTestId('share-link').inputValue();
  expect(link).toMatch(/^http:\/\/[\w.]+:\d+\/#x=v1\.[A-Za-z0-9_-]+$/);
  expect(await readQr(page)).toBe(link);

  // A fresh browser: no storage, no cache, nothing of the first page's.
  const context = await browser.newContext();
  const fresh = await context.newPage();
  await fresh.goto(link);
  await expect(fresh.getByTestId('link-opened')).toContainText('re-run to verify');
  await expect(fresh.getByTestId('shared-results')).toBeVisible();
  await expect(fresh.getByTestId('final-transfer')).toHaveText(transfer!);
  await expect(fresh.getByTestId('final-scratch')).toHaveText(scratch!);
  await expect(fresh.getByTestId('target-shapes-gray-4')).toBeChecked();
  await expect(fresh.getByTestId('strategy')).toHaveValue('linear-probe');
  await expect(fresh.getByTestId('epochs')).toHaveValue('3');
  await expect(fresh.getByTestId('seed')).toHaveValue('7');
  // The link is consumed: a reload does not reopen it over later edits.
  expect(fresh.url()).not.toContain('#x=');

  await fresh.getByTestId('zoo-card-digits-0-4').waitFor();
  await fresh.getByTestId('train').click();
  await expect(fresh.getByTestId('shared-results')).toHaveCount(0);
  await waitForTraining(fresh);
  expect(Math.abs(pct(await fresh.getByTestId('final-transfer').textContent()) - pct(transfer))).toBeLessThanOrEqual(1);
  expect(Math.abs(pct(await fresh.getByTestId('final-scratch').textContent()) - pct(scratch))).toBeLessThanOrEqual(1);
  await context.close();
});

test('hostile and damaged links in a fresh page: one clear message, the defaults untouched, and nothing fetched from a link', async ({
  browser,
  baseURL,
}) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const requested: string[] = [];
  page.on('request', (r) => requested.push(r.url()));
  const cases: [string, string, RegExp][] = [
    ['v1.@@@', 'bad-encoding', /damaged/],
    ['v1.AAAAAAAAAAAAAAAA', 'bad-compression', /damaged or cut short/],
    ['hello', 'unknown-format', /not a Transfer Lab link/],
  ];
  for (const [text, code, message] of cases) {
    await page.goto(`${baseURL}/#x=${text}`);
    const alert = page.getByTestId('link-error');
    await expect(alert).toHaveAttribute('data-code', code);
    await expect(alert).toContainText(message);
    await expect(alert).toContainText('Nothing from it was used');
    await expect(page.getByRole('alert').filter({ hasText: 'link' })).toHaveCount(1);
    // The defaults: digits 5–9, fine-tuning, 10 epochs, seed 42.
    await expect(page.getByTestId('target-digits-5-9')).toBeChecked();
    await expect(page.getByTestId('epochs')).toHaveValue('10');
    await expect(page.getByTestId('seed')).toHaveValue('42');
  }
  // A valid link to someone's own model opens its settings, but the model is not downloaded until asked for.
  const own = makeShareText({
    ...DEFAULT_CONFIG,
    source: { kind: 'custom', name: 'their model', url: 'https://models.example.org/net/model.json' },
    strategy: { kind: 'linear-probe' },
  });
  await page.goto(`${baseURL}/#x=${own}`);
  await expect(page.getByTestId('link-opened')).toContainText(
    'https://models.example.org/net/model.json, which is downloaded only when you ask for it',
  );
  await page.waitForTimeout(1000);
  expect(requested.filter((u) => u.includes('models.example.org'))).toEqual([]);
  await context.close();
});
