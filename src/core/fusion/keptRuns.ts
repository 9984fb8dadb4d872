import type { ImageSet } from '../data/imageSet';
import type { EngineEvent, RunInfo, RunWeights } from '../train/events';
import { fuse, type FusionReport, type Member } from './ensemble';
import { evaluateSoup, type SoupResult } from './soupEval';

/**
 * Finished runs the engine keeps for fusion: their class probabilities on validation and on the
 * blend split, with what identifies the images they were computed on. Runs can be fused only
 * when they saw the same validation and blend images (same target, seed and split).
 */
export interface KeptRun {
  key: string;
  info: RunInfo;
  /** Identifies the evaluation images: runs with different keys cannot be fused image by image. */
  imagesKey: string;
  k: number;
  classNames: string[];
  val: Float32Array;
  blend: Float32Array;
  valLabels: Int32Array;
  blendLabels: Int32Array;
  /** Weights for soups (small image models only), with the images to score a soup on. */
  weights?: RunWeights;
  valImages?: ImageSet;
  blendImages?: ImageSet;
}

export type KeptRunSummary = Omit<KeptRun, 'val' | 'blend' | 'valLabels' | 'blendLabels' | 'weights' | 'valImages' | 'blendImages'> & {
  valAccuracy: number;
  bytes: number;
  hasWeights: boolean;
};

export { latestExperimentKeys, type FusionRefusal } from './keptRunKeys';
import type { FusionRefusal } from './keptRunKeys';

/** Bytes a kept run holds: its probabilities and labels, and its weights and images (or a probe's embeddings) if it keeps them for soups. */
function bytesOf(r: KeptRun): number {
  const e = r.weights?.embeddings;
  const arrays = [r.val, r.blend, r.valLabels, r.blendLabels, ...(r.weights?.values ?? []), ...(e ? [e.val, e.blend] : [])];
  const images = r.valImages && r.blendImages ? r.valImages.pixels.byteLength + r.blendImages.pixels.byteLength : 0;
  return arrays.reduce((n, x) => n + x.byteLength, 0) + images;
}

/** Kept runs, newest last, at most `cap` of them (the oldest goes first). */
export class KeptRuns {
  private runs: KeptRun[] = [];
  constructor(readonly cap = 24) {}

  /**
   * Watches one experiment's events and keeps each run that reports probabilities. `experiment`
   * makes keys unique across experiments; `images` identifies its validation and blend images.
   */
  recorder(experiment: number, images: { key: string; val: ImageSet; blend: ImageSet | null }) {
    const infos = new Map<string, RunInfo>();
    let classNames: string[] = [];
    return (e: EngineEvent) => {
      if (e.type === 'setup') {
        e.runs.forEach((r) => infos.set(r.id, r));
        classNames = e.classNames;
      }
      if (e.type === 'probabilities' && e.blend && images.blend) {
        const info = infos.get(e.runId);
        if (!info) return;
        this.add({
          key: `${experiment}:${e.runId}`,
          info,
          imagesKey: images.key,
          k: e.k,
          classNames,
          val: e.val,
          blend: e.blend,
          valLabels: Int32Array.from(images.val.labels),
          blendLabels: Int32Array.from(images.blend.labels),
          weights: e.weights,
          valImages: e.weights ? images.val : undefined,
          blendImages: e.weights ? images.blend : undefined,
        });
      }
    };
  }

  add(run: KeptRun): void {
    this.runs = [...this.runs.filter((r) => r.key !== run.key), run].slice(-this.cap);
  }

  discard(keys: readonly string[]): void {
    this.runs = this.runs.filter((r) => !keys.includes(r.key));
  }

  list(): KeptRunSummary[] {
    return this.runs.map((run) => {
      const { key, info, imagesKey, k, classNames, val, valLabels } = run;
      const rest = { key, info, imagesKey, k, classNames };
      let correct = 0;
      for (let i = 0; i < valLabels.length; i++) {
        let best = 0;
        for (let c = 1; c < k; c++) if (val[i * k + c] > val[i * k + best]) best = c;
        correct += best === valLabels[i] ? 1 : 0;
      }
      return { ...rest, hasWeights: !!run.weights, valAccuracy: valLabels.length ? correct / valLabels.length : 0, bytes: bytesOf(run) };
    });
  }

  /** How many runs are kept and their bytes, for the memory line (without scoring them as `list` does). */
  usage(): { runs: number; bytes: number } {
    return { runs: this.runs.length, bytes: this.runs.reduce((a, r) => a + bytesOf(r), 0) };
  }

  /** A uniform or greedy soup of the chosen runs' weights (see soupEval.ts). */
  async soup(
    keys: readonly string[],
    mode: 'uniform' | 'greedy',
    force = false,
  ): Promise<SoupResult | { ok: false; reason: FusionRefusal }> {
    if (keys.length < 1) return { ok: false, reason: 'too-few' };
    const chosen = keys.map((k) => this.runs.find((r) => r.key === k));
    if (chosen.some((r) => !r)) return { ok: false, reason: 'unknown-run' };
    const runs = chosen as KeptRun[];
    if (new Set(runs.map((r) => r.imagesKey)).size > 1) return { ok: false, reason: 'different-images' };
    return evaluateSoup(
      runs.map((r) => ({ key: r.key, weights: r.weights, val: r.valImages!, blend: r.blendImages! })),
      mode,
      force,
    );
  }

  /** Fuses the chosen runs on their shared validation images, fitting on their shared blend split. */
  fuse(keys: readonly string[]): { ok: true; report: FusionReport } | { ok: false; reason: FusionRefusal } {
    if (keys.length < 2) return { ok: false, reason: 'too-few' };
    const chosen = keys.map((k) => this.runs.find((r) => r.key === k));
    if (chosen.some((r) => !r)) return { ok: false, reason: 'unknown-run' };
    const runs = chosen as KeptRun[];
    if (new Set(runs.map((r) => r.imagesKey)).size > 1) return { ok: false, reason: 'different-images' };
    const members: Member[] = runs.map((r) => ({
      id: r.key,
      blend: { n: r.blendLabels.length, k: r.k, values: r.blend },
      val: { n: r.valLabels.length, k: r.k, values: r.val },
    }));
    return { ok: true, report: fuse(members, { blend: runs[0].blendLabels, val: runs[0].valLabels }) };
  }
}
