import { expect, test } from '@playwright/test';
import { openView } from './fixtures';
import { readFileSync } from 'node:fs';

test('model fusion: candidates trained side by side with a blend split are kept, combined by voting and stacking against the best member; runs on other images are refused', async ({
  page,
}) => {
  test.setTimeout(300_000);
  await page.goto('/');
  await page.getByTestId('zoo-card-digits-0-4').waitFor();
  await openView(page, 'combine');
  await expect(page.getByTestId('fusion-empty')).toBeVisible();
  await page.getByTestId('target-shapes-gray-4').check();
  await page.getByTestId('blend-fraction').selectOption('0.2');
  await page.getByTestId('strategy').selectOption('linear-probe');
  await page.getByTestId('epochs').fill('5');
  await page.getByTestId('seeds').fill('1');
  await page.getByTestId('rank-sources').click();
  await expect(page.getByTestId('ranking-row')).toHaveCount(6, { timeout: 60_000 });
  await page.getByTestId('finetune-all').click();
  await expect(page.getByTestId('kept-run')).toHaveCount(6, { timeout: 240_000 });

  for (const box of await page.getByTestId('kept-run').all()) await box.check();
  await page.getByTestId('fuse').click();
  const table = page.getByTestId('fusion-table');
  await expect(table).toBeVisible();
  await expect(table.getByTestId('fusion-member')).toHaveCount(6);
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
  expect(json.members).toHaveLength(6);
  await expect(page.getByTestId('fusion-stacking-accuracy')).toHaveText(`${(json.methods.stacking.accuracy * 100).toFixed(1)}%`);

  // A run on other validation images (another seed, so another split) cannot be fused with these.
  await page.getByTestId('seed').fill('7');
  await page.getByTestId('train').click();
  await expect(page.getByTestId('kept-run')).toHaveCount(8, { timeout: 120_000 });
  const boxes = page.getByTestId('kept-run');
  for (let i = 0; i < 8; i++) await boxes.nth(i).setChecked(i === 0 || i === 6);
  await page.getByTestId('fuse').click();
  await expect(page.getByTestId('fusion-refusal')).toHaveText(
    'These runs were validated on different images (another target, seed or split): they cannot be combined image by image. To fuse runs of different seeds, tick “Same images for every seed” before training them.',
  );

  // With the images fixed to seed 42's split, a seed-7 run trains on its own draws but is validated
  // on the same images as the first six: now they fuse.
  await page.getByTestId('seed').fill('42');
  await page.getByTestId('fix-split').check();
  await expect(page.getByTestId('fix-split').locator('..')).toContainText('split of seed 42');
  await page.getByTestId('seed').fill('7');
  await page.getByTestId('train').click();
  await expect(page.getByTestId('kept-run')).toHaveCount(10, { timeout: 120_000 });
  for (let i = 0; i < 10; i++) await boxes.nth(i).setChecked(i === 0 || i === 8);
  await page.getByTestId('fuse').click();
  await expect(page.getByTestId('fusion-refusal')).toHaveCount(0);
  await expect(page.getByTestId('fusion-table').getByTestId('fusion-member')).toHaveCount(2);

  // A reload keeps the analyses, not only the runs: the ranking table with its actual accuracies
  // and τ, and the fusion table, its members named as they were (the worker's kept runs are gone).
  const members = await page.getByTestId('fusion-member').allTextContents();
  const stacking = await page.getByTestId('fusion-stacking-accuracy').textContent();
  const tau = await page.getByTestId('tau-knn').textContent();
  await page.waitForTimeout(600); // the autosave's debounce
  await page.reload();
  await expect(page.getByTestId('ranking-row')).toHaveCount(6);
  await expect(page.getByTestId('actual-accuracy').filter({ hasText: /^\d+\.\d%/ })).toHaveCount(6);
  await expect(page.getByTestId('tau-knn')).toHaveText(tau!);
  await expect(page.getByTestId('fusion-member')).toHaveText(members);
  await expect(page.getByTestId('fusion-stacking-accuracy')).toHaveText(stacking!);
  await expect(page.getByTestId('kept-run')).toHaveCount(0);
});

test('model soups: two fine-tunes of one source average into a working model; a transfer and a scratch run are refused with the reason, and averaging them anyway is shown for what it is', async ({
  page,
}) => {
  test.setTimeout(300_000);
  await page.goto('/');
  await page.getByTestId('zoo-card-digits-0-4').click();
  await page.getByTestId('target-digits-5-9').check();
  await openView(page, 'combine');
  await page.getByTestId('blend-fraction').selectOption('0.2');
  await page.getByTestId('epochs').fill('3');
  await page.getByTestId('seeds').fill('1');
  const runs = page.getByTestId('kept-run');
  for (const [i, lr] of ['0.003', '0.001'].entries()) {
    await page.getByTestId('learning-rate').fill(lr);
    await page.getByTestId('train').click();
    // Each experiment leaves its transfer run and its scratch twin for fusion.
    await expect(runs).toHaveCount(2 * (i + 1), { timeout: 120_000 });
  }
  const label = (i: number) => page.getByTestId('kept-runs').locator('li').nth(i);
  await expect(label(0)).toContainText('Transfer (experiment 1)');
  await expect(label(1)).toContainText('From scratch (experiment 1)');
  await expect(label(2)).toContainText('Transfer (experiment 2)');

  const choose = async (picked: number[]) => {
    for (let i = 0; i < 4; i++) await runs.nth(i).setChecked(picked.includes(i));
  };
  await choose([0, 2]);
  await page.getByTestId('soup-uniform').click();
  await expect(page.getByTestId('soup-result')).toHaveText(
    /^Uniform soup of 2 runs: \d+\.\d% on validation \(\d+\.\d% on the blend split\)$/,
  );

  await choose([0, 1]);
  await page.getByTestId('soup-uniform').click();
  await expect(page.getByTestId('soup-refusal')).toContainText(
    'Transfer (experiment 1) and From scratch (experiment 1) did not start from the same weights',
  );
  await page.getByTestId('soup-force').click();
  await expect(page.getByTestId('soup-result')).toContainText('their units do not line up');
});
