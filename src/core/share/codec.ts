import { deflateSync, Inflate } from 'fflate';

/**
 * The byte layer of share links: JSON → deflate → CRC-32 in front → base64url, and back, with
 * every way a stranger's text can be wrong named by a code. Decompression is streamed under a
 * cap, so a "zip bomb" (a few kilobytes that inflate to gigabytes) stops at the cap, not at the
 * browser's memory limit; the checksum catches a link damaged in transit that still inflates.
 */

/** Links we make are far shorter; a longer fragment is not one of ours. */
export const MAX_LINK_CHARS = 32_000;
/** What a payload may inflate to. A full experiment with results is a few kilobytes. */
export const MAX_PAYLOAD_BYTES = 256 * 1024;

export type DecodeFailure = 'empty' | 'too-long' | 'bad-encoding' | 'bad-compression' | 'too-large' | 'corrupted' | 'bad-json';

const TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

/** CRC-32 (IEEE), as zip and PNG use it. */
export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

export function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function fromBase64Url(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return null;
  try {
    const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4));
    return Uint8Array.from(binary, (ch) => ch.charCodeAt(0));
  } catch {
    return null;
  }
}

/** Inflates raw deflate data, stopping with 'too-large' as soon as the output passes `cap`. */
export function inflateCapped(
  data: Uint8Array,
  cap = MAX_PAYLOAD_BYTES,
): { ok: true; bytes: Uint8Array } | { ok: false; code: 'bad-compression' | 'too-large' } {
  const chunks: Uint8Array[] = [];
  let total = 0;
  let over = false;
  const inflate = new Inflate((chunk) => {
    total += chunk.length;
    if (total > cap) over = true;
    else chunks.push(chunk);
  });
  try {
    // Small input slices: deflate inflates at most ~1,000:1, so each push adds at most ~1 MB before the cap is checked.
    const SLICE = 1024;
    for (let at = 0; at < data.length && !over; at += SLICE) inflate.push(data.subarray(at, at + SLICE), at + SLICE >= data.length);
    if (!data.length) inflate.push(new Uint8Array(0), true);
  } catch {
    return { ok: false, code: over ? 'too-large' : 'bad-compression' };
  }
  if (over) return { ok: false, code: 'too-large' };
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.length;
  }
  return { ok: true, bytes };
}

/** Any JSON value → link text (without the version prefix). */
export function encodeJson(value: unknown): string {
  const json = new TextEncoder().encode(JSON.stringify(value));
  const packed = deflateSync(json, { level: 9 });
  const out = new Uint8Array(4 + packed.length);
  new DataView(out.buffer).setUint32(0, crc32(json));
  out.set(packed, 4);
  return toBase64Url(out);
}

/** Link text → the JSON value it carries, or why it carries none. */
export function decodeJson(text: string): { ok: true; value: unknown } | { ok: false; code: DecodeFailure } {
  if (!text) return { ok: false, code: 'empty' };
  if (text.length > MAX_LINK_CHARS) return { ok: false, code: 'too-long' };
  const bytes = fromBase64Url(text);
  if (!bytes || bytes.length < 5) return { ok: false, code: 'bad-encoding' };
  const inflated = inflateCapped(bytes.subarray(4));
  if (!inflated.ok) return inflated;
  if (crc32(inflated.bytes) !== new DataView(bytes.buffer, bytes.byteOffset).getUint32(0)) return { ok: false, code: 'corrupted' };
  try {
    return { ok: true, value: JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(inflated.bytes)) };
  } catch {
    return { ok: false, code: 'bad-json' };
  }
}
