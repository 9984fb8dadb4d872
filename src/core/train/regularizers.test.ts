import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { distillationLoss, interpolateWeights, l2spPenalty, l2spStep } from './regularizers';

const values = (t: tf.Tensor) => Array.from(t.dataSync());

/** Runs fn and checks it leaves no tensor behind. */
function noLeaks(fn: () => void): void {
  const before = tf.memory().numTensors;
  fn();
  expect(tf.memory().numTensors).toBe(before);
}

describe('l2spPenalty', () => {
  it('is (alpha/2)·Σ||w − w0||² on hand-computed tensors', () => {
    noLeaks(() => {
      const pairs = [
        { current: tf.tensor1d([1, 2, 3]), start: tf.tensor1d([0, 2, 5]) }, // 1 + 0 + 4 = 5
        { current: tf.ones([2, 2]), start: tf.zeros([2, 2]) }, // 4
      ];
      const p = l2spPenalty(pairs, 0.1);
      expect(p.shape).toEqual([]);
      expect(p.dataSync()[0]).toBeCloseTo((0.1 / 2) * 9, 6);
      const empty = l2spPenalty([], 0.1);
      expect(empty.dataSync()[0]).toBe(0);
      tf.dispose([p, empty, ...pairs.flatMap((q) => [q.current, q.start])]);
    });
  });

  it('has gradient alpha·(w − w0) and is zero at w = w0', () => {
    noLeaks(() => {
      const w = tf.tidy(() => tf.variable(tf.tensor1d([1, 2, 3]))); // tidy frees the initial value
      const w0 = tf.tensor1d([0, 2, 5]);
      const { value, grads } = tf.variableGrads(() => l2spPenalty([{ current: w, start: w0 }], 0.1), [w]);
      expect(value.dataSync()[0]).toBeCloseTo(0.25, 6);
      values(grads[w.name]).forEach((g, i) => expect(g).toBeCloseTo([0.1, 0, -0.2][i], 6));
      const zero = l2spPenalty([{ current: w0, start: w0 }], 0.1);
      expect(zero.dataSync()[0]).toBe(0);
      tf.dispose([value, grads[w.name], zero, w, w0]);
    });
  });

  it('rejects mismatched shapes', () => {
    noLeaks(() => {
      const a = tf.zeros([2]);
      const b = tf.zeros([3]);
      expect(() => l2spPenalty([{ current: a, start: b }], 1)).toThrow(/shapes/);
      tf.dispose([a, b]);
    });
  });
});

describe('l2spStep (the decoupled L2-SP update)', () => {
  it('is one gradient step of the penalty: θ − rate·∇(½||θ − θ0||²), capped at θ0', () => {
    const w = tf.tensor1d([1, -2, 0.5]);
    const w0 = tf.tensor1d([0.5, 0, 0.5]);
    const grad = tf.grad((x: tf.Tensor) => l2spPenalty([{ current: x, start: w0 }], 1))(w);
    const bySgd = w.sub(grad.mul(0.1));
    expect(Array.from(l2spStep(w, w0, 0.1).dataSync())).toEqual(Array.from(bySgd.dataSync()));
    expect(Array.from(l2spStep(w, w0, 0.1).dataSync()).map((v) => +v.toFixed(6))).toEqual([0.95, -1.8, 0.5]);
    expect(Array.from(l2spStep(w, w0, 5).dataSync())).toEqual([0.5, 0, 0.5]); // rate ≥ 1: back to the start
    expect(Array.from(l2spStep(w, w0, 0).dataSync())).toEqual([1, -2, 0.5]);
    tf.dispose([w, w0, grad, bySgd]);
  });
});

describe('distillationLoss', () => {
  it('is 0 when the new outputs equal the old ones', () => {
    noLeaks(() => {
      const old = tf.tensor2d([
        [0.7, 0.2, 0.1],
        [0.1, 0.1, 0.8],
      ]);
      for (const t of [1, 2, 4]) {
        const loss = distillationLoss(old, old, t);
        expect(loss.dataSync()[0]).toBeCloseTo(0, 7);
        loss.dispose();
      }
      old.dispose();
    });
  });

  it('is the T²-scaled KL of the softened distributions otherwise', () => {
    noLeaks(() => {
      const old = tf.tensor2d([[0.5, 0.5]]);
      const neu = tf.tensor2d([[0.25, 0.75]]);
      // T = 1: KL = 0.5·ln(0.5/0.25) + 0.5·ln(0.5/0.75) = 0.5·ln(4/3)
      const l1 = distillationLoss(old, neu, 1);
      expect(l1.dataSync()[0]).toBeCloseTo(0.5 * Math.log(4 / 3), 5);
      // T = 2: new softened to [√.25, √.75] / (√.25 + √.75); old stays uniform; × T² = 4
      const z = Math.sqrt(0.25) + Math.sqrt(0.75);
      const q = [Math.sqrt(0.25) / z, Math.sqrt(0.75) / z];
      const l2 = distillationLoss(old, neu, 2);
      expect(l2.dataSync()[0]).toBeCloseTo(4 * (0.5 * Math.log(0.5 / q[0]) + 0.5 * Math.log(0.5 / q[1])), 5);
      expect(l2.dataSync()[0]).toBeGreaterThan(0);
      tf.dispose([old, neu, l1, l2]);
    });
  });

  it('is differentiable w.r.t. the new outputs and rejects a non-positive temperature', () => {
    noLeaks(() => {
      const old = tf.tensor2d([[0.5, 0.5]]);
      const neu = tf.tensor2d([[0.25, 0.75]]);
      const g = tf.grad((p: tf.Tensor) => distillationLoss(old, p as tf.Tensor2D, 2))(neu);
      // Raising the over-predicted class increases the loss; the under-predicted one decreases it.
      const [g0, g1] = values(g);
      expect(g0).toBeLessThan(0);
      expect(g1).toBeGreaterThan(0);
      expect(() => distillationLoss(old, neu, 0)).toThrow(/temperature/);
      tf.dispose([old, neu, g]);
    });
  });
});

describe('interpolateWeights (WiSE-FT)', () => {
  it('returns exactly the start at α=0, exactly the tuned at α=1, the midpoint at α=0.5', () => {
    noLeaks(() => {
      const start = [tf.tensor1d([1, -2, 0.1]), tf.tensor2d([[0.3, -0.7]])];
      const tuned = [tf.tensor1d([3, 4, 0.7]), tf.tensor2d([[-0.3, 0.9]])];
      const at0 = interpolateWeights(start, tuned, 0);
      const at1 = interpolateWeights(start, tuned, 1);
      const mid = interpolateWeights(start, tuned, 0.5);
      at0.forEach((w, i) => expect(values(w)).toEqual(values(start[i])));
      at1.forEach((w, i) => expect(values(w)).toEqual(values(tuned[i])));
      expect(mid[1].shape).toEqual([1, 2]);
      [
        [2, 1, 0.4],
        [0, 0.1],
      ].forEach((exp, i) => values(mid[i]).forEach((v, j) => expect(v).toBeCloseTo(exp[j], 6)));
      // New tensors: disposing them leaves the inputs intact.
      tf.dispose([...at0, ...at1, ...mid]);
      expect(start.every((t) => !t.isDisposed)).toBe(true);
      tf.dispose([...start, ...tuned]);
    });
  });

  it('rejects mismatched weight lists', () => {
    noLeaks(() => {
      const a = [tf.zeros([2])];
      const b = [tf.zeros([3])];
      expect(() => interpolateWeights(a, [], 0.5)).toThrow();
      expect(() => interpolateWeights(a, b, 0.5)).toThrow(/shapes/);
      tf.dispose([...a, ...b]);
    });
  });
});
