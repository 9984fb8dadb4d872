import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';

test('the positive-transfer preset runs five seeds and shows its narrative, a band chart and a verdict', async ({ page }) => {
  test.setTimeout(900_000);
  await page.goto('/');
  await page.getByTestId('zoo-card-digits-0-4').waitFor();
  await page.getByTestId('preset-positive').click();
  await expect(page.getByTestId('preset-narrative')).toContainText('What to watch');
  await expect(page.getByTestId('seeds-progress')).toContainText('Seed 1 of 5');
  const panel = page.getByTestId('seeds-panel');
  await expect(panel).toHaveAttribute('data-status', 'done', { timeout: 840_000 });
  await expect(panel).toHaveAttribute('data-seeds', '5');
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'positive');
  await expect(page.getByTestId('metric-ntg')).toHaveText(/^-\d+\.\d pts \[-\d+\.\d, -\d+\.\d\]$/);
  await expect(page.getByTestId('seeds-chart').locator('.recharts-area')).toHaveCount(2);
  await page.getByTestId('show-seeds').check();
  await expect(page.getByTestId('seeds-chart').locator('.recharts-line')).toHaveCount(12);

  const download = page.waitForEvent('download');
  await page.getByTestId('export-seeds').click();
  const json = JSON.parse(readFileSync(await (await download).path(), 'utf8'));
  expect(json.seeds.map((s: { seed: number }) => s.seed)).toEqual([42, 43, 44, 45, 46]);
  for (const s of json.seeds) {
    expect(s.transfer).toHaveLength(8);
    expect(s.scratch).toHaveLength(8);
  }
  expect(json.report.verdict).toBe('positive');
  expect(json.report.ntg.n).toBe(5);
  expect(json.report.ntg.hi).toBeLessThan(0);
  // Transfer starts ahead on average (the issue's ≥ 15-point goal is not met yet: see issue 5).
  expect(json.report.jumpstart.mean).toBeGreaterThan(0);
  expect(json.report.jumpstart.lo).toBeLessThanOrEqual(json.report.jumpstart.mean);
});
