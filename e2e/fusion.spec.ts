import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';

test('model fusion: candidates trained side by side with a blend split are kept, combined by voting and stacking against the best member; runs on other images are refused', async ({ page }) => {
  test.setTimeout(300_000);
  await page.goto('/');
  await page.getByTestId('zoo-card-digits-0-4').waitFor();
  await expect(page.getByTestId('fusion-empty')).toBeVisible();
  await page.getByTestId('target-shapes-gray-4').check();
  await page.getByTestId('blend-fraction').selectOption('0.2');
  await page.getByTestId('strategy').selectOption('linear-probe');
  await page.getByTestId('epochs').fill('5');
  await page.getByTestId('seeds').fill('1');
  await page.getByTestId('rank-sources').click();
  await expect(page.getByTestId('ranking-row')).toHaveCount(5, { timeout: 60_000 });
  await page.getByTestId('finetune-all').click();
  await expect(page.getByTestId('kept-run')).toHaveCount(5, { timeout: 240_000 });

  for (const box of await page.getByTestId('kept-run').all()) await box.check();
  await page.getByTestId('fuse').click();
  const table = page.getByTestId('fusion-table');
  await expect(table).toBeVisible();
  await expect(table.getByTestId('fusion-member')).toHaveCount(5);
  for (const m of ['softUniform', 'softWeighted', 'hard', 'stacking']) {
    await expect(page.getByTestId(`fusion-${m}-accuracy`)).toHaveText(/^\d+\.\d%$/);
    await expect(page.getByTestId(`fusion-${m}-gain`)).toHaveText(/^[+−]\d+\.\d pts$/);
  }
  // The best member is marked, at +0.0 against itself.
  await expect(table.locator('tr.best')).toHaveCount(1);
  await expect(table.locator('tr.best td').nth(2)).toHaveText('+0.0 pts');

  // The export carries what the table shows.
  const download = page.waitForEvent('download');
  await page.getByTestId('export-fusion-json').click();
  const json = JSON.parse(readFileSync(await (await download).path(), 'utf8'));
  expect(json.members).toHaveLength(5);
  await expect(page.getByTestId('fusion-stacking-accuracy')).toHaveText(`${(json.methods.stacking.accuracy * 100).toFixed(1)}%`);

  // A run on other validation images (another seed, so another split) cannot be fused with these.
  await page.getByTestId('seed').fill('7');
  await page.getByTestId('train').click();
  await expect(page.getByTestId('kept-run')).toHaveCount(7, { timeout: 120_000 });
  const boxes = page.getByTestId('kept-run');
  for (let i = 0; i < 7; i++) await boxes.nth(i).setChecked(i === 0 || i === 5);
  await page.getByTestId('fuse').click();
  await expect(page.getByTestId('fusion-refusal')).toHaveText('These runs were validated on different images (another target, seed or split): they cannot be combined image by image.');
});
