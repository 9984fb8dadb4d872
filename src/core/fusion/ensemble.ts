import { bug, coded } from '../messages';
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
  if (!members.length) throw bug('An ensemble needs at least one member.'); // KeptRuns.fuse asks for two
  const k = members[0].val.k;
  for (const m of members) {
    // The user picks the runs to fuse; their images key covers pixels and labels, not the class count.
    if (m.val.k !== k || m.blend.k !== k) throw coded('err.fusion.classMismatch', m.id, m.val.k, k);
    // KeptRuns.fuse fuses only runs with the same images key (their pixels and labels).
    if (m.val.n !== labels.val.length || m.blend.n !== labels.blend.length)
      throw bug(`Run ${m.id} has predictions for other images than the others.`);
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

/** A member's own predictions on validation, scored. */
export function memberPredictions(m: Member, labels: ArrayLike<number>): FusedPredictions {
  const predictions = new Int32Array(m.val.n);
  for (let i = 0; i < m.val.n; i++) predictions[i] = argmax(m.val.values, i * m.val.k, m.val.k);
  return scored(predictions, labels);
}

export const memberAccuracy = (m: Member, labels: ArrayLike<number>): number => memberPredictions(m, labels).accuracy;

/** confusion[actual][predicted] counts over validation. */
export function confusionOf(predictions: ArrayLike<number>, labels: ArrayLike<number>, k: number): number[][] {
  const m = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (let i = 0; i < labels.length; i++) m[labels[i]][predictions[i]]++;
  return m;
}

/** Soft voting: the argmax of the (weighted) mean probability. */
export function softVote(members: readonly Member[], labels: Labels, weights?: readonly number[]): FusedPredictions {
  const { k } = check(members, labels);
  const w = weights ?? members.map(() => 1 / members.length);
  const mean = averageProbabilities(
    members.map((m) => m.val),
    w,
  );
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
  /** Per-feature centre and scale from the blend split, applied to every row before the coefficients. */
  centre: Float64Array;
  scale: Float64Array;
  features: number;
  k: number;
}

/** The meta-learner's inputs: each member's probabilities side by side, as log-probabilities. */
function stackedRow(parts: readonly Probabilities[], i: number, out: Float64Array): void {
  let at = 0;
  for (const p of parts) for (let c = 0; c < p.k; c++) out[at++] = Math.log(Math.max(p.values[i * p.k + c], 1e-7));
}

/**
 * Stacking: multinomial logistic regression (L2-regularised) from the members' blend-split
 * log-probabilities to the blend labels. Log-probabilities reach −16, so the features are
 * standardised first; the step is 1/L for the loss's Lipschitz bound L = ½·(d + 1) + l2 (the
 * trace of the standardised Gram matrix bounds its top eigenvalue), and Nesterov momentum makes
 * that short step converge in a few hundred iterations. From zero, with no randomness: deterministic.
 */
export function fitStacker(members: readonly Member[], blendLabels: ArrayLike<number>, { l2 = 1e-2, iterations = 300 } = {}): Stacker {
  const k = members[0].blend.k;
  const parts = members.map((m) => m.blend);
  const n = blendLabels.length;
  const d = members.length * k;
  const x = new Float64Array(d);
  const raw = Array.from({ length: n }, (_, i) => {
    stackedRow(parts, i, x);
    return Float64Array.from(x);
  });
  const centre = new Float64Array(d);
  const scale = new Float64Array(d).fill(1);
  for (const row of raw) for (let j = 0; j < d; j++) centre[j] += row[j] / n;
  for (let j = 0; j < d && n > 1; j++) {
    let v = 0;
    for (const row of raw) v += (row[j] - centre[j]) ** 2;
    // A constant feature (a member always certain) carries nothing: leave it at scale 1, centred to 0.
    scale[j] = Math.sqrt(v / n) > 1e-9 ? Math.sqrt(v / n) : 1;
  }
  const rows = raw.map((row) => row.map((v, j) => (v - centre[j]) / scale[j]));
  const W = new Float64Array((d + 1) * k);
  const previous = new Float64Array(W.length);
  const look = new Float64Array(W.length);
  const grad = new Float64Array(W.length);
  const logits = new Float64Array(k);
  const step = 1 / (0.5 * (d + 1) + l2);
  for (let it = 0; it < iterations && n > 0; it++) {
    // Nesterov: the gradient at the look-ahead point W + (t−1)/(t+2)·(W − W_prev).
    const beta = it / (it + 3);
    for (let j = 0; j < W.length; j++) look[j] = W[j] + beta * (W[j] - previous[j]);
    grad.fill(0);
    for (let i = 0; i < n; i++) {
      const row = rows[i];
      for (let c = 0; c < k; c++) {
        let z = look[d * k + c];
        for (let j = 0; j < d; j++) z += row[j] * look[j * k + c];
        logits[c] = z;
      }
      const max = Math.max(...logits);
      let sum = 0;
      for (let c = 0; c < k; c++) sum += logits[c] = Math.exp(logits[c] - max);
      for (let c = 0; c < k; c++) {
        const g = logits[c] / sum - (blendLabels[i] === c ? 1 : 0);
        for (let j = 0; j < d; j++) grad[j * k + c] += (g * row[j]) / n;
        grad[d * k + c] += g / n;
      }
    }
    for (let j = 0; j < d * k; j++) grad[j] += l2 * look[j];
    previous.set(W);
    for (let j = 0; j < W.length; j++) W[j] = look[j] - step * grad[j];
  }
  return { coefficients: W, centre, scale, features: d, k };
}

export function stackPredict(stacker: Stacker, members: readonly Member[], labels: Labels): FusedPredictions {
  check(members, labels);
  const { coefficients: W, centre, scale, features: d, k } = stacker;
  const parts = members.map((m) => m.val);
  const n = labels.val.length;
  const x = new Float64Array(d);
  const predictions = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    stackedRow(parts, i, x);
    for (let j = 0; j < d; j++) x[j] = (x[j] - centre[j]) / scale[j];
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

type Scored = FusedPredictions & { confusion: number[][] };

export interface FusionReport {
  members: { id: string; accuracy: number; confusion: number[][] }[];
  bestMember: { id: string; accuracy: number };
  methods: {
    softUniform: Scored;
    softWeighted: Scored & { weights: number[] };
    hard: Scored & { ties: number };
    stacking: Scored;
  };
}

/** Every prediction-level method over the members, each against the best member on validation. */
export function fuse(members: readonly Member[], labels: Labels): FusionReport {
  const { k } = check(members, labels);
  const withConfusion = <T extends FusedPredictions>(p: T): T & { confusion: number[][] } => ({
    ...p,
    confusion: confusionOf(p.predictions, labels.val, k),
  });
  const scoredMembers = members.map((m) => {
    const p = memberPredictions(m, labels.val);
    return { id: m.id, accuracy: p.accuracy, confusion: confusionOf(p.predictions, labels.val, k) };
  });
  const best = scoredMembers.reduce((a, b) => (b.accuracy > a.accuracy ? b : a));
  const weights = fitVoteWeights(members, labels.blend);
  const stacker = fitStacker(members, labels.blend);
  return {
    members: scoredMembers,
    bestMember: { id: best.id, accuracy: best.accuracy },
    methods: {
      softUniform: withConfusion(softVote(members, labels)),
      softWeighted: withConfusion({ ...softVote(members, labels, weights), weights }),
      hard: withConfusion(hardVote(members, labels)),
      stacking: withConfusion(stackPredict(stacker, members, labels)),
    },
  };
}
