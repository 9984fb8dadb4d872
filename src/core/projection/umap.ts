import { UMAP } from 'umap-js';
import { Rng } from '../random';
import type { FeatureMatrix } from '../selection/features';

/** Epochs of UMAP's layout optimisation: the library's default for small sets. */
export const UMAP_EPOCHS = 200;

/**
 * A 2-D UMAP embedding (McInnes et al. 2018) through PAIR's umap-js, the maintained
 * JavaScript port; seeded through its `random` option, so a seed always gives the same map.
 * `onProgress` gets the share done (0–1) every few epochs; it runs in the worker, so the
 * page stays responsive however long it takes.
 */
export async function umap2d(f: FeatureMatrix, seed: number, onProgress?: (done: number) => void): Promise<Float64Array> {
  const rng = new Rng(seed);
  const nNeighbors = Math.max(2, Math.min(15, f.n - 1));
  const model = new UMAP({ nComponents: 2, nNeighbors, nEpochs: UMAP_EPOCHS, minDist: 0.1, random: () => rng.next() });
  const rows = Array.from({ length: f.n }, (_, i) => Array.from(f.values.subarray(i * f.d, (i + 1) * f.d)));
  const epochs = model.initializeFit(rows);
  for (let e = 0; e < epochs; e++) {
    model.step();
    if (onProgress && e % 10 === 0) {
      onProgress(e / epochs);
      // Yield now and then, so the worker can answer pings and cancellation between epochs.
      await new Promise((r) => setTimeout(r, 0));
    }
  }
  onProgress?.(1);
  const out = model.getEmbedding();
  const coords = new Float64Array(f.n * 2);
  out.forEach((row, i) => {
    coords[i * 2] = row[0]!;
    coords[i * 2 + 1] = row[1]!;
  });
  return coords;
}
