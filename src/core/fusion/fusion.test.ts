import { describe, expect, it } from 'vitest';
import { fitStacker, fitVoteWeights, fuse, hardVote, softVote, stackPredict, type Member, type Probabilities } from './ensemble';
import { greedySoup, soupRefusal, SoupRefused, uniformSoup, type SoupMember } from './soup';
import { Rng } from '../random';
import { said } from '../testing/said';

const probs = (rows: number[][]): Probabilities => ({ n: rows.length, k: rows[0].length, values: Float32Array.from(rows.flat()) });

/** A noisy classifier: probability `skill` on the true class for a share of images, else a random one. */
function member(labels: number[], k: number, skill: number, seed: number): Probabilities {
  const rng = new Rng(seed);
  return probs(
    labels.map((y) => {
      const right = rng.next() < skill;
      const c = right ? y : Math.floor(rng.next() * k);
      const row = Array.from({ length: k }, () => 0.2 * rng.next());
      row[c] += 1;
      const s = row.reduce((a, b) => a + b, 0);
      return row.map((v) => v / s);
    }),
  );
}

const K = 4;
const blendLabels = Array.from({ length: 60 }, (_, i) => i % K);
const valLabels = Array.from({ length: 80 }, (_, i) => (i * 3) % K);
const members: Member[] = [0.7, 0.6, 0.65, 0.3].map((skill, m) => ({
  id: `run${m}`,
  blend: member(blendLabels, K, skill, 10 + m),
  val: member(valLabels, K, skill, 100 + m),
}));
const labels = { blend: blendLabels, val: valLabels };

describe('prediction-level fusion', () => {
  it('stacking learns what a member means: a skilled member whose every answer is shifted by one class is useless to voting and nearly perfect through the stacker', () => {
    const shift = (labels: number[]) => labels.map((y) => (y + 1) % K);
    const shifted: Member = { id: 'shifted', blend: member(shift(blendLabels), K, 0.95, 7), val: member(shift(valLabels), K, 0.95, 8) };
    const weak: Member = { id: 'weak', blend: member(blendLabels, K, 0.3, 9), val: member(valLabels, K, 0.3, 11) };
    const report = fuse([shifted, weak], labels);
    expect(report.members.find((m) => m.id === 'shifted')!.accuracy).toBeLessThan(0.1);
    expect(report.methods.softUniform.accuracy).toBeLessThan(0.6);
    expect(report.methods.stacking.accuracy).toBeGreaterThan(0.9);
    // The confusion matrix shows the shift: nearly every actual class c is predicted as c + 1.
    const m = report.members.find((x) => x.id === 'shifted')!.confusion;
    for (let c = 0; c < K; c++) expect(m[c][(c + 1) % K]).toBeGreaterThan(0.8 * m[c].reduce((a, b) => a + b, 0));
    expect(report.methods.stacking.confusion.flat().reduce((a, b) => a + b, 0)).toBe(valLabels.length);
  });

  it('fitted voting weights and the stacker never read validation predictions: poisoning them changes no fitted parameter', () => {
    const before = fuse(members, labels);
    const poisoned = members.map((m, i) => ({
      ...m,
      val: member(
        valLabels.map((y) => (y + 1) % K),
        K,
        1,
        999 + i,
      ),
    }));
    const after = fuse(poisoned, labels);
    expect(after.methods.softWeighted.weights).toEqual(before.methods.softWeighted.weights);
    expect(fitStacker(poisoned, blendLabels).coefficients).toEqual(fitStacker(members, blendLabels).coefficients);
    // What they predict on validation does change — it is computed from the (poisoned) validation inputs.
    expect(after.methods.stacking.accuracy).not.toBe(before.methods.stacking.accuracy);
  });

  it('the weak member gets the smallest fitted weight; the weights lie on the simplex', () => {
    const w = fitVoteWeights(members, blendLabels);
    expect(w.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
    w.forEach((x) => expect(x).toBeGreaterThanOrEqual(0));
    expect(w.indexOf(Math.min(...w))).toBe(3);
  });

  it('an ensemble of complementary members beats its best member here, and every method scores validation', () => {
    const r = fuse(members, labels);
    expect(r.members.map((m) => m.id)).toEqual(['run0', 'run1', 'run2', 'run3']);
    expect(r.bestMember.accuracy).toBe(Math.max(...r.members.map((m) => m.accuracy)));
    expect(r.methods.softUniform.accuracy).toBeGreaterThan(r.bestMember.accuracy);
    expect(r.methods.softWeighted.accuracy).toBeGreaterThanOrEqual(r.bestMember.accuracy);
    for (const m of Object.values(r.methods)) expect(m.predictions).toHaveLength(valLabels.length);
  });

  it('hard voting: a tie goes to the class with the larger summed probability, and ties are counted', () => {
    // Two members, one image: member A says class 0 (0.6), member B says class 1 (0.9) → tie 1–1, class 1 has more mass.
    const a: Member = { id: 'a', blend: probs([[1, 0]]), val: probs([[0.6, 0.4]]) };
    const b: Member = { id: 'b', blend: probs([[1, 0]]), val: probs([[0.1, 0.9]]) };
    const r = hardVote([a, b], { blend: [0], val: [1] });
    expect(Array.from(r.predictions)).toEqual([1]);
    expect(r.ties).toBe(1);
    // Three members, no tie: the majority wins even against more probability mass.
    const c: Member = { id: 'c', blend: probs([[1, 0]]), val: probs([[0.55, 0.45]]) };
    expect(Array.from(hardVote([a, b, c], { blend: [0], val: [1] }).predictions)).toEqual([0]);
  });

  it('soft voting of one member is that member; stacking a member that is always right on the blend split keeps its predictions', () => {
    const perfect: Member = { id: 'p', blend: member(blendLabels, K, 1, 7), val: member(valLabels, K, 0.7, 8) };
    const one = [perfect];
    const argmaxes = Array.from({ length: valLabels.length }, (_, i) => {
      const row = Array.from(perfect.val.values.subarray(i * K, i * K + K));
      return row.indexOf(Math.max(...row));
    });
    expect(Array.from(softVote(one, labels).predictions)).toEqual(argmaxes);
    const stacked = stackPredict(fitStacker(one, blendLabels), one, labels);
    expect(Array.from(stacked.predictions)).toEqual(argmaxes);
  });

  it('members that disagree on the classes or the images are refused with the reason', () => {
    const other: Member = { id: 'x', blend: probs([[1, 0, 0]]), val: probs([[1, 0, 0]]) };
    expect(said(() => softVote([members[0], other], labels))).toContain('Run x predicts 3 classes, not 4');
  });
});

describe('model soups', () => {
  const w = (...xs: number[]) => [Float32Array.from(xs)];
  const soup = (
    id: string,
    weights: Float32Array[],
    heldOut: number,
    origin = 'zoo:digits',
    architecture = 'conv[3,3,3,8];head[8,4]',
  ): SoupMember => ({ id, weights, heldOut, origin, architecture });

  it('refuses runs of different architectures or different starting weights, naming them', () => {
    expect(soupRefusal([soup('a', w(1), 0.5), soup('b', w(1), 0.5, 'zoo:digits', 'other')])).toEqual({
      reason: 'different-architecture',
      a: 'a',
      b: 'b',
    });
    expect(soupRefusal([soup('a', w(1), 0.5), soup('b', w(1), 0.5, 'scratch:43')])).toEqual({ reason: 'different-origin', a: 'a', b: 'b' });
    expect(() => uniformSoup([soup('a', w(1), 0.5), soup('b', w(1), 0.5, 'scratch:43')])).toThrow(SoupRefused);
    expect(soupRefusal([])).toEqual({ reason: 'no-members' });
  });

  it('the uniform soup of one run is that run; of two, their mean', () => {
    expect(uniformSoup([soup('a', w(1, 2, 3), 0.5)])).toEqual(w(1, 2, 3));
    expect(uniformSoup([soup('a', w(1, 2), 0.5), soup('b', w(3, 6), 0.5)])).toEqual(w(2, 4));
  });

  it('greedy soup adds a member only when the held-out accuracy does not drop, best member first', async () => {
    // Held-out accuracy of a soup: high near weight 1, poor far from it.
    const heldOut = async (ws: Float32Array[]) => 1 - Math.abs(ws[0][0] - 1);
    const r = await greedySoup([soup('far', w(3), 0.2), soup('best', w(1.1), 0.9), soup('near', w(0.9), 0.85)], heldOut);
    expect(r.ingredients).toEqual(['best', 'near']);
    expect(r.weights[0][0]).toBeCloseTo(1, 6);
  });
});
