/**
 * What is refused before any decoding: files that are not images, formats the browser cannot
 * decode, and files too big to decode safely. Each refusal is a message naming the file.
 */
import { codes } from '../../i18n';
import type { Msg } from '../../core/messages';
import { readDimensions, sniffImageType, type SupportedKind } from './sniff';

/** Per-file problems are message codes: the panel words them in the user's language. */
const en = codes('uploads');

/** Above this, decoding alone needs hundreds of MB (RGBA) and can crash the tab. */
export const MAX_PIXELS = 50_000_000;
/** Guards reading the whole file into memory (for hashing) when the header cannot tell its size. */
export const MAX_FILE_BYTES = 256 * 2 ** 20;
/** Enough for JPEG headers behind typical EXIF/ICC segments; longer ones fall back to the full read. */
export const HEAD_BYTES = 64 * 1024;

export const fail = (message: Msg): { ok: false; message: Msg } => ({ ok: false, message });
export const tooBig = (d: { width: number; height: number }) => d.width * d.height > MAX_PIXELS;
export const tooBigMessage = (displayName: string, d: { width: number; height: number }) =>
  en.tooManyPixels(displayName, d.width, d.height, MAX_PIXELS / 1e6);

export type Checked = { kind: SupportedKind; size: { width: number; height: number } | null };

/** Type sniffed from the bytes, and the header's pixel size checked before anything is decoded. */
export function checkHead(head: Uint8Array, displayName: string): Checked | { ok: false; message: Msg } {
  const type = sniffImageType(head);
  if (type.kind === 'text') return fail(en.notAnImageText(displayName));
  if (type.kind === 'unknown') return fail(en.notAnImageUnknown(displayName));
  if (type.kind === 'unsupported') return fail(en.unsupportedFormat(displayName, type.format, type.family ?? ''));
  // A 20k×20k PNG is a small file but a huge bitmap.
  const size = readDimensions(head, type.kind);
  if (size && tooBig(size)) return fail(tooBigMessage(displayName, size));
  return { kind: type.kind, size };
}
