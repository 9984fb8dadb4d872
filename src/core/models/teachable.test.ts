import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { inspectModel } from './source';
import { ModelRegistry, SupersededLoad } from './registry';
import { parseTeachableMetadata } from './teachable';
import { DEFAULT_CONFIG, type ExperimentConfig } from '../config/experiment';
import { DatasetStore } from '../data/datasetRef';
import { DEFAULT_SHAPES } from '../data/synthetic';
import { publicFolderFetch } from '../testing/nodeFetch';
import { smallImageModelFiles, teachableExport } from '../testing/hostileModels';
import { RunControl } from '../train/control';
import type { EngineEvent } from '../train/events';
import { prepareTarget, runExperiment } from '../train/experiment';
import { renderParts } from '../../i18n';
import { said, saidAsync } from '../testing/said';

describe('Teachable Machine exports', () => {
  it('metadata.json is validated: labels required, distinct and bounded', () => {
    expect(parseTeachableMetadata(JSON.stringify({ labels: ['cat', 'dog'], imageSize: 224 })).labels).toEqual(['cat', 'dog']);
    expect(said(() => parseTeachableMetadata('{'))).toMatch(/metadata\.json is not valid JSON/);
    expect(said(() => parseTeachableMetadata(JSON.stringify({ labels: [] })))).toMatch(/"labels"/);
    expect(said(() => parseTeachableMetadata(JSON.stringify({ labels: ['a', 'a'] })))).toMatch(/distinct/);
    expect(said(() => parseTeachableMetadata(JSON.stringify({ labels: ['x'.repeat(201)] })))).toMatch(/labels\.0/);
  });

  it('load with their labels; the inner backbone is the frozen feature extractor; a probe trains on it without leaks', async () => {
    const { files, metadataJson } = await teachableExport(['apple', 'banana', 'cherry']);
    const labels = parseTeachableMetadata(metadataJson).labels;
    const before = tf.memory().numTensors;
    const { info } = await inspectModel(files, 'symmetric', null, labels);
    expect(info).toMatchObject({
      format: 'layers',
      side: 32,
      cuts: [],
      featureModel: 'model1',
      embeddingSize: 16,
      labels: ['apple', 'banana', 'cherry'],
    });
    expect(tf.memory().numTensors).toBe(before);
    expect(await saidAsync(inspectModel(files, 'symmetric', null, ['a', 'b']))).toContain(
      "metadata.json names 2 classes, but the model's output has 3: they do not belong together.",
    );

    const registry = new ModelRegistry(publicFolderFetch);
    await registry.register('custom', files, 'symmetric', null, labels);
    const datasets = new DatasetStore(publicFolderFetch);
    const cfg: ExperimentConfig = {
      ...DEFAULT_CONFIG,
      source: { kind: 'custom', name: 'tm' },
      strategy: { kind: 'linear-probe' },
      target: { kind: 'builtin', presetId: 't', ref: { kind: 'shapes', spec: DEFAULT_SHAPES, count: 24, seed: 4 }, maxPerClass: 6 },
      training: { epochs: 2, batchSize: 8, learningRate: 0.01 },
      scratchBaseline: false,
    };
    const events: EngineEvent[] = [];
    await runExperiment(cfg, await prepareTarget(cfg, datasets), registry, (e) => events.push(e), new RunControl());
    const setup = events.find((e) => e.type === 'setup');
    expect(setup?.type === 'setup' && renderParts(setup.runs[0].description)).toBe(
      'Linear probe on tm (its inner feature model: frozen feature extractor), head trained',
    );
    expect(events.filter((e) => e.type === 'epoch')).toHaveLength(2);
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('own-model loads race', () => {
  it('the last requested load wins, even when an earlier one finishes later', async () => {
    const registry = new ModelRegistry(publicFolderFetch);
    const [a, b] = [await smallImageModelFiles(1), await smallImageModelFiles(5)];
    const older = registry.register('custom', a, 'unit', null, null, 1);
    const newer = registry.register('custom', b, 'unit', null, null, 2);
    const newerInfo = await newer;
    await expect(older).rejects.toBeInstanceOf(SupersededLoad);
    const { info } = await registry.loadExternal('custom').then((r) => (r.model.dispose(), r));
    expect(info.weightsHash).toBe(newerInfo.weightsHash);
  });
});
