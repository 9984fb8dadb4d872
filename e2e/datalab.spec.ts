import { expect, test, type Page } from '@playwright/test';
import { downloadJson, waitForTraining, openView } from './fixtures';

/** Every preview thumbnail's pixels, as data URLs: what the user sees, compared before and after. */
const previewPixels = (page: Page) =>
  page
    .getByTestId('augment-preview')
    .locator('canvas')
    .evaluateAll((cs) => cs.map((c) => (c as HTMLCanvasElement).toDataURL()));

test('toggling an augmentation changes the preview; the run records it and reports shifted-test accuracy', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('zoo-card-digits-0-4').click();
  await page.getByTestId('target-digits-5-9').check();
  const preview = page.getByTestId('augment-preview');
  await expect(preview.locator('canvas')).toHaveCount(20);
  const before = await previewPixels(page);
  // All off: every draw of an image is the image itself.
  expect(new Set(before.slice(0, 5)).size).toBe(1);

  const version = Number(await preview.getAttribute('data-version'));
  await page.getByTestId('aug-rotate').check();
  await page.getByTestId('aug-rotate-p').fill('1');
  await expect(page.getByTestId('aug-rotate-p')).toHaveValue('1');
  await expect.poll(async () => Number(await preview.getAttribute('data-version'))).toBeGreaterThan(version);
  // With p = 1 every draw rotates by its own angle: the columns of a row all differ.
  await expect.poll(async () => new Set((await previewPixels(page)).slice(0, 5)).size).toBe(5);
  const after = await previewPixels(page);
  expect(after).not.toEqual(before);
  const reshuffled = Number(await preview.getAttribute('data-version'));
  await page.getByTestId('aug-reshuffle').click();
  await expect.poll(async () => Number(await preview.getAttribute('data-version'))).toBeGreaterThan(reshuffled);
  expect(await previewPixels(page)).not.toEqual(after);

  // A shifted test set and label noise, then a short run.
  await page.getByTestId('shift-kind').selectOption('blur');
  await expect(page.getByTestId('shifted-preview')).toBeVisible();
  await page.getByTestId('label-noise').fill('20');
  await expect(page.getByTestId('planned-total')).toContainText('32 labels flipped');
  await expect(page.getByTestId('noisy-thumb').first()).toBeVisible();
  await page.getByTestId('strategy').selectOption('fine-tune');
  await page.getByTestId('epochs').fill('2');
  await page.getByTestId('train').click();
  await waitForTraining(page);
  await expect(page.getByTestId('run-status-transfer')).toContainText('done');
  for (const id of ['transfer', 'scratch']) await expect(page.getByTestId(`shifted-${id}`)).toHaveText(/^\d+\.\d%$/);

  await openView(page, 'share');
  const json = await downloadJson(page, 'export-json');
  expect(json.config.augmentations.rotate).toMatchObject({ enabled: true, p: 1 });
  expect(json.config.bias).toMatchObject({ labelNoise: { fraction: 0.2 }, shift: { kind: 'blur' } });
  for (const run of json.runs) {
    expect(run.summary.finalShiftedAccuracy).toBe(run.epochs[1].shiftedAccuracy);
    expect(await page.getByTestId(`shifted-${run.id}`).textContent()).toBe(`${(run.summary.finalShiftedAccuracy * 100).toFixed(1)}%`);
  }
});

test('the few-shot sweep plots and exports final accuracy of both runs at every N', async ({ page }) => {
  test.setTimeout(600_000);
  await page.goto('/');
  await page.getByTestId('zoo-card-digits-0-4').click();
  await page.getByTestId('target-digits-5-9').check();
  await page.getByTestId('strategy').selectOption('fine-tune');
  await page.getByTestId('epochs').fill('2');
  await page.getByTestId('sweep').click();
  await expect(page.getByTestId('sweep-progress')).toContainText('1 per class');
  const chart = page.getByTestId('sweep-chart');
  await expect(chart).toHaveAttribute('data-status', 'done', { timeout: 540_000 });
  await expect(chart).toHaveAttribute('data-points', '5');
  await expect(chart.locator('.recharts-line')).toHaveCount(2);

  const json = await downloadJson(page, 'export-sweep');
  expect(json.points.map((p: { samplesPerClass: number }) => p.samplesPerClass)).toEqual([1, 5, 10, 20, 50]);
  for (const p of json.points) {
    expect(p.transfer).toBeGreaterThanOrEqual(0);
    expect(p.transfer).toBeLessThanOrEqual(1);
    expect(p.scratch).toBeGreaterThanOrEqual(0);
    expect(p.scratch).toBeLessThanOrEqual(1);
  }
  // The last experiment of the sweep is the one on screen: its final accuracies are the N=50 point.
  expect(await page.getByTestId('final-transfer').textContent()).toBe(`${(json.points[4].transfer * 100).toFixed(1)}%`);
});
