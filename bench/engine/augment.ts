/** Augmentation cost: a fine-tune epoch with every augmentation on against all off, and (diagnostic) each kind alone. */
import { AUGMENTATION_KINDS, DEFAULT_AUGMENTATIONS, type Augmentations } from '../../src/core/augment/schema';
import { augmentBatch } from '../../src/core/augment/augment';
import { toInputTensor } from '../../src/core/data/tensors';
import { curves, steadyEpochMs, type BenchContext, type Metrics } from './common';

/** Every kind (or just `only`, or all when 'all') on with p = 0.5. */
const augmentations = (only: string) =>
  Object.fromEntries(
    AUGMENTATION_KINDS.map((k) => [k, { ...DEFAULT_AUGMENTATIONS[k], enabled: only === 'all' || k === only, p: 0.5 }]),
  ) as Augmentations;

/** A fine-tune (top two blocks) epoch with every augmentation on (p = 0.5) vs all off. */
export async function augmentOverhead({ cfg, data, n }: BenchContext): Promise<Metrics> {
  const ft = { ...cfg, strategy: { kind: 'fine-tune' as const, trainableBlocks: 2 }, training: { ...cfg.training, epochs: 5 } };
  const allOn = augmentations('all');
  // Interleaved rounds, as for the engine overhead: a slow spell lands on both sides.
  let plain = 0;
  let augmented = 0;
  for (let round = 0; round < 2; round++) {
    plain += steadyEpochMs((await curves(ft, data)).transfer);
    augmented += steadyEpochMs((await curves({ ...ft, augmentations: allOn }, data)).transfer);
  }
  return {
    augment_overhead_ratio: augmented / plain,
    finetune_top2_augmented_samples_per_s: ((2 * n) / augmented) * 1000,
  };
}

/** Diagnostic (not in the default run, BENCH_ONLY=augkinds): ms per 32-image batch for each augmentation alone. */
export async function augmentKinds({ data }: BenchContext): Promise<Metrics> {
  const out: Metrics = {};
  const x = toInputTensor(
    data.train,
    Array.from({ length: 32 }, (_, i) => i),
  );
  for (const kind of [...AUGMENTATION_KINDS, 'all' as const]) {
    const aug = augmentations(kind);
    const times: number[] = [];
    for (let i = 0; i < 12; i++) {
      const t0 = performance.now();
      const y = augmentBatch(x, aug, i);
      await y.data();
      y.dispose();
      times.push(performance.now() - t0);
    }
    out[`augment_ms_${kind}`] = times.slice(2).sort((a, b) => a - b)[5];
  }
  x.dispose();
  return out;
}
