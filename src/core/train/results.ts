import type { RunControl } from './control';
import type { EngineEvent, RunResult, RunWeights } from './events';
import type { ExperimentSetup } from './experimentSetup';
import type { LiveRun } from './liveRun';
import { onBackend } from '../backends/jobBackend';

/** Weight averaging keeps small models only: beyond this many weights a run keeps its predictions alone. */
export const SOUP_MAX_WEIGHTS = 2_000_000;

/** α from pretrained (0) to fine-tuned (1) in tenths: 11 points draw the trade-off curve. */
export const WISE_FT_ALPHAS = Array.from({ length: 11 }, (_, i) => i / 10);

/**
 * Each trained run's result; with a blend split, its probabilities (and weights) for fusion. `keep`
 * sees every result first (the scratch cache), then a finished run's model goes to onTrainedModel.
 */
export async function reportResults(
  setup: ExperimentSetup,
  live: readonly LiveRun[],
  keep: (r: LiveRun, result: RunResult) => Promise<void>,
) {
  const { blend, numClasses, opts, emit } = setup;
  for (const r of live) {
    if (!r.lastPredictions) continue;
    const result = summarise(r.lastPredictions, setup.base.valLabels, setup.train.classNames);
    emit({ type: 'result', runId: r.info.id, result });
    if (blend && r.status === 'done') {
      const probs = await onBackend(r.backend, () => r.run.probabilities());
      emit({ type: 'probabilities', runId: r.info.id, k: numClasses, ...probs, weights: await soupWeights(r) });
    }
    await keep(r, result);
    // A probe on cached embeddings trained its head alone: that is what it hands over.
    if (opts.onTrainedModel && r.status === 'done' && r.handOver)
      await onBackend(r.backend, () => opts.onTrainedModel!(r.info.id, r.run.model, r.handOver!));
  }
}

/**
 * The source-vs-target trade-off along the line from pretrained to fine-tuned weights.
 * (Only the first transfer run carries the source task; wiseFt is empty without one.)
 */
export async function reportWiseFt(live: readonly LiveRun[], firstTransferId: string, control: RunControl, emit: (e: EngineEvent) => void) {
  const tuned = live.find((r) => r.info.id === firstTransferId);
  if (tuned?.status === 'done' && !control.isStopped) {
    const points = await onBackend(tuned.backend, () => tuned.run.wiseFt(WISE_FT_ALPHAS));
    if (points.length) emit({ type: 'wiseft', runId: tuned.info.id, points });
  }
}

/** A finished run's weights for soups (a probe's head, with its embeddings), or undefined (too large, or a probe on augmented batches). */
async function soupWeights(r: LiveRun): Promise<RunWeights | undefined> {
  if (!r.soup) return undefined;
  const model = r.run.model;
  if (model.countParams() > SOUP_MAX_WEIGHTS) return undefined;
  // Layer by layer: model.getWeights() lists trainable weights first, so frozen blocks would
  // change the order and two runs of one architecture would not line up.
  const values = await Promise.all(model.layers.flatMap((l) => l.getWeights()).map(async (w) => (await w.data()) as Float32Array));
  const e = r.soup.embeddings;
  const embeddings = e && {
    dims: e.val.shape[1],
    val: (await e.val.data()) as Float32Array,
    blend: (await e.blend.data()) as Float32Array,
  };
  return { topology: model.toJSON(null, false) as object, values, origin: r.soup.origin, view: r.soup.view, embeddings };
}

/** Confusion matrix, per-class accuracy and the misclassified images of one run's predictions. */
export function summarise(predictions: Int32Array, labels: Int32Array, classNames: readonly string[]): RunResult {
  const k = classNames.length;
  const confusion = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  const misclassified: RunResult['misclassified'] = [];
  predictions.forEach((p, i) => {
    confusion[labels[i]][p]++;
    if (p !== labels[i]) misclassified.push({ index: i, actual: labels[i], predicted: p });
  });
  const perClassAccuracy = confusion.map((row, c) => {
    const total = row.reduce((a, b) => a + b, 0);
    return total ? row[c] / total : 0;
  });
  return { classNames: [...classNames], confusion, perClassAccuracy, misclassified };
}
