/**
 * npm run bench — builds the app, serves it with `vite preview`, and measures in real
 * Chromium. Every figure is a ratio or a rate measured in one process run; results go to
 * bench/results.json together with the machine they came from and each goal's verdict
 * (bench/goals.ts). A missed goal makes the run exit with code 1, after the results are written.
 */
import { writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { execSync } from 'node:child_process';
import { preview } from 'vite';
import { chromium, type Browser } from '@playwright/test';
import { CHROMIUM_ARGS, requireChromium } from '../scripts/browser';
import { serveMobileNet } from '../scripts/mobilenet';
import { measureFirstLoad } from './firstLoad';
import { measureApp, measureBoard, measurePhotos } from './app/measure';
import { evaluateGoals, goalsTable, recordedGoals, REPORTED } from './goals';
import type { BenchRun } from './page';

/** The engine sections on the bench page (bench/page.ts); `only` as BENCH_ONLY lists them. */
async function runEnginePage(browser: Browser, url: string, only: string[] | undefined): Promise<BenchRun> {
  const page = await browser.newPage();
  await serveMobileNet(page, 0);
  page.on('console', (m) => m.type() === 'error' && console.error(`  page: ${m.text()}`));
  await page.goto(`${url}/bench/index.html`);
  await page.waitForFunction(() => 'runBench' in window);
  const engine: BenchRun = await page.evaluate((o) => (window as any).runBench(o), only);
  // Same-site pages can share a renderer, hence a main thread: the engine page's leftovers (its
  // timers, the collection of its large heap) must not land in the app's long-task count.
  await page.close();
  return engine;
}

/** results.json: the machine (with the GPU renderer the bench page's WebGL reported), the setup, every goal's verdict and the figures. */
function resultsOf(browser: Browser, engine: BenchRun, appMetrics: Record<string, number>) {
  const metrics = { ...engine.metrics, ...appMetrics };
  const check = evaluateGoals(metrics);
  const results = {
    date: new Date().toISOString(),
    machine: {
      cpu: cpus()[0]?.model ?? 'unknown',
      cores: cpus().length,
      memoryGiB: Math.round(totalmem() / 2 ** 30),
      chromium: browser.version(),
      backend: engine.backend,
      gpu: engine.renderer,
      gpuVendor: engine.vendor,
    },
    setup: {
      trainImages: engine.trainImages,
      batchSize: 32,
      note: 'MNIST digits 5–9 target (60/class, 80/20 split), source "digits"; per-epoch figures exclude the first (warm-up) epoch',
    },
    goals: recordedGoals(check),
    goalsMissed: check.missed,
    reported: REPORTED,
    metrics,
    // The training section's per-kernel profile of a full fine-tune step (bench/engine/trainingSpeed.ts).
    ...(engine.trainingProfile ? { training_profile: engine.trainingProfile } : {}),
  };
  return { results, check };
}

// Always rebuilt (a few seconds): figures from a stale dist/ would describe older code.
execSync('npx vite build', { stdio: 'inherit' });
const server = await preview({ preview: { port: 4174, strictPort: true, host: '127.0.0.1' }, logLevel: 'warn' });
const url = 'http://127.0.0.1:4174';
const browser = await chromium.launch({ executablePath: requireChromium(), args: CHROMIUM_ARGS });

try {
  // BENCH_ONLY=firstload: just the first-visit figures (cold and warm, desktop and phone profiles).
  if (process.env.BENCH_ONLY === 'firstload') {
    console.log(JSON.stringify(await measureFirstLoad(browser, url), null, 2));
    process.exit(0);
  }
  // BENCH_ONLY=board: just the class board taking 200 result links.
  if (process.env.BENCH_ONLY === 'board') {
    console.log(JSON.stringify(await measureBoard(browser, url), null, 2));
    process.exit(0);
  }
  // BENCH_ONLY=photos: just the 1,000-photo upload and bundle figures, with what each long task was made of.
  if (process.env.BENCH_ONLY === 'photos') {
    console.log(JSON.stringify(await measurePhotos(browser, url), null, 2));
    process.exit(0);
  }
  // BENCH_ONLY=mobilenet,probe runs just those engine sections and prints them (results.json
  // untouched, goals unchecked); BENCH_ONLY=app runs just the app's responsiveness and preview figures.
  const only = process.env.BENCH_ONLY?.split(',');
  if (!only?.includes('app')) console.log('Engine benchmarks (a few minutes on software WebGL)…');
  const engine = only?.includes('app') ? null : await runEnginePage(browser, url, only);
  if (only && engine) {
    console.log(JSON.stringify(engine.metrics, null, 2));
    if (engine.trainingProfile) console.log(JSON.stringify({ training_profile: engine.trainingProfile }, null, 2));
    process.exit(0);
  }

  const appFigures = await measureApp(browser, url);
  console.log('First load (cold and warm, desktop and phone profiles)…');
  const first_load = await measureFirstLoad(browser, url);
  console.log(`  ${JSON.stringify(first_load)}`);
  const app_metrics = { ...first_load, ...appFigures };
  if (!engine) {
    console.log(JSON.stringify(app_metrics, null, 2));
    process.exit(0);
  }

  const { results, check } = resultsOf(browser, engine, app_metrics);
  writeFileSync('bench/results.json', JSON.stringify(results, null, 2) + '\n');
  console.log(JSON.stringify(results.metrics, null, 2));
  console.log(goalsTable(check));
  // exitCode, not exit(): the browser and the preview server still close in `finally`.
  if (!check.ok) process.exitCode = 1;
} finally {
  await browser.close();
  await new Promise<void>((r) => server.httpServer.close(() => r()));
}
