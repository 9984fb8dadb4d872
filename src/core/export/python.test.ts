import * as tf from '@tensorflow/tfjs';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toInputTensor } from '../data/tensors';
import { hashBytes } from '../hash';
import { buildTransferModel, disposeModels } from '../models/registry';
import { deriveSeed, Rng } from '../random';
import { datasets } from '../testing/experimentHarness';
import { epochBatches } from '../train/batches';
import { prepareTarget } from '../train/experiment';
import { exportExperimentAsPython, type PythonExportResult } from './index';
import {
  BASE,
  check,
  EPOCH_LINE,
  expectSameTraining,
  exportTo,
  found,
  labEpochs,
  prepare,
  py,
  registry,
  root,
  train,
  type Metrics,
} from '../testing/pythonHarness';
import { runPython } from './testing';

/**
 * The exported project, run for real: the converted networks against TF.js, train.py for an epoch
 * against the lab's own epoch, and the multi-process launch (other strategies, studies and sources:
 * python.configs.test.ts). Needs a Python with torch and numpy (Debian: apt-get install
 * python3-torch python3-numpy; .ci/run installs them). Without one the first test fails and says
 * so: the export is proved by running it, never assumed.
 */
describe('exported PyTorch project (python: ' + py + ')', () => {
  it('finds a Python with torch and numpy (apt-get install python3-torch python3-numpy, or PYTHON=/path/to/python)', () => {
    expect(found).not.toBeNull();
  });

  let base: { dir: string; result: Extract<PythonExportResult, { ok: true }> };
  let single: Metrics;

  beforeAll(async () => {
    base = await exportTo(BASE);
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it("lays the data out as ImageFolder with the lab's split, and writes the project files", async () => {
    const data = await prepareTarget(BASE, datasets);
    const { dir, result } = base;
    for (const f of [
      'train.py',
      'model.py',
      'data.py',
      'augment.py',
      'labrng.py',
      'check.py',
      'README.md',
      'requirements.txt',
      'experiment.json',
      'config.json',
    ])
      expect(result.files[f], f).toBeDefined();
    expect(readdirSync(join(dir, 'data/train'))).toEqual(['0_5', '1_6', '2_7', '3_8', '4_9']);
    const count = (split: string) =>
      readdirSync(join(dir, 'data', split)).reduce((n, c) => n + readdirSync(join(dir, 'data', split, c)).length, 0);
    expect([count('train'), count('val')]).toEqual([data.train.labels.length, data.val.labels.length]);
    // Image i of the lab's validation split is val/<its class>/<i>.png.
    expect(existsSync(join(dir, `data/val/${['0_5', '1_6', '2_7', '3_8', '4_9'][data.val.labels[7]]}/07.png`))).toBe(true);
    expect(JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8'))).toEqual(JSON.parse(JSON.stringify(BASE)));
    expect(Object.keys(result.files).filter((f) => f.startsWith('weights/'))).toEqual([
      'weights/seed-42/transfer.npz',
      'weights/seed-42/scratch.npz',
      'weights/seed-42/expected.npz',
    ]);
  });

  it("parity: PyTorch on the exported PNGs gives the TF.js transfer model's logits (8 images, max |diff| ≤ 1e-4)", async () => {
    // TF.js side, computed here from scratch: the lab's transfer model at its initial weights.
    const data = await prepareTarget(BASE, datasets);
    const before = tf.memory().numTensors;
    const model = buildTransferModel(await registry.load('digits-0-4'), { numClasses: 5, seed: BASE.seed });
    const features = tf.model({ inputs: model.inputs, outputs: model.getLayer('gap').output as tf.SymbolicTensor });
    const [kernel, bias] = model.getLayer('head').getWeights();
    const logits = tf.tidy(
      () =>
        tf
          .matMul(features.predict(toInputTensor(data.val, [0, 1, 2, 3, 4, 5, 6, 7])) as tf.Tensor2D, kernel)
          .add(bias)
          .arraySync() as number[][],
    );
    disposeModels(model);
    expect(tf.memory().numTensors).toBe(before);

    const report = check(base.dir);
    const torch = report.runs['seed-42/transfer'].torchLogits;
    const diff = Math.max(...logits.flatMap((row, i) => row.map((v, j) => Math.abs(v - torch[i][j]))));
    console.log(
      `zoo parity (digits-0-4 → digits-5-9, 8 images): max |logit diff| ${diff.toExponential(2)}; check.py over all runs ${report.maxAbsDiff.toExponential(2)}`,
    );
    expect(diff).toBeLessThanOrEqual(1e-4);
    expect(report.ok).toBe(true);
    expect(report.runs['seed-42/scratch'].sameArgmax).toBe(true);
  });

  it("one epoch: train.py --epochs 1 --device cpu prints the lab's metrics, above chance, and matches the lab's epoch", async () => {
    const started = Date.now();
    const { stdout, metrics } = train(base.dir, ['--epochs', '1', '--device', 'cpu']);
    console.log(`train.py --epochs 1 (${Date.now() - started} ms):\n${stdout}`);
    single = metrics;
    const lines = stdout.split('\n').flatMap((l) => {
      const m = EPOCH_LINE.exec(l);
      return m ? [{ run: m[4], trainLoss: Number(m[5]), valAcc: Number(m[8]) }] : [];
    });
    expect(lines.map((l) => l.run)).toEqual(['transfer', 'scratch']);
    for (const l of lines) {
      expect(Number.isFinite(l.trainLoss)).toBe(true);
      expect(l.valAcc).toBeGreaterThanOrEqual(0);
      expect(l.valAcc).toBeLessThanOrEqual(1);
    }
    expect(lines[0].valAcc).toBeGreaterThan(1 / 5); // five classes: chance is 0.2
    expect(stdout).toMatch(/final val acc: transfer [\d.]+, scratch [\d.]+ \| transfer gain \(transfer\) [+-][\d.]+ points/);
    const lab = await labEpochs({ ...BASE, training: { ...BASE.training, epochs: 1 } });
    expectSameTraining(lab, metrics.seeds[0].runs, 40);
  });

  it("torchrun --nproc_per_node=2 trains the same runs as one process (DDP on gloo, the lab's global batches)", () => {
    const args = ['--epochs', '1', '--device', 'cpu', '--quiet'];
    const launcher = ['-m', 'torch.distributed.run', '--nproc_per_node=2'];
    const out = join(base.dir, 'torchrun.json');
    const started = Date.now();
    let r = runPython(py, [...launcher, 'train.py', ...args, '--metrics-json', out], base.dir, 150_000);
    if (r.status !== 0 && /'NoneType' object has no attribute 'get'/.test(r.stderr)) {
      // Debian's torch 1.13 on Python 3.11: torchrun's default --redirects/--tee ("0") parse to None
      // (Python 3.11 stopped listing IntFlag's zero member). Any non-zero setting avoids the bug.
      console.warn('torchrun hit the torch 1.13 / Python 3.11 Std.from_str bug; retrying with --redirects 2 --tee 2');
      launcher.push('--redirects', '2', '--tee', '2');
      r = runPython(py, [...launcher, 'train.py', ...args, '--metrics-json', out], base.dir, 150_000);
    }
    expect(r.status, r.stderr).toBe(0);
    console.log(`torchrun --nproc_per_node=2 (${launcher.slice(3).join(' ') || 'no workaround'}): ${Date.now() - started} ms`);
    const metrics = JSON.parse(readFileSync(out, 'utf8')) as Metrics;
    expect(metrics.processes).toBe(2);
    for (const [id, run] of Object.entries(single.seeds[0].runs)) {
      const m = metrics.seeds[0].runs[id].epochs[0];
      expect(Math.abs(m.trainLoss - run.epochs[0].trainLoss)).toBeLessThan(1e-5);
      expect(m.valAccuracy).toBe(run.epochs[0].valAccuracy);
    }
  });

  it('train.py --nproc 2 starts the same DDP job without torchrun', () => {
    const { metrics } = train(base.dir, ['--epochs', '1', '--device', 'cpu', '--nproc', '2', '--quiet']);
    expect(metrics.processes).toBe(2);
    for (const [id, run] of Object.entries(single.seeds[0].runs))
      expect(Math.abs(metrics.seeds[0].runs[id].epochs[0].trainLoss - run.epochs[0].trainLoss)).toBeLessThan(1e-5);
  });

  it("labrng.py is the lab's generator bit for bit: derived seeds, batch order, uniforms, TF.js's normal stream", () => {
    const script = [
      'import json',
      'from labrng import Rng, derive_seed, epoch_batches, tf_random_normal',
      'r = Rng(5)',
      "print(json.dumps({'seed': derive_seed(42, 'batches'), 'batches': epoch_batches(37, 8, derive_seed(42, 'batches'), 3), 'u': [r.next() for _ in range(5)], 'z': tf_random_normal(9, 1234567)}))",
    ].join('\n');
    const r = runPython(py, ['-c', script], base.dir);
    expect(r.status, r.stderr).toBe(0);
    const got = JSON.parse(r.stdout);
    const rng = new Rng(5);
    expect(got.seed).toBe(deriveSeed(42, 'batches'));
    expect(got.batches).toEqual(epochBatches(37, 8, deriveSeed(42, 'batches'), 3));
    expect(got.u).toEqual(Array.from({ length: 5 }, () => rng.next()));
    const z = tf.tidy(() => Array.from(tf.randomNormal([9], 0, 1, 'float32', 1234567).dataSync()));
    got.z.forEach((v: number, i: number) => expect(Math.fround(v)).toBe(z[i]));
  });

  it('exporting twice gives the same bytes', async () => {
    const again = await exportExperimentAsPython(BASE, prepare, registry);
    if (!again.ok) throw new Error('refused');
    const digest = (files: Record<string, Uint8Array>) => Object.entries(files).map(([k, v]) => `${k}:${hashBytes([v])}`);
    expect(digest(again.files)).toEqual(digest(base.result.files));
  });
});
