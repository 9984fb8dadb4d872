/**
 * Model soups (Wortsman et al., "Model soups: averaging weights of multiple fine-tuned models
 * improves accuracy without increasing inference time", ICML 2022): average the *weights* of runs
 * fine-tuned from the same pretrained weights. That only makes sense when the runs share an
 * architecture and a starting point — they then lie in one low-loss basin. Two networks trained
 * from different random inits do not: their units are permuted relative to each other, and the
 * average of two good networks is a bad one (the lab can show it, on request).
 */
export interface SoupMember {
  id: string;
  /** Layer names and weight shapes, e.g. from `architectureSignature`. */
  architecture: string;
  /** Where training started: the source weights' key for a transfer run, the init seed for scratch. */
  origin: string;
  /** The run's weights, in the architecture's order. */
  weights: Float32Array[];
  /** Accuracy on held-out training data (the blend split): greedy soups sort and test by it, never by validation. */
  heldOut: number;
}

export type SoupRefusal = { reason: 'no-members' } | { reason: 'different-architecture' | 'different-origin'; a: string; b: string };

/** Null when the members can be averaged; otherwise the first pair that cannot, and why. */
export function soupRefusal(members: readonly SoupMember[]): SoupRefusal | null {
  if (!members.length) return { reason: 'no-members' };
  const [first] = members;
  for (const m of members.slice(1)) {
    if (m.architecture !== first.architecture) return { reason: 'different-architecture', a: first.id, b: m.id };
    if (m.origin !== first.origin) return { reason: 'different-origin', a: first.id, b: m.id };
  }
  return null;
}

/** The element-wise mean of the members' weights (checked compatible unless `force`, for the demonstration). */
export function uniformSoup(members: readonly SoupMember[], { force = false } = {}): Float32Array[] {
  const refusal = soupRefusal(members);
  if (refusal && !(force && refusal.reason === 'different-origin')) throw new SoupRefused(refusal);
  return members[0].weights.map((w, i) => {
    const out = new Float32Array(w.length);
    for (const m of members) {
      const v = m.weights[i];
      for (let j = 0; j < v.length; j++) out[j] += v[j] / members.length;
    }
    return out;
  });
}

export class SoupRefused extends Error {
  constructor(readonly refusal: SoupRefusal) {
    super(
      refusal.reason === 'no-members'
        ? 'A soup needs at least one run.'
        : `Runs ${refusal.a} and ${refusal.b} cannot be averaged: ${refusal.reason}.`,
    );
  }
}

/**
 * Greedy soup: members sorted by held-out accuracy, best first; each is added only if the soup
 * with it scores at least as well on held-out data (`heldOutAccuracy` of the averaged weights).
 */
export async function greedySoup(
  members: readonly SoupMember[],
  heldOutAccuracy: (weights: Float32Array[]) => Promise<number>,
): Promise<{ ingredients: string[]; weights: Float32Array[]; heldOut: number }> {
  const refusal = soupRefusal(members);
  if (refusal) throw new SoupRefused(refusal);
  const sorted = [...members].sort((a, b) => b.heldOut - a.heldOut);
  let soup = [sorted[0]];
  let best = sorted[0].heldOut;
  for (const m of sorted.slice(1)) {
    const candidate = [...soup, m];
    const acc = await heldOutAccuracy(uniformSoup(candidate));
    if (acc >= best) {
      soup = candidate;
      best = acc;
    }
  }
  return { ingredients: soup.map((m) => m.id), weights: uniformSoup(soup), heldOut: best };
}
