import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { waitForTraining, openView } from './fixtures';

test('a new user trains transfer (linear probe) and scratch side by side, reads the summary and exports matching JSON', async ({
  page,
}) => {
  await page.goto('/');
  await page.getByTestId('zoo-card-digits-0-4').click();
  await page.getByTestId('target-digits-5-9').check();
  await expect(page.getByTestId('split-summary')).toHaveText('160 training / 40 validation images (80/20 stratified split, seed 42)');
  await page.getByTestId('strategy').selectOption('linear-probe');
  await page.getByTestId('epochs').fill('3');
  await page.getByTestId('batch-size').fill('16');
  await page.getByTestId('learning-rate').fill('0.01');
  await page.getByTestId('train').click();

  // Curves grow while training: the first epoch point appears before the run ends.
  await expect(page.getByTestId('legend-transfer')).toBeVisible();
  await expect(page.getByTestId('legend-scratch')).toBeVisible();
  await waitForTraining(page);

  await expect(page.getByTestId('run-status-transfer')).toContainText('done');
  await expect(page.getByTestId('run-status-scratch')).toContainText('done');
  // Both runs are drawn on the one accuracy chart: a train and a validation line each.
  const lines = page.getByTestId('chart-accuracy').locator('.recharts-line');
  await expect(lines).toHaveCount(4);
  // The per-batch loss is smoothed (EMA 0.6) with the raw line faded behind it, per run.
  await expect(page.getByTestId('chart-batch-loss').locator('.recharts-line')).toHaveCount(4);
  await openView(page, 'inside');
  await expect(page.getByTestId('confusion-matrix')).toBeVisible();

  const download = page.waitForEvent('download');
  await openView(page, 'share');
  await page.getByTestId('export-json').click();
  const file = await (await download).path();
  const json = JSON.parse(readFileSync(file, 'utf8'));
  expect(json.config.source.id).toBe('digits-0-4');
  expect(json.runs.map((r: { id: string }) => r.id)).toEqual(['transfer', 'scratch']);
  for (const run of json.runs) {
    expect(run.epochs).toHaveLength(3);
    const shown = await page.getByTestId(`final-${run.id}`).textContent();
    expect(shown).toBe(`${(run.summary.finalValAccuracy * 100).toFixed(1)}%`);
    expect(run.summary.finalValAccuracy).toBe(run.epochs[2].valAccuracy);
  }
  const transfer = json.runs[0];
  const scratch = json.runs[1];
  expect(transfer.jumpstart).toBeCloseTo(transfer.epochs[0].valAccuracy - scratch.epochs[0].valAccuracy, 10);
  expect(await page.getByTestId('jumpstart-transfer').textContent()).toMatch(/^[+-]\d+\.\d pts$/);
  // Digits 0–4 features make 5–9 easy: the probe starts well ahead of scratch (the jumpstart) and
  // three epochs are too few for scratch to overtake it.
  const measured = `epoch 1 transfer ${transfer.epochs[0].valAccuracy}, scratch ${scratch.epochs[0].valAccuracy}; final ${transfer.summary.finalValAccuracy} vs ${scratch.summary.finalValAccuracy}`;
  expect(transfer.jumpstart, measured).toBeGreaterThanOrEqual(0.1);
  expect(transfer.summary.finalValAccuracy, measured).toBeGreaterThanOrEqual(scratch.summary.finalValAccuracy);
  expect(transfer.summary.finalValAccuracy, measured).toBeGreaterThan(0.2); // above chance on 5 classes

  const csvDownload = page.waitForEvent('download');
  await page.getByTestId('export-csv').click();
  const csv = readFileSync(await (await csvDownload).path(), 'utf8')
    .trim()
    .split('\n');
  expect(csv[0]).toBe('run,kind,epoch,examplesSeen,trainLoss,trainAccuracy,valLoss,valAccuracy,shiftedAccuracy,sourceAccuracy,wallMs');
  expect(csv).toHaveLength(1 + 6);
});
