import { expect, test } from '@playwright/test';
import { photoFolder } from '../scripts/photos';
import { serveMobileNet, waitForTraining } from './fixtures';

test('1,000 photos at 224×224: all decoded and kept as uint8, MobileNet embeds them all once, the tab survives', async ({
  page,
  context,
}) => {
  test.setTimeout(900_000);
  await serveMobileNet(context, 0);
  const root = photoFolder(250);

  await page.goto('/');
  await page.getByTestId('tab-upload').click();
  const t0 = Date.now();
  await page.getByTestId('folder-input').setInputFiles(root);
  await expect(page.getByTestId('class-count')).toHaveText(['250 images', '250 images', '250 images', '250 images'], { timeout: 300_000 });
  console.log(`decoded 1000 photos in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  await expect(page.getByTestId('upload-message')).toHaveCount(0);
  // 1,000 × (224² + 32²) × 3 bytes: the images are bytes, not floats.
  await expect(page.getByTestId('memory-line')).toContainText('1000 of your images 154 MB');

  await page.getByTestId('hosted-card-mobilenet-v1-0.25').click();
  await expect(page.getByTestId('external-details')).toBeVisible({ timeout: 60_000 });
  await page.getByTestId('scratch-baseline').uncheck();
  await page.getByTestId('epochs').fill('2');
  await page.getByTestId('batch-size').fill('32');
  await page.getByTestId('train').click();
  const t1 = Date.now();
  await waitForTraining(page, 600_000);
  console.log(`embedded and trained in ${((Date.now() - t1) / 1000).toFixed(1)} s`);
  await expect(page.getByTestId('run-status-transfer')).toContainText('done');
  await expect(page.getByTestId('memory-line')).toContainText('1000 cached embeddings 1.0 MB');
  const final = Number(((await page.getByTestId('final-transfer').textContent()) ?? '').replace('%', ''));
  expect(final).toBeGreaterThan(90);
  // The page still answers promptly after all of it.
  expect(
    await page.evaluate(
      () =>
        new Promise<number>((r) => {
          const t0 = performance.now();
          setTimeout(() => r(performance.now() - t0), 0);
        }),
    ),
  ).toBeLessThan(500);
});
