/**
 * Combining finished runs by their predictions: soft voting (uniform, or with weights fitted on a
 * blend split), hard majority voting, and stacking (a multinomial logistic-regression
 * meta-learner). Whatever is fitted is fitted on the **blend** split, carved from the training
 * data; validation predictions are only ever predicted, never read by a fit — so the validation
 * accuracy of an ensemble is as honest as a member's.
 */

/** Class probabilities of one run: n rows of k, row-major. */
export interface Probabilities {
  n: number;
  k: number;
  values: Float32Array | Float64Array;
}

export interface Member {
  id: string;
  /** On the blend split (what fits read) and on validation (what is scored). */
  blend: Probabilities;
  val: Probabilities;
}

export interface Labels {
  blend: ArrayLike<number>;
  val: ArrayLike<number>;
}

export interface FusedPredictions {
  predictions: Int32Array;
  accuracy: number;
}

function check(members: readonly Member[], labels: Labels): { k: number } {
  if (!members.length) throw new Error('An ensemble needs at least one member.');
  const k = members[0].val.k;
  for (const m of members) {
    if (m.val.k !== k || m.blend.k !== k) throw new Error(`Run ${m.id} predicts ${m.val.k} classes, not ${k}: members must share the target's classes.`);
    if (m.val.n !== labels.val.length || m.blend.n !== labels.blend.length) throw new Error(`Run ${m.id} has predictions for other images than the others.`);
  }
  return { k };
}

const argmax = (row: ArrayLike<number>, at: number, k: number) => {
  let best = 0;
  for (let c = 1; c < k; c++) if (row[at + c] > row[at + best]) best = c;
  return best;
};

function scored(predictions: Int32Array, labels: ArrayLike<number>): FusedPredictions {
  let correct = 0;
  predictions.forEach((p, i) => (correct += p === labels[i] ? 1 : 0));
  return { predictions, accuracy: predictions.length ? correct / predictions.length : 0 };
}

/** Weighted average of the members' probabilities on one split. */
export function averageProbabilities(parts: readonly Probabilities[], weights: readonly number[]): Float64Array {
  const { n, k } = parts[0];
  const out = new Float64Array(n * k);
  parts.forEach((p, m) => {
    for (let i = 0; i < n * k; i++) out[i] += weights[m] * p.values[i];
  });
  return out;
}

/** Accuracy of each member alone on validation. */
export function memberAccuracy(m: Member, labels: ArrayLike<number>): number {
  const predictions = new Int32Array(m.val.n);
  for (let i = 0; i < m.val.n; i++) predictions[i] = argmax(m.val.values, i * m.val.k, m.val.k);
  return scored(predictions, labels).accuracy;
}

/** Soft voting: the argmax of the (weighted) mean probability. */
export function softVote(members: readonly Member[], labels: Labels, weights?: readonly number[]): FusedPredictions {
  const { k } = check(members, labels);
  const w = weights ?? members.map(() => 1 / members.length);
  const mean = averageProbabilities(members.map((m) => m.val), w);
  const n = labels.val.length;
  const predictions = new Int32Array(n);
  for (let i = 0; i < n; i++) predictions[i] = argmax(mean, i * k, k);
  return scored(predictions, labels.val);
}

/**
 * Voting weights on the simplex that maximise the blend split's log-likelihood of the averaged
 * probabilities — a mixture-weight MLE, found by EM (each step: w_m ← mean over images of member
 * m's share of the mixture's probability of the true class). Concave, so EM reaches the optimum.
 */
export function fitVoteWeights(members: readonly Member[], blendLabels: ArrayLike<number>, iterations = 500): number[] {
  const M = members.length;
  const n = blendLabels.length;
  let w = members.map(() => 1 / M);
  if (!n) return w;
  const p = members.map((m) => Float64Array.from({ length: n }, (_, i) => Math.max(m.blend.values[i * m.blend.k + blendLabels[i]], 1e-12)));
  for (let it = 0; it < iterations; it++) {
    const next = new Array<number>(M).fill(0);
    for (let i = 0; i < n; i++) {
      let mix = 0;
      for (let m = 0; m < M; m++) mix += w[m] * p[m][i];
      for (let m = 0; m < M; m++) next[m] += (w[m] * p[m][i]) / mix / n;
    }
    const change = next.reduce((a, x, m) => Math.max(a, Math.abs(x - w[m])), 0);
    w = next;
    if (change < 1e-10) break;
  }
  return w;
}

/**
 * Hard majority voting: each member votes for its argmax; a tie between classes goes to the one
 * with the larger summed probability over all members (and then to the lower class index).
 */
export function hardVote(members: readonly Member[], labels: Labels): FusedPredictions & { ties: number } {
  const { k } = check(members, labels);
  const n = labels.val.length;
  const predictions = new Int32Array(n);
  let ties = 0;
  for (let i = 0; i < n; i++) {
    const votes = new Array<number>(k).fill(0);
    const mass = new Array<number>(k).fill(0);
    for (const m of members) {
      votes[argmax(m.val.values, i * k, k)]++;
      for (let c = 0; c < k; c++) mass[c] += m.val.values[i * k + c];
    }
    const top = Math.max(...votes);
    const tied = votes.flatMap((v, c) => (v === top ? [c] : []));
    if (tied.length > 1) ties++;
    predictions[i] = tied.reduce((best, c) => (mass[c] > mass[best] ? c : best), tied[0]);
  }
  return { ...scored(predictions, labels.val), ties };
}

/** A fitted multinomial logistic regression on the members' stacked probabilities. */
export interface Stacker {
  /** (M·k + 1) × k coefficients, row-major; the last row is the intercept. */
  coefficients: Float64Array;
  features: number;
  k: number;
}

/** The meta-learner's inputs: each member's probabilities side by side, as log-probabilities. */
function stackedRow(parts: readonly Probabilities[], i: number, out: Float64Array): void {
  let at = 0;
  for (const p of parts) for (let c = 0; c < p.k; c++) out[at++] = Math.log(Math.max(p.values[i * p.k + c], 1e-7));
}

/**
 * Stacking: multinomial logistic regression (L2-regularised, full-batch gradient descent from zero,
 * so it is deterministic) from the members' blend-split log-probabilities to the blend labels.
 */
export function fitStacker(members: readonly Member[], blendLabels: ArrayLike<number>, { l2 = 1e-2, iterations = 400, learningRate = 0.5 } = {}): Stacker {
  const k = members[0].blend.k;
  const parts = members.map((m) => m.blend);
  const n = blendLabels.length;
  const d = members.length * k;
  const W = new Float64Array((d + 1) * k);
  const x = new Float64Array(d);
  const rows = Array.from({ length: n }, (_, i) => {
    stackedRow(parts, i, x);
    return Float64Array.from(x);
  });
  const grad = new Float64Array(W.length);
  const logits = new Float64Array(k);
  for (let it = 0; it < iterations && n > 0; it++) {
    grad.fill(0);
    for (let i = 0; i < n; i++) {
      const row = rows[i];
      for (let c = 0; c < k; c++) {
        let z = W[d * k + c];
        for (let j = 0; j < d; j++) z += row[j] * W[j * k + c];
        logits[c] = z;
      }
      const max = Math.max(...logits);
      let sum = 0;
      for (let c = 0; c < k; c++) sum += (logits[c] = Math.exp(logits[c] - max));
      for (let c = 0; c < k; c++) {
        const g = logits[c] / sum - (blendLabels[i] === c ? 1 : 0);
        for (let j = 0; j < d; j++) grad[j * k + c] += (g * row[j]) / n;
        grad[d * k + c] += g / n;
      }
    }
    for (let j = 0; j < d * k; j++) grad[j] += l2 * W[j];
    for (let j = 0; j < W.length; j++) W[j] -= learningRate * grad[j];
  }
  return { coefficients: W, features: d, k };
}

export function stackPredict(stacker: Stacker, members: readonly Member[], labels: Labels): FusedPredictions {
  check(members, labels);
  const { coefficients: W, features: d, k } = stacker;
  const parts = members.map((m) => m.val);
  const n = labels.val.length;
  const x = new Float64Array(d);
  const predictions = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    stackedRow(parts, i, x);
    let best = 0;
    let bestZ = -Infinity;
    for (let c = 0; c < k; c++) {
      let z = W[d * k + c];
      for (let j = 0; j < d; j++) z += x[j] * W[j * k + c];
      if (z > bestZ) [best, bestZ] = [c, z];
    }
    predictions[i] = best;
  }
  return scored(predictions, labels.val);
}

export interface FusionReport {
  members: { id: string; accuracy: number }[];
  bestMember: { id: string; accuracy: number };
  methods: {
    softUniform: FusedPredictions;
    softWeighted: FusedPredictions & { weights: number[] };
    hard: FusedPredictions & { ties: number };
    stacking: FusedPredictions;
  };
}

/** Every prediction-level method over the members, each against the best member on validation. */
export function fuse(members: readonly Member[], labels: Labels): FusionReport {
  check(members, labels);
  const accuracies = members.map((m) => ({ id: m.id, accuracy: memberAccuracy(m, labels.val) }));
  const bestMember = accuracies.reduce((a, b) => (b.accuracy > a.accuracy ? b : a));
  const weights = fitVoteWeights(members, labels.blend);
  const stacker = fitStacker(members, labels.blend);
  return {
    members: accuracies,
    bestMember,
    methods: {
      softUniform: softVote(members, labels),
      softWeighted: { ...softVote(members, labels, weights), weights },
      hard: hardVote(members, labels),
      stacking: stackPredict(stacker, members, labels),
    },
  };
}
