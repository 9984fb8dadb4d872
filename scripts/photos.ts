/** Synthetic camera-sized photos for the upload tests and the bench (PNG, written with pngjs). */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';

/** A 320×240 "photo": a soft gradient in the class colour with a seeded blob, noisy so none repeat. */
export function photo(rgb: [number, number, number], seed: number): Buffer {
  const png = new PNG({ width: 320, height: 240 });
  // 32-bit integer arithmetic: with plain floats the products exceed 2^53 and streams collide.
  let s = Math.imul(seed, 2654435761) >>> 0;
  const rand = () => (s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32;
  const cx = 80 + rand() * 160;
  const cy = 60 + rand() * 120;
  for (let y = 0; y < 240; y++) {
    for (let x = 0; x < 320; x++) {
      const o = (y * 320 + x) * 4;
      const blob = (x - cx) ** 2 + (y - cy) ** 2 < 2500 ? 60 : 0;
      for (let k = 0; k < 3; k++) png.data[o + k] = Math.max(0, Math.min(255, rgb[k] * (0.5 + y / 480) + blob + (rand() - 0.5) * 24));
      png.data[o + 3] = 255;
    }
  }
  return PNG.sync.write(png, { deflateLevel: 1 });
}

/** Four class folders of `perClass` photos each (sky, grass, sand, brick) in a fresh temporary folder; returns its path. */
export function photoFolder(perClass: number): string {
  const root = mkdtempSync(join(tmpdir(), 'tl-photos-'));
  const classes: Record<string, [number, number, number]> = {
    sky: [60, 120, 230],
    grass: [60, 180, 60],
    sand: [220, 190, 120],
    brick: [170, 60, 50],
  };
  Object.entries(classes).forEach(([name, rgb], c) => {
    mkdirSync(join(root, name));
    for (let i = 0; i < perClass; i++) writeFileSync(join(root, name, `${name}-${i}.png`), photo(rgb, c * 10_000 + i + 1));
  });
  return root;
}
