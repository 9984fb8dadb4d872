import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { assembleModelFiles } from '../models/external';
import { mobilenetTestFiles } from '../testing/nodeFetch';
import { calibrate, CalibrationSchema, choose, type Calibration } from './calibrate';
import { inferenceBackend, onBackend } from './jobBackend';

const timings = (rows: [string, number, number, number | null][]): Calibration => ({
  device: 'test',
  measuredAt: 0,
  timings: rows.map(([backend, small, large, trainStep]) => ({ backend, small, large, trainStep })),
});

describe('backend calibration', () => {
  it('picks the fastest backend per family, and trains on faster backends first with the device backend last', () => {
    // No GPU: wasm wins everything; webgl stays as the fallback trainer (MobileNet fine-tuning).
    const noGpu = choose(
      timings([
        ['webgl', 20, 900, 440],
        ['wasm', 4, 120, 65],
      ]),
      'webgl',
    );
    expect(noGpu).toEqual({ inference: { small: 'wasm', large: 'wasm' }, training: ['wasm', 'webgl'] });
    // A real GPU: webgl wins the big model and training; wasm may still win tiny inference.
    const gpu = choose(
      timings([
        ['webgl', 6, 15, 8],
        ['wasm', 4, 120, 65],
      ]),
      'webgl',
    );
    expect(gpu).toEqual({ inference: { small: 'wasm', large: 'webgl' }, training: ['webgl'] });
    expect(inferenceBackend(gpu, 224)).toBe('webgl');
    expect(inferenceBackend(gpu, 32)).toBe('wasm');
    // Only the device backend: it does everything.
    expect(choose(timings([['cpu', 50, 2000, 300]]), 'cpu')).toEqual({ inference: { small: 'cpu', large: 'cpu' }, training: ['cpu'] });
  });

  it('measures every backend for real, without leaking tensors, and the result passes its own schema', async () => {
    const before = tf.memory().numTensors;
    const c = await calibrate(['wasm', 'cpu'], 'node');
    expect(tf.memory().numTensors).toBe(before);
    expect(c.timings.map((t) => t.backend)).toEqual(['wasm', 'cpu']);
    for (const t of c.timings) for (const ms of [t.small, t.large, t.trainStep!]) expect(ms).toBeGreaterThan(0);
    expect(CalibrationSchema.parse(JSON.parse(JSON.stringify(c)))).toEqual(c);
    expect(tf.getBackend()).toBe('wasm');
  }, 60_000);

  it('stored calibrations are validated: a tampered record is refused', () => {
    expect(
      CalibrationSchema.safeParse({ device: 'x', measuredAt: 0, timings: [{ backend: 'wasm', small: -1, large: 1, trainStep: null }] })
        .success,
    ).toBe(false);
    expect(CalibrationSchema.safeParse({ device: 'x', measuredAt: 0, timings: [], extra: 1 }).success).toBe(false);
  });

  it('MobileNet embeddings agree across backends: max abs difference ≤ 1e-4 (cpu vs wasm, 4 images)', async () => {
    const model = await tf.loadLayersModel(tf.io.fromMemory(assembleModelFiles(mobilenetTestFiles()).artifacts));
    const features = tf.model({ inputs: model.inputs, outputs: model.getLayer('conv_pw_13_relu').output as tf.SymbolicTensor });
    const images = Float32Array.from({ length: 4 * 224 * 224 * 3 }, (_, i) => Math.sin(i * 0.013) * 0.9);
    const embed = (backend: string) =>
      onBackend(backend, async () => {
        const y = tf.tidy(() => (features.predict(tf.tensor4d(images, [4, 224, 224, 3])) as tf.Tensor).mean([1, 2]));
        const out = await y.data();
        y.dispose();
        return out;
      });
    const [a, b] = [await embed('wasm'), await embed('cpu')];
    let maxAbs = 0;
    let maxValue = 0;
    for (let i = 0; i < a.length; i++) {
      maxAbs = Math.max(maxAbs, Math.abs(a[i]! - b[i]!));
      maxValue = Math.max(maxValue, Math.abs(b[i]!));
    }
    expect(a.length).toBe(4 * 256);
    expect(maxValue).toBeGreaterThan(0.1); // real activations, not zeros
    expect(maxAbs).toBeLessThanOrEqual(1e-4);
    model.dispose();
  }, 120_000);
});
