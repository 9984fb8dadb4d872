import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ExperimentConfig, Source } from '../config/experiment';
import { DEFAULT_AUGMENTATIONS } from '../augment/schema';
import { ModelRegistry } from '../models/registry';
import { smallImageModelFiles } from '../testing/hostileModels';
import { mobilenetTestFiles, publicFolderFetch } from '../testing/nodeFetch';
import { BASE, check, expectSameTraining, exportTo, labEpochs, py, registry, root, train } from '../testing/pythonHarness';

/**
 * The exported project for other set-ups than the lab's default experiment (python.test.ts): every
 * augmentation, full fine-tuning with the forgetting meter, a seed study with bias knobs, two
 * sources side by side, a user's own model and a hosted MobileNet. Needs the same Python as
 * python.test.ts, whose first test says when it is missing.
 */
describe('exported PyTorch project (python: ' + py + ')', () => {
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('every augmentation (noise included) and a linear probe: the same epoch as the lab', async () => {
    const on = (p: number, strength?: number) => ({ enabled: true, p, strength });
    const a = DEFAULT_AUGMENTATIONS;
    const augmentations = Object.fromEntries(
      Object.entries(a).map(([k, v]) => [k, k === 'vflip' ? v : on(0.5, v.strength)]),
    ) as ExperimentConfig['augmentations'];
    const cfg: ExperimentConfig = {
      ...BASE,
      strategy: { kind: 'linear-probe' },
      augmentations,
      training: { epochs: 1, batchSize: 16, learningRate: 0.01 },
    };
    const { dir, result } = await exportTo(cfg);
    expect(result.notes).toContainEqual({ code: 'export.note.noiseStream' });
    const { metrics } = train(dir, ['--device', 'cpu', '--quiet']);
    expectSameTraining(await labEpochs(cfg), metrics.seeds[0].runs, 40);
  });

  it('full fine-tuning with a backbone learning rate, the forgetting meter, L2-SP and LwF: the same epoch as the lab', async () => {
    const cfg: ExperimentConfig = {
      ...BASE,
      target: { kind: 'builtin', presetId: 'fashion', ref: { kind: 'packed', dataset: 'fashion', split: 'test' }, maxPerClass: 6 },
      strategy: { kind: 'full', backboneLrMultiplier: 0.5 },
      training: { epochs: 1, batchSize: 12, learningRate: 0.01 },
      scratchBaseline: false,
      forgetting: { track: true, l2sp: 1, lwf: 0.5, temperature: 2 },
    };
    const { dir } = await exportTo(cfg);
    expect(check(dir).ok).toBe(true);
    const { stdout, metrics } = train(dir, ['--device', 'cpu']);
    expect(stdout).toMatch(/source acc [\d.]+/);
    expect(stdout).toMatch(/WiSE-FT/);
    expectSameTraining(await labEpochs(cfg), metrics.seeds[0].runs, 10);
  });

  it('a study of two seeds with bias knobs and a shifted set: per-seed splits, and the gain with its interval', async () => {
    const cfg: ExperimentConfig = {
      ...BASE,
      seeds: 2,
      training: { epochs: 1, batchSize: 8, learningRate: 0.01 },
      bias: {
        samplesPerClass: 20,
        imbalanceRatio: 2,
        labelNoise: { fraction: 0.2, mode: 'symmetric' },
        shift: { kind: 'rotation', severity: 2 },
      },
    };
    const { dir, result } = await exportTo(cfg);
    expect(result.notes.map((n) => n.code)).toEqual(['export.note.biasViaData', 'export.note.shiftViaData']);
    expect(existsSync(join(dir, 'data/seed-43/train'))).toBe(true); // the split follows the seed
    const { stdout, metrics } = train(dir, ['--device', 'cpu']);
    expect(metrics.seeds.map((s) => s.seed)).toEqual([42, 43]);
    expect(stdout).toMatch(/shifted acc [\d.]+/);
    expect(stdout).toMatch(/2 seeds \| transfer gain \(transfer\) [+-][\d.]+ points, 95% CI \[[+-][\d.]+, [+-][\d.]+\]/);
    expectSameTraining(await labEpochs({ ...cfg, seeds: 1, seed: 43 }), metrics.seeds[1].runs, 40);
  });

  it('two sources side by side and the scratch baseline: three runs on the same batches, as in the lab', async () => {
    const sources: Source[] = [
      { kind: 'zoo', id: 'digits-0-4' },
      { kind: 'zoo', id: 'fashion' },
    ];
    const cfg: ExperimentConfig = {
      ...BASE,
      target: { ...BASE.target, maxPerClass: 20 } as ExperimentConfig['target'],
      training: { epochs: 1, batchSize: 16, learningRate: 0.003 },
    };
    const { dir } = await exportTo(cfg, registry, sources);
    expect(check(dir).ok).toBe(true);
    const { metrics } = train(dir, ['--device', 'cpu', '--quiet']);
    expect(Object.keys(metrics.seeds[0].runs)).toEqual(['transfer-1', 'transfer-2', 'scratch']);
    expectSameTraining(await labEpochs(cfg, sources), metrics.seeds[0].runs, 20);
  });

  it("the user's own layers model converts too (strided valid conv, dense head)", async () => {
    const own = new ModelRegistry(publicFolderFetch);
    await own.register('custom', await smallImageModelFiles(), 'unit', null);
    const { dir } = await exportTo(
      { ...BASE, source: { kind: 'custom', name: 'own' }, training: { epochs: 1, batchSize: 16, learningRate: 0.003 } },
      own,
    );
    const report = check(dir);
    expect(report.maxAbsDiff).toBeLessThanOrEqual(1e-4);
  });

  it('MobileNet v1 0.25 (hosted, 224 px, [-1, 1]): stride-2 "same" padding, depthwise, BatchNorm match TF.js', async () => {
    const hosted = new ModelRegistry(publicFolderFetch);
    await hosted.register('mobilenet-v1-0.25', mobilenetTestFiles(), 'symmetric', 'conv_pw_13_relu');
    const cfg: ExperimentConfig = {
      ...BASE,
      source: { kind: 'hosted', id: 'mobilenet-v1-0.25' },
      target: { ...BASE.target, maxPerClass: 4 } as ExperimentConfig['target'],
    };
    const { dir } = await exportTo(cfg, hosted);
    const report = check(dir);
    console.log(`MobileNet v1 0.25 parity: max |diff| ${report.maxAbsDiff.toExponential(2)}`);
    expect(report.maxAbsDiff).toBeLessThanOrEqual(1e-4);
  });
});
