import * as tf from '@tensorflow/tfjs';

/**
 * Where each kind of job runs. TF.js has one current backend per thread; tensors made on one
 * move to another on first use (a readback), so a job may switch backends between stages.
 */
export interface JobBackends {
  /** Frozen-feature embedding (pure inference), per model family: small (zoo, 32 px) or large (MobileNet-class, ≥ 96 px). */
  inference: { small: string; large: string };
  /** Backends training may use, fastest first: the first that can train every model of the job wins. */
  training: readonly string[];
}

/** Input side from which a model counts as the large family (MobileNet-class) for backend choice. */
export const LARGE_FAMILY_SIDE = 96;

/** The inference backend for a model of input side `side`. */
export const inferenceBackend = (b: JobBackends | undefined, side: number): string =>
  b ? (side >= LARGE_FAMILY_SIDE ? b.inference.large : b.inference.small) : tf.getBackend();

/** Runs `job` with `backend` current, then restores whichever backend was current before. */
export async function onBackend<T>(backend: string, job: () => Promise<T>): Promise<T> {
  const before = tf.getBackend();
  if (before === backend) return job();
  await tf.setBackend(backend);
  try {
    return await job();
  } finally {
    await tf.setBackend(before);
  }
}

/**
 * Layers whose training kernels (forward and gradient) the wasm backend has, with
 * wasmTraining.ts's gradients. Not listed: depthwise and separable convolutions. Their gradients
 * now exist on wasm (wasmDepthwise.ts, checked against cpu), but MobileNet fine-tunes stay on
 * the next backend until a MobileNet training step on wasm is measured against WebGL.
 */
const WASM_TRAINABLE_LAYERS = new Set([
  'InputLayer',
  'Conv2D',
  'Dense',
  'MaxPooling2D',
  'AveragePooling2D',
  'GlobalAveragePooling2D',
  'GlobalMaxPooling2D',
  'Flatten',
  'Reshape',
  'Dropout',
  'Activation',
  'ReLU',
  'Softmax',
  'BatchNormalization',
  'Add',
  'Concatenate',
  'ZeroPadding2D',
]);

const tidyProbe = (model: tf.LayersModel, vars: tf.Variable[]) =>
  tf.tidy(() => {
    const shape = (model.inputs[0].shape as (number | null)[]).map((d) => d ?? 1);
    const { value, grads } = tf.variableGrads(
      () => (model.apply(tf.zeros(shape), { training: false }) as tf.Tensor).sum() as tf.Scalar,
      vars,
    );
    tf.dispose([value, ...Object.values(grads)]);
  });

/**
 * Whether `backend` has every kernel a training step of these models needs. For wasm: every layer
 * from the first trainable one on (gradients flow through those) must be of a kind listed above,
 * then one gradient of a 1-image batch confirms it — in inference mode, since training mode would
 * move BatchNorm's running statistics. (A gradient that fails half-way strands the tensors it
 * saved, so the list is checked first; the probe is the backstop.)
 */
export async function canTrainOn(backend: string, models: readonly tf.LayersModel[]): Promise<boolean> {
  if (backend !== 'wasm') return true;
  for (const model of models) {
    const first = model.layers.findIndex((l) => l.trainable && l.trainableWeights.length > 0);
    if (first < 0) continue;
    if (!model.layers.slice(first).every((l) => WASM_TRAINABLE_LAYERS.has(l.getClassName()))) return false;
  }
  return onBackend(backend, async () => {
    for (const model of models) {
      const vars = model.trainableWeights.map((w) => (w as unknown as { read(): tf.Variable }).read());
      if (!vars.length) continue;
      try {
        tidyProbe(model, vars);
      } catch {
        return false;
      }
    }
    return true;
  });
}

/** The first backend in `preferred` that can train all `models` (the last one is the fallback). */
export async function trainingBackendFor(preferred: readonly string[], models: readonly tf.LayersModel[]): Promise<string> {
  for (const backend of preferred.slice(0, -1)) if (await canTrainOn(backend, models)) return backend;
  return preferred.at(-1) ?? tf.getBackend();
}
