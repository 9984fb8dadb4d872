/**
 * Benchmarks that need the engine in one page (ratios against a baseline run in the same process).
 * Driven by bench/run.ts through Playwright against the production build. Each section lives in
 * bench/engine/ and returns its figures; this page runs them in order and merges them.
 */
import '../src/core/config/zodSetup';
import * as tf from '@tensorflow/tfjs';
import type { ExperimentConfig } from '../src/core/config/experiment';
import { prepareTarget, withSourceTask } from '../src/core/train/experiment';
import { base, curves, datasets, registry, type BenchContext, type Metrics } from './engine/common';
import { drift, engineOverhead, fineTuneTop, probe } from './engine/training';
import { augmentKinds, augmentOverhead } from './engine/augment';
import { remedies } from './engine/remedies';
import { mobilenet } from './engine/mobilenet';
import { selection } from './engine/selection';
import { backends } from './engine/backends';
import { trainingProfile, trainingSpeed } from './engine/trainingSpeed';
import { decode } from './engine/decode';
import { views } from './engine/views';
import { webglRenderer } from './engine/renderer';

/**
 * The sections in the order they run (that order is the key order of results.json's metrics).
 * Names are what BENCH_ONLY lists; a diagnostic section runs only when named.
 */
const SECTIONS: { name: string; run: (ctx: BenchContext) => Promise<Metrics>; diagnostic?: true }[] = [
  { name: 'probe', run: probe },
  { name: 'augkinds', run: augmentKinds, diagnostic: true },
  { name: 'fit', run: engineOverhead },
  { name: 'top', run: fineTuneTop },
  { name: 'augment', run: augmentOverhead },
  { name: 'remedies', run: remedies },
  { name: 'drift', run: drift },
  { name: 'mobilenet', run: mobilenet },
  { name: 'selection', run: selection },
  { name: 'backends', run: backends },
  { name: 'training', run: trainingSpeed },
  { name: 'decode', run: decode },
  { name: 'views', run: views },
];

/** What the page hands back to bench/run.ts. */
export type BenchRun = Awaited<ReturnType<typeof run>>;

/** `only` limits the run to some sections (for iterating on one figure); the full bench runs all but diagnostics. */
async function run(only?: string[]) {
  await tf.setBackend('webgl');
  await tf.ready();
  const cfg = base({});
  const data = await prepareTarget(cfg, datasets);
  const ctx: BenchContext = { cfg, data, n: data.train.labels.length };
  const out: Metrics = {};
  for (const section of SECTIONS) {
    const wanted = only ? only.includes(section.name) : !section.diagnostic;
    if (wanted) Object.assign(out, await section.run(ctx));
  }
  return { metrics: out, backend: tf.getBackend(), trainImages: ctx.n, trainingProfile: trainingProfile(), ...webglRenderer() };
}

/**
 * Diagnostic for calibrating presets: runs any experiment config (forgetting meter included) in
 * this page on WebGL and returns its per-epoch curves and WiSE-FT points.
 */
async function runConfig(config: ExperimentConfig) {
  await tf.setBackend('webgl');
  const data = await withSourceTask(await prepareTarget(config, datasets), config, registry, datasets);
  let wiseft: unknown = null;
  const epochs = await curves(config, data, {}, (e) => {
    if (e.type === 'wiseft') wiseft = e.points;
  });
  return { epochs, wiseft };
}

Object.assign(window, { runBench: run, runConfig });
