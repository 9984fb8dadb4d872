import * as tf from '@tensorflow/tfjs';
import { z } from 'zod';
import { onBackend } from './jobBackend';

/**
 * Which TF.js backend is fastest for each kind of job on this device, measured rather than
 * assumed: without a GPU, wasm embeds MobileNet ~7× faster than software WebGL; with a real GPU
 * the order reverses. One small batch per backend and job (after a warm-up batch that pays for
 * shader compilation and wasm start-up), with stand-in models of each family's shape, so the
 * measurement needs no download and costs a few hundred ms on a GPU.
 */
export type ModelFamily = 'small' | 'large';

export const CalibrationSchema = z.strictObject({
  /** What it was measured on: a changed GPU, core count or isolation invalidates it. */
  device: z.string().max(500),
  measuredAt: z.number(),
  /** ms per batch for each backend: inference on each family, and a training step on small models. */
  timings: z
    .array(
      z.strictObject({
        backend: z.string().max(20),
        small: z.number().min(0),
        large: z.number().min(0),
        trainStep: z.number().min(0).nullable(),
      }),
    )
    .max(4),
});
export type Calibration = z.infer<typeof CalibrationSchema>;

/** A stand-in for the zoo's small CNNs: 32×32 RGB, two conv blocks, a dense head. */
function smallModel(): tf.LayersModel {
  const m = tf.sequential();
  m.add(
    tf.layers.conv2d({
      inputShape: [32, 32, 3],
      filters: 16,
      kernelSize: 3,
      padding: 'same',
      activation: 'relu',
      kernelInitializer: 'glorotUniform',
    }),
  );
  m.add(tf.layers.maxPooling2d({ poolSize: 2 }));
  m.add(tf.layers.conv2d({ filters: 32, kernelSize: 3, padding: 'same', activation: 'relu' }));
  m.add(tf.layers.globalAveragePooling2d({}));
  m.add(tf.layers.dense({ units: 10, activation: 'softmax' }));
  return m;
}

/** A stand-in for MobileNet's first blocks at 224 px: strided conv, depthwise and pointwise convs. */
function largeModel(): tf.LayersModel {
  const m = tf.sequential();
  m.add(tf.layers.conv2d({ inputShape: [224, 224, 3], filters: 8, kernelSize: 3, strides: 2, padding: 'same', activation: 'relu' }));
  m.add(tf.layers.depthwiseConv2d({ kernelSize: 3, padding: 'same', activation: 'relu' }));
  m.add(tf.layers.conv2d({ filters: 16, kernelSize: 1, activation: 'relu' }));
  m.add(tf.layers.depthwiseConv2d({ kernelSize: 3, strides: 2, padding: 'same', activation: 'relu' }));
  m.add(tf.layers.conv2d({ filters: 32, kernelSize: 1, activation: 'relu' }));
  m.add(tf.layers.globalAveragePooling2d({}));
  return m;
}

async function timeInference(model: tf.LayersModel, batch: number, side: number): Promise<number> {
  const once = async () => {
    const y = tf.tidy(() => model.predict(tf.randomUniform([batch, side, side, 3], 0, 1, 'float32', 1)) as tf.Tensor);
    await y.data();
    y.dispose();
  };
  await once(); // warm-up: shaders, kernels, memory
  const t0 = performance.now();
  await once();
  return performance.now() - t0;
}

async function timeTrainStep(model: tf.LayersModel): Promise<number> {
  const vars = model.trainableWeights.map((w) => (w as unknown as { read(): tf.Variable }).read());
  const once = async () => {
    const { value, grads } = tf.tidy(() =>
      tf.variableGrads(
        () => (model.apply(tf.randomUniform([16, 32, 32, 3], 0, 1, 'float32', 2)) as tf.Tensor).square().mean() as tf.Scalar,
        vars,
      ),
    );
    await Promise.all(Object.values(grads).map((g) => g.data()));
    tf.dispose([value, ...Object.values(grads)]);
  };
  await once();
  const t0 = performance.now();
  await once();
  return performance.now() - t0;
}

/** Measures each backend (each must already be registered and able to initialise). */
export async function calibrate(backends: readonly string[], device: string): Promise<Calibration> {
  const timings: Calibration['timings'] = [];
  for (const backend of backends) {
    const row = await onBackend(backend, async () => {
      const small = smallModel();
      const large = largeModel();
      try {
        return {
          backend,
          small: await timeInference(small, 16, 32),
          large: await timeInference(large, 2, 224),
          trainStep: await timeTrainStep(small),
        };
      } finally {
        small.dispose();
        large.dispose();
      }
    });
    timings.push(row);
  }
  return { device, measuredAt: Date.now(), timings };
}

/** The fastest backend for inference on each family, and the training order (fastest first, the device backend last as fallback). */
export function choose(c: Calibration, device: string): { inference: Record<ModelFamily, string>; training: string[] } {
  const fastest = (key: 'small' | 'large') => c.timings.reduce((a, b) => (b[key] < a[key] ? b : a)).backend;
  const trainers = c.timings
    .filter((t) => t.trainStep !== null)
    .sort((a, b) => a.trainStep! - b.trainStep!)
    .map((t) => t.backend);
  // Faster trainers first, up to the device backend, which stays last: it trains what others cannot.
  const at = trainers.indexOf(device);
  return {
    inference: { small: fastest('small'), large: fastest('large') },
    training: at >= 0 ? trainers.slice(0, at + 1) : [...trainers, device],
  };
}
