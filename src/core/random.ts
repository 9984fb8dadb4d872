/**
 * Seeded randomness. Everything stochastic in the lab (splits, init, batch order,
 * augmentation draws, synthetic images) takes a `Rng` derived from the experiment seed,
 * so a seed reproduces a run exactly. Math.random is never used in core.
 */

/** 32-bit integer hash (from the "lowbias32" family) — turns (seed, label) into independent streams. */
function hash32(x: number): number {
  x = Math.imul(x ^ (x >>> 16), 0x7feb352d);
  x = Math.imul(x ^ (x >>> 15), 0x846ca68b);
  return (x ^ (x >>> 16)) >>> 0;
}

function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** Derive a child seed, so independent consumers (split vs. init vs. batches) never share a stream. */
export function deriveSeed(seed: number, label: string): number {
  return hash32((seed >>> 0) ^ hash32(hashString(label)));
}

export class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = hash32(seed >>> 0) || 0x9e3779b9;
  }
  /** mulberry32: tiny, fast, and good enough for shuffling and augmentation draws. */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  uniform(lo: number, hi: number): number {
    return lo + (hi - lo) * this.next();
  }
  int(lo: number, hiExclusive: number): number {
    return lo + Math.floor(this.next() * (hiExclusive - lo));
  }
  bool(p = 0.5): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(0, items.length)];
  }
  /** Standard normal via Box–Muller. */
  normal(): number {
    const u = 1 - this.next();
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
  /** A seed for a sub-stream (e.g. a TF.js initializer seed). */
  seed(): number {
    return Math.floor(this.next() * 2147483647);
  }
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.int(0, i + 1);
      [items[i], items[j]] = [items[j], items[i]];
    }
    return items;
  }
}

export function permutation(n: number, rng: Rng): number[] {
  return rng.shuffle(Array.from({ length: n }, (_, i) => i));
}
