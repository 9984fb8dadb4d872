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
  /**
   * Rows per backbone, least recently used first (a Map keeps insertion order; a backbone in use
   * is moved to the end). Comparing sources or fine-tuning every candidate switches backbones
   * often: each keeps its rows until the byte cap pushes the oldest out.
   */
  private readonly backbones = new Map<string, Map<string, Float32Array>>();
  /** Images embedded (not found in the cache) since creation: tests and the UI read it. */
  computed = 0;

  /** `maxBytes`: the cap over all backbones (default 256 MB); the backbone in use is never evicted. */
  constructor(readonly maxBytes = 256 * 2 ** 20) {}

  get bytes(): number {
    let n = 0;
    for (const rows of this.backbones.values()) for (const r of rows.values()) n += r.byteLength;
    return n;
  }

  /** Row length of the most recently used backbone, 0 while empty. */
  get dims(): number {
    const last = [...this.backbones.values()].at(-1);
    for (const r of last?.values() ?? []) return r.length;
    return 0;
  }

  /** Rows held, over all backbones. */
  get size(): number {
    let n = 0;
    for (const rows of this.backbones.values()) n += rows.size;
    return n;
  }

  /** Backbones with rows, least recently used first. */
  get backboneKeys(): string[] {
    return [...this.backbones.keys()];
  }

  private use(backbone: string): Map<string, Float32Array> {
    const rows = this.backbones.get(backbone) ?? new Map<string, Float32Array>();
    this.backbones.delete(backbone);
    this.backbones.set(backbone, rows);
    return rows;
  }

  /** Drops least-recently-used backbones (never `keep`) until the cache fits its cap. */
  private evict(keep: string) {
    for (const key of [...this.backbones.keys()]) {
      if (this.bytes <= this.maxBytes) return;
      if (key !== keep) this.backbones.delete(key);
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
    const rows = this.use(backbone);
    const n = set.labels.length;
    const keys = Array.from({ length: n }, (_, i) => hashImage(set, i));
    const missing = keys.map((k, i) => (rows.has(k) ? -1 : i)).filter((i) => i >= 0);
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
      idx.forEach((img, j) => rows.set(keys[img], values.slice(j * d, (j + 1) * d)));
      this.computed += idx.length;
      done += idx.length;
      opts.progress?.(done);
    }
    const d = n ? rows.get(keys[0])!.length : 0;
    const all = new Float32Array(n * d);
    keys.forEach((k, i) => all.set(rows.get(k)!, i * d));
    this.evict(backbone);
    return tf.tensor2d(all, [n, d]);
  }
}

/** A 64-bit content hash of one image's pixels, seeded by its geometry. */
export function hashImage(set: ImageSet, i: number): string {
  const size = imageSize(set);
  const px = set.pixels.subarray(i * size, (i + 1) * size);
  return `${set.width}x${set.height}x${set.channels}:${hashBytes([px], 0x811c9dc5 ^ size, 0x9e3779b9 ^ set.width)}`;
}
