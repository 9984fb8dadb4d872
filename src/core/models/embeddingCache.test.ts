import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { EmbeddingCache, hashImage } from './embeddingCache';
import { generateShapes, DEFAULT_SHAPES } from '../data/synthetic';
import { subset } from '../data/imageSet';
import { toInputTensor } from '../data/tensors';

const set = generateShapes(DEFAULT_SHAPES, 12, 3).set;
/** A stand-in backbone: mean colour per channel, so rows are easy to check. */
const embed = (s: typeof set) => (idx: number[]) => tf.tidy(() => toInputTensor(s, idx).mean([1, 2]) as tf.Tensor2D);

describe('embedding cache', () => {
  it('a second pass over the same images computes nothing and returns the same embeddings', async () => {
    const cache = new EmbeddingCache();
    const before = tf.memory().numTensors;
    const first = (await cache.embedSet(set, 'm:cut', embed(set), { chunk: 5 }))!;
    expect(cache.computed).toBe(12);
    const second = (await cache.embedSet(set, 'm:cut', embed(set)))!;
    expect(cache.computed).toBe(12);
    expect(Array.from(second.dataSync())).toEqual(Array.from(first.dataSync()));
    expect(cache.bytes).toBe(12 * 3 * 4);
    expect(cache.dims).toBe(3);
    tf.dispose([first, second]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('new images are embedded alone; reordered sets reuse rows; another backbone has rows of its own', async () => {
    const cache = new EmbeddingCache();
    tf.dispose((await cache.embedSet(subset(set, [0, 1, 2, 3, 4, 5, 6, 7]), 'a', embed(set)))!);
    expect(cache.computed).toBe(8);
    const reordered = subset(set, [11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0]);
    const progress: number[] = [];
    const out = (await cache.embedSet(reordered, 'a', embed(reordered), { progress: (d) => progress.push(d) }))!;
    expect(cache.computed).toBe(12); // only 8..11 were new
    expect(progress[0]).toBe(8);
    expect(progress[progress.length - 1]).toBe(12);
    const direct = embed(reordered)(Array.from({ length: 12 }, (_, i) => i));
    expect(Array.from(out.dataSync())).toEqual(Array.from(direct.dataSync()));
    tf.dispose([out, direct]);
    tf.dispose((await cache.embedSet(set, 'b', embed(set)))!);
    expect(cache.computed).toBe(24);
    expect(cache.size).toBe(24);
    // Back to the first backbone: still cached.
    tf.dispose((await cache.embedSet(set, 'a', embed(set)))!);
    expect(cache.computed).toBe(24);
    expect(cache.backboneKeys).toEqual(['b', 'a']);
  });

  it('several backbones stay cached under the byte cap; the least recently used goes first, never the one in use', async () => {
    const row = 3 * 4;
    const cache = new EmbeddingCache(12 * row * 2); // room for two backbones of 12 rows
    for (const b of ['a', 'b']) tf.dispose((await cache.embedSet(set, b, embed(set)))!);
    expect(cache.backboneKeys).toEqual(['a', 'b']);
    tf.dispose((await cache.embedSet(set, 'a', embed(set)))!); // touch a: b is now the oldest
    tf.dispose((await cache.embedSet(set, 'c', embed(set)))!);
    expect(cache.backboneKeys).toEqual(['a', 'c']);
    expect(cache.bytes).toBeLessThanOrEqual(cache.maxBytes);
    // A backbone larger than the cap on its own is kept while in use (it is what the run needs).
    const tiny = new EmbeddingCache(row);
    tf.dispose((await tiny.embedSet(set, 'x', embed(set)))!);
    expect(tiny.backboneKeys).toEqual(['x']);
  });

  it('stops when told to, and identical pixels share one key', async () => {
    const cache = new EmbeddingCache();
    expect(await cache.embedSet(set, 'a', embed(set), { keepGoing: async () => false })).toBeNull();
    const twice = subset(set, [0, 0]);
    expect(hashImage(twice, 0)).toBe(hashImage(twice, 1));
    expect(hashImage(set, 0)).not.toBe(hashImage(set, 1));
  });
});
