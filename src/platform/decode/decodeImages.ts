/**
 * Browser-side decoding of user images into model input: validate → decode → centre-crop →
 * resize → uint8 RGB. Works in a worker (OffscreenCanvas) as on the page: uploads are decoded
 * in a pool of workers (decodePool.ts), so the page stays responsive while photos arrive.
 */
import { codes } from '../../i18n';
import type { Msg } from '../../core/messages';
import { checkHead, fail, HEAD_BYTES, MAX_FILE_BYTES, tooBig, tooBigMessage, type Checked } from './checkImage';
import { decodePicture, type Picture } from './decodePicture';
import { reasonOf } from './errorReason';
import { fileDigest } from './fileDigest';
import { readDimensions } from './sniff';
import { squarePixels } from './squarePixels';
import { bmpDataUrl, canvasToPng, THUMBNAIL_SIDE } from './thumbnails';

/** Per-file problems are message codes: the panel words them in the user's language. */
const en = codes('uploads');

export type DecodeResult =
  { ok: true; pixels: Uint8Array; pixelsLarge: Uint8Array | null; thumbnailUrl: string; hash: string } | { ok: false; message: Msg };

/** A decode's result: its thumbnail a data URL already, or (the legacy path) a PNG the page makes a blob URL of. */
export type DecodedImage =
  { ok: true; pixels: Uint8Array; pixelsLarge: Uint8Array | null; thumbnail: Blob | string; hash: string } | { ok: false; message: Msg };

/**
 * Decode one file to `side`×`side` RGB (uint8, HWC). Never throws: every failure becomes a
 * message naming `displayName` (defaults to the file name; pass the drop path for folder drops).
 * The caller owns `thumbnailUrl` and must revoke it: a blob URL on the legacy path, else a data URL (for
 * which revoking is a no-op).
 */
export async function decodeFile(
  file: File,
  side: number,
  displayName = file.name,
  largeSide: number | null = null,
  options: DecodeOptions = {},
): Promise<DecodeResult> {
  return withThumbnailUrl(await decodeImage(file, side, displayName, largeSide, options));
}

export function withThumbnailUrl(r: DecodedImage): DecodeResult {
  if (!r.ok) return r;
  const { thumbnail, ...rest } = r;
  return { ...rest, thumbnailUrl: typeof thumbnail === 'string' ? thumbnail : URL.createObjectURL(thumbnail) };
}

export interface DecodeOptions {
  /**
   * The lab's upload path before it moved into workers: the file read through Blob slices,
   * createImageBitmap, GPU-backed canvases for the resize steps and a PNG thumbnail. Kept only
   * so the bench can measure against it.
   */
  legacy?: boolean;
}

/** Validates a file read from disk (its head first, so a huge or foreign file is refused unread), then decodes it. */
export async function decodeImage(
  file: File,
  side: number,
  displayName = file.name,
  largeSide: number | null = null,
  options: DecodeOptions = {},
): Promise<DecodedImage> {
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
export async function decodeBytes(
  bytes: Uint8Array<ArrayBuffer>,
  side: number,
  displayName: string,
  largeSide: number | null = null,
): Promise<DecodedImage> {
  if (bytes.length === 0) return fail(en.emptyFile(displayName));
  const checked = checkHead(bytes.subarray(0, HEAD_BYTES), displayName);
  if ('message' in checked) return checked;
  if (bytes.length > MAX_FILE_BYTES) return fail(en.tooManyBytes(displayName, bytes.length, MAX_FILE_BYTES));
  return decodeChecked(bytes, checked, displayName, side, largeSide, null);
}

async function decodeChecked(
  bytes: Uint8Array<ArrayBuffer>,
  checked: Checked,
  displayName: string,
  side: number,
  largeSide: number | null,
  legacyBlob: Blob | null,
): Promise<DecodedImage> {
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
    const encoded = legacy
      ? canvasToPng(thumbnail.canvas)
      : bmpDataUrl(thumbnail.ctx.getImageData(0, 0, THUMBNAIL_SIDE, THUMBNAIL_SIDE).data, THUMBNAIL_SIDE);
    return {
      ok: true,
      pixels: pixels.get(side)!,
      pixelsLarge: largeSide ? pixels.get(largeSide)! : null,
      thumbnail: await encoded,
      hash: await fileDigest(bytes),
    };
  } catch (err) {
    return fail(en.processingFailed(displayName, reasonOf(err)));
  } finally {
    picture.close();
  }
}
