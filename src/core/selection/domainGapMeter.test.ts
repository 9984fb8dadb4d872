import { describe, expect, it } from 'vitest';
import { publicFolderFetch } from '../testing/nodeFetch';
import { DatasetStore } from '../data/datasetRef';
import { ModelRegistry } from '../models/registry';
import { DEFAULT_CONFIG, type ExperimentConfig } from '../config/experiment';
import { BUILTIN_TARGETS, builtinTargetConfig } from '../data/targets';
import { prepareTarget } from '../train/experiment';
import { pixelStats } from '../data/domainGap';
import { preprocessTarget } from '../data/preprocess';
import { measureDomainGap, sourceChannelStats } from './domainGapMeter';
import * as tf from '@tensorflow/tfjs';
import { said } from '../testing/said';

const datasets = new DatasetStore(publicFolderFetch);
const registry = new ModelRegistry(publicFolderFetch);
const config = (presetId: string, preprocess: ExperimentConfig['preprocess']): ExperimentConfig => ({
  ...DEFAULT_CONFIG,
  target: builtinTargetConfig(BUILTIN_TARGETS.find((t) => t.presetId === presetId)!),
  preprocess,
});
const measure = async (cfg: ExperimentConfig) => {
  const stats = cfg.preprocess.normalise ? await sourceChannelStats(cfg.source, registry, datasets, 0) : null;
  return measureDomainGap(cfg, registry, datasets, (await prepareTarget(cfg, datasets, undefined, stats)).train);
};

describe('domain-gap meter', () => {
  it('flags digits on paper against the Digits 0–4 source (flipped polarity, large MMD²) and not the digits as MNIST writes them; invert closes it', async () => {
    const before = tf.memory().numTensors;
    const written = await measure(config('digits-5-9', { invert: false, normalise: false }));
    const paper = await measure(config('digits-5-9-paper', { invert: false, normalise: false }));
    const inverted = await measure(config('digits-5-9-paper', { invert: true, normalise: false }));
    const fixed = await measure(config('digits-5-9-paper', { invert: true, normalise: true }));
    expect(tf.memory().numTensors).toBe(before);
    expect(written.basis).toBe('images');
    expect(written.images.source).toBe(200);
    expect(written.images.target).toBe(160); // the whole training split: 32 per class
    expect(written.gap!.level).not.toBe('large');
    expect(written.gap!.reasons).not.toContain('polarity-flipped');
    expect(paper.gap!.level).toBe('large');
    expect(paper.gap!.reasons).toContain('polarity-flipped');
    expect(paper.gap!.target.polarity).toBe('dark-on-light');
    // MMD² of the source's features: the paper digits sit far away; inverted, they come back near the written ones.
    expect(paper.gap!.mmd2!).toBeGreaterThan(0.5);
    // Inverted, the polarity is right but the paper's softer contrast remains (MMD² ≈ 0.19 on
    // seeds 42–44); normalised as well, the digits are back where the written ones are (≈ 0.09).
    expect(inverted.gap!.reasons).not.toContain('polarity-flipped');
    expect(inverted.gap!.level).not.toBe('large');
    expect(inverted.gap!.mmd2!).toBeLessThan(paper.gap!.mmd2! / 3);
    expect(fixed.gap!.mmd2!).toBeLessThan(inverted.gap!.mmd2!);
    expect(Math.abs(fixed.gap!.mmd2! - written.gap!.mmd2!)).toBeLessThan(0.03);
  }, 60_000);

  it('normalising (after invert) moves each channel of the target to the source’s mean and spread', async () => {
    const source = (await sourceChannelStats({ kind: 'zoo', id: 'digits-0-4' }, registry, datasets, 0))!;
    const cfg = config('digits-5-9-paper', { invert: false, normalise: false });
    const { train } = await prepareTarget(cfg, datasets);
    const normalised = pixelStats(preprocessTarget(train, { invert: true, normalise: true }, source));
    // Clamping at 0 and 255 keeps it from being exact. (Without invert no shift and scale can
    // turn dark-on-light into light-on-dark: normalising alone is for brightness and contrast.)
    expect(Math.abs(normalised.mean[0]! - source.mean[0]!)).toBeLessThan(0.03);
    expect(Math.abs(normalised.std[0]! - source.std[0]!)).toBeLessThan(0.03);
    // MobileNet has ImageNet's published figures; your own model has none, and normalising then says why.
    expect((await sourceChannelStats({ kind: 'hosted', id: 'mobilenet_v1_0.25_224' }, registry, datasets, 0))!.mean).toEqual([
      0.485, 0.456, 0.406,
    ]);
    expect(said(() => preprocessTarget(train, { invert: false, normalise: true }, null))).toContain(
      'Normalising the target needs the source’s pixel statistics',
    );
  }, 30_000);

  it('invert is its own inverse, and the paper look is the digits drawn dark on light', async () => {
    const { train: written } = await prepareTarget(config('digits-5-9', { invert: false, normalise: false }), datasets);
    const { train: paper } = await prepareTarget(config('digits-5-9-paper', { invert: false, normalise: false }), datasets);
    // Same images, same split (the look does not change which images are drawn).
    expect(paper.labels).toEqual(written.labels);
    expect(Array.from(paper.pixels)).toEqual(Array.from(written.pixels, (v) => Math.round(235 - 0.85 * v)));
    const twice = preprocessTarget(
      preprocessTarget(written, { invert: true, normalise: false }, null),
      { invert: true, normalise: false },
      null,
    );
    expect(twice.pixels).toEqual(written.pixels);
    expect(pixelStats(paper).polarity).toBe('dark-on-light');
  });
});
