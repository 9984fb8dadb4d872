import { expect, test, type Page } from '@playwright/test';
import * as tf from '@tensorflow/tfjs';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serialiseModel } from '../src/core/models/artifacts';
import { waitForTraining, openView } from './fixtures';

/** Writes a TF.js layers model as model.json + two weight shards; returns the three paths. */
async function saveModel(dir: string, model: tf.LayersModel): Promise<string[]> {
  const { modelJson, weights } = await serialiseModel(model);
  const json = JSON.parse(modelJson);
  const half = Math.floor(weights.byteLength / 8) * 4;
  json.weightsManifest[0].paths = ['group1-shard1of2.bin', 'group1-shard2of2.bin'];
  const paths = [join(dir, 'model.json'), join(dir, 'group1-shard1of2.bin'), join(dir, 'group1-shard2of2.bin')];
  writeFileSync(paths[0], JSON.stringify(json));
  writeFileSync(paths[1], weights.subarray(0, half));
  writeFileSync(paths[2], weights.subarray(half));
  return paths;
}

/** A 3×3 same-padded ReLU convolution with seeded weights. */
const conv = (name: string, filters: number, seed: number) =>
  tf.layers.conv2d({
    name,
    filters,
    kernelSize: 3,
    padding: 'same',
    activation: 'relu',
    kernelInitializer: tf.initializers.heNormal({ seed }),
  });

function imageModel(): tf.LayersModel {
  const input = tf.input({ shape: [32, 32, 3] });
  let x = conv('conv_a', 8, 1).apply(input) as tf.SymbolicTensor;
  x = tf.layers.maxPooling2d({ poolSize: 2, name: 'pool_a' }).apply(x) as tf.SymbolicTensor;
  x = conv('conv_b', 16, 2).apply(x) as tf.SymbolicTensor;
  x = tf.layers.flatten().apply(x) as tf.SymbolicTensor;
  const out = tf.layers.dense({ units: 10, activation: 'softmax', name: 'probs' }).apply(x) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: out });
}

function tabularModel(): tf.LayersModel {
  const input = tf.input({ shape: [10] });
  return tf.model({ inputs: input, outputs: tf.layers.dense({ units: 2 }).apply(input) as tf.SymbolicTensor });
}

async function choose(page: Page, files: string[]) {
  await page.getByTestId('model-files-input').setInputFiles(files);
}

test('your own model from local files: a valid set loads and trains; a missing weight file, a corrupt model.json and a non-image model each say what is wrong', async ({
  page,
}) => {
  await tf.setBackend('cpu');
  const dir = (name: string) => mkdtempSync(join(tmpdir(), `tl-model-${name}-`));
  const valid = await saveModel(dir('valid'), imageModel());
  const tabular = await saveModel(dir('tabular'), tabularModel());
  const corruptDir = dir('corrupt');
  writeFileSync(join(corruptDir, 'model.json'), '{"modelTopology": {"class_name": "Model", "config": {"layers": [');

  await page.goto('/');
  await choose(page, valid);
  await expect(page.getByTestId('custom-loaded')).toHaveText('model.json');
  await expect(page.getByTestId('external-input')).toHaveText('32×32×3, pixels scaled to [0, 1]');
  await expect(page.getByTestId('cut-select')).toHaveValue('conv_b');
  await expect(page.getByTestId('cut-output')).toHaveText('output 16×16×16 → global average pooling → 16 features');
  await page.getByTestId('cut-select').selectOption('conv_a');
  await expect(page.getByTestId('cut-output')).toHaveText('output 32×32×8 → global average pooling → 8 features');

  await page.getByTestId('epochs').fill('2');
  await page.getByTestId('train').click();
  await waitForTraining(page);
  await expect(page.getByTestId('run-status-transfer')).toContainText('done');
  await expect(page.getByTestId('run-status-transfer')).toContainText('· conv_a');
  // Saved with the experiment: after a reload the model's files are loaded again from this device, with the saved cut.
  await openView(page, 'share');
  await expect(page.getByTestId('saved-at')).toBeVisible();
  await page.waitForTimeout(1000);
  await page.reload();
  await expect(page.getByTestId('custom-loaded')).toHaveText('model.json');
  await expect(page.getByTestId('cut-select')).toHaveValue('conv_a');
  await expect(page.getByTestId('run-status-transfer')).toContainText('done');
  // Another source picked, the own model is one click away (still in the engine, no files to choose again).
  await page.getByTestId('zoo-card-digits-0-4').click();
  await expect(page.getByTestId('custom-loaded')).toHaveCount(0);
  await page.getByTestId('custom-use').click();
  await expect(page.getByTestId('custom-loaded')).toHaveText('model.json');
  await expect(page.getByTestId('cut-select')).toHaveValue('conv_a');

  await choose(page, valid.slice(0, 2));
  await expect(page.getByTestId('custom-error')).toHaveText(
    'Missing weight file: group1-shard2of2.bin. model.json lists 2 weight files; choose model.json together with all of them.',
  );
  await choose(page, [join(corruptDir, 'model.json'), ...valid.slice(1)]);
  await expect(page.getByTestId('custom-error')).toContainText('model.json is not valid JSON');
  // Dropped, like a user dragging the files from their file manager.
  const files = tabular.map((p) => ({ name: p.split('/').pop()!, bytes: Array.from(readFileSync(p)) }));
  const dataTransfer = await page.evaluateHandle((list) => {
    const dt = new DataTransfer();
    for (const f of list) dt.items.add(new File([new Uint8Array(f.bytes)], f.name));
    return dt;
  }, files);
  await page.getByTestId('model-dropzone').dispatchEvent('drop', { dataTransfer });
  await expect(page.getByTestId('custom-error')).toHaveText(
    "The model's input has shape [null, 10], which is not an image. Transfer Lab needs an image input [batch, height, width, channels].",
  );
  // The experiment still has the last good model.
  await expect(page.getByTestId('train')).toBeEnabled();
});

test('your own model from a web address: a server without CORS, a missing file, a bad address and plain http to another host each get a specific message', async ({
  page,
}) => {
  // A real second origin that serves the file without Access-Control-Allow-Origin, as many plain
  // file servers do (Playwright's request interception would bypass the browser's CORS check).
  const server = createServer((req, res) => {
    if (req.url === '/nocors/model.json') return void res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    res.writeHead(404, { 'access-control-allow-origin': '*' }).end('not found');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    await page.goto('/');
    const load = async (url: string) => {
      await page.getByTestId('custom-url').fill(url);
      await page.getByTestId('custom-url').press('Enter');
    };
    await load(`${origin}/nocors/model.json`);
    await expect(page.getByTestId('custom-error')).toContainText('does not allow cross-origin (CORS) requests from this page');
    await load(`${origin}/missing/model.json`);
    await expect(page.getByTestId('custom-error')).toHaveText(`${origin}/missing/model.json answered HTTP 404. Check the address.`);
    await load('models/mine/model.json');
    await expect(page.getByTestId('custom-error')).toHaveText(
      '"models/mine/model.json" is not a model address the lab will load: it should start with https:// (http:// only for localhost) and end in model.json.',
    );
    // Plain http to another host is refused before any request: a shared config could not carry it either.
    await load('http://models.example.org/m/model.json');
    await expect(page.getByTestId('custom-error')).toHaveText(
      '"http://models.example.org/m/model.json" is not a model address the lab will load: it should start with https:// (http:// only for localhost) and end in model.json.',
    );
    // Nothing was selected: the built-in default source still trains.
    await expect(page.getByTestId('train')).toBeEnabled();
  } finally {
    server.close();
  }
});
