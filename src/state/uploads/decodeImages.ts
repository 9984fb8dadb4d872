/**
 * Browser-side decoding of user images into model input: validate → decode → centre-crop →
 * resize → uint8 RGB. Works in a worker (OffscreenCanvas) as on the page: uploads are decoded
 * in a pool of workers (decodePool.ts), so the page stays responsive while photos arrive.
 */
import { codes } from '../../i18n';
import type { Msg } from '../../core/messages';

/** Per-file problems are message codes: the panel words them in the user's language. */
const en = codes('uploads');
import { readDimensions, sniffImageType, type SupportedKind } from './sniff';
import { bug } from '../../core/messages';

/** Above this, decoding alone needs hundreds of MB (RGBA) and can crash the tab. */
export const MAX_PIXELS = 50_000_000;
/** Guards reading the whole file into memory (for hashing) when the header cannot tell its size. */
export const MAX_FILE_BYTES = 256 * 2 ** 20;
/** Thumbnails show the same square crop as the model input, at a resolution people can see. */
export const THUMBNAIL_SIDE = 64;
/** Enough for JPEG headers behind typical EXIF/ICC segments; longer ones fall back to the full read. */
const HEAD_BYTES = 64 * 1024;

export type DecodeResult =
  | { ok: true; pixels: Uint8Array; pixelsLarge: Uint8Array | null; thumbnailUrl: string; hash: string }
  | { ok: false; message: Msg };

/** What a decoding worker sends back: the thumbnail as an encoded image (the page makes its URL, and revokes it). */
export type DecodedImage =
  | { ok: true; pixels: Uint8Array; pixelsLarge: Uint8Array | null; thumbnail: Blob; hash: string }
  | { ok: false; message: Msg };

export interface DroppedFile {
  file: File;
  /** Relative path inside the drop, '/'-separated, e.g. "pets/cat/1.jpg"; just the name for loose files. */
  path: string;
}

const reasonOf = (err: unknown) => (err instanceof Error ? err.message || err.name : String(err));

/**
 * Decode one file to `side`×`side` RGB (uint8, HWC). Never throws: every failure becomes a
 * message naming `displayName` (defaults to the file name; pass the drop path for folder drops).
 * The caller owns `thumbnailUrl` and must revoke it.
 */
export async function decodeFile(file: File, side: number, displayName = file.name, largeSide: number | null = null, options: DecodeOptions = {}): Promise<DecodeResult> {
  return withThumbnailUrl(await decodeImage(file, side, displayName, largeSide, options));
}

export function withThumbnailUrl(r: DecodedImage): DecodeResult {
  if (!r.ok) return r;
  const { thumbnail, ...rest } = r;
  return { ...rest, thumbnailUrl: URL.createObjectURL(thumbnail) };
}

export interface DecodeOptions {
  /**
   * The lab's upload path before it moved into workers: the file read through Blob slices,
   * createImageBitmap, GPU-backed canvases for the resize steps and a PNG thumbnail. Kept only
   * so the bench can measure against it.
   */
  legacy?: boolean;
}

/** A decoded picture, oriented as its EXIF says, from either decoder. */
interface Picture {
  source: CanvasImageSource;
  width: number;
  height: number;
  close(): void;
}

const fail = (message: Msg): { ok: false; message: Msg } => ({ ok: false, message });
const tooBig = (d: { width: number; height: number }) => d.width * d.height > MAX_PIXELS;
const tooBigMessage = (displayName: string, d: { width: number; height: number }) => en.tooManyPixels(displayName, d.width, d.height, MAX_PIXELS / 1e6);

/** Validates a file read from disk (its head first, so a huge or foreign file is refused unread), then decodes it. */
export async function decodeImage(file: File, side: number, displayName = file.name, largeSide: number | null = null, options: DecodeOptions = {}): Promise<DecodedImage> {
  if (file.size === 0) return fail(en.emptyFile(displayName));
  let head: Uint8Array<ArrayBuffer>;
  try {
    head = new Uint8Array(await file.slice(0, HEAD_BYTES).arrayBuffer());
  } catch (err) {
    return fail(en.unreadable(displayName, reasonOf(err)));
  }
  const checked = checkHead(head, displayName);
  if ('message' in checked) return checked;
  if (file.size > MAX_FILE_BYTES) return fail(en.tooManyBytes(displayName, file.size, MAX_FILE_BYTES));
  let bytes: Uint8Array<ArrayBuffer>;
  try {
    bytes = file.size <= HEAD_BYTES ? head : new Uint8Array(await file.arrayBuffer());
  } catch (err) {
    return fail(en.unreadable(displayName, reasonOf(err)));
  }
  // Decode the sniffed type, not the one the file name suggests (a .png that is really a JPEG is fine).
  const blob = options.legacy ? file.slice(0, file.size, `image/${checked.kind}`) : null;
  return decodeChecked(bytes, checked, displayName, side, largeSide, blob);
}

/**
 * The same for bytes already in memory (a decoding worker's input): no Blob is made or read
 * back, which costs more than the decode itself for a small photo (6.3 vs 0.7 ms for 320×240).
 */
export async function decodeBytes(bytes: Uint8Array<ArrayBuffer>, side: number, displayName: string, largeSide: number | null = null): Promise<DecodedImage> {
  if (bytes.length === 0) return fail(en.emptyFile(displayName));
  const checked = checkHead(bytes.subarray(0, HEAD_BYTES), displayName);
  if ('message' in checked) return checked;
  if (bytes.length > MAX_FILE_BYTES) return fail(en.tooManyBytes(displayName, bytes.length, MAX_FILE_BYTES));
  return decodeChecked(bytes, checked, displayName, side, largeSide, null);
}

type Checked = { kind: SupportedKind; size: { width: number; height: number } | null };

/** Type sniffed from the bytes, and the header's pixel size checked before anything is decoded. */
function checkHead(head: Uint8Array, displayName: string): Checked | { ok: false; message: Msg } {
  const type = sniffImageType(head);
  if (type.kind === 'text') return fail(en.notAnImageText(displayName));
  if (type.kind === 'unknown') return fail(en.notAnImageUnknown(displayName));
  if (type.kind === 'unsupported') return fail(en.unsupportedFormat(displayName, type.format, type.family ?? ''));
  // A 20k×20k PNG is a small file but a huge bitmap.
  const size = readDimensions(head, type.kind);
  if (size && tooBig(size)) return fail(tooBigMessage(displayName, size));
  return { kind: type.kind, size };
}

async function decodeChecked(bytes: Uint8Array<ArrayBuffer>, checked: Checked, displayName: string, side: number, largeSide: number | null, legacyBlob: Blob | null): Promise<DecodedImage> {
  if (!checked.size && bytes.length > HEAD_BYTES) {
    const size = readDimensions(bytes, checked.kind);
    if (size && tooBig(size)) return fail(tooBigMessage(displayName, size));
  }
  let picture: Picture;
  try {
    picture = await decodePicture(bytes, `image/${checked.kind}`, legacyBlob);
  } catch {
    return fail(en.corrupt(displayName));
  }
  try {
    if (picture.width === 0 || picture.height === 0) return fail(en.corrupt(displayName));
    // Headers we could not parse are checked now; the picture exists but is dropped at once.
    if (tooBig(picture)) return fail(tooBigMessage(displayName, picture));
    const legacy = legacyBlob !== null;
    const { pixels, thumbnail } = squarePixels(picture, [side, ...(largeSide ? [largeSide] : [])], legacy);
    // Read before any await: the canvases are reused by the next decode.
    const encoded = legacy ? canvasToPng(thumbnail.canvas) : bmpBlob(thumbnail.ctx.getImageData(0, 0, THUMBNAIL_SIDE, THUMBNAIL_SIDE).data, THUMBNAIL_SIDE);
    return { ok: true, pixels: pixels.get(side)!, pixelsLarge: largeSide ? pixels.get(largeSide)! : null, thumbnail: await encoded, hash: await hashBytes(bytes) };
  } catch (err) {
    return fail(en.processingFailed(displayName, reasonOf(err)));
  } finally {
    picture.close();
  }
}

/**
 * WebCodecs' ImageDecoder reads the bytes where they are (4× faster than createImageBitmap of a
 * Blob for a small JPEG) and, drawn, honours the EXIF orientation as createImageBitmap's
 * `from-image` does. Where it is missing or does not know the type, createImageBitmap decodes.
 */
async function decodePicture(bytes: Uint8Array<ArrayBuffer>, type: string, legacyBlob: Blob | null): Promise<Picture> {
  if (!legacyBlob && typeof ImageDecoder !== 'undefined' && (await ImageDecoder.isTypeSupported(type))) {
    const decoder = new ImageDecoder({ data: bytes, type });
    try {
      const { image } = await decoder.decode();
      return { source: image, width: image.displayWidth, height: image.displayHeight, close: () => image.close() };
    } finally {
      decoder.close();
    }
  }
  const bitmap = await createImageBitmap(legacyBlob ?? new Blob([bytes], { type }), { imageOrientation: 'from-image' });
  return { source: bitmap, width: bitmap.width, height: bitmap.height, close: () => bitmap.close() };
}

type Canvas = OffscreenCanvas | HTMLCanvasElement;
type Context = OffscreenCanvasRenderingContext2D | CanvasRenderingContext2D;

interface Surface {
  canvas: Canvas;
  ctx: Context;
}

/**
 * CPU-backed canvases by size, reused by every decode in this thread: allocating and clearing
 * fresh ones cost as much as the drawing. Safe because a decode draws and reads them without
 * awaiting in between. Least recently used first out, so a folder of mixed resolutions (each
 * crop has its own intermediate sizes) cannot pile up canvases; the fixed output sizes are used
 * by every photo and stay.
 */
const surfaces = new Map<number, Surface>();
export const MAX_REUSED_CANVASES = 8;
export const MAX_REUSED_SIDE = 1024;
export function reusedCanvas(side: number): Surface {
  // A huge photo's first halvings are drawn once each: not worth megabytes kept for ever.
  if (side > MAX_REUSED_SIDE) return makeCanvas(side, true);
  let s = surfaces.get(side);
  if (s) surfaces.delete(side);
  else s = makeCanvas(side, true);
  surfaces.set(side, s);
  if (surfaces.size > MAX_REUSED_CANVASES) surfaces.delete(surfaces.keys().next().value!);
  return s;
}
/** Forgets the kept canvases (for tests). */
export const clearReusedCanvases = (): void => surfaces.clear();

function makeCanvas(side: number, willReadFrequently = false): Surface {
  const settings: CanvasRenderingContext2DSettings = { willReadFrequently };
  if (typeof OffscreenCanvas !== 'undefined') {
    const canvas = new OffscreenCanvas(side, side);
    const ctx = canvas.getContext('2d', settings);
    if (ctx) return { canvas, ctx };
  }
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = side;
  const ctx = canvas.getContext('2d', settings);
  if (!ctx) throw bug('2D canvas unavailable');
  return { canvas, ctx };
}

/**
 * Square sizes to draw through when shrinking `from` to `to`: a single big drawImage step
 * samples only a few source pixels per output pixel (aliasing), so halve until within 2×.
 */
export function downscaleSteps(from: number, to: number): number[] {
  const steps: number[] = [];
  for (let s = from; s > 2 * to; ) {
    s = Math.ceil(s / 2);
    steps.push(s);
  }
  steps.push(to);
  return steps;
}

/**
 * Draw a square region of `source` through the halving chain down (or up) to `to`. `first` says
 * whether `source` is the decoded picture (which may be transparent) rather than an earlier step.
 */
function resizeSquare(source: CanvasImageSource, x: number, y: number, size: number, to: number, first: boolean, readBack: boolean, legacy: boolean): Surface {
  let src = source;
  let sx = x;
  let sy = y;
  let s = size;
  let out: Surface | undefined;
  const steps = downscaleSteps(size, to);
  for (const [i, step] of steps.entries()) {
    // CPU-backed canvases for every step: these images are small (≤ 224 px after the first
    // halving), so a GPU canvas gains nothing and costs a round trip per step (in a worker on a
    // machine without a GPU, software GL: 1.4× slower decoding of 320×240 photos).
    out = legacy ? makeCanvas(step, readBack && i === steps.length - 1) : reusedCanvas(step);
    // Transparent pixels would read back as black; composite onto white as viewers show them.
    // Later steps draw an opaque canvas over the whole of theirs, which replaces what was there.
    if (first || legacy) {
      out.ctx.fillStyle = '#fff';
      out.ctx.fillRect(0, 0, step, step);
    }
    first = false;
    out.ctx.imageSmoothingEnabled = true;
    out.ctx.imageSmoothingQuality = 'high';
    out.ctx.drawImage(src, sx, sy, s, s, 0, 0, step, step);
    [src, sx, sy, s] = [out.canvas, 0, 0, step];
  }
  return out!;
}

/**
 * Centre-crop to a square (the model input is square; stretching would distort shapes), then
 * resize to each of `sides` and to the thumbnail, largest first, each derived from the previous.
 */
function squarePixels(bitmap: Picture, sides: number[], legacy: boolean): { pixels: Map<number, Uint8Array>; thumbnail: Surface } {
  const crop = Math.min(bitmap.width, bitmap.height);
  const x = Math.floor((bitmap.width - crop) / 2);
  const y = Math.floor((bitmap.height - crop) / 2);
  const chain = [...new Set([...sides, THUMBNAIL_SIDE])].sort((a, b) => b - a);
  const pixels = new Map<number, Uint8Array>();
  let thumbnail: Surface | null = null;
  let from: { source: CanvasImageSource; x: number; y: number; size: number } = { source: bitmap.source, x, y, size: crop };
  for (const s of chain) {
    const read = sides.includes(s);
    const out = resizeSquare(from.source, from.x, from.y, from.size, s, from.source === bitmap.source, read, legacy);
    if (read) {
      const rgba = out.ctx.getImageData(0, 0, s, s).data;
      const rgb = new Uint8Array(s * s * 3);
      for (let i = 0, j = 0; i < rgba.length; i += 4, j += 3) {
        rgb[j] = rgba[i];
        rgb[j + 1] = rgba[i + 1];
        rgb[j + 2] = rgba[i + 2];
      }
      pixels.set(s, rgb);
    }
    if (s === THUMBNAIL_SIDE) thumbnail = out;
    from = { source: out.canvas, x: 0, y: 0, size: s };
  }
  return { pixels, thumbnail: thumbnail! };
}

/**
 * An uncompressed BMP (24-bit, top-down) of RGBA pixels. The upload thumbnails are small (64 px,
 * 12 KB), and writing one is a copy, where the browser's JPEG encoder spent 1.2 ms on each: a
 * quarter of a photo's whole decode.
 */
export function bmpBlob(rgba: Uint8ClampedArray, side: number): Blob {
  const row = Math.ceil((side * 3) / 4) * 4;
  const out = new Uint8Array(54 + row * side);
  const view = new DataView(out.buffer);
  out[0] = 0x42; // 'B'
  out[1] = 0x4d; // 'M'
  view.setUint32(2, out.length, true);
  view.setUint32(10, 54, true); // pixel data offset
  view.setUint32(14, 40, true); // BITMAPINFOHEADER
  view.setInt32(18, side, true);
  view.setInt32(22, -side, true); // negative height: rows top to bottom
  view.setUint16(26, 1, true); // planes
  view.setUint16(28, 24, true); // bits per pixel
  view.setUint32(34, row * side, true);
  for (let y = 0; y < side; y++) {
    for (let x = 0, i = y * side * 4, j = 54 + y * row; x < side; x++, i += 4, j += 3) {
      out[j] = rgba[i + 2]!;
      out[j + 1] = rgba[i + 1]!;
      out[j + 2] = rgba[i]!;
    }
  }
  return new Blob([out], { type: 'image/bmp' });
}

/** Stored RGB pixels drawn on a canvas of their size (for thumbnails and PNG files). */
export function rgbCanvas(rgb: Uint8Array, side: number): Canvas {
  const { canvas, ctx } = makeCanvas(side);
  const rgba = new Uint8ClampedArray(side * side * 4);
  for (let i = 0, j = 0; i < rgb.length; i += 3, j += 4) {
    rgba[j] = rgb[i];
    rgba[j + 1] = rgb[i + 1];
    rgba[j + 2] = rgb[i + 2];
    rgba[j + 3] = 255;
  }
  ctx.putImageData(new ImageData(rgba, side, side), 0, 0);
  return canvas;
}

/** A thumbnail object URL for stored RGB pixels (images restored from storage have no file to decode). */
export const thumbnailFromPixels = (rgb: Uint8Array, side: number): Promise<string> => canvasToUrl(rgbCanvas(rgb, side));

const canvasToUrl = async (canvas: Canvas): Promise<string> => URL.createObjectURL(await canvasToPng(canvas));

const canvasToPng = (canvas: Canvas): Promise<Blob> => canvasToBlob(canvas, 'image/png');

function canvasToBlob(canvas: Canvas, type: string, quality?: number): Promise<Blob> {
  return 'convertToBlob' in canvas
    ? canvas.convertToBlob({ type, quality })
    : new Promise<Blob>((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(bug('image encoding failed'))), type, quality));
}

async function hashBytes(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  if (globalThis.crypto?.subtle) {
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
    return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
  }
  // crypto.subtle exists only in secure contexts (https, localhost); over plain-http LAN dev fall
  // back to a 64-bit non-cryptographic hash plus length — ample for spotting duplicate uploads.
  let h1 = 0xdeadbeef ^ bytes.length;
  let h2 = 0x41c6ce57 ^ bytes.length;
  for (const b of bytes) {
    h1 = Math.imul(h1 ^ b, 2654435761);
    h2 = Math.imul(h2 ^ b, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return `weak:${bytes.length}:${(h2 >>> 0).toString(16)}${(h1 >>> 0).toString(16)}`;
}

/** The class of a file in an ImageFolder drop (`root/<class>/<img>`): its immediate parent folder, or null at the root. */
export function classFromPath(path: string): string | null {
  const parts = path.split(/[\\/]/).filter((p) => p !== '' && p !== '.');
  const parent = parts.length >= 2 ? parts[parts.length - 2].trim() : '';
  return parent || null;
}

/** OS clutter found in real folders (Finder, Explorer, unzipped macOS archives); never images. */
const isClutter = (name: string) =>
  name.startsWith('.') || name === '__MACOSX' || name === 'Thumbs.db' || name === 'desktop.ini';

const readEntries = (reader: FileSystemDirectoryReader) =>
  new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
const entryFile = (entry: FileSystemFileEntry) => new Promise<File>((resolve, reject) => entry.file(resolve, reject));
const collator = new Intl.Collator('en', { numeric: true });
/**
 * The one order for files with paths, segment by segment and numbers by value ("img2" before
 * "img10"): the folder picker and a folder drop sort with it, so the same folder gives the same
 * classes, images, split and results however it was added.
 */
export function comparePaths(a: string, b: string): number {
  const pa = a.split(/[\\/]/);
  const pb = b.split(/[\\/]/);
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const c = collator.compare(pa[i], pb[i]) || (pa[i] < pb[i] ? -1 : pa[i] > pb[i] ? 1 : 0);
    if (c) return c;
  }
  return pa.length - pb.length;
}
const byName = (a: FileSystemEntry, b: FileSystemEntry) => comparePaths(a.name, b.name);

/**
 * Class names that arrive from more than one folder in one addition (`train/cat` and `val/cat`):
 * they are merged into one class, and the user must be told so.
 */
export function foldersPerClass(paths: readonly string[]): { className: string; folders: string[] }[] {
  const byClass = new Map<string, Set<string>>();
  for (const path of paths) {
    const parts = path.split(/[\\/]/).filter((p) => p !== '' && p !== '.');
    if (parts.length < 2) continue;
    const className = parts[parts.length - 2].trim();
    const key = className.toLocaleLowerCase();
    if (!byClass.has(key)) byClass.set(key, new Set());
    byClass.get(key)!.add(parts.slice(0, -1).join('/'));
  }
  return [...byClass.values()].filter((f) => f.size > 1).map((f) => {
    const folders = [...f].sort(comparePaths);
    return { className: folders[0].split('/').pop()!, folders };
  });
}

/**
 * All files in a drop, walking dropped folders recursively. Call it synchronously inside the drop
 * handler (before any await): DataTransfer items are emptied once the event returns.
 * Files that cannot be read are reported through `onUnreadable` and skipped.
 */
export async function filesFromDrop(
  dataTransfer: DataTransfer,
  onUnreadable?: (path: string, reason: string) => void,
): Promise<DroppedFile[]> {
  const entries: FileSystemEntry[] = [];
  const out: DroppedFile[] = [];
  // Everything up to the first await runs synchronously, while the items are still readable.
  for (const item of Array.from(dataTransfer.items ?? [])) {
    if (item.kind !== 'file') continue;
    const entry = item.webkitGetAsEntry?.();
    if (entry) entries.push(entry);
    else {
      const file = item.getAsFile();
      if (file) out.push({ file, path: file.name });
    }
  }
  if (entries.length === 0 && out.length === 0) {
    for (const file of Array.from(dataTransfer.files)) out.push({ file, path: file.name });
  }

  const walk = async (entry: FileSystemEntry, nested: boolean): Promise<void> => {
    if (nested && isClutter(entry.name)) return;
    const path = entry.fullPath.replace(/^\/+/, '') || entry.name;
    if (entry.isFile) {
      try {
        out.push({ file: await entryFile(entry as FileSystemFileEntry), path });
      } catch (err) {
        onUnreadable?.(path, reasonOf(err));
      }
    } else if (entry.isDirectory) {
      // readEntries returns batches (100 at a time in Chrome) until an empty one.
      const reader = (entry as FileSystemDirectoryEntry).createReader();
      const children: FileSystemEntry[] = [];
      try {
        for (let batch = await readEntries(reader); batch.length > 0; batch = await readEntries(reader)) children.push(...batch);
      } catch (err) {
        onUnreadable?.(path, reasonOf(err));
      }
      // Batch order is arbitrary; sort so classes and images appear in a stable, natural order.
      for (const child of children.sort(byName)) await walk(child, true);
    }
  };
  for (const entry of entries.sort(byName)) await walk(entry, false);
  return out;
}
