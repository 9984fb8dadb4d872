import { expect, test, type Page } from '@playwright/test';
import * as tf from '@tensorflow/tfjs';
import { strFromU8, unzipSync } from 'fflate';
import { readFileSync } from 'node:fs';
import { makeImageFolder, waitForTraining, openView } from './fixtures';
import type { TestHooks } from '../src/app/testHooks';

const hooks = (page: Page) => page.evaluate(() => (window as unknown as { __transferLab: TestHooks }).__transferLab !== undefined);

test('saved in this browser: a reload in the middle of training keeps the uploads and every finished epoch, and marks the interrupted runs; the experiments list opens, renames, duplicates and deletes', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const root = makeImageFolder({ red_disc: { kind: 'disc', rgb: [220, 40, 40] }, blue_square: { kind: 'square', rgb: [40, 80, 220] } }, 8);
  await page.goto('/');
  await page.getByTestId('tab-upload').click();
  await page.getByTestId('folder-input').setInputFiles(root);
  await expect(page.getByTestId('class-count')).toHaveText(['8 images', '8 images']);
  await page.getByTestId('epochs').fill('2');
  await page.getByTestId('batch-size').fill('8');
  await page.getByTestId('train').click();
  await waitForTraining(page);
  const transfer = await page.getByTestId('final-transfer').textContent();

  // A reload brings back the settings, the images and the finished runs.
  await openView(page, 'share');
  await expect(page.getByTestId('saved-at')).toBeVisible();
  await page.waitForTimeout(1500); // the image save is debounced
  await page.reload();
  await expect(page.getByTestId('class-count')).toHaveText(['8 images', '8 images']);
  await expect(page.getByTestId('epochs')).toHaveValue('2');
  await expect(page.getByTestId('final-transfer')).toHaveText(transfer!);
  await expect(page.getByTestId('run-status-transfer')).toContainText('done');

  // Now a long run, reloaded while it trains.
  await page.getByTestId('epochs').fill('60');
  await page.getByTestId('train').click();
  await page.waitForFunction(
    () => Number(document.querySelector('[data-testid="summary-row-transfer"]')?.getAttribute('data-epochs') ?? 0) >= 3,
    undefined,
    { timeout: 120_000 },
  );
  await page.waitForTimeout(2500); // at least one save after the third epoch
  await page.reload();
  await expect(page.getByTestId('class-count')).toHaveText(['8 images', '8 images']);
  await expect(page.getByTestId('run-status-transfer')).toContainText('interrupted');
  await expect(page.getByTestId('run-status-transfer')).toContainText('reloaded while it trained');
  await expect(page.getByTestId('run-status-scratch')).toContainText('interrupted');
  expect(Number(await page.getByTestId('summary-row-transfer').getAttribute('data-epochs'))).toBeGreaterThanOrEqual(3);

  // The list: this experiment, with its curve; duplicate, rename, open, delete.
  await openView(page, 'share');
  const items = page.getByTestId('experiment');
  await expect(items).toHaveCount(1);
  await page.getByTestId('experiment-duplicate').click();
  await expect(items).toHaveCount(2);
  const copy = items.filter({ hasText: '(copy)' });
  await copy.getByTestId('experiment-rename').click();
  await page.getByTestId('experiment-rename-input').fill('My <b>copy</b>');
  await page.getByTestId('experiment-rename-input').press('Enter');
  await expect(copy.getByTestId('experiment-name')).toHaveCount(0);
  await expect(items.filter({ hasText: 'My bcopy/b' })).toHaveCount(1);
  await page.getByTestId('experiment-new').click();
  await expect(items).toHaveCount(3);
  await expect(page.getByTestId('class-count')).toHaveCount(0);
  await items.filter({ hasText: 'My bcopy/b' }).getByTestId('experiment-open').click();
  await expect(page.getByTestId('class-count')).toHaveText(['8 images', '8 images']);
  await expect(page.getByTestId('epochs')).toHaveValue('60');
  await items.filter({ hasText: 'My bcopy/b' }).getByTestId('experiment-delete').click();
  await expect(items).toHaveCount(2);
});

test('a storage quota error is reported and loses nothing already saved', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('zoo-card-digits-0-4').waitFor();
  await page.getByTestId('epochs').fill('7');
  await openView(page, 'share');
  await expect(page.getByTestId('saved-at')).toBeVisible();
  await page.waitForTimeout(800);
  expect(await hooks(page)).toBe(true);
  await page.evaluate(() => (window as unknown as { __transferLab: TestHooks }).__transferLab.failNextSave());
  await page.getByTestId('epochs').fill('9');
  const alert = page.getByTestId('storage-error');
  await expect(alert).toHaveAttribute('data-problem', 'quota');
  await expect(alert).toContainText('storage for this site is full');
  await expect(alert).toContainText('everything saved before is kept');
  await page.reload();
  // What was saved before the failure is there; the change that failed to save is not.
  await expect(page.getByTestId('epochs')).toHaveValue('7');
});

test('a bundle: exported with its images, results and config, imported in a fresh browser, round-trips them exactly', async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000);
  const root = makeImageFolder({ red_disc: { kind: 'disc', rgb: [220, 40, 40] }, blue_square: { kind: 'square', rgb: [40, 80, 220] } }, 6);
  await page.goto('/');
  await page.getByTestId('tab-upload').click();
  await page.getByTestId('folder-input').setInputFiles(root);
  await expect(page.getByTestId('class-count')).toHaveText(['6 images', '6 images']);
  await page.getByTestId('epochs').fill('2');
  await page.getByTestId('seed').fill('11');
  await page.getByTestId('train').click();
  await waitForTraining(page);
  const digest = await page.evaluate(() => (window as unknown as { __transferLab: TestHooks }).__transferLab.uploadsDigest());
  const transfer = await page.getByTestId('final-transfer').textContent();
  const scratch = await page.getByTestId('final-scratch').textContent();
  await openView(page, 'share');
  await page.getByTestId('bundle-models').check();
  const file = page.waitForEvent('download');
  await page.getByTestId('bundle-export').click();
  const zipPath = await (await file).path();
  await expect(page.getByTestId('bundle-notice')).toHaveText(/Bundle saved with 12 images and 2 trained models\./);
  // ImageFolder layout, and each run's trained model as TF.js files that load and predict outside the lab.
  const entries = unzipSync(readFileSync(zipPath));
  expect(Object.keys(entries).filter((p) => p.startsWith('images/blue_square/'))).toHaveLength(6);
  await tf.setBackend('cpu');
  for (const run of ['transfer', 'scratch']) {
    const json = JSON.parse(strFromU8(entries[`models/${run}/model.json`]));
    const weights = entries[`models/${run}/weights.bin`];
    const model = await tf.loadLayersModel(
      tf.io.fromMemory({
        modelTopology: json.modelTopology,
        weightSpecs: json.weightsManifest[0].weights,
        weightData: weights.slice().buffer,
      }),
    );
    const out = model.predict(tf.zeros([1, 32, 32, 3])) as tf.Tensor;
    expect(out.shape).toEqual([1, 2]);
    model.dispose();
  }

  const context = await browser.newContext();
  const fresh = await context.newPage();
  await fresh.goto('/');
  await fresh.getByTestId('zoo-card-digits-0-4').waitFor();
  await openView(fresh, 'share');
  await fresh.getByTestId('bundle-import').setInputFiles(zipPath);
  await expect(fresh.getByTestId('bundle-notice')).toContainText('12 images read, 4 entries left out:');
  await expect(fresh.getByTestId('bundle-skipped')).toContainText('models/transfer/model.json: a trained model, not imported');
  await expect(fresh.getByTestId('class-count')).toHaveText(['6 images', '6 images']);
  expect(await fresh.evaluate(() => (window as unknown as { __transferLab: TestHooks }).__transferLab.uploadsDigest())).toEqual(digest);
  await expect(fresh.getByTestId('epochs')).toHaveValue('2');
  await expect(fresh.getByTestId('seed')).toHaveValue('11');
  await expect(fresh.getByTestId('tab-upload')).toHaveAttribute('aria-selected', 'true');
  await expect(fresh.getByTestId('final-transfer')).toHaveText(transfer!);
  await expect(fresh.getByTestId('final-scratch')).toHaveText(scratch!);
  await context.close();
});
