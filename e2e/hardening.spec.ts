import { expect, test, type Page } from '@playwright/test';
import * as tf from '@tensorflow/tfjs';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ModelFiles } from '../src/core/models/external';
import { hostileFileCases, smallImageModelFiles, teachableExport } from '../src/core/testing/hostileModels';
import type { TestHooks } from '../src/app/testHooks';
import { makeImageFolder, settledTensorCount, waitForTraining } from './fixtures';

const hooks = (page: Page) => ({
  memory: () => page.evaluate(() => (window as unknown as { __transferLab: TestHooks }).__transferLab.memory()),
  hang: () => page.evaluate(() => (window as unknown as { __transferLab: TestHooks }).__transferLab.hangEngine()),
  loseWebgl: () => page.evaluate(() => (window as unknown as { __transferLab: TestHooks }).__transferLab.loseWebgl()),
  breakPanel: (p: string) => page.evaluate((name) => (window as unknown as { __transferLab: TestHooks }).__transferLab.breakPanel(name), p),
});

/** Writes model files into a fresh folder; returns their paths (model.json first). */
function writeModel(files: ModelFiles, extra: Record<string, string> = {}): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'tl-hostile-'));
  const paths = [join(dir, 'model.json')];
  writeFileSync(paths[0], files.modelJson);
  for (const [name, bytes] of Object.entries(files.weights)) {
    paths.push(join(dir, name));
    writeFileSync(join(dir, name), new Uint8Array(bytes));
  }
  for (const [name, text] of Object.entries(extra)) {
    paths.push(join(dir, name));
    writeFileSync(join(dir, name), text);
  }
  return paths;
}

/** The built-in default experiment, made quick: a probe for one epoch, trained to its end. */
async function trainZoo(page: Page) {
  await page.getByTestId('zoo-card-digits-0-4').click();
  await page.getByTestId('tab-builtin').click();
  await page.getByTestId('target-digits-5-9').check();
  await page.getByTestId('strategy').selectOption('linear-probe');
  await page.getByTestId('epochs').fill('1');
  await page.getByTestId('seeds').fill('1');
  await page.getByTestId('train').click();
  await waitForTraining(page);
  await expect(page.getByTestId('run-status-transfer')).toContainText('done');
}

test('hostile model files and servers: each gets its own message within 10 s; afterwards the zoo trains with no tensor growth', async ({
  page,
}) => {
  test.setTimeout(300_000);
  await tf.setBackend('cpu');
  const valid = await smallImageModelFiles();
  let stalled: ServerResponse[] = [];
  const server = createServer((req, res) => {
    const cors = { 'access-control-allow-origin': '*' };
    const json = { ...cors, 'content-type': 'application/json' };
    const bin = { ...cors, 'content-type': 'application/octet-stream' };
    const weights = Buffer.from(valid.weights['weights.bin']);
    switch (req.url) {
      case '/html/model.json':
      case '/new/model.json':
        return void res.writeHead(200, json).end(valid.modelJson);
      case '/html/weights.bin': // a misconfigured host's error page, with status 200
        return void res.writeHead(200, { ...cors, 'content-type': 'text/html' }).end('<!doctype html><h1>Welcome</h1>');
      case '/old/model.json': // moved: the shards live next to where it moved to
        return void res.writeHead(302, { ...cors, location: '/new/model.json' }).end();
      case '/new/weights.bin':
        return void res.writeHead(200, bin).end(weights);
      case '/hang/model.json':
      case '/slow/model.json':
        stalled.push(res); // a server that accepts the request and never answers
        return;
      default:
        return void res.writeHead(404, cors).end('not found');
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    await page.goto('/');
    await page.getByTestId('zoo-card-digits-0-4').waitFor();
    await expect(page.getByTestId('backend')).toHaveText('webgl');
    const before = await settledTensorCount(page);
    const error = page.getByTestId('custom-error');

    const cases = await hostileFileCases();
    expect(cases.map((c) => c.id)).toEqual(['string-bomb', 'float-bomb', 'null-manifest', 'paths-not-array', 'huge-input', 'nan-weights']);
    const seen = new Set<string>();
    for (const c of cases) {
      await page.getByTestId('model-files-input').setInputFiles(writeModel(c.files));
      await expect(error, c.id).toHaveText(c.message, { timeout: 10_000 });
      seen.add((await error.textContent())!);
    }

    const load = async (path: string) => {
      await page.getByTestId('custom-url').fill(`${origin}${path}`);
      await page.getByTestId('custom-url').press('Enter');
    };
    await load('/html/model.json');
    await expect(error).toHaveText(
      `${origin}/html/weights.bin answered with a web page (text/html) instead of the weight file weights.bin: the address points at the wrong place, or the server shows an error page.`,
      { timeout: 10_000 },
    );
    seen.add((await error.textContent())!);
    await load('/hang/model.json');
    await expect(error).toHaveText(
      `${origin}/hang/model.json sent nothing for 6 s: the server does not answer. Try again later or check the address.`,
      { timeout: 10_000 },
    );
    seen.add((await error.textContent())!);
    expect(seen.size).toBe(cases.length + 2);

    // Cancel: a download in flight stops at once, with no error.
    await load('/slow/model.json');
    await expect(page.getByTestId('custom-progress')).toBeVisible();
    await page.getByTestId('custom-cancel').click();
    await expect(page.getByTestId('custom-progress')).toHaveCount(0);
    await expect(error).toHaveCount(0);

    // A redirect to another folder: the shards are fetched next to where model.json really is.
    await load('/old/model.json');
    await expect(page.getByTestId('custom-loaded')).toHaveText('old', { timeout: 10_000 });
    await expect(page.getByTestId('external-input')).toHaveText('32×32×3, pixels scaled to [0, 1]');
    // Validated, so cached — and listed, with a way to remove it. The HTML shard was never cached.
    await page.getByTestId('stored-models').locator('summary').click();
    await expect(page.getByTestId('stored-model')).toHaveCount(1);
    await expect(page.getByTestId('stored-model')).toContainText(`${origin}/old/model.json`);
    await page.getByTestId('stored-remove').click();
    await expect(page.getByTestId('stored-models')).toHaveCount(0);

    await trainZoo(page);
    expect(await settledTensorCount(page)).toBe(before);
  } finally {
    stalled.forEach((r) => r.destroy());
    stalled = [];
    server.close();
  }
});

test('a Teachable Machine export (model.json + weights.bin + metadata.json) loads with its class labels and trains as a frozen source', async ({
  page,
}) => {
  await tf.setBackend('cpu');
  // Teachable Machine's own exports take 224 × 224; the layout, not the size, is what is tested.
  const { files, metadataJson } = await teachableExport(['Class 1', 'Class 2', 'Ripe banana'], 64);
  await page.goto('/');
  await page.getByTestId('model-files-input').setInputFiles(writeModel(files, { 'metadata.json': metadataJson }));
  await expect(page.getByTestId('custom-loaded')).toHaveText('tm-my-image-model (Teachable Machine)');
  await expect(page.getByTestId('external-labels')).toHaveText('3: Class 1, Class 2, Ripe banana');
  await expect(page.getByTestId('external-input')).toHaveText('64×64×3, pixels scaled to [−1, 1]');
  await expect(page.getByTestId('cut-output')).toHaveText('model1 (frozen) → 16 features per image');
  await expect(page.getByTestId('strategy').locator('option[value="fine-tune"]')).toBeDisabled();
  await page.getByTestId('target-digits-5-9').check();
  await page.getByTestId('scratch-baseline').uncheck();
  await page.getByTestId('epochs').fill('1');
  await page.getByTestId('train').click();
  await waitForTraining(page);
  await expect(page.getByTestId('run-status-transfer')).toContainText('done');
  await expect(page.getByTestId('run-status-transfer')).toContainText('its inner feature model: frozen feature extractor');
});

test('a hung worker and a lost WebGL context: each ends with a message and the interrupted run marked; uploads and finished seeds stay; the next run works', async ({
  page,
}) => {
  test.setTimeout(420_000);
  await page.goto('/');
  await page.getByTestId('zoo-card-digits-0-4').waitFor();
  // Uploads that must survive.
  await page.getByTestId('tab-upload').click();
  await page
    .getByTestId('folder-input')
    .setInputFiles(makeImageFolder({ disc: { kind: 'disc', rgb: [220, 40, 40] }, square: { kind: 'square', rgb: [40, 40, 220] } }, 6));
  await expect(page.getByTestId('class-count')).toHaveText(['6 images', '6 images']);
  await page.getByTestId('strategy').selectOption('fine-tune');
  await page.getByTestId('epochs').fill('40');
  await page.getByTestId('seeds').fill('3');
  await page.getByTestId('train').click();

  // Seed 1 finishes; seed 2 is in training when the worker hangs.
  await expect(page.getByTestId('seeds-progress')).toContainText('Seed 2 of 3', { timeout: 240_000 });
  await expect(page.getByTestId('run-status-transfer')).toContainText('training');
  await hooks(page).hang();
  const restarted = page.getByTestId('engine-restarted');
  await expect(restarted).toHaveAttribute('data-reason', 'hung', { timeout: 60_000 });
  await expect(restarted).toContainText('stopped responding for 30 seconds and was restarted');
  await expect(restarted).toContainText('your images, finished runs and settings are kept');
  await expect(page.getByTestId('run-status-transfer')).toContainText('interrupted');
  await expect(page.getByTestId('seeds-panel')).toHaveAttribute('data-seeds', '1');
  await expect(page.getByTestId('class-count')).toHaveText(['6 images', '6 images']);
  await expect(page.getByTestId('epochs')).toHaveValue('40');

  // The replacement worker trains; its WebGL context is lost mid-run (a run long enough to be
  // caught training: two epochs can end between two polls on wasm threads).
  await page.getByTestId('epochs').fill('20');
  await page.getByTestId('seeds').fill('1');
  await page.getByTestId('train').click();
  await expect(page.getByTestId('run-status-transfer')).toContainText('training', { timeout: 60_000 });
  expect(await hooks(page).loseWebgl()).toBe(true);
  await expect(restarted).toHaveAttribute('data-reason', 'webgl-lost', { timeout: 30_000 });
  await expect(restarted).toContainText('WebGL) context was lost');
  await expect(page.getByTestId('run-status-transfer')).toContainText('interrupted');
  await expect(page.getByTestId('class-count')).toHaveText(['6 images', '6 images']);
  await expect(page.getByTestId('backend')).toHaveText('webgl');

  // And the next worker trains a short run to its end.
  await page.getByTestId('epochs').fill('2');
  await page.getByTestId('train').click();
  await waitForTraining(page);
  await expect(page.getByTestId('run-status-transfer')).toContainText('done');
  await expect(restarted).toHaveCount(0);
});

test('a rendering error stays in its panel: a message there, the rest of the lab works, Try again restores it', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('zoo-card-digits-0-4').waitFor();
  await hooks(page).breakPanel('augment');
  await expect(page.getByTestId('panel-error-augment')).toContainText(
    'This panel ran into an error and could not be shown (test fault injected into the augment panel)',
  );
  await expect(page.getByTestId('augment-panel')).toHaveCount(0);
  await expect(page.getByTestId('training-panel')).toBeVisible();
  await expect(page.getByTestId('target-panel')).toBeVisible();
  await page.getByTestId('panel-error-augment').getByRole('button').click();
  await expect(page.getByTestId('augment-panel')).toBeVisible();
});
