import { expect, test, type Page } from '@playwright/test';
import { waitForTraining } from './fixtures';

/** Trains the current setup and returns the transfer run's final validation accuracy (percent). */
async function transferAccuracy(page: Page): Promise<number> {
  await page.getByTestId('train').click();
  await waitForTraining(page);
  await expect(page.getByTestId('run-status-transfer')).toContainText('done');
  return Number((await page.getByTestId('final-transfer').textContent())!.replace('%', ''));
}

test('the domain-gap meter flags digits on paper against Digits 0–4; invert closes the gap and the probe recovers', async ({ page }) => {
  test.setTimeout(300_000);
  await page.goto('/');
  await page.getByTestId('zoo-card-digits-0-4').click();
  await page.getByTestId('strategy').selectOption('linear-probe');
  await page.getByTestId('epochs').fill('10');
  const level = page.getByTestId('gap-level');

  // Digits as MNIST writes them: no flag for polarity, not a large gap.
  await page.getByTestId('target-digits-5-9').check();
  await expect(level).toHaveAttribute('data-level', /small|moderate/);
  await expect(page.getByTestId('gap-meter').locator('[data-reason="polarity-flipped"]')).toHaveCount(0);
  const written = await transferAccuracy(page);

  // The same digits dark on light: flagged, with the reason in words, and the probe falls apart.
  await page.getByTestId('target-digits-5-9-paper').check();
  await expect(level).toHaveAttribute('data-level', 'large');
  await expect(page.getByTestId('gap-reasons').locator('[data-reason="polarity-flipped"]')).toContainText('Try Invert');
  await expect(page.getByTestId('gap-stats')).toContainText('dark on light');
  await expect(page.getByTestId('gap-mmd')).toContainText('MMD²');
  const paper = await transferAccuracy(page);

  // One click: the meter no longer says large, the preview shows light strokes, and the probe is back.
  await page.getByTestId('preprocess-invert').check();
  await expect(level).toHaveAttribute('data-level', /small|moderate/);
  await expect(page.getByTestId('gap-meter').locator('[data-reason="polarity-flipped"]')).toHaveCount(0);
  const inverted = await transferAccuracy(page);
  console.log(`linear probe from Digits 0–4, seed 42: written ${written}%, on paper ${paper}%, inverted ${inverted}%`);
  expect(paper).toBeLessThan(written - 20);
  expect(inverted).toBeGreaterThanOrEqual(written - 10);

  // Normalising as well brings the feature distance down further.
  const mmd = async () => Number(/MMD² = ([\d.]+)/.exec((await page.getByTestId('gap-mmd').textContent())!)![1]);
  const afterInvert = await mmd();
  await page.getByTestId('preprocess-normalise').check();
  await expect.poll(mmd).toBeLessThan(afterInvert);
  const normalised = await transferAccuracy(page);
  console.log(`inverted and normalised ${normalised}%`);
  expect(normalised).toBeGreaterThanOrEqual(written - 10);
  await page.getByTestId('gap-meter').screenshot({ path: test.info().outputPath('gap-meter.png') });
});
