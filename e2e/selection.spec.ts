import { expect, test } from '@playwright/test';
import { openView } from './fixtures';
import { readFileSync } from 'node:fs';

test('model selection: all six zoo sources ranked with their compute times; fine-tune-all fills the actual accuracies and each score’s Kendall τ', async ({
  page,
}) => {
  test.setTimeout(300_000);
  await page.goto('/');
  await page.getByTestId('zoo-card-digits-0-4').waitFor();
  await page.getByTestId('target-shapes-gray-4').check();
  await openView(page, 'combine');
  await page.getByTestId('rank-sources').click();

  const rows = page.getByTestId('ranking-row');
  await expect(rows).toHaveCount(6, { timeout: 60_000 });
  await expect(page.getByTestId('rank-sources')).toHaveText('Rank sources');
  for (let i = 0; i < 6; i++) {
    const row = rows.nth(i);
    for (const s of ['logme', 'hscore']) await expect(row.getByTestId(`score-${s}`)).toHaveText(/^-?\d+\.\d{3}( ★)?$/);
    await expect(row.getByTestId('score-leep')).toHaveText(/^-\d+\.\d{3}( ★)?$/); // every zoo model has a head: LEEP ≤ 0
    await expect(row.getByTestId('score-knn')).toHaveText(/^\d+\.\d%( ★)?$/);
    await expect(row.getByTestId('score-time')).toHaveText(/^\d+(\.\d)? ms$/);
  }
  // One best per column, marked; on grey shapes the outline-trained source separates the classes best.
  for (const s of ['logme', 'leep', 'hscore', 'knn']) await expect(page.locator(`[data-testid="score-${s}"].best`)).toHaveCount(1);
  await expect(page.locator('[data-source="zoo:shapes"] [data-testid="score-knn"]')).toHaveClass('best');

  // Check the scores: the same strategy and budget for each candidate, one seed here to keep it short.
  await page.getByTestId('strategy').selectOption('linear-probe');
  await page.getByTestId('epochs').fill('5');
  await page.getByTestId('seeds').fill('1');
  await page.getByTestId('finetune-all').click();
  await expect(page.getByTestId('finetune-progress')).toBeVisible();
  await expect(page.getByTestId('actual-accuracy')).toHaveCount(6);
  await expect(page.getByTestId('actual-accuracy').filter({ hasText: '…' })).toHaveCount(0, { timeout: 240_000 });
  for (const s of ['logme', 'leep', 'hscore', 'knn'])
    await expect(page.getByTestId(`tau-${s}`)).toHaveText(/^τ = -?\d\.\d\d p = \d\.\d{3}$/);
  await expect(page.getByTestId('finetune-progress')).toHaveCount(0);

  // Exports: the table as CSV (a row per source, per-seed accuracy) and JSON (with each score's τ).
  const csvDownload = page.waitForEvent('download');
  await page.getByTestId('export-ranking-csv').click();
  const csv = readFileSync(await (await csvDownload).path(), 'utf8')
    .trim()
    .split('\n');
  expect(csv[0]).toBe('source,dims,logme,leep,hscore,knn,features_ms,logme_ms,leep_ms,hscore_ms,knn_ms,actual_mean,actual_seed1,error');
  expect(csv).toHaveLength(7);
  const jsonDownload = page.waitForEvent('download');
  await page.getByTestId('export-ranking-json').click();
  const json = JSON.parse(readFileSync(await (await jsonDownload).path(), 'utf8'));
  expect(json.sources).toHaveLength(6);
  expect(Object.keys(json.kendall).sort()).toEqual(['hscore', 'knn', 'leep', 'logme']);
  const tauShown = await page.getByTestId('tau-knn').textContent();
  expect(tauShown).toContain(`τ = ${json.kendall.knn.tau.toFixed(2)}`);
  // The candidates trained side by side, as one experiment of six runs: six curves, six summary rows.
  await expect(page.getByTestId('legend').locator('.legend-item')).toHaveCount(6);
  await expect(page.locator('[data-testid^="summary-row-"]')).toHaveCount(6);
  for (let i = 1; i <= 6; i++) await expect(page.getByTestId(`run-status-transfer-${i}`)).toContainText('done');
  // Six distinct colours on the chart.
  const colours = await page
    .getByTestId('legend')
    .locator('.swatch')
    .evaluateAll((els) => els.map((e) => (e as HTMLElement).style.background));
  expect(new Set(colours).size).toBe(6);
});
