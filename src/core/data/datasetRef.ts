import { z } from 'zod';
import type { ImageSet } from './imageSet';
import { parseOrThrow } from '../config/validation';
import { codeText, coded } from '../messages';
import { selectClasses } from './imageSet';
import { DatasetIndexSchema, decodePacked, type DatasetIndex } from './packed';
import { ShapesSpecSchema, generateShapes } from './synthetic';
import { inkOnPaper } from './preprocess';

/** An experiment's synthetic target may not ask for more pixels than this (count × side², 5,000 images at 32×32). */
export const MAX_SYNTHETIC_PIXELS = 5000 * 32 * 32;

/**
 * A declarative reference to a built-in dataset — part of model cards and experiment configs,
 * so it must be plain JSON. `resolveDataset` turns it into pixels.
 */
export const DatasetRefSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('packed'),
    dataset: z.string().regex(/^[a-z0-9-]{1,64}$/, codeText('err.zod.datasetId')),
    split: z.enum(['train', 'test']),
    /** Original class indices to keep, renumbered 0..k-1; omitted = all classes. */
    classes: z
      .array(z.number().int().nonnegative().max(999))
      .min(2)
      .max(100)
      .refine((a) => new Set(a).size === a.length, codeText('err.zod.classOnce'))
      .optional(),
    /** `ink-on-paper`: the images redrawn dark on light (core/data/preprocess.ts), as a photo of handwriting is. */
    look: z.enum(['ink-on-paper']).optional(),
  }),
  z.strictObject({
    kind: z.literal('shapes'),
    spec: ShapesSpecSchema,
    count: z.number().int().positive().max(20000),
    seed: z
      .number()
      .int()
      .min(0)
      .max(2 ** 31 - 1),
  }),
]);
export type DatasetRef = z.infer<typeof DatasetRefSchema>;

/** Reads a file of the app's public folder: `fetch` in the browser/worker, `readFile` in Node. */
export type FetchBytes = (path: string) => Promise<ArrayBuffer>;

export class DatasetStore {
  private index: Promise<DatasetIndex> | null = null;
  private decoded = new Map<string, Promise<ReturnType<typeof decodePacked>>>();
  constructor(private readonly fetchBytes: FetchBytes) {}

  loadIndex(): Promise<DatasetIndex> {
    if (!this.index) {
      const p = this.fetchBytes('datasets/index.json').then((b) =>
        parseOrThrow(DatasetIndexSchema, JSON.parse(new TextDecoder().decode(b)), codeText('err.what.datasetIndex')),
      );
      p.catch(() => (this.index = null));
      this.index = p;
    }
    return this.index;
  }

  private packed(id: string) {
    let p = this.decoded.get(id);
    if (!p) {
      p = (async () => {
        const entry = (await this.loadIndex()).datasets.find((d) => d.id === id);
        if (!entry) throw coded('err.data.unknownDataset', id);
        const [pixels, labels] = await Promise.all([
          this.fetchBytes(`datasets/${entry.files.pixels}`),
          this.fetchBytes(`datasets/${entry.files.labels}`),
        ]);
        return decodePacked(entry, new Uint8Array(pixels), new Uint8Array(labels));
      })();
      p.catch(() => this.decoded.delete(id)); // a failed fetch may succeed later
      this.decoded.set(id, p);
    }
    return p;
  }

  async resolve(ref: DatasetRef): Promise<ImageSet> {
    if (ref.kind === 'shapes') return generateShapes(ref.spec, ref.count, ref.seed).set;
    const set = (await this.packed(ref.dataset))[ref.split];
    const picked = ref.classes ? selectClasses(set, ref.classes) : set;
    return ref.look === 'ink-on-paper' ? inkOnPaper(picked) : picked;
  }
}
