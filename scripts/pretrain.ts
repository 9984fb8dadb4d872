/**
 * npm run pretrain [-- --only id[,id]] [--backend cpu]
 * Pretrains the built-in zoo reproducibly (seeds in src/core/models/zoo.ts) and writes
 * public/models/<id>/{model.json,weights.bin,card.json} and public/models/index.json.
 * Default: headless Chromium on WebGL (SwiftShader is ~3× faster than the Node cpu backend).
 */
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { createServer } from 'vite';
import { chromium } from '@playwright/test';
import * as tf from '@tensorflow/tfjs';
import { ZOO } from '../src/core/models/zoo';
import { ModelCardSchema, type ModelCard, type ZooIndex } from '../src/core/models/card';
import { DatasetStore } from '../src/core/data/datasetRef';
import { publicFolderFetch } from '../src/core/testing/nodeFetch';
import { pretrain } from '../src/core/train/pretrain';
import { serialiseModel, WEIGHTS_FILE } from '../src/core/models/artifacts';
import { CHROMIUM_ARGS, requireChromium } from './browser';

const OUT = 'public/models';
const args = process.argv.slice(2);
const flag = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const only = flag('--only')?.split(',');
const backend = flag('--backend') ?? 'webgl';
const entries = ZOO.filter((e) => !only || only.includes(e.id));

function write(card: ModelCard, modelJson: string, weights: Uint8Array) {
  const dir = join(OUT, card.id);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'model.json'), modelJson);
  writeFileSync(join(dir, WEIGHTS_FILE), weights);
  writeFileSync(join(dir, 'card.json'), JSON.stringify(ModelCardSchema.parse(card), null, 2) + '\n');
  console.log(`✔ ${card.id}: held-out accuracy ${(card.sourceTestAccuracy * 100).toFixed(2)}% in ${card.trainedWith.seconds}s`);
}

/** index.json lists every model folder present, in zoo order, so partial re-runs keep the others. */
function writeIndex() {
  const models: ZooIndex['models'] = [];
  for (const e of ZOO) {
    const cardPath = join(OUT, e.id, 'card.json');
    if (existsSync(cardPath)) {
      models.push({ id: e.id, path: `models/${e.id}/model.json`, card: ModelCardSchema.parse(JSON.parse(readFileSync(cardPath, 'utf8'))) });
    }
  }
  const index: ZooIndex = { version: 1, models };
  writeFileSync(join(OUT, 'index.json'), JSON.stringify(index, null, 2) + '\n');
}

async function inNode() {
  await tf.setBackend('cpu');
  const store = new DatasetStore(publicFolderFetch);
  for (const entry of entries) {
    const { model, card } = await pretrain(entry, store, (p) => console.log(JSON.stringify(p)));
    const files = await serialiseModel(model);
    model.dispose();
    write(card, files.modelJson, files.weights);
    writeIndex();
  }
}

async function inBrowser() {
  // No HMR and no file watching: an edit elsewhere in the repo must not reload a page mid-training.
  const server = await createServer({ server: { port: 0, hmr: false, watch: null }, logLevel: 'warn' });
  await server.listen();
  const url = server.resolvedUrls!.local[0];
  const browser = await chromium.launch({ executablePath: requireChromium(), args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage();
    page.on('console', (m) => console.log(`  ${m.text()}`));
    await page.goto(`${url}scripts/pretrain/index.html`);
    await page.waitForFunction(() => 'pretrainModel' in window);
    for (const entry of entries) {
      const out = await page.evaluate((id) => (window as any).pretrainModel(id), entry.id);
      write(out.card, out.modelJson, Uint8Array.from(out.weights));
      writeIndex();
    }
  } finally {
    await browser.close();
    await server.close();
  }
}

await (backend === 'cpu' ? inNode() : inBrowser());
