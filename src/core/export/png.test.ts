import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { Rng } from '../random';
import { crc32, encodePng } from './png';

const randomPixels = (n: number, seed: number) => {
  const rng = new Rng(seed);
  return Uint8Array.from({ length: n }, () => rng.int(0, 256));
};

describe('PNG encoder', () => {
  it('CRC-32 is the standard one (check value of "123456789")', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array(0))).toBe(0);
  });

  for (const channels of [1, 3] as const) {
    it(`8-bit ${channels === 1 ? 'grayscale' : 'RGB'} decodes (pngjs) to the exact pixels`, () => {
      const [w, h] = [7, 5]; // odd sizes: rows are not word-aligned
      const pixels = randomPixels(w * h * channels, channels);
      const decoded = PNG.sync.read(Buffer.from(encodePng(pixels, w, h, channels)));
      expect([decoded.width, decoded.height]).toEqual([w, h]);
      // pngjs expands to RGBA.
      for (let i = 0; i < w * h; i++) {
        for (let c = 0; c < 3; c++) expect(decoded.data[4 * i + c]).toBe(pixels[i * channels + (channels === 1 ? 0 : c)]);
        expect(decoded.data[4 * i + 3]).toBe(255);
      }
    });
  }

  it('writes the header pngjs reports (colour type, depth) and refuses inconsistent sizes', () => {
    const png = encodePng(new Uint8Array(4), 2, 2, 1);
    expect(Array.from(png.subarray(0, 8))).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(png[24]).toBe(8); // bit depth
    expect(png[25]).toBe(0); // grayscale
    expect(() => encodePng(new Uint8Array(5), 2, 2, 1)).toThrow(Error);
    expect(() => encodePng(new Uint8Array(0), 0, 0, 3)).toThrow(Error);
  });
});
