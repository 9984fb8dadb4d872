/**
 * File-type sniffing from magic bytes, and image dimensions from headers. Pure (no DOM), so it
 * runs and is tested in Node. We trust bytes, not file names: a renamed text file or an iPhone
 * HEIC saved as .jpg must get a message that names what it really is.
 */

export type SupportedKind = 'png' | 'jpeg' | 'gif' | 'webp' | 'bmp';

export type SniffResult =
  | { kind: SupportedKind }
  /** `format` is a name (the same in every language); `family` what kind of file it is, worded by the UI. */
  | { kind: 'unsupported'; format: string; family?: FormatFamily }
  | { kind: 'text' }
  | { kind: 'unknown' };

export interface Dimensions {
  width: number;
  height: number;
}

/** How many leading bytes sniffing and header parsing want; JPEG may need more (see readDimensions). */
export const SNIFF_BYTES = 4096;

const ascii = (b: Uint8Array, start: number, length: number): string => {
  let s = '';
  for (let i = start; i < start + length && i < b.length; i++) s += String.fromCharCode(b[i]);
  return s;
};

const startsWith = (b: Uint8Array, sig: readonly number[], at = 0): boolean =>
  b.length >= at + sig.length && sig.every((v, i) => b[at + i] === v);

const u16le = (b: Uint8Array, i: number) => b[i] | (b[i + 1] << 8);
const u16be = (b: Uint8Array, i: number) => (b[i] << 8) | b[i + 1];
const u24le = (b: Uint8Array, i: number) => b[i] | (b[i + 1] << 8) | (b[i + 2] << 16);
const u32le = (b: Uint8Array, i: number) => (b[i] | (b[i + 1] << 8) | (b[i + 2] << 16) | (b[i + 3] << 24)) >>> 0;
const u32be = (b: Uint8Array, i: number) => ((b[i] << 24) | (b[i + 1] << 16) | (b[i + 2] << 8) | b[i + 3]) >>> 0;
const i32le = (b: Uint8Array, i: number) => b[i] | (b[i + 1] << 8) | (b[i + 2] << 16) | (b[i + 3] << 24);

/** BITMAPCOREHEADER, OS/2 v2 (16, 64) and BITMAPINFOHEADER v1–v5. */
const BMP_DIB_SIZES = new Set([12, 16, 40, 52, 56, 64, 108, 124]);

const AVIF_BRANDS = new Set(['avif', 'avis']);
const HEIF_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'hevm', 'hevs', 'mif1', 'msf1']);

/** Major and compatible brands of an ISO-BMFF `ftyp` box (HEIC, AVIF, MP4, MOV, …). */
function ftypBrands(b: Uint8Array): string[] {
  const boxSize = Math.min(u32be(b, 0), b.length);
  const brands = [ascii(b, 8, 4)];
  for (let i = 16; i + 4 <= boxSize; i += 4) brands.push(ascii(b, i, 4));
  return brands;
}

function sniffFtyp(b: Uint8Array): SniffResult {
  const brands = ftypBrands(b);
  // AVIF files usually also list `mif1`, so check AVIF before the generic HEIF brands.
  if (brands.some((x) => AVIF_BRANDS.has(x))) return { kind: 'unsupported', format: 'AVIF' };
  if (brands.some((x) => HEIF_BRANDS.has(x))) return { kind: 'unsupported', format: 'HEIC' };
  if (brands[0] === 'crx ') return { kind: 'unsupported', format: 'CR3', family: 'raw' };
  if (brands[0] === 'qt  ') return { kind: 'unsupported', format: 'QuickTime', family: 'video' };
  return { kind: 'unsupported', format: 'MP4', family: 'video' };
}

/** Strict UTF-8 check that tolerates a multi-byte sequence cut off by the end of the sample. */
function isUtf8(b: Uint8Array): boolean {
  let i = 0;
  while (i < b.length) {
    const c = b[i];
    const extra = c < 0x80 ? 0 : c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : -1;
    if (extra < 0) return false;
    for (let k = 1; k <= extra; k++) {
      if (i + k >= b.length) return true;
      if ((b[i + k] & 0xc0) !== 0x80) return false;
    }
    i += extra + 1;
  }
  return true;
}

/**
 * Text if there are no NULs, (almost) no control characters, and it is either valid UTF-8 or
 * mostly printable ASCII (legacy 8-bit encodings). Image formats all hit a NUL or control byte
 * within their first few hundred bytes.
 */
function looksLikeText(b: Uint8Array): boolean {
  if (b.length === 0) return false;
  let control = 0;
  let printable = 0;
  for (const c of b) {
    if (c === 0) return false;
    if (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0c && c !== 0x0d && c !== 0x1b) control++;
    else if (c === 0x7f) control++;
    else if (c < 0x80) printable++;
  }
  if (control > b.length / 100) return false;
  return isUtf8(b) || printable >= b.length * 0.75;
}

export type FormatFamily = 'audio' | 'video' | 'archive' | 'raw' | 'photoshop';

/** Identify a file from its first bytes (pass at least SNIFF_BYTES when available). */
export function sniffImageType(bytes: Uint8Array): SniffResult {
  const b = bytes.subarray(0, SNIFF_BYTES);
  const unsupported = (format: string, family?: FormatFamily): SniffResult => ({ kind: 'unsupported', format, ...(family && { family }) });

  // Four bytes suffice so that a PNG truncated inside its signature is reported as corrupt, not unknown.
  if (startsWith(b, [0x89, 0x50, 0x4e, 0x47])) return { kind: 'png' };
  if (startsWith(b, [0xff, 0xd8, 0xff])) return { kind: 'jpeg' };
  if (ascii(b, 0, 6) === 'GIF87a' || ascii(b, 0, 6) === 'GIF89a') return { kind: 'gif' };
  if (ascii(b, 0, 4) === 'RIFF' && b.length >= 12) {
    const form = ascii(b, 8, 4);
    if (form === 'WEBP') return { kind: 'webp' };
    if (form === 'WAVE') return unsupported('WAV', 'audio');
    if (form === 'AVI ') return unsupported('AVI', 'video');
  }
  // "BM" alone is weak (a text file may start with it), so also require a known DIB header size.
  if (ascii(b, 0, 2) === 'BM' && (b.length < 18 || BMP_DIB_SIZES.has(u32le(b, 14)))) return { kind: 'bmp' };

  if (startsWith(b, [0x49, 0x49, 0x2a, 0x00]) || startsWith(b, [0x4d, 0x4d, 0x00, 0x2a])) return unsupported('TIFF');
  if (startsWith(b, [0x49, 0x49, 0x2b, 0x00]) || startsWith(b, [0x4d, 0x4d, 0x00, 0x2b])) return unsupported('TIFF');
  if (b.length >= 12 && ascii(b, 4, 4) === 'ftyp') return sniffFtyp(b);
  if (startsWith(b, [0x00, 0x00, 0x01, 0x00]) && b.length >= 6 && u16le(b, 4) > 0) return unsupported('ICO');
  if (startsWith(b, [0x00, 0x00, 0x02, 0x00]) && b.length >= 6 && u16le(b, 4) > 0) return unsupported('CUR');
  if (ascii(b, 0, 5) === '%PDF-') return unsupported('PDF');
  if (ascii(b, 0, 4) === '8BPS') return unsupported('PSD', 'photoshop');
  if (startsWith(b, [0xff, 0x0a]) || startsWith(b, [0, 0, 0, 0x0c, 0x4a, 0x58, 0x4c, 0x20, 0x0d, 0x0a, 0x87, 0x0a])) {
    return unsupported('JPEG XL');
  }
  if (startsWith(b, [0, 0, 0, 0x0c, 0x6a, 0x50, 0x20, 0x20, 0x0d, 0x0a, 0x87, 0x0a]) || startsWith(b, [0xff, 0x4f, 0xff, 0x51])) {
    return unsupported('JPEG 2000');
  }
  if (startsWith(b, [0x50, 0x4b, 0x03, 0x04]) || startsWith(b, [0x50, 0x4b, 0x05, 0x06])) return unsupported('ZIP', 'archive');
  if (startsWith(b, [0x1f, 0x8b])) return unsupported('gzip', 'archive');

  // UTF-16 text is full of NULs, so recognise it by its byte-order mark before the NUL test.
  if (startsWith(b, [0xff, 0xfe]) || startsWith(b, [0xfe, 0xff])) return { kind: 'text' };
  let t = startsWith(b, [0xef, 0xbb, 0xbf]) ? 3 : 0;
  while (t < b.length && (b[t] === 0x20 || b[t] === 0x09 || b[t] === 0x0a || b[t] === 0x0d)) t++;
  if (b[t] === 0x3c /* '<' */ && ascii(b, t, b.length).toLowerCase().includes('<svg')) return unsupported('SVG');
  if (looksLikeText(b)) return { kind: 'text' };
  return { kind: 'unknown' };
}

const dims = (width: number, height: number): Dimensions | null => (width > 0 && height > 0 ? { width, height } : null);

/** SOFn markers carry the frame size; C4 (DHT), C8 (reserved) and CC (DAC) share the range but do not. */
const isSof = (m: number) => m >= 0xc0 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc;

/**
 * Walk JPEG marker segments up to the first SOF. Returns null if the bytes end first (large EXIF or
 * ICC segments can push SOF past a short header read — retry with more bytes) or the stream is malformed.
 */
function jpegDimensions(b: Uint8Array): Dimensions | null {
  let i = 2;
  while (i + 1 < b.length) {
    if (b[i] !== 0xff) return null;
    while (i + 1 < b.length && b[i + 1] === 0xff) i++; // fill bytes
    if (i + 1 >= b.length) return null;
    const m = b[i + 1];
    if (m === 0x01 || (m >= 0xd0 && m <= 0xd8)) {
      i += 2; // standalone markers: TEM, RSTn, SOI
      continue;
    }
    if (m === 0xd9 || m === 0xda) return null; // EOI or start of scan before any frame header
    if (i + 4 > b.length) return null;
    const length = u16be(b, i + 2);
    if (length < 2) return null;
    if (isSof(m)) return i + 9 <= b.length ? dims(u16be(b, i + 7), u16be(b, i + 5)) : null;
    i += 2 + length;
  }
  return null;
}

function webpDimensions(b: Uint8Array): Dimensions | null {
  if (b.length < 30) return null;
  const chunk = ascii(b, 12, 4);
  if (chunk === 'VP8X') return dims(1 + u24le(b, 24), 1 + u24le(b, 27));
  if (chunk === 'VP8L') {
    if (b[20] !== 0x2f) return null;
    const [b1, b2, b3, b4] = [b[21], b[22], b[23], b[24]];
    return dims(1 + (((b2 & 0x3f) << 8) | b1), 1 + (((b4 & 0x0f) << 10) | (b3 << 2) | ((b2 & 0xc0) >> 6)));
  }
  if (chunk === 'VP8 ') {
    if (!startsWith(b, [0x9d, 0x01, 0x2a], 23)) return null;
    return dims(u16le(b, 26) & 0x3fff, u16le(b, 28) & 0x3fff);
  }
  return null;
}

/** Image size from the file header, without decoding; null if the header is missing, short or malformed. */
export function readDimensions(bytes: Uint8Array, kind: SupportedKind): Dimensions | null {
  const b = bytes;
  switch (kind) {
    case 'png':
      // The signature is followed by IHDR, which must come first.
      return b.length >= 24 && ascii(b, 12, 4) === 'IHDR' ? dims(u32be(b, 16), u32be(b, 20)) : null;
    case 'gif':
      return b.length >= 10 ? dims(u16le(b, 6), u16le(b, 8)) : null;
    case 'bmp': {
      if (b.length < 18) return null;
      const dib = u32le(b, 14);
      if (dib === 12) return b.length >= 22 ? dims(u16le(b, 18), u16le(b, 20)) : null;
      // Negative height means top-down row order; the size is its magnitude.
      return b.length >= 26 ? dims(Math.abs(i32le(b, 18)), Math.abs(i32le(b, 22))) : null;
    }
    case 'jpeg':
      return jpegDimensions(b);
    case 'webp':
      return webpDimensions(b);
  }
}
