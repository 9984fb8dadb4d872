import * as tf from '@tensorflow/tfjs';
import type { ImageSet } from '../data/imageSet';
import { imageSize } from '../data/imageSet';
import { hashBytes } from '../hash';

/**
 * Embeddings of a frozen backbone, per image content. A second run on the same images (another
 * seed, strategy knob or learning rate) embeds nothing again — for MobileNet at 224 the embedding
 * pass is the expensive part. Rows are float32 and stored once; keys are the backbone (model, cut,
 * preprocessing) and a hash of the image's bytes, so adding five images embeds exactly five.
 */
export class EmbeddingCache {
  private readonly rows = new Map<string, Float32Array>();
  /** Images embedded (not found in the cache) since creation: tests and the UI read it. */
  computed = 0;

  get bytes(): number {
    let n = 0;
    for (const r of this.rows.values()) n += r.byteLength;
    return n;
  }

  /** Row length (features per image), 0 while empty. */
  get dims(): number {
    for (const r of this.rows.values()) return r.length;
    return 0;
  }

  get size(): number {
    return this.rows.size;
  }

  /** Drops every row of another backbone: the cache keeps one backbone, so memory stays bounded. */
  private backbone = '';
  private use(backbone: string) {
    if (backbone !== this.backbone) {
      this.rows.clear();
      this.backbone = backbone;
    }
  }

  /**
   * [n, d] embeddings of all images of `set`. `embed` computes a chunk's rows on the device
   * (indices into `set`); `progress` reports images done, cached ones included. Resolves null
   * when `keepGoing` says stop.
   */
  async embedSet(
    set: ImageSet,
    backbone: string,
    embed: (indices: number[]) => tf.Tensor2D,
    opts: { chunk?: number; progress?: (done: number) => void; keepGoing?: () => Promise<boolean> } = {},
  ): Promise<tf.Tensor2D | null> {
    this.use(backbone);
    const n = set.labels.length;
    const keys = Array.from({ length: n }, (_, i) => hashImage(set, i));
    const missing = keys.map((k, i) => (this.rows.has(k) ? -1 : i)).filter((i) => i >= 0);
    const chunk = opts.chunk ?? 32;
    let done = n - missing.length;
    opts.progress?.(done);
    for (let i = 0; i < missing.length; i += chunk) {
      if (opts.keepGoing && !(await opts.keepGoing())) return null;
      const idx = missing.slice(i, i + chunk);
      const out = embed(idx);
      // Reading back each chunk keeps the GPU queue short and the progress bar honest.
      const values = (await out.data()) as Float32Array;
      const d = out.shape[1];
      out.dispose();
      idx.forEach((img, j) => this.rows.set(keys[img], values.slice(j * d, (j + 1) * d)));
      this.computed += idx.length;
      done += idx.length;
      opts.progress?.(done);
    }
    const d = n ? this.rows.get(keys[0])!.length : 0;
    const all = new Float32Array(n * d);
    keys.forEach((k, i) => all.set(this.rows.get(k)!, i * d));
    return tf.tensor2d(all, [n, d]);
  }
}

/** A 64-bit content hash of one image's pixels, seeded by its geometry. */
export function hashImage(set: ImageSet, i: number): string {
  const size = imageSize(set);
  const px = set.pixels.subarray(i * size, (i + 1) * size);
  return `${set.width}x${set.height}x${set.channels}:${hashBytes([px], 0x811c9dc5 ^ size, 0x9e3779b9 ^ set.width)}`;
}
