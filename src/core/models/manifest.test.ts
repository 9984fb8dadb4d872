import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { assembleModelFiles } from './external';
import { checkWeightValues, declaredBytes, MAX_WEIGHT_BYTES, parseModelJson } from './manifest';
import { inspectModel } from './source';
import { hostileFileCases, smallImageModelFiles } from '../testing/hostileModels';
import { hashBytes } from '../hash';
import { messageOf } from '../messages';
import { render } from '../../i18n';
import { said } from '../testing/said';

const manifest = (weights: unknown[], paths: unknown = ['w.bin']) =>
  JSON.stringify({ modelTopology: { class_name: 'Sequential', config: { layers: [] } }, weightsManifest: [{ paths, weights }] });

describe('the model.json schema and its caps', () => {
  it('every hostile case is refused before TF.js sees it, with its own message, allocating nothing', async () => {
    const cases = await hostileFileCases();
    const before = tf.memory().numTensors;
    const messages = new Set<string>();
    for (const c of cases) {
      let message = '';
      try {
        assembleModelFiles(c.files);
      } catch (err) {
        message = render(messageOf(err));
      }
      expect(message, c.id).toMatch(c.message);
      messages.add(message);
    }
    expect(messages.size).toBe(cases.length);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('declared sizes count every dtype, strings at their 4-byte length prefix at least', () => {
    expect(declaredBytes({ name: 'a', shape: [10, 3], dtype: 'float32' })).toEqual({ bytes: 120, exact: true });
    expect(declaredBytes({ name: 'a', shape: [10], dtype: 'bool' })).toEqual({ bytes: 10, exact: true });
    expect(declaredBytes({ name: 'a', shape: [4], dtype: 'complex64' })).toEqual({ bytes: 32, exact: true });
    expect(declaredBytes({ name: 'a', shape: [10], dtype: 'float32', quantization: { dtype: 'uint8', scale: 0.1, min: 0 } })).toEqual({
      bytes: 10,
      exact: true,
    });
    expect(declaredBytes({ name: 'a', shape: [7], dtype: 'string' })).toEqual({ bytes: 28, exact: false });
    // Just under the cap is fine; one element over is not.
    const elements = MAX_WEIGHT_BYTES / 4;
    expect(() => parseModelJson(manifest([{ name: 'k', shape: [elements], dtype: 'float32' }]))).not.toThrow();
    expect(said(() => parseModelJson(manifest([{ name: 'k', shape: [elements + 1], dtype: 'float32' }])))).toMatch(
      /Transfer Lab loads models up to 320 MB/,
    );
  });

  it('unknown dtypes, negative or fractional dims, addresses and ".." as shard paths are refused', () => {
    expect(said(() => parseModelJson(manifest([{ name: 'k', shape: [2], dtype: 'float64' }])))).toMatch(
      /"weightsManifest\.0\.weights\.0\.dtype"/,
    );
    expect(said(() => parseModelJson(manifest([{ name: 'k', shape: [-1], dtype: 'float32' }])))).toMatch(
      /"weightsManifest\.0\.weights\.0\.shape\.0"/,
    );
    expect(said(() => parseModelJson(manifest([{ name: 'k', shape: [1.5], dtype: 'float32' }])))).toMatch(/shape\.0/);
    for (const p of [
      'https://evil.example/w.bin',
      '//evil.example/w.bin',
      '/etc/w.bin',
      '../w.bin',
      'a/../../w.bin',
      'javascript:alert(1)',
    ]) {
      expect(
        said(() => parseModelJson(manifest([], [p]))),
        p,
      ).toMatch(/a weight file must be a file name next to model\.json/);
    }
    expect(() => parseModelJson(manifest([], ['group1-shard1of2.bin', 'sub/group1-shard2of2.bin']))).not.toThrow();
    expect(said(() => parseModelJson('[1, 2]'))).toMatch(/has no "modelTopology"/);
    expect(said(() => parseModelJson(JSON.stringify({ modelTopology: {} })))).toMatch(/has no "weightsManifest"/);
    expect(said(() => parseModelJson(' '.repeat(17 * 2 ** 20)))).toMatch(
      /model\.json is 17 MB; a TF\.js model description is at most 16 MB/,
    );
  });

  it('a graph model placeholder with a huge side is refused like a layers input', () => {
    const topology = {
      node: [
        {
          name: 'x',
          op: 'Placeholder',
          attr: { shape: { shape: { dim: [{ size: '-1' }, { size: '5000' }, { size: '5000' }, { size: '3' }] } } },
        },
      ],
    };
    expect(said(() => parseModelJson(JSON.stringify({ format: 'graph-model', modelTopology: topology, weightsManifest: [] })))).toMatch(
      /input of 5,000 pixels a side/,
    );
  });

  it('weight values: NaN and ±Infinity name the layer; float16 NaN too; string weights are walked by their lengths', () => {
    const data = new Float32Array([1, 2, Number.POSITIVE_INFINITY, 4]);
    expect(said(() => checkWeightValues([{ name: 'block1_conv/kernel', shape: [4], dtype: 'float32' }], data.buffer))).toMatch(
      /^Layer "block1_conv" has 1 of 4 values that are not finite/,
    );
    const half = new Uint16Array([0x3c00, 0x7e00]); // 1.0, NaN
    expect(
      said(() => checkWeightValues([{ name: 'q/w', shape: [2], dtype: 'float32', quantization: { dtype: 'float16' } }], half.buffer)),
    ).toMatch(/Layer "q" has 1 of 2/);
    // Two strings, "ab" and "c": a 4-byte length then the bytes each.
    const strings = new Uint8Array([2, 0, 0, 0, 97, 98, 1, 0, 0, 0, 99]);
    expect(() => checkWeightValues([{ name: 'vocab', shape: [2], dtype: 'string' }], strings.buffer)).not.toThrow();
    expect(said(() => checkWeightValues([{ name: 'vocab', shape: [3], dtype: 'string' }], strings.buffer))).toMatch(
      /end \(11 bytes\) before weight "vocab"/,
    );
    expect(said(() => checkWeightValues([{ name: 'vocab', shape: [1], dtype: 'string' }], strings.buffer))).toMatch(
      /hold 11 bytes, but model\.json's weights take 6/,
    );
  });

  it('a valid model still loads', async () => {
    const { info } = await inspectModel(await smallImageModelFiles(), 'unit', null);
    expect(info).toMatchObject({ side: 32, defaultCut: 'conv_b', embeddingSize: 8, featureModel: null, labels: null });
  });
});

describe('cache keys from content, never from names', () => {
  it('hashBytes: equal bytes equal keys; one changed byte or a moved chunk boundary changes the key', () => {
    const a = new Uint8Array(1000).map((_, i) => i % 251);
    const b = a.slice();
    b[500] ^= 1;
    expect(hashBytes([a])).toBe(hashBytes([a.slice()]));
    expect(hashBytes([a])).not.toBe(hashBytes([b]));
    expect(hashBytes([a.subarray(0, 10), a.subarray(10)])).not.toBe(hashBytes([a.subarray(0, 11), a.subarray(11)]));
  });

  it('two own models with the same file names and layer names but other weights get different keys; the same files the same key', async () => {
    const one = await inspectModel(await smallImageModelFiles(1), 'unit', null);
    const again = await inspectModel(await smallImageModelFiles(1), 'unit', null);
    const other = await inspectModel(await smallImageModelFiles(7), 'unit', null);
    expect(JSON.parse((await smallImageModelFiles(1)).modelJson).modelTopology).toEqual(
      JSON.parse((await smallImageModelFiles(7)).modelJson).modelTopology,
    );
    expect(one.info.weightsHash).toBe(again.info.weightsHash);
    expect(one.info.weightsHash).not.toBe(other.info.weightsHash);
  });
});
