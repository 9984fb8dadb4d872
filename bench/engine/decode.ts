/**
 * Upload decoding: 200 photos of 320×240 (JPEG), in the worker pool vs on the page as the lab
 * decoded before (4 at a time, GPU-backed canvases for the resize steps).
 */
import { decodeFile } from '../../src/platform/decode/decodeImages';
import { decodeConcurrency, decodeInPool, type Decode } from '../../src/platform/decode/decodePool';
import type { Metrics } from './common';

/** A gradient with a white square: JPEG-compressible like a photo, different per index. */
async function photo(i: number): Promise<File> {
  const canvas = new OffscreenCanvas(320, 240);
  const ctx = canvas.getContext('2d')!;
  const g = ctx.createLinearGradient(0, 0, 320, 240);
  g.addColorStop(0, `hsl(${(i * 37) % 360} 70% 50%)`);
  g.addColorStop(1, `hsl(${(i * 91) % 360} 60% 30%)`);
  ctx.fillStyle = g;
  ctx.fillRect(0, 0, 320, 240);
  ctx.fillStyle = '#fff';
  ctx.fillRect(40 + (i % 100), 30 + (i % 60), 80, 80);
  return new File([await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.9 })], `photo-${i}.jpg`, { type: 'image/jpeg' });
}

/** Images per second decoding every file with `concurrency` decodes in flight. */
async function decodeAll(files: File[], decode: Decode, concurrency: number): Promise<number> {
  let next = 0;
  const urls: string[] = [];
  const start = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < files.length) {
        const f = files[next++];
        const r = await decode(f, 32, f.name, 224);
        if (!r.ok) throw new Error(r.message.code);
        urls.push(r.thumbnailUrl);
      }
    }),
  );
  const rate = (files.length / (performance.now() - start)) * 1000;
  for (const u of urls) URL.revokeObjectURL(u);
  return rate;
}

export async function decode(): Promise<Metrics> {
  const files = await Promise.all(Array.from({ length: 200 }, (_, i) => photo(i)));
  // Warm-up (starts the workers, warms the decoders), then two interleaved rounds, each side's
  // best: a slow spell of the shared 2-core machine then lands on both sides alike.
  await decodeAll(files, decodeInPool, decodeConcurrency());
  const before: Decode = (file, side, name, largeSide) => decodeFile(file, side, name, largeSide, { legacy: true });
  await decodeAll(files, before, 4);
  const pageRates: number[] = [];
  const poolRates: number[] = [];
  for (let round = 0; round < 2; round++) {
    pageRates.push(await decodeAll(files, before, 4));
    poolRates.push(await decodeAll(files, decodeInPool, decodeConcurrency()));
  }
  const upload_decode_page_images_per_s = Math.max(...pageRates);
  const upload_decode_images_per_s = Math.max(...poolRates);
  return {
    upload_decode_page_images_per_s,
    upload_decode_images_per_s,
    upload_decode_ratio: upload_decode_images_per_s / upload_decode_page_images_per_s,
  };
}
