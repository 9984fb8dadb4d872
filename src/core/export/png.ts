import { zlibSync } from 'fflate';
import { bug } from '../messages';
import { crc32 } from '../share/codec';

/**
 * A minimal PNG encoder (8-bit grayscale or RGB, no interlacing) for the exported ImageFolder
 * data. The lab's images are uint8 already, so a PNG round trip is lossless: the Python side
 * reads back exactly the bytes the lab trained on.
 */

// The share codec's CRC-32 (IEEE, as PNG and zip use it); re-exported for the encoder's tests.
export { crc32 };

const SIGNATURE = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  // The CRC covers the type and the data, not the length.
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

/**
 * `pixels` is height × width × channels, row-major, values 0–255 (an ImageSet image).
 * Every row uses filter 0 (none): the images are tiny, and a decoder in pure Python reads
 * unfiltered rows with one slice each instead of a loop per byte.
 */
export function encodePng(pixels: Uint8Array, width: number, height: number, channels: 1 | 3): Uint8Array {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1)
    throw bug(`PNG size must be positive integers, got ${width}×${height}`);
  if (pixels.length !== width * height * channels)
    throw bug(`PNG pixels: expected ${width * height * channels} values, got ${pixels.length}`);
  const header = new Uint8Array(13);
  const hv = new DataView(header.buffer);
  hv.setUint32(0, width);
  hv.setUint32(4, height);
  header[8] = 8; // bit depth
  header[9] = channels === 1 ? 0 : 2; // colour type: grayscale or truecolour
  // [10..12]: compression 0 (deflate), filter method 0, no interlace.
  const stride = width * channels;
  const raw = new Uint8Array(height * (stride + 1));
  for (let y = 0; y < height; y++) raw.set(pixels.subarray(y * stride, (y + 1) * stride), y * (stride + 1) + 1);
  const parts = [SIGNATURE, chunk('IHDR', header), chunk('IDAT', zlibSync(raw, { level: 6 })), chunk('IEND', new Uint8Array(0))];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}
