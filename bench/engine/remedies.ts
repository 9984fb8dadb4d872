/** What each remedy costs per training epoch, against plain transfer in the same experiment. */
import { DEFAULT_REMEDIES, REMEDY_DEFAULTS, REMEDY_IDS, type Remedies } from '../../src/core/remedies/schema';
import { remedyRunId } from '../../src/core/train/plan';
import { curves, steadyEpochMs, type BenchContext, type Metrics } from './common';

/**
 * A remedy comparison with every remedy on (core/remedies): plain transfer and transfer + each
 * remedy train interleaved, epoch by epoch, on the same batches — so a slow spell of the machine
 * lands on all of them — and each remedy's steady epoch time is divided by plain's.
 */
export async function remedies({ cfg, data }: BenchContext): Promise<Metrics> {
  const all = Object.fromEntries(REMEDY_IDS.map((id) => [id, REMEDY_DEFAULTS[id]])) as unknown as Remedies;
  const config = {
    ...cfg,
    strategy: { kind: 'fine-tune' as const, trainableBlocks: 2 },
    training: { ...cfg.training, epochs: 5 },
    bias: { ...cfg.bias, labelNoise: { fraction: 0.4, mode: 'symmetric' as const } },
    remedies: { ...DEFAULT_REMEDIES, ...all, compare: true },
  };
  const runs = await curves(config, data);
  const plain = steadyEpochMs(runs.transfer);
  const out: Metrics = {};
  for (const id of REMEDY_IDS) {
    const key = id.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
    out[`remedy_epoch_ratio_${key}`] = steadyEpochMs(runs[remedyRunId(id)]) / plain;
  }
  return out;
}
