import { expect, test } from '@playwright/test';
import { blockModelHosts, makeImageFolder, serveMobileNet, waitForTraining } from './fixtures';

const CARD = 'hosted-card-mobilenet-v1-0.25';

test('MobileNet from its official address: progress, cut at conv_pw_13_relu, a linear probe on photos ≥ 90%, curves; then offline from the cache', async ({
  page,
  context,
}) => {
  const served = await serveMobileNet(context);
  const root = makeImageFolder(
    {
      red_disc: { kind: 'disc', rgb: [220, 40, 40] },
      blue_square: { kind: 'square', rgb: [40, 80, 220] },
      yellow_disc: { kind: 'disc', rgb: [230, 210, 40] },
    },
    // 20 per class: 12 validation images, so one borderline photo is not the whole verdict.
    20,
  );
  await page.goto('/');
  await page.getByTestId('tab-upload').click();
  await page.getByTestId('folder-input').setInputFiles(root);
  await expect(page.getByTestId('class-count')).toHaveText(['20 images', '20 images', '20 images']);
  await expect(page.getByTestId('memory-line')).toContainText('60 of your images 9.2 MB');

  await page.getByTestId(CARD).click();
  await expect(page.getByTestId('hosted-mobilenet-v1-0.25-progress')).toBeVisible();
  await expect(page.getByTestId('external-details')).toBeVisible({ timeout: 60_000 });
  expect(served.requests()).toBe(56); // model.json and its 55 weight shards
  await expect(page.getByTestId(CARD)).toHaveAttribute('aria-checked', 'true');
  await expect(page.getByTestId('cut-select')).toHaveValue('conv_pw_13_relu');
  await expect(page.getByTestId('cut-output')).toHaveText('output 7×7×256 → global average pooling → 256 features');
  await expect(page.getByTestId('external-input')).toHaveText('224×224×3, pixels scaled to [−1, 1]');
  await expect(page.getByTestId('strategy')).toHaveValue('linear-probe');

  await page.getByTestId('epochs').fill('8');
  await page.getByTestId('batch-size').fill('8');
  await page.getByTestId('learning-rate').fill('0.01');
  await page.getByTestId('train').click();
  await waitForTraining(page);
  await expect(page.getByTestId('run-status-transfer')).toContainText('done');
  await expect(page.getByTestId('run-status-scratch')).toContainText('done');
  const final = Number(((await page.getByTestId('final-transfer').textContent()) ?? '').replace('%', ''));
  expect(final).toBeGreaterThanOrEqual(90);
  await expect(page.getByTestId('chart-accuracy').locator('.recharts-line')).toHaveCount(4);
  // The baseline says plainly that it is the small CNN, not a MobileNet from scratch.
  await expect(page.getByTestId('run-status-scratch')).toContainText('Small built-in CNN at 32×32');
  // 48 training + 12 validation images, embedded once and kept.
  await expect(page.getByTestId('memory-line')).toContainText('60 cached embeddings 61 KB');

  // Second visit, no network: the model comes from Cache Storage.
  await blockModelHosts(context);
  await page.reload();
  await expect(page.getByTestId(CARD).getByTestId('cached-badge')).toBeVisible();
  await page.getByTestId(CARD).click();
  await expect(page.getByTestId('external-details')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('cut-select')).toHaveValue('conv_pw_13_relu');
  expect(served.requests()).toBe(56);
});

test('with the network blocked and nothing cached, MobileNet shows a clear error and the built-in zoo still trains', async ({
  page,
  context,
}) => {
  await blockModelHosts(context);
  await page.goto('/');
  await page.getByTestId(CARD).click();
  await expect(page.getByTestId('hosted-mobilenet-v1-0.25-error')).toContainText(
    'Could not download https://storage.googleapis.com/tfjs-models/tfjs/mobilenet_v1_0.25_224/model.json',
  );
  await expect(page.getByTestId('hosted-mobilenet-v1-0.25-error')).toContainText('network is unreachable');
  await expect(page.getByTestId(CARD)).toHaveAttribute('aria-checked', 'false');

  await page.getByTestId('zoo-card-digits-0-4').click();
  await page.getByTestId('strategy').selectOption('linear-probe');
  await page.getByTestId('epochs').fill('1');
  await page.getByTestId('train').click();
  await waitForTraining(page);
  await expect(page.getByTestId('run-status-transfer')).toContainText('done');
});
