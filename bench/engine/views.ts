/**
 * Feature-space maps and saliency: PCA and UMAP of 500 × 256-D features (five seeded clusters, as
 * a target's embeddings look), and Grad-CAM + input gradient of one image through a zoo model.
 */
import { disposeModels } from '../../src/core/models/registry';
import { toInputTensor } from '../../src/core/data/tensors';
import { DEFAULT_SHAPES, generateShapes } from '../../src/core/data/synthetic';
import { pca } from '../../src/core/projection/pca';
import { umap2d } from '../../src/core/projection/umap';
import { saliency } from '../../src/core/explain/saliency';
import { Rng } from '../../src/core/random';
import { featureMatrix } from '../../src/core/selection/features';
import { registry, type Metrics } from './common';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** The median of five timed calls (awaited only when async, so a synchronous call's time is just its own). */
async function median5(f: () => unknown): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    const r = f();
    if (r instanceof Promise) await r;
    times.push(performance.now() - t0);
  }
  return median(times);
}

export async function views(): Promise<Metrics> {
  const rng = new Rng(7);
  const centres = Array.from({ length: 5 }, () => Float32Array.from({ length: 256 }, () => rng.normal()));
  const values = new Float32Array(500 * 256);
  for (let i = 0; i < 500; i++) for (let j = 0; j < 256; j++) values[i * 256 + j] = centres[i % 5]![j]! + rng.normal();
  const features = featureMatrix(values, 500, 256);
  const pca_ms_500 = await median5(() => pca(features));
  const u0 = performance.now();
  await umap2d(features, 1);
  const umap_ms_500 = performance.now() - u0;
  const model = await registry.load('shapes');
  const shapes = generateShapes(DEFAULT_SHAPES, 1, 3).set;
  const x = toInputTensor(shapes, [0]);
  await saliency(model, x); // warm-up: shader compilation
  const gradcam_ms = await median5(() => saliency(model, x));
  x.dispose();
  disposeModels(model);
  return { pca_ms_500, umap_ms_500, gradcam_ms };
}
