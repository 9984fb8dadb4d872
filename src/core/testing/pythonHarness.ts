import * as tf from '@tensorflow/tfjs';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { DEFAULT_CONFIG, type ExperimentConfig, type Source } from '../config/experiment';
import { ModelRegistry } from '../models/registry';
import { datasets } from './experimentHarness';
import { publicFolderFetch } from './nodeFetch';
import { RunControl } from '../train/control';
import type { EpochMetrics } from '../train/events';
import { prepareTarget, runExperiment, withSourceTask, type TargetData } from '../train/experiment';
import { exportExperimentAsPython, type PythonExportResult } from '../export/index';
import { findPython, runPython, writeFiles } from '../export/testing';

/**
 * What the exported-project tests share (export/python.test.ts: the default experiment; export/python.configs.test.ts:
 * other strategies, studies and sources): the Python that runs the project, exporting into a fresh
 * folder, check.py and train.py, and the lab's own epochs to compare with. Node-only, never imported by the app.
 */
export const found = findPython();
export const py = found ?? 'python3';

/** Digits 0–4 → digits 5–9, fine-tuning the top two blocks, with the scratch twin: the lab's default experiment, smaller. */
export const BASE: ExperimentConfig = { ...DEFAULT_CONFIG, training: { epochs: 2, batchSize: 16, learningRate: 0.003 } };

export const root = mkdtempSync(join(tmpdir(), 'tl-python-'));
let dirCount = 0;
export const registry = new ModelRegistry(publicFolderFetch);
export const prepare = async (c: ExperimentConfig): Promise<TargetData> =>
  withSourceTask(await prepareTarget(c, datasets), c, registry, datasets);

/** Exports `cfg` into a fresh folder (checking that the export leaks no tensor); returns the folder and the files. */
export async function exportTo(
  cfg: ExperimentConfig,
  reg = registry,
  sources?: Source[],
): Promise<{ dir: string; result: Extract<PythonExportResult, { ok: true }> }> {
  const before = tf.memory().numTensors;
  const result = await exportExperimentAsPython(cfg, prepare, reg, { sources });
  expect(tf.memory().numTensors).toBe(before);
  if (!result.ok) throw new Error(`export refused: ${JSON.stringify(result.reasons)}`);
  const dir = join(root, `p${dirCount++}`);
  writeFiles(dir, result.files);
  return { dir, result };
}

export interface CheckReport {
  ok: boolean;
  maxAbsDiff: number;
  runs: Record<string, { logits: number; torchLogits: number[][]; images: number; sameArgmax: boolean }>;
}
export function check(dir: string): CheckReport {
  const r = runPython(py, ['check.py', '--json'], dir);
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as CheckReport;
}

export interface Metrics {
  seeds: { seed: number; runs: Record<string, { epochs: EpochMetrics[]; finalValAccuracy: number }>; gains: Record<string, number> }[];
  processes: number;
}
export function train(dir: string, args: string[], launcher: string[] = []): { stdout: string; metrics: Metrics } {
  const out = join(dir, `metrics-${Math.random().toString(36).slice(2)}.json`);
  const r = runPython(py, [...launcher, 'train.py', ...args, '--metrics-json', out], dir, 150_000);
  expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(0);
  return { stdout: r.stdout, metrics: JSON.parse(readFileSync(out, 'utf8')) as Metrics };
}

/** The lab's own epochs of `cfg` (TF.js, this process's backend). */
export async function labEpochs(cfg: ExperimentConfig, sources?: Source[]): Promise<Record<string, EpochMetrics[]>> {
  const epochs: Record<string, EpochMetrics[]> = {};
  await runExperiment(
    cfg,
    await prepare(cfg),
    registry,
    (e) => e.type === 'epoch' && (epochs[e.runId] ??= []).push(e.metrics),
    new RunControl(),
    { sources },
  );
  return epochs;
}

/** PyTorch follows the lab step for step: same batches, draws and initial weights; only float rounding differs. */
export function expectSameTraining(lab: Record<string, EpochMetrics[]>, torch: Metrics['seeds'][number]['runs'], valCount: number) {
  expect(Object.keys(torch).sort()).toEqual(Object.keys(lab).sort());
  for (const [id, epochs] of Object.entries(lab)) {
    epochs.forEach((m, i) => {
      const t = torch[id].epochs[i];
      expect(Math.abs(t.trainLoss - m.trainLoss), `${id} epoch ${i + 1} train loss`).toBeLessThan(1e-3);
      expect(Math.abs(t.valLoss - m.valLoss), `${id} epoch ${i + 1} val loss`).toBeLessThan(1e-3);
      // A prediction may flip on a near tie: at most one image.
      expect(Math.abs(t.valAccuracy - m.valAccuracy), `${id} epoch ${i + 1} val accuracy`).toBeLessThanOrEqual(1 / valCount + 1e-9);
      if (m.sourceAccuracy !== null) expect(Math.abs(t.sourceAccuracy! - m.sourceAccuracy)).toBeLessThan(0.011);
    });
  }
}

export const EPOCH_LINE =
  /^seed (\d+) \| epoch\s+(\d+)\/(\d+) \| (\S+)\s+\| train loss ([\d.]+) acc ([\d.]+) \| val loss ([\d.]+) acc ([\d.]+)/;
