import * as tf from '@tensorflow/tfjs';
import type { ImageSet } from '../data/imageSet';
import { toInputTensor } from '../data/tensors';
import type { RunWeights } from '../train/events';
import { toRange } from '../train/run';
import { greedySoup, soupRefusal, uniformSoup, type SoupMember, type SoupRefusal } from './soup';
import { bug } from '../messages';

/**
 * Model soups over kept runs, evaluated for real: the averaged weights are loaded into a fresh
 * copy of the runs' architecture and scored on the shared validation images; greedy soups choose
 * their ingredients by blend-split accuracy only.
 */
export interface SoupCandidate {
  key: string;
  weights: RunWeights | undefined;
  val: ImageSet;
  blend: ImageSet;
}

export type SoupResult =
  | { ok: true; mode: 'uniform' | 'greedy'; ingredients: string[]; valAccuracy: number; blendAccuracy: number; forced: boolean }
  | { ok: false; refusal: SoupRefusal | { reason: 'no-weights'; a: string } };

/** What makes two runs' weights averageable: the same layers and weight shapes. */
export function architectureSignature(w: RunWeights): string {
  const layers = (w.topology as { config?: { layers?: { class_name: string; config: { name: string } }[] } }).config?.layers ?? [];
  return JSON.stringify([layers.map((l) => `${l.class_name}:${l.config.name}`), w.values.map((v) => v.length)]);
}

/**
 * Scores weights in a rebuilt copy of their architecture. One model per architecture is built and
 * reused for every evaluation of a soup (a greedy soup tries each member in turn).
 */
class Evaluator {
  private readonly models = new Map<string, tf.LayersModel>();
  /** The shared validation and blend images (a probe head reads its embeddings of exactly these). */
  constructor(private readonly split: { val: ImageSet; blend: ImageSet }) {}

  async accuracy(w: RunWeights, values: Float32Array[], set: ImageSet): Promise<number> {
    const signature = architectureSignature(w);
    let model = this.models.get(signature);
    if (!model) {
      model = await tf.models.modelFromJSON({ modelTopology: w.topology } as unknown as tf.io.ModelJSON);
      this.models.set(signature, model);
    }
    // In layer order, as the run's weights were read (see soupWeights in train/results.ts).
    let at = 0;
    for (const layer of model.layers) {
      const own = layer.weights.map((v) => tf.tensor(values[at++], v.shape as number[]));
      if (own.length) layer.setWeights(own);
      tf.dispose(own);
    }
    let correct = 0;
    const embedded = w.embeddings && (set === this.split.val ? w.embeddings.val : set === this.split.blend ? w.embeddings.blend : null);
    if (w.embeddings && !embedded) throw bug('A probe head is scored on its own embeddings of validation or blend images only.');
    for (let i = 0; i < set.labels.length; i += 128) {
      const idx = Array.from({ length: Math.min(128, set.labels.length - i) }, (_, j) => i + j);
      const hits = tf.tidy(() => {
        let p: tf.Tensor;
        if (embedded) {
          const dims = w.embeddings!.dims;
          p = model.predict(tf.tensor2d(embedded.subarray(i * dims, (i + idx.length) * dims), [idx.length, dims])) as tf.Tensor;
        } else {
          let x = toInputTensor(set, idx, w.view.side) as tf.Tensor;
          if (w.view.channels === 1) x = x.mean(-1, true);
          p = model.predict(toRange(x, w.view.range)) as tf.Tensor;
        }
        return p
          .argMax(-1)
          .equal(
            tf.tensor1d(
              Int32Array.from(idx, (j) => set.labels[j]),
              'int32',
            ),
          )
          .sum();
      });
      correct += (await hits.data())[0];
      hits.dispose();
    }
    return set.labels.length ? correct / set.labels.length : 0;
  }

  dispose(): void {
    this.models.forEach((m) => m.dispose());
    this.models.clear();
  }
}

/** Uniform or greedy soup of the candidates; `force` averages runs of different origins anyway (the demonstration). */
export async function evaluateSoup(candidates: readonly SoupCandidate[], mode: 'uniform' | 'greedy', force = false): Promise<SoupResult> {
  const missing = candidates.find((c) => !c.weights);
  if (missing) return { ok: false, refusal: { reason: 'no-weights', a: missing.key } };
  const withWeights = candidates as (SoupCandidate & { weights: RunWeights })[];
  const template = withWeights[0].weights;
  const { val, blend } = withWeights[0];
  const evaluator = new Evaluator({ val, blend });
  try {
    const members: SoupMember[] = [];
    for (const c of withWeights) {
      members.push({
        id: c.key,
        architecture: architectureSignature(c.weights),
        origin: c.weights.origin,
        weights: c.weights.values,
        heldOut: await evaluator.accuracy(c.weights, c.weights.values, blend),
      });
    }
    const refusal = soupRefusal(members);
    if (refusal && !(force && refusal.reason === 'different-origin' && mode === 'uniform')) return { ok: false, refusal };
    if (mode === 'greedy') {
      const g = await greedySoup(members, (w) => evaluator.accuracy(template, w, blend));
      return {
        ok: true,
        mode,
        ingredients: g.ingredients,
        valAccuracy: await evaluator.accuracy(template, g.weights, val),
        blendAccuracy: g.heldOut,
        forced: false,
      };
    }
    const soup = uniformSoup(members, { force });
    return {
      ok: true,
      mode,
      ingredients: members.map((m) => m.id),
      valAccuracy: await evaluator.accuracy(template, soup, val),
      blendAccuracy: await evaluator.accuracy(template, soup, blend),
      forced: !!refusal,
    };
  } finally {
    evaluator.dispose();
  }
}
