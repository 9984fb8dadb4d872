/**
 * Training at the speed of the machine (issue 30): what users get on the backend the app trains
 * on. On wasm (the calibrated training backend without a GPU), with the thread count the engine
 * starts it with, the zoo CNN ("digits") trains at batch 16 with Adam as a run does (TrainableRun):
 * a probe (the head on cached embeddings), a top-2 fine-tune, a full fine-tune and the scratch
 * twin. Each is timed under both wasm training-kernel sets (core/backends/wasmTraining.ts):
 * `baseline` (the conv3d filter gradient, TF.js's own input gradient and MaxPoolGrad: what the lab
 * ran before) and `matmul` (the GEMM route), alternating on the same page so a slow spell of the
 * shared machine lands on both. Beside the rates: one step's FLOPs (trainingFlops.ts), the page's
 * own 512³ matmul peak on the same backend and threads, the fraction of it a full fine-tune
 * reaches, and a per-kernel profile of a full fine-tune step under each set (results.json's
 * `training_profile`).
 */
import * as tf from '@tensorflow/tfjs';
import { getThreadsCount } from '@tensorflow/tfjs-backend-wasm';
import { startWasm } from '../../src/workers/engine/jobBackends'; // registers wasm (paths, the training kernels) as the worker does
import { calibrate, choose } from '../../src/core/backends/calibrate';
import { registerWasmTrainingKernels, type WasmTrainingKernels } from '../../src/core/backends/wasmTraining';
import { blockCount, buildTransferModel, disposeModels, featureExtractor, scratchTwin } from '../../src/core/models/registry';
import { applyStrategy } from '../../src/core/train/strategy';
import { epochBatches } from '../../src/core/train/batches';
import { TrainableRun, ZOO_VIEW, toRange } from '../../src/core/train/run';
import type { RunInputs } from '../../src/core/train/runInputs';
import { toInputTensor } from '../../src/core/data/tensors';
import type { ImageSet } from '../../src/core/data/imageSet';
import { registry, type BenchContext, type Metrics } from './common';
import { flopLayers, stepFlops, type StepFlops } from './trainingFlops';
import { kernelTimes, type KernelTime, type ProfiledKernel } from './kernelProfile';

const BATCH = 16;
const SOURCE = 'digits';
/** Steps per kernel set before timing (kernel setup, heap growth, JIT). */
const WARMUP = 3;
/** Timed rounds per kernel set, alternating which set goes first; a round is PER[variant] steps (≳ 100 ms each). */
const ROUNDS = 6;
/** Single steps profiled per kernel set; each kernel's figure is its median over them. */
const PROFILE_STEPS = 7;
const MODES: readonly WasmTrainingKernels[] = ['baseline', 'matmul'];
type Variant = 'probe' | 'top2' | 'full' | 'scratch';
const VARIANTS: readonly Variant[] = ['probe', 'top2', 'full', 'scratch'];
const PER: Record<Variant, number> = { probe: 64, top2: 8, full: 8, scratch: 8 };

/** What results.json records under `training_profile`. */
export interface TrainingProfile {
  backend: 'wasm';
  threads: number;
  /** The calibrated training order on this page (fastest first), for the claim that this is the app's backend. */
  calibratedTraining: string[];
  model: string;
  batchSize: number;
  stepsProfiled: number;
  /** The full fine-tune's step, as trainingFlops.ts counts it. */
  stepFlops: StepFlops;
  /** Median ms per full fine-tune step (wall clock, all kernels and overhead) under each kernel set. */
  stepMs: Record<WasmTrainingKernels, number>;
  kernels: Record<WasmTrainingKernels, KernelTime[]>;
}

let lastProfile: TrainingProfile | null = null;
/** The profile of the last run of this section (null before it ran), for bench/page.ts to hand back. */
export const trainingProfile = () => lastProfile;

const median = (a: readonly number[]) => {
  const s = [...a].sort((x, y) => x - y);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

interface Trainer {
  run: TrainableRun;
  /** FLOPs of one step at batch 16. */
  flops: StepFlops;
  dispose(): void;
}

/** The zoo source under a new 5-class head, frozen as the variant trains it. */
async function transferModel({ cfg }: BenchContext, numClasses: number, variant: Exclude<Variant, 'scratch'>) {
  const model = buildTransferModel(await registry.load(SOURCE), { numClasses, seed: cfg.seed });
  if (variant === 'probe') applyStrategy(model, { kind: 'linear-probe' }, SOURCE);
  if (variant === 'top2') applyStrategy(model, { kind: 'fine-tune', trainableBlocks: 2 }, SOURCE);
  if (variant === 'full') applyStrategy(model, { kind: 'full', backboneLrMultiplier: 1 }, SOURCE);
  return model;
}

/**
 * The probe: the frozen backbone embeds the training images once; the head (the transfer model's own) trains on the rows.
 * Its samples/s are the head's steps alone: the one-time embedding pass is not a training step.
 */
function probeTrainer(model: tf.LayersModel, images: ImageSet, inputs: RunInputs, lr: number): Trainer {
  const features = featureExtractor(model, blockCount(model));
  const emb = tf.tidy(() => features.predict(toRange(toInputTensor(images, null, ZOO_VIEW.side), ZOO_VIEW.range)) as tf.Tensor2D);
  const input = tf.input({ shape: [emb.shape[1]], name: 'embedding' });
  const head = tf.model({ inputs: input, outputs: model.getLayer('head').apply(input) as tf.SymbolicTensor });
  const run = new TrainableRun(head, { ...inputs, train: emb, val: emb }, lr);
  return {
    run,
    flops: stepFlops(flopLayers(head), BATCH),
    dispose: () => {
      run.dispose();
      emb.dispose();
      disposeModels(head, features, model);
    },
  };
}

async function trainer(ctx: BenchContext, variant: Variant): Promise<Trainer> {
  const { train, val } = ctx.data;
  const numClasses = train.classNames.length;
  const inputs: RunInputs = { train, val, trainLabels: Int32Array.from(train.labels), valLabels: Int32Array.from(val.labels), numClasses };
  const lr = ctx.cfg.training.learningRate;
  if (variant === 'probe') return probeTrainer(await transferModel(ctx, numClasses, 'probe'), train, inputs, lr);
  let model = await transferModel(ctx, numClasses, variant === 'scratch' ? 'full' : variant);
  if (variant === 'scratch') {
    const twin = await scratchTwin(model, ctx.cfg.seed);
    disposeModels(model);
    applyStrategy(twin, { kind: 'full', backboneLrMultiplier: 1 }, SOURCE);
    model = twin;
  }
  const run = new TrainableRun(model, inputs, lr);
  return { run, flops: stepFlops(flopLayers(model), BATCH), dispose: () => (run.dispose(), disposeModels(model)) };
}

/** ms per step over `count` steps from `from` (the step's losses stay on wasm until the last, read as the engine reads them). */
async function timeSteps(run: TrainableRun, batches: number[][], from: number, count: number): Promise<number> {
  const t0 = performance.now();
  let last: tf.Tensor[] = [];
  for (let s = from; s < from + count; s++) {
    tf.dispose(last);
    const { loss, correct } = run.step(batches[s % batches.length]!, s);
    last = [loss, correct];
  }
  await last[0]!.data();
  tf.dispose(last);
  return (performance.now() - t0) / count;
}

/** Median ms per step under each kernel set, alternating sets round by round. */
async function abStepMs(run: TrainableRun, batches: number[][], per: number): Promise<Record<WasmTrainingKernels, number>> {
  const times: Record<WasmTrainingKernels, number[]> = { baseline: [], matmul: [] };
  let step = 0;
  for (const m of MODES) {
    registerWasmTrainingKernels(m);
    await timeSteps(run, batches, step, WARMUP);
    step += WARMUP;
  }
  for (let r = 0; r < ROUNDS; r++) {
    for (const m of r % 2 ? [...MODES].reverse() : MODES) {
      registerWasmTrainingKernels(m);
      times[m].push(await timeSteps(run, batches, step, per));
      step += per;
    }
  }
  return { baseline: median(times.baseline), matmul: median(times.matmul) };
}

/** Each kernel's median time over PROFILE_STEPS steps, profiled one by one, under each kernel set. */
async function profileKernels(run: TrainableRun, batches: number[][]): Promise<Record<WasmTrainingKernels, KernelTime[]>> {
  const out = {} as Record<WasmTrainingKernels, KernelTime[]>;
  for (const m of MODES) {
    registerWasmTrainingKernels(m);
    await timeSteps(run, batches, 0, 1); // the first step after a switch: not profiled
    const steps: ProfiledKernel[][] = [];
    for (let s = 1; s <= PROFILE_STEPS; s++) {
      const info = await tf.profile(async () => {
        await timeSteps(run, batches, s, 1);
      });
      steps.push(info.kernels);
    }
    out[m] = kernelTimes(steps);
  }
  return out;
}

/** The page's matmul peak on the current backend: 512×512·512×512, best of 8 after a warm-up, GFLOP/s. */
function matmulPeakGflops(): number {
  const n = 512;
  const [a, b] = [tf.randomNormal([n, n], 0, 1, 'float32', 1), tf.randomNormal([n, n], 0, 1, 'float32', 2)];
  let best = Infinity;
  for (let i = 0; i < 9; i++) {
    const t0 = performance.now();
    const c = tf.matMul(a, b);
    c.dataSync();
    c.dispose();
    if (i > 0) best = Math.min(best, performance.now() - t0);
  }
  tf.dispose([a, b]);
  return (2 * n ** 3) / best / 1e6;
}

/** Each variant's step time under both kernel sets; the full fine-tune also profiled. */
async function measureVariants(ctx: BenchContext, batches: number[][]) {
  const stepMs = {} as Record<Variant, Record<WasmTrainingKernels, number>>;
  let fullFlops: StepFlops | null = null;
  let kernels: Record<WasmTrainingKernels, KernelTime[]> | null = null;
  for (const v of VARIANTS) {
    const t = await trainer(ctx, v);
    try {
      stepMs[v] = await abStepMs(t.run, batches, PER[v]);
      if (v === 'full') {
        fullFlops = t.flops;
        kernels = await profileKernels(t.run, batches);
      }
    } finally {
      t.dispose();
    }
  }
  return { stepMs, fullFlops: fullFlops!, kernels: kernels! };
}

export async function trainingSpeed(ctx: BenchContext): Promise<Metrics> {
  const device = tf.getBackend();
  await startWasm(); // the engine's thread count; a no-op once started
  const threads = getThreadsCount();
  await tf.setBackend(device);
  const calibratedTraining = choose(await calibrate([device, 'wasm'], 'bench'), device).training;
  await tf.setBackend('wasm'); // models and tensors are born on the backend that trains them
  const tensorsBefore = tf.memory().numTensors;
  try {
    const peak = matmulPeakGflops();
    const batches = epochBatches(ctx.n, BATCH, ctx.cfg.seed, 0).filter((b) => b.length === BATCH);
    const { stepMs, fullFlops, kernels } = await measureVariants(ctx, batches);
    const rate = (ms: number) => (BATCH / ms) * 1000;
    const out: Metrics = {};
    for (const v of VARIANTS) for (const m of MODES) out[`training_samples_per_s_${v}_${m}`] = rate(stepMs[v][m]);
    const achieved = fullFlops.total / stepMs.full.matmul / 1e6;
    lastProfile = {
      backend: 'wasm',
      threads,
      calibratedTraining,
      model: `zoo "${SOURCE}" CNN, full fine-tune, Adam`,
      batchSize: BATCH,
      stepsProfiled: PROFILE_STEPS,
      stepFlops: fullFlops,
      stepMs: stepMs.full,
      kernels,
    };
    Object.assign(out, {
      training_speedup_full: stepMs.full.baseline / stepMs.full.matmul,
      training_speedup_scratch: stepMs.scratch.baseline / stepMs.scratch.matmul,
      training_step_gflop: fullFlops.total / 1e9,
      training_achieved_gflops_full: achieved,
      wasm_matmul_peak_gflops: peak,
      training_peak_fraction: achieved / peak,
      training_tensor_drift: tf.memory().numTensors - tensorsBefore,
    });
    return out;
  } finally {
    registerWasmTrainingKernels('matmul'); // the app's choice
    await tf.setBackend(device);
  }
}
