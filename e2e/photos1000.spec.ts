import { expect, test } from '@playwright/test';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { serveMobileNet, waitForTraining } from './fixtures';

/** A 320×240 "photo": a soft gradient in the class colour with a seeded blob, noisy so none repeat. */
function photo(rgb: [number, number, number], seed: number): Buffer {
  const png = new PNG({ width: 320, height: 240 });
  // 32-bit integer arithmetic: with plain floats the products exceed 2^53 and streams collide.
  let s = Math.imul(seed, 2654435761) >>> 0;
  const rand = () => (s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32;
  const cx = 80 + rand() * 160;
  const cy = 60 + rand() * 120;
  for (let y = 0; y < 240; y++) {
    for (let x = 0; x < 320; x++) {
      const o = (y * 320 + x) * 4;
      const blob = (x - cx) ** 2 + (y - cy) ** 2 < 2500 ? 60 : 0;
      for (let k = 0; k < 3; k++) png.data[o + k] = Math.max(0, Math.min(255, rgb[k] * (0.5 + y / 480) + blob + (rand() - 0.5) * 24));
      png.data[o + 3] = 255;
    }
  }
  return PNG.sync.write(png, { deflateLevel: 1 });
}

test('1,000 photos at 224×224: all decoded and kept as uint8, MobileNet embeds them all once, the tab survives', async ({ page, context }) => {
  test.setTimeout(900_000);
  await serveMobileNet(context, 0);
  const root = mkdtempSync(join(tmpdir(), 'tl-photos-'));
  const classes: Record<string, [number, number, number]> = { sky: [60, 120, 230], grass: [60, 180, 60], sand: [220, 190, 120], brick: [170, 60, 50] };
  Object.entries(classes).forEach(([name, rgb], c) => {
    mkdirSync(join(root, name));
    for (let i = 0; i < 250; i++) writeFileSync(join(root, name, `${name}-${i}.png`), photo(rgb, c * 10_000 + i + 1));
  });

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
  const final = Number((await page.getByTestId('final-transfer').textContent() ?? '').replace('%', ''));
  expect(final).toBeGreaterThan(90);
  // The page still answers promptly after all of it.
  expect(await page.evaluate(() => new Promise<number>((r) => { const t0 = performance.now(); setTimeout(() => r(performance.now() - t0), 0); }))).toBeLessThan(500);
});
