import { describe, expect, it } from 'vitest';
import { readDimensions, sniffImageType } from './sniff';
import { clearReusedCanvases, MAX_REUSED_CANVASES, MAX_REUSED_SIDE, reusedCanvas } from './canvases';
import { downscaleSteps } from './squarePixels';
import { bmpBlob } from './thumbnails';

// Byte builders: headers are assembled by hand so each test shows exactly which bytes matter.
const bytes = (...parts: (number[] | string | Uint8Array)[]): Uint8Array => {
  const out: number[] = [];
  for (const p of parts) {
    if (typeof p === 'string') for (const ch of p) out.push(ch.charCodeAt(0));
    else out.push(...p);
  }
  return Uint8Array.from(out);
};
const u16le = (v: number) => [v & 0xff, (v >> 8) & 0xff];
const u16be = (v: number) => [(v >> 8) & 0xff, v & 0xff];
const u24le = (v: number) => [v & 0xff, (v >> 8) & 0xff, (v >> 16) & 0xff];
const u32le = (v: number) => [v & 0xff, (v >> 8) & 0xff, (v >> 16) & 0xff, (v >>> 24) & 0xff];
const u32be = (v: number) => [(v >>> 24) & 0xff, (v >> 16) & 0xff, (v >> 8) & 0xff, v & 0xff];
const utf8 = (s: string) => new TextEncoder().encode(s);

const PNG_SIG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const png = (w: number, h: number) => bytes(PNG_SIG, u32be(13), 'IHDR', u32be(w), u32be(h), [8, 2, 0, 0, 0], [0, 0, 0, 0]);
const gif = (w: number, h: number, version = 'GIF89a') => bytes(version, u16le(w), u16le(h), [0xf7, 0, 0]);
const bmp = (w: number, h: number) =>
  bytes('BM', u32le(54 + w * h * 3), [0, 0, 0, 0], u32le(54), u32le(40), u32le(w), u32le(h), u16le(1), u16le(24), new Array(24).fill(0));
const segment = (marker: number, payload: number[]) => [0xff, marker, ...u16be(payload.length + 2), ...payload];
const sof = (marker: number, w: number, h: number) => segment(marker, [8, ...u16be(h), ...u16be(w), 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]);
const app0 = segment(0xe0, [...utf8('JFIF\0'), 1, 1, 0, 0, 1, 0, 1, 0, 0]);
const jpeg = (...segments: number[][]) => bytes([0xff, 0xd8], ...segments, [0xff, 0xd9]);
const riff = (form: string, chunk: string, payload: number[]) =>
  bytes('RIFF', u32le(4 + 8 + payload.length), form, chunk, u32le(payload.length), payload);
const ftyp = (major: string, ...compatible: string[]) =>
  bytes(u32be(16 + 4 * compatible.length), 'ftyp', major, u32be(0), ...compatible, u32be(8), 'mdat');

describe('sniffImageType', () => {
  it('recognises the supported formats by their magic bytes', () => {
    expect(sniffImageType(png(1, 1))).toEqual({ kind: 'png' });
    expect(sniffImageType(jpeg(app0, sof(0xc0, 1, 1)))).toEqual({ kind: 'jpeg' });
    expect(sniffImageType(gif(1, 1, 'GIF87a'))).toEqual({ kind: 'gif' });
    expect(sniffImageType(gif(1, 1, 'GIF89a'))).toEqual({ kind: 'gif' });
    expect(sniffImageType(riff('WEBP', 'VP8X', new Array(10).fill(0)))).toEqual({ kind: 'webp' });
    expect(sniffImageType(bmp(2, 2))).toEqual({ kind: 'bmp' });
  });

  it('treats a file cut inside its signature as that format, so decoding reports it as truncated', () => {
    expect(sniffImageType(bytes(PNG_SIG.slice(0, 4)))).toEqual({ kind: 'png' });
    expect(sniffImageType(bytes([0xff, 0xd8, 0xff]))).toEqual({ kind: 'jpeg' });
  });

  it('names unsupported image formats', () => {
    const format = (b: Uint8Array) => {
      const r = sniffImageType(b);
      return r.kind === 'unsupported' ? [r.format, r.family].filter(Boolean).join(' ') : r.kind;
    };
    expect(format(bytes([0x49, 0x49, 0x2a, 0x00], u32le(8), new Array(16).fill(0)))).toBe('TIFF');
    expect(format(bytes([0x4d, 0x4d, 0x00, 0x2a], u32be(8), new Array(16).fill(0)))).toBe('TIFF');
    expect(format(ftyp('heic', 'mif1', 'heic'))).toBe('HEIC');
    expect(format(ftyp('mif1', 'heic'))).toBe('HEIC');
    expect(format(ftyp('avif', 'mif1', 'miaf'))).toBe('AVIF');
    expect(format(ftyp('mif1', 'avif'))).toBe('AVIF');
    expect(format(ftyp('isom', 'iso2', 'mp41'))).toBe('MP4 video');
    expect(format(utf8('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"></svg>'))).toBe('SVG');
    expect(format(utf8('\uFEFF<?xml version="1.0"?>\n<!-- drawn by hand -->\n<svg viewBox="0 0 1 1"/>'))).toBe('SVG');
    expect(format(utf8('  \n<SVG></SVG>'))).toBe('SVG');
    expect(format(bytes([0, 0, 1, 0], u16le(1), u16le(0x1010), new Array(16).fill(0)))).toBe('ICO');
    expect(format(utf8('%PDF-1.7\n%\xE2\xE3\xCF\xD3\n'))).toBe('PDF');
    expect(format(bytes('8BPS', u16be(1), new Array(20).fill(0)))).toBe('PSD photoshop');
    expect(format(bytes([0xff, 0x0a, 0xfa, 0x7f]))).toBe('JPEG XL');
    expect(format(bytes([0, 0, 0, 0x0c], 'jP  ', [0x0d, 0x0a, 0x87, 0x0a]))).toBe('JPEG 2000');
    expect(format(bytes('PK', [3, 4, 20, 0, 0, 0]))).toBe('ZIP archive');
  });

  it('detects text, including text files renamed to .png', () => {
    expect(sniffImageType(utf8('Meeting notes\n- buy milk\n'))).toEqual({ kind: 'text' });
    expect(sniffImageType(utf8('{"a": 1}'))).toEqual({ kind: 'text' });
    expect(sniffImageType(utf8('<!doctype html><html><body>hi</body></html>'))).toEqual({ kind: 'text' });
    expect(sniffImageType(utf8('Grüße, 你好 — ünïcödé\n'))).toEqual({ kind: 'text' });
    expect(
      sniffImageType(
        bytes(
          'caf',
          [0xe9],
          ' cr',
          [0xe8],
          'me br',
          [0xfb],
          'l',
          [0xe9],
          'e, na',
          [0xef],
          've fa',
          [0xe7],
          'ade and more plain ascii text',
        ),
      ),
    ).toEqual({ kind: 'text' });
    expect(sniffImageType(bytes([0xff, 0xfe], 'h', [0], 'i', [0]))).toEqual({ kind: 'text' });
    // A text file that happens to start with "BM" is not a bitmap.
    expect(sniffImageType(utf8('BMW service history, 2019–2024\n'))).toEqual({ kind: 'text' });
  });

  it('calls binary junk unknown', () => {
    expect(sniffImageType(bytes([0x00, 0x01, 0x02, 0x03, 0xde, 0xad, 0xbe, 0xef]))).toEqual({ kind: 'unknown' });
    expect(sniffImageType(bytes([0x12, 0x34, 0x80, 0x81, 0x82, 0x83]))).toEqual({ kind: 'unknown' });
    expect(sniffImageType(new Uint8Array(0))).toEqual({ kind: 'unknown' });
  });
});

describe('readDimensions', () => {
  it('reads PNG IHDR', () => {
    expect(readDimensions(png(640, 480), 'png')).toEqual({ width: 640, height: 480 });
    expect(readDimensions(png(100_000, 100_000), 'png')).toEqual({ width: 100_000, height: 100_000 });
    expect(readDimensions(png(640, 480).subarray(0, 20), 'png')).toBeNull();
  });

  it('reads GIF logical screen size', () => {
    expect(readDimensions(gif(300, 200), 'gif')).toEqual({ width: 300, height: 200 });
    expect(readDimensions(gif(300, 200).subarray(0, 8), 'gif')).toBeNull();
  });

  it('reads BMP info and core headers, including top-down (negative height)', () => {
    expect(readDimensions(bmp(12, 34), 'bmp')).toEqual({ width: 12, height: 34 });
    expect(readDimensions(bmp(12, -34 >>> 0), 'bmp')).toEqual({ width: 12, height: 34 });
    const core = bytes('BM', u32le(0), [0, 0, 0, 0], u32le(26), u32le(12), u16le(77), u16le(55), u16le(1), u16le(24));
    expect(readDimensions(core, 'bmp')).toEqual({ width: 77, height: 55 });
  });

  it('walks JPEG segments to the SOF marker', () => {
    expect(readDimensions(jpeg(app0, sof(0xc0, 1920, 1080)), 'jpeg')).toEqual({ width: 1920, height: 1080 });
    // Progressive (SOF2) after a big APP1 (EXIF) segment and a DHT (C4, not a frame header).
    const exif = segment(0xe1, new Array(5000).fill(0x41));
    const dht = segment(0xc4, new Array(20).fill(0));
    expect(readDimensions(jpeg(exif, dht, sof(0xc2, 4032, 3024)), 'jpeg')).toEqual({ width: 4032, height: 3024 });
    // Fill bytes (extra 0xFF) before a marker are legal.
    expect(readDimensions(bytes([0xff, 0xd8, 0xff, 0xff], sof(0xc1, 50, 60)), 'jpeg')).toEqual({ width: 50, height: 60 });
  });

  it('gives null for JPEGs without a reachable frame header', () => {
    const exif = segment(0xe1, new Array(5000).fill(0x41));
    const full = jpeg(exif, sof(0xc0, 10, 10));
    expect(readDimensions(full.subarray(0, 1000), 'jpeg')).toBeNull(); // header read too short
    expect(readDimensions(jpeg(app0, segment(0xda, [0])), 'jpeg')).toBeNull(); // scan before frame
    expect(readDimensions(bytes([0xff, 0xd8, 0xff]), 'jpeg')).toBeNull();
    expect(readDimensions(bytes([0xff, 0xd8, 0x00, 0x00, 0x00]), 'jpeg')).toBeNull();
  });

  it('reads WebP VP8X, VP8L and VP8 headers', () => {
    expect(readDimensions(riff('WEBP', 'VP8X', [0x10, 0, 0, 0, ...u24le(799), ...u24le(599)]), 'webp')).toEqual({
      width: 800,
      height: 600,
    });
    // VP8L: 14-bit (width-1) then 14-bit (height-1), little-endian bit packing.
    const w = 1000 - 1;
    const h = 700 - 1;
    const bits = w | (h << 14);
    expect(readDimensions(riff('WEBP', 'VP8L', [0x2f, ...u32le(bits), 0, 0, 0, 0, 0]), 'webp')).toEqual({ width: 1000, height: 700 });
    const vp8 = [0x50, 0x02, 0x00, 0x9d, 0x01, 0x2a, ...u16le(320), ...u16le(240), 0, 0];
    expect(readDimensions(riff('WEBP', 'VP8 ', vp8), 'webp')).toEqual({ width: 320, height: 240 });
  });
});

describe('bmpBlob (upload thumbnails)', () => {
  it('writes a top-down 24-bit BMP: header fields, BGR order, rows padded to 4 bytes', async () => {
    // 2×2: red, green / blue, white (alpha ignored); each row is 6 bytes of pixels + 2 of padding.
    const rgba = Uint8ClampedArray.from([255, 0, 0, 255, 0, 255, 0, 255, 0, 0, 255, 255, 255, 255, 255, 0]);
    const blob = bmpBlob(rgba, 2);
    expect(blob.type).toBe('image/bmp');
    const b = new Uint8Array(await blob.arrayBuffer());
    const v = new DataView(b.buffer);
    expect(String.fromCharCode(b[0]!, b[1]!)).toBe('BM');
    expect([v.getUint32(2, true), v.getUint32(10, true), v.getUint32(14, true)]).toEqual([54 + 16, 54, 40]);
    expect([
      v.getInt32(18, true),
      v.getInt32(22, true),
      v.getUint16(26, true),
      v.getUint16(28, true),
      v.getUint32(30, true),
      v.getUint32(34, true),
    ]).toEqual([2, -2, 1, 24, 0, 16]);
    expect([...b.subarray(54)]).toEqual([0, 0, 255, 0, 255, 0, 0, 0, 255, 0, 0, 255, 255, 255, 0, 0]);
    // The lab's own reader takes it back (uploads sniff types and sizes from headers).
    expect(sniffImageType(b)).toEqual({ kind: 'bmp' });
    expect(readDimensions(b, 'bmp')).toEqual({ width: 2, height: 2 });
  });
});

describe('downscaleSteps', () => {
  it('halves until one more step reaches the target, so big photos do not alias', () => {
    expect(downscaleSteps(4000, 64)).toEqual([2000, 1000, 500, 250, 125, 64]);
    expect(downscaleSteps(100, 64)).toEqual([64]);
    expect(downscaleSteps(10, 32)).toEqual([32]);
  });
});

describe('reused canvases', () => {
  it('keeps at most MAX_REUSED_CANVASES, the least recently used leaving first', () => {
    const made: number[] = [];
    class FakeCanvas {
      constructor(
        public width: number,
        public height: number,
      ) {
        made.push(width);
      }
      getContext() {
        return {};
      }
    }
    const had = (globalThis as { OffscreenCanvas?: unknown }).OffscreenCanvas;
    (globalThis as { OffscreenCanvas?: unknown }).OffscreenCanvas = FakeCanvas;
    try {
      const fixed = reusedCanvas(224);
      // A folder of mixed resolutions: every crop brings its own intermediate size.
      for (let side = 300; side < 340; side++) {
        reusedCanvas(side);
        expect(reusedCanvas(224)).toBe(fixed);
      }
      expect(made.filter((w) => w === 224)).toHaveLength(1);
      expect(made).toHaveLength(41);
      // Only the recent sizes are still kept: an old intermediate one is made again.
      const keptBefore = made.length;
      reusedCanvas(339);
      expect(made).toHaveLength(keptBefore);
      reusedCanvas(300);
      expect(made).toHaveLength(keptBefore + 1);
      expect(MAX_REUSED_CANVASES).toBeLessThanOrEqual(8);
      // A huge photo's first halving is drawn on a canvas of its own, never kept.
      const huge = reusedCanvas(MAX_REUSED_SIDE + 1);
      expect(reusedCanvas(MAX_REUSED_SIDE + 1)).not.toBe(huge);
      expect(reusedCanvas(224)).toBe(fixed);
    } finally {
      (globalThis as { OffscreenCanvas?: unknown }).OffscreenCanvas = had;
      clearReusedCanvases();
    }
  });
});
