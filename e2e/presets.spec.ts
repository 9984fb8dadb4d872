import { expect, test } from '@playwright/test';
import { downloadJson, waitForTraining, openView } from './fixtures';

/*
 * The preset and forgetting flows through the UI. Whether each preset's claim holds over five
 * seeds is calibrated through the engine directly (e2e/calibration.spec.ts); here a user clicks.
 */

test('a preset click: its narrative, five seeds with progress, a band chart with per-seed lines, a verdict with its CI, Learn more, and the export (few-shot: transfer clearly ahead)', async ({
  page,
}) => {
  test.setTimeout(600_000);
  await page.goto('/');
  await page.getByTestId('zoo-card-digits-0-4').waitFor();
  await page.getByTestId('preset-few-shot').click();
  await expect(page.getByTestId('preset-narrative')).toContainText('What to watch');
  await expect(page.getByTestId('preset-narrative')).toContainText('What would fix it');
  await expect(page.getByTestId('seeds-progress')).toContainText('Seed 1 of 5');
  const panel = page.getByTestId('seeds-panel');
  await expect(panel).toHaveAttribute('data-status', 'done', { timeout: 540_000 });
  await expect(panel).toHaveAttribute('data-seeds', '5');
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'positive');
  await expect(page.getByTestId('verdict')).toContainText('Transfer beats scratch');
  await expect(page.getByTestId('metric-ntg')).toHaveText(/^-\d+\.\d pts \[-\d+\.\d, -\d+\.\d\]$/);
  await expect(page.getByTestId('seeds-chart').locator('.recharts-area')).toHaveCount(2);
  await page.getByTestId('show-seeds').check();
  await expect(page.getByTestId('seeds-chart').locator('.recharts-line')).toHaveCount(12);
  // "Learn more" opens the Explain panel at its topic.
  await page.getByTestId('preset-topic-bias').click();
  await expect(page.getByTestId('explain-bias')).toHaveAttribute('open', '');

  const json = await downloadJson(page, 'export-seeds');
  expect(json.config.source.id).toBe('shapes');
  expect(json.config.bias.samplesPerClass).toBe(5);
  expect(json.seeds.map((s: { seed: number }) => s.seed)).toEqual([42, 43, 44, 45, 46]);
  expect(json.plan.map((r: { id: string }) => r.id)).toEqual(['transfer', 'scratch']);
  for (const s of json.seeds) for (const r of s.runs) expect(r.epochs).toHaveLength(json.config.training.epochs);
  // The preset's claim, over its five seeds: the NTG's 95% CI lies below 0.
  const { report } = json.reports[0];
  expect(json.reports[0].runId).toBe('transfer');
  expect(report.verdict).toBe('positive');
  expect(report.ntg.n).toBe(5);
  expect(report.ntg.hi).toBeLessThan(0);
  // What the page shows is what was exported.
  const shown = (await page.getByTestId('metric-ntg').textContent())!;
  expect(shown.startsWith((report.ntg.mean * 100).toFixed(1))).toBe(true);
  console.log(
    `few-shot preset: NTG ${(report.ntg.mean * 100).toFixed(1)} [${(report.ntg.lo * 100).toFixed(1)}, ${(report.ntg.hi * 100).toFixed(1)}]`,
  );

  await openView(page, 'share');
  // Shared, the study travels with its link: a fresh browser shows the five seeds' bands and the same verdict.
  await page.getByTestId('share').click();
  const link = await page.getByTestId('share-link').inputValue();
  const context = await page.context().browser()!.newContext();
  const fresh = await context.newPage();
  await fresh.goto(link);
  await expect(fresh.getByTestId('seeds-panel')).toHaveAttribute('data-seeds', '5');
  await expect(fresh.getByTestId('verdict')).toHaveAttribute('data-verdict', 'positive');
  await expect(fresh.getByTestId('metric-ntg')).toHaveText(shown);
  await context.close();
});

test('the forgetting meter: source accuracy charted per epoch, the WiSE-FT slider, and L2-SP set from its field', async ({ page }) => {
  test.setTimeout(600_000);
  await page.goto('/');
  await page.getByTestId('zoo-card-digits-0-4').click();
  await page.getByTestId('target-fashion').check();
  await page.getByTestId('strategy').selectOption('full');
  await page.getByTestId('forgetting-track').check();
  await page.getByTestId('epochs').fill('2');
  await page.getByTestId('batch-size').fill('32');
  await page.getByTestId('learning-rate').fill('0.01');
  await page.getByTestId('train').click();
  await waitForTraining(page, 480_000);

  await expect(page.getByTestId('chart-forgetting').locator('.recharts-line')).toHaveCount(2);
  await expect(page.getByTestId('chart-wiseft').locator('.recharts-line')).toHaveCount(2);
  await page.getByTestId('wiseft-alpha').fill('0');
  // α = 0 is the untouched source model: its own task is intact.
  await expect(page.getByTestId('wiseft-readout')).toHaveText(/^α = 0\.0: target \d+\.\d%, source (9\d|100)\.\d%$/);
  await openView(page, 'share');
  const plain = await downloadJson(page, 'export-json');
  const plainTransfer = plain.runs.find((r: { id: string }) => r.id === 'transfer');
  expect(plainTransfer.epochs.map((e: { sourceAccuracy: number }) => e.sourceAccuracy)).toEqual([expect.any(Number), expect.any(Number)]);
  expect(plainTransfer.wiseft).toHaveLength(11);

  await page.getByTestId('l2sp').fill('20');
  await page.getByTestId('train').click();
  await waitForTraining(page, 480_000);
  await openView(page, 'share');
  const l2sp = await downloadJson(page, 'export-json');
  expect(l2sp.config.forgetting.l2sp).toBe(20);
  expect(l2sp.runs.find((r: { id: string }) => r.id === 'transfer').description).toContain('L2-SP α = 20');
});

test('the model-selection preset: its narrative, the zoo ranked before training, then every source fine-tuned over five seeds with each score’s τ', async ({
  page,
}) => {
  test.setTimeout(300_000);
  await page.goto('/');
  await page.getByTestId('zoo-card-digits-0-4').waitFor();
  await page.getByTestId('preset-model-selection').click();
  await expect(page.getByTestId('preset-narrative')).toContainText('Fine-tuning is noisier than it looks');
  await expect(page.getByTestId('ranking-row')).toHaveCount(5, { timeout: 60_000 });
  await expect(page.getByTestId('finetune-progress')).toContainText('seed 1 of 5');
  await expect(page.getByTestId('finetune-progress')).toHaveCount(0, { timeout: 240_000 });
  // Five seeds per source: a mean with its interval.
  await expect(page.getByTestId('actual-accuracy')).toHaveCount(5);
  for (const cell of await page.getByTestId('actual-accuracy').all()) await expect(cell).toHaveText(/^\d+\.\d% \[\d+\.\d%, \d+\.\d%\]$/);
  await expect(page.locator('[data-source="zoo:shapes"] [data-testid="score-knn"]')).toHaveClass('best');
  await expect(page.getByTestId('tau-knn')).toHaveText(/^τ = \d\.\d\d p = \d\.\d{3}$/);
  await expect(page.getByTestId('preset-topic-logme')).toBeVisible();
});

test('the fusion preset: four sources side by side over five seeds, each seed fused as it ends; stacking beats the best member on validation, with its interval across seeds', async ({
  page,
}) => {
  test.setTimeout(300_000);
  await page.goto('/');
  await page.getByTestId('zoo-card-digits-0-4').waitFor();
  await page.getByTestId('preset-fusion').click();
  await expect(page.getByTestId('preset-narrative')).toContainText('stacking beats the best single source');
  const panel = page.getByTestId('seeds-panel');
  await expect(panel).toHaveAttribute('data-status', 'done', { timeout: 240_000 });
  // The charts and tables draw the plan's four runs, not a pair.
  await expect(panel).toHaveAttribute('data-runs', '4');
  await expect(page.getByTestId('seeds-chart').locator('.recharts-area')).toHaveCount(4);
  await expect(page.getByTestId('seeds-final')).toHaveCount(4);
  await expect(page.getByTestId('summary-table').locator('tbody tr')).toHaveCount(4);
  await expect(page.getByTestId('chart-accuracy').locator('.recharts-line')).toHaveCount(8);

  const study = page.getByTestId('fusion-study');
  await expect(study).toHaveAttribute('data-seeds', '5', { timeout: 30_000 });
  await expect(page.getByTestId('fusion-study-stacking-gain')).toHaveText(/^\+\d+\.\d pts \[[+−]\d+\.\d pts, \+\d+\.\d pts\]$/);
  // The last seed's table: its four members and every method, stacking at or above the best member.
  const table = page.getByTestId('fusion-table');
  await expect(table.getByTestId('fusion-member')).toHaveCount(4);
  await expect(page.getByTestId('fusion-stacking-gain')).toHaveText(/^\+\d+\.\d pts$/);
  // Its confusion matrix (stacking's by default; a method's on click).
  await expect(page.getByTestId('fusion-confusion-matrix').locator('tbody tr')).toHaveCount(5);
  await page.getByTestId('fusion-matrix-hard').click();
  await expect(page.getByTestId('fusion-confusion')).toContainText('Hard majority voting');

  const json = await downloadJson(page, 'export-fusion-json');
  expect(json.seeds).toHaveLength(5);
  expect(json.seeds.map((s: { seed: number }) => s.seed)).toEqual([42, 43, 44, 45, 46]);
  for (const s of json.seeds) expect(s.methods.stacking.vsBest).toBeGreaterThanOrEqual(0);
  expect(json.classNames).toEqual(['5', '6', '7', '8', '9']);
  await page.getByTestId('preset-topic-stacking').click();
  await expect(page.getByTestId('explain-stacking')).toHaveAttribute('open', '');
});
