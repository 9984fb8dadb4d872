import { describe, expect, it } from 'vitest';
import { BACKGROUND_KINDS, CLASS_PALETTE, DEFAULT_SHAPES, generateShapes, type ShapesSpec } from './synthetic';
import { classCounts } from './imageSet';

const pixelAt = (pixels: Uint8Array, i: number, x: number, y: number) => {
  const o = i * 32 * 32 * 3 + (Math.floor(y) * 32 + Math.floor(x)) * 3;
  return [pixels[o], pixels[o + 1], pixels[o + 2]];
};

describe('synthetic shapes', () => {
  it('are deterministic per seed and differ across seeds', () => {
    const a = generateShapes(DEFAULT_SHAPES, 40, 7).set;
    const b = generateShapes(DEFAULT_SHAPES, 40, 7).set;
    const c = generateShapes(DEFAULT_SHAPES, 40, 8).set;
    expect(Buffer.from(a.pixels).equals(Buffer.from(b.pixels))).toBe(true);
    expect(Buffer.from(a.pixels).equals(Buffer.from(c.pixels))).toBe(false);
  });

  it('are 32×32 RGB, balanced, and a prefix of a larger draw', () => {
    const small = generateShapes(DEFAULT_SHAPES, 20, 3).set;
    const large = generateShapes(DEFAULT_SHAPES, 60, 3).set;
    expect([small.width, small.height, small.channels]).toEqual([32, 32, 3]);
    expect(classCounts(large)).toEqual([15, 15, 15, 15]);
    expect(Buffer.from(large.pixels.subarray(0, small.pixels.length)).equals(Buffer.from(small.pixels))).toBe(true);
  });

  it('colour shortcut: every shape is painted exactly its class colour', () => {
    const spec: ShapesSpec = { ...DEFAULT_SHAPES, shapes: ['circle', 'square', 'triangle', 'star', 'cross', 'hexagon'], color: 'byClass' };
    const { set, samples } = generateShapes(spec, 300, 11);
    samples.forEach((s, i) => {
      expect(s.color).toEqual(CLASS_PALETTE[set.labels[i]]);
      expect(pixelAt(set.pixels, i, s.cx, s.cy)).toEqual([...CLASS_PALETTE[set.labels[i]]]);
    });
  });

  it('random colours do not predict the class; grayscale has no colour at all', () => {
    const rand = generateShapes({ ...DEFAULT_SHAPES, color: 'random' }, 200, 5);
    const hues = new Set(rand.samples.map((s) => s.color.join(',')));
    expect(hues.size).toBeGreaterThan(150);
    const gray = generateShapes({ ...DEFAULT_SHAPES, color: 'grayscale', background: 'plain' }, 50, 5).set;
    for (let i = 0; i < gray.pixels.length; i += 3) {
      expect(gray.pixels[i]).toBe(gray.pixels[i + 1]);
      expect(gray.pixels[i + 1]).toBe(gray.pixels[i + 2]);
    }
  });

  it('backgrounds differ in texture: noise and texture vary more than plain', () => {
    const spread = (bg: ShapesSpec['background']) => {
      const { set } = generateShapes({ ...DEFAULT_SHAPES, background: bg, size: [0.3, 0.3] }, 8, 9);
      const corner = Array.from({ length: 8 }, (_, i) => pixelAt(set.pixels, i, 0, 0)[0] - pixelAt(set.pixels, i, 1, 3)[0]);
      return corner.reduce((s, d) => s + Math.abs(d), 0);
    };
    expect(spread('plain')).toBe(0);
    expect(spread('noise')).toBeGreaterThan(0);
    expect(spread('texture')).toBeGreaterThan(0);
  });

  it('byClass ties the background to the class (the background shortcut); any draws it whatever the class', () => {
    const spec: ShapesSpec = { ...DEFAULT_SHAPES, shapes: ['circle', 'square', 'triangle', 'cross'], size: [0.3, 0.3], jitter: 0 };
    // How textured the top-left 8×8 corner is (the shape never reaches it): 0 for a plain background.
    const texture = (set: ReturnType<typeof generateShapes>['set'], i: number) => {
      let sum = 0;
      for (let y = 0; y < 8; y++)
        for (let x = 1; x < 8; x++) sum += Math.abs(pixelAt(set.pixels, i, x, y)[0]! - pixelAt(set.pixels, i, x - 1, y)[0]!);
      return sum;
    };
    const byClass = generateShapes({ ...spec, background: 'byClass' }, 40, 3).set;
    expect(BACKGROUND_KINDS[0]).toBe('plain');
    for (let i = 0; i < 40; i++) expect(texture(byClass, i) === 0, `image ${i}, class ${byClass.labels[i]}`).toBe(byClass.labels[i] === 0);
    const any = generateShapes({ ...spec, background: 'any' }, 80, 3).set;
    const plainPerClass = [0, 1, 2, 3].map((c) => Array.from(any.labels).filter((l, i) => l === c && texture(any, i) === 0).length);
    // Every class gets plain and textured backgrounds alike.
    for (const n of plainPerClass) expect(n).toBeGreaterThan(0);
    for (const n of plainPerClass) expect(n).toBeLessThan(20);
  });
});
