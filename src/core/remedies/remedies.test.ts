import * as tf from '@tensorflow/tfjs';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { findPython } from '../export/testing';
import { Rng } from '../random';
import { balancedAccuracy, balancedBatches, perClassRecall } from './balanced';
import { adjustedArgMax, classBalancedWeights, forgetRate, keptCount, logitAdjustment, smallestMask } from './losses';
import { RunRemedies } from './runRemedies';
import { remedyOfRun, remedyReports } from './report';
import type { EpochMetrics } from '../train/events';
import { DEFAULT_REMEDIES, onlyRemedy, activeRemedies, RemediesSchema, type Remedies } from './schema';

/** Runs fn and checks it leaves no tensor behind. */
async function noLeaks<T>(fn: () => T | Promise<T>): Promise<T> {
  const before = tf.memory().numTensors;
  const out = await fn();
  expect(tf.memory().numTensors).toBe(before);
  return out;
}

const K = 5;
const B = 12;
const rng = new Rng(31);
const LOGITS = Array.from({ length: B }, () => Array.from({ length: K }, () => rng.normal() * 2));
const LABELS = Array.from({ length: B }, (_, i) => (i * 3) % K);
const COUNTS = [120, 40, 12, 5, 2];

type Case =
  | { kind: 'smoothing'; epsilon: number }
  | { kind: 'gce'; q: number }
  | { kind: 'class-balanced'; beta: number; counts: number[] }
  | { kind: 'small-loss'; keep: number };
const CASES: Case[] = [
  { kind: 'smoothing', epsilon: 0.1 },
  { kind: 'smoothing', epsilon: 0.3 },
  { kind: 'gce', q: 0.7 },
  { kind: 'gce', q: 1 },
  { kind: 'class-balanced', beta: 0.99, counts: COUNTS },
  { kind: 'class-balanced', beta: 0.9999, counts: COUNTS },
  { kind: 'small-loss', keep: 7 },
];

/** PyTorch's loss and gradient w.r.t. the logits for every case (scripts/remedies_reference.py). */
function torchReference(): { loss: number; grad: number[][]; kept?: number[] }[] {
  const py = findPython();
  expect(py, 'python3 with torch and numpy (Debian python3-torch)').not.toBeNull();
  const r = spawnSync(py!, ['scripts/remedies_reference.py'], {
    input: JSON.stringify({ logits: LOGITS, labels: LABELS, cases: CASES }),
    encoding: 'utf8',
    timeout: 120_000,
  });
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout);
}

/** The lab's loss for a case, through its own code path (RunRemedies.loss on softmax outputs). */
function labLoss(c: Case, z: tf.Tensor2D, y: tf.Tensor2D, step = 0): tf.Scalar {
  const r: Remedies =
    c.kind === 'smoothing'
      ? { ...DEFAULT_REMEDIES, labelSmoothing: c.epsilon }
      : c.kind === 'gce'
        ? { ...DEFAULT_REMEDIES, gce: c.q }
        : c.kind === 'class-balanced'
          ? { ...DEFAULT_REMEDIES, classBalanced: c.beta }
          : { ...DEFAULT_REMEDIES, smallLoss: 1 - c.keep / B };
  // Class-balanced weights come from the training labels' counts: labels with exactly COUNTS.
  const trainLabels = Int32Array.from(COUNTS.flatMap((n, k) => new Array<number>(n).fill(k)));
  // Step 1000 of a one-epoch budget is past the ramp: the full forget rate.
  const remedies = new RunRemedies({ remedies: r, trainLabels, numClasses: K, noisy: null, epochs: 1, batchSize: B });
  try {
    return remedies.loss(
      y,
      tf.softmax(z) as tf.Tensor2D,
      LABELS.map((_, i) => i),
      1000 + step,
    );
  } finally {
    remedies.dispose();
  }
}

describe('remedy losses against PyTorch (loss and gradient w.r.t. the logits, ≤ 1e-5)', () => {
  it('label smoothing, GCE, class-balanced weights and small-loss selection', async () => {
    const reference = torchReference();
    await noLeaks(() => {
      const z = tf.tensor2d(LOGITS);
      const y = tf.tidy(() => tf.oneHot(tf.tensor1d(LABELS, 'int32'), K).toFloat() as tf.Tensor2D);
      CASES.forEach((c, i) => {
        const v = tf.variable(z, true, `logits${i}`);
        const out = tf.variableGrads(() => labLoss(c, v as unknown as tf.Tensor2D, y), [v]);
        expect(out.value.dataSync()[0], `${c.kind} loss`).toBeCloseTo(reference[i].loss, 5);
        const grad = out.grads[v.name].arraySync() as number[][];
        grad.forEach((row, a) => row.forEach((g, b) => expect(Math.abs(g - reference[i].grad[a][b]), `${c.kind} grad`).toBeLessThan(1e-5)));
        tf.dispose([out.value, ...Object.values(out.grads), v]);
      });
      tf.dispose([z, y]);
    });
  });

  it('the small-loss mask keeps exactly the `keep` smallest (ties by position) and has no gradient', async () => {
    await noLeaks(() =>
      tf.tidy(() => {
        const l = tf.tensor1d([0.5, 0.1, 0.5, 0.9, 0.1, 0.3]);
        expect(Array.from(smallestMask(l, tf.scalar(3)).dataSync())).toEqual([0, 1, 0, 0, 1, 1]);
        expect(Array.from(smallestMask(l, tf.scalar(4)).dataSync())).toEqual([1, 1, 0, 0, 1, 1]);
        const g = tf.grad((x: tf.Tensor) => smallestMask(x as tf.Tensor1D, tf.scalar(2)).sum())(l);
        expect(Array.from(g.dataSync())).toEqual([0, 0, 0, 0, 0, 0]);
      }),
    );
  });
});

describe('remedies by hand', () => {
  it('class-balanced weights: the effective number, normalised to the classes present', () => {
    const w = classBalancedWeights([100, 10, 0, 1], 0.9);
    // (1 − β)/(1 − β^n): 0.1/(1 − 0.9^100) ≈ 0.1, 0.1/(1 − 0.9^10) = 0.1535, class 2 absent, 0.1/0.1 = 1.
    const raw = [0.1 / (1 - 0.9 ** 100), 0.1 / (1 - 0.9 ** 10), 0, 1];
    const scale = 3 / (raw[0] + raw[1] + raw[3]);
    raw.forEach((r, i) => expect(w[i]).toBeCloseTo(r * scale, 6));
    expect(w.reduce((a, b) => a + b, 0)).toBeCloseTo(3, 5);
  });

  it('logit adjustment: argmax log p − τ·log π on a hand-computed case', async () => {
    const adjustment = logitAdjustment([90, 10], 1);
    expect(adjustment[0]).toBeCloseTo(-Math.log(0.9), 6);
    expect(adjustment[1]).toBeCloseTo(-Math.log(0.1), 6);
    await noLeaks(() => {
      const probs = tf.tensor2d([
        [0.6, 0.4], // log .6 − log .9 = −0.405 < log .4 − log .1 = 1.386: class 1
        [0.95, 0.05], // −0.054 > log .05 − log .1 = −0.693: class 0
      ]);
      const adj = tf.tensor1d(adjustment);
      const pred = adjustedArgMax(probs as tf.Tensor2D, adj);
      expect(Array.from(pred.dataSync())).toEqual([1, 0]);
      // τ = 0 is the plain argmax.
      const zero = tf.tensor1d(logitAdjustment([90, 10], 0));
      const plain = adjustedArgMax(probs as tf.Tensor2D, zero);
      expect(Array.from(plain.dataSync())).toEqual([0, 0]);
      tf.dispose([probs, adj, pred, zero, plain]);
    });
  });

  it('balanced accuracy and per-class recall', () => {
    const labels = [0, 0, 0, 0, 1, 1, 2];
    const preds = [0, 0, 0, 1, 1, 0, 0];
    expect(perClassRecall(preds, labels, 4)).toEqual([0.75, 0.5, 0, null]);
    expect(balancedAccuracy(preds, labels, 4)).toBeCloseTo((0.75 + 0.5 + 0) / 3, 10);
  });

  it('co-teaching schedule: the forget rate ramps over the first fifth of the epochs; at least one sample is kept', () => {
    expect([0, 1, 2, 3, 4, 19].map((e) => forgetRate(0.4, e, 20))).toEqual([0, 0.1, 0.2, 0.30000000000000004, 0.4, 0.4]);
    expect([0, 1, 2].map((e) => forgetRate(0.4, e, 3))).toEqual([0, 0.4, 0.4]);
    expect(keptCount(16, 0.4)).toBe(9);
    expect(keptCount(16, 0)).toBe(16);
    expect(keptCount(1, 0.8)).toBe(1);
  });

  it('class-balanced re-sampling: seeded, the plain budget, every class about equally often', () => {
    const labels = Int32Array.from([...new Array<number>(95).fill(0), ...new Array<number>(5).fill(1)]);
    const a = balancedBatches(labels, 16, 7, 0);
    expect(a).toEqual(balancedBatches(labels, 16, 7, 0));
    expect(a).not.toEqual(balancedBatches(labels, 16, 7, 1));
    expect(a.flat()).toHaveLength(100);
    expect(a.map((b) => b.length)).toEqual([16, 16, 16, 16, 16, 16, 4]);
    const many = Array.from({ length: 40 }, (_, e) => balancedBatches(labels, 16, 7, e)).flat(2);
    const rare = many.filter((i) => labels[i] === 1).length / many.length;
    expect(rare).toBeGreaterThan(0.45);
    expect(rare).toBeLessThan(0.55);
  });

  it('small-loss selection’s precision and recall against the flipped labels, counted by hand', async () => {
    // Six training images, the last two flipped; the model is confident on the first four only.
    const noisy = Uint8Array.from([0, 0, 0, 0, 1, 1]);
    const remedies = new RunRemedies({
      remedies: { ...DEFAULT_REMEDIES, smallLoss: 0.5 },
      trainLabels: Int32Array.from([0, 1, 0, 1, 0, 1]),
      numClasses: 2,
      noisy,
      epochs: 1,
      batchSize: 6,
    });
    const y = tf.tensor2d([
      [1, 0],
      [0, 1],
      [1, 0],
      [0, 1],
      [1, 0],
      [0, 1],
    ]);
    const probs = tf.tensor2d([
      [0.9, 0.1],
      [0.2, 0.8],
      [0.6, 0.4],
      [0.45, 0.55],
      [0.1, 0.9],
      [0.7, 0.3],
    ]);
    // Keep ⌊0.5·6⌋ = 3: losses −log(.9, .8, .6, .55, .1, .3): images 0, 1, 2 (all clean).
    // Step 1 of a one-epoch, one-step budget: past the ramp, the full rate.
    tf.tidy(() => remedies.loss(y as tf.Tensor2D, probs as tf.Tensor2D, [0, 1, 2, 3, 4, 5], 1));
    // A second batch of images 3, 4 (one clean, one flipped): keeps ⌊0.5·2⌋ = 1, image 3.
    tf.tidy(() => remedies.loss(tf.gather(y, [3, 4]) as tf.Tensor2D, tf.gather(probs, [3, 4]) as tf.Tensor2D, [3, 4], 1));
    // Kept 4, all clean: precision 4/4; clean seen 4 + 1 = 5, kept 4: recall 4/5.
    expect(await remedies.takeSelection()).toEqual({ precision: 1, recall: 0.8 });
    expect(await remedies.takeSelection()).toBeNull();
    remedies.dispose();
    tf.dispose([y, probs]);
  });
});

describe('the remedies in the config', () => {
  it('are off by default, bounded, and one can be picked out for a comparison run', () => {
    expect(RemediesSchema.parse({})).toEqual(DEFAULT_REMEDIES);
    expect(activeRemedies(DEFAULT_REMEDIES)).toEqual([]);
    expect(RemediesSchema.safeParse({ gce: 1.5 }).success).toBe(false);
    expect(RemediesSchema.safeParse({ smallLoss: -0.1 }).success).toBe(false);
    expect(RemediesSchema.safeParse({ unknown: 1 }).success).toBe(false);
    const both = { ...DEFAULT_REMEDIES, gce: 0.7, logitAdjust: 1, compare: true };
    expect(activeRemedies(both)).toEqual(['gce', 'logitAdjust']);
    expect(onlyRemedy(both, 'gce')).toEqual({ ...DEFAULT_REMEDIES, gce: 0.7 });
  });
});

describe('the remedy comparison’s verdict', () => {
  const curve = (acc: number, balanced: number): EpochMetrics[] => [
    {
      epoch: 1,
      examplesSeen: 10,
      trainLoss: 1,
      trainAccuracy: 0.5,
      valLoss: 1,
      valAccuracy: acc,
      balancedAccuracy: balanced,
      shiftedAccuracy: null,
      sourceAccuracy: null,
      wallMs: 1,
    },
  ];
  it('is the mean difference on the remedy’s metric with a t-based 95% CI over seeds (t₀.₉₇₅,₄ = 2.776)', () => {
    // GCE is judged on validation accuracy: differences 0.10, 0.12, 0.08, 0.14, 0.06.
    const plain = [0.5, 0.5, 0.5, 0.5, 0.5];
    const gce = [0.6, 0.62, 0.58, 0.64, 0.56];
    const seeds = plain.map((p, i) => [
      { id: 'transfer', epochs: curve(p, 0) },
      { id: 'transfer-gce', epochs: curve(gce[i], 0) },
      { id: 'scratch', epochs: curve(0.1, 0) },
    ]);
    const [report] = remedyReports(seeds);
    const sd = Math.sqrt([0, 0.02, -0.02, 0.04, -0.04].reduce((s, d) => s + d * d, 0) / 4);
    expect(report.remedy).toBe('gce');
    expect(report.metric).toBe('valAccuracy');
    expect(report.difference.mean).toBeCloseTo(0.1, 10);
    expect(report.difference.lo).toBeCloseTo(0.1 - 2.776 * (sd / Math.sqrt(5)), 3);
    expect(report.verdict).toBe('helps');
  });

  it('judges imbalance remedies on balanced accuracy; one seed is a single difference, without a CI', () => {
    const seeds = [
      [
        { id: 'transfer', epochs: curve(0.9, 0.4) },
        { id: 'transfer-logit-adjust', epochs: curve(0.85, 0.6) },
      ],
    ];
    const [report] = remedyReports(seeds);
    expect(report).toMatchObject({ remedy: 'logitAdjust', metric: 'balancedAccuracy', verdict: 'single' });
    expect(report.difference.mean).toBeCloseTo(0.2, 10);
    expect(remedyOfRun('transfer-small-loss')).toBe('smallLoss');
    expect(remedyOfRun('transfer-2')).toBeNull();
  });
});
