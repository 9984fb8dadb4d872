import { z } from 'zod';
import type { ImageSet } from './imageSet';
import { coded } from '../messages';

/**
 * Built-in real datasets are packed by `npm run pack-datasets` into raw uint8 files
 * (pixels: N×H×W×C, labels: N) with the train split first and the held-out test split after it.
 * The index describes each set; this module validates it and slices the binary back into ImageSets.
 */
const SplitSchema = z.object({
  offset: z.number().int().nonnegative(),
  count: z.number().int().nonnegative(),
  perClass: z.array(z.number().int().nonnegative()),
});

export const PackedDatasetSchema = z.object({
  id: z.string().min(1),
  name: z.string(),
  description: z.string(),
  source: z.string(),
  license: z.string(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  channels: z.union([z.literal(1), z.literal(3)]),
  classNames: z.array(z.string()).min(2),
  splits: z.object({ train: SplitSchema, test: SplitSchema }),
  files: z.object({ pixels: z.string(), labels: z.string() }),
  sha256: z.object({ pixels: z.string(), labels: z.string() }),
});
export type PackedDataset = z.infer<typeof PackedDatasetSchema>;

export const DatasetIndexSchema = z.object({
  version: z.literal(1),
  datasets: z.array(PackedDatasetSchema),
});
export type DatasetIndex = z.infer<typeof DatasetIndexSchema>;

export type PackedSplit = 'train' | 'test';

export function decodePacked(entry: PackedDataset, pixels: Uint8Array, labels: Uint8Array): Record<PackedSplit, ImageSet> {
  const size = entry.width * entry.height * entry.channels;
  const total = entry.splits.train.count + entry.splits.test.count;
  if (labels.length !== total) {
    throw coded('err.data.labelCount', entry.id, total, labels.length);
  }
  if (pixels.length !== total * size) {
    throw coded('err.data.pixelCount', entry.id, total * size, pixels.length);
  }
  const slice = (s: PackedSplit): ImageSet => {
    const { offset, count } = entry.splits[s];
    return {
      width: entry.width,
      height: entry.height,
      channels: entry.channels,
      pixels: pixels.subarray(offset * size, (offset + count) * size),
      labels: Uint16Array.from(labels.subarray(offset, offset + count)),
      classNames: entry.classNames,
    };
  };
  return { train: slice('train'), test: slice('test') };
}
