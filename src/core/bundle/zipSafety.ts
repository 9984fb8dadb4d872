import { inflateCapped } from '../share/codec';

/**
 * Reading a zip from a stranger without letting it hurt. The central directory is parsed here
 * (fflate does not expose entries' external attributes, which is where symlinks hide); each
 * entry's name is checked before its data is touched; data is inflated under a budget that
 * shrinks as entries are read, so neither a lying size field nor a zip bomb gets past it.
 */

export interface ZipLimits {
  maxEntries: number;
  /** Total decompressed bytes over every entry read. */
  maxTotalBytes: number;
  /** One entry's decompressed bytes. */
  maxEntryBytes: number;
}

export const BUNDLE_LIMITS: ZipLimits = { maxEntries: 5000, maxTotalBytes: 600 * 1024 * 1024, maxEntryBytes: 64 * 1024 * 1024 };

export type SkipReason = 'unsafe-path' | 'symlink' | 'nested-zip' | 'directory' | 'unsupported-compression' | 'too-large' | 'corrupt';

export interface ZipRead {
  files: { path: string; bytes: Uint8Array }[];
  skipped: { path: string; reason: SkipReason }[];
}

export type ZipFailure = 'not-a-zip' | 'too-many-entries' | 'too-large';

/** Why an entry name is unsafe to use as a path, or null: `..`, absolute paths, drive letters, backslashes, NUL, control characters. */
export function unsafePath(name: string): string | null {
  if (!name) return 'empty name';
  if (/\p{Cc}/u.test(name)) return 'control character or NUL';
  if (name.includes('\\')) return 'backslash';
  if (name.startsWith('/') || /^[A-Za-z]:/.test(name)) return 'absolute path';
  if (name.split('/').some((part) => part === '..')) return 'parent directory (..)';
  return null;
}

interface CentralEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  localOffset: number;
  externalAttrs: number;
}

function centralDirectory(bytes: Uint8Array): CentralEntry[] | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The end-of-central-directory record: within the last 64 KB + 22 bytes (its comment may be up to 64 KB).
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const count = view.getUint16(eocd + 10, true);
  let at = view.getUint32(eocd + 16, true);
  const entries: CentralEntry[] = [];
  const decoder = new TextDecoder();
  for (let n = 0; n < count; n++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== 0x02014b50) return null;
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    if (at + 46 + nameLength > bytes.length) return null;
    entries.push({
      method: view.getUint16(at + 10, true),
      compressedSize: view.getUint32(at + 20, true),
      size: view.getUint32(at + 24, true),
      externalAttrs: view.getUint32(at + 38, true),
      localOffset: view.getUint32(at + 42, true),
      name: decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength)),
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** Reads every safe entry of a zip, skipping (and naming) the rest; fails only if the zip as a whole is unusable. */
export function readZip(
  bytes: Uint8Array,
  limits: ZipLimits = BUNDLE_LIMITS,
): { ok: true; read: ZipRead } | { ok: false; code: ZipFailure } {
  const entries = centralDirectory(bytes);
  if (!entries) return { ok: false, code: 'not-a-zip' };
  if (entries.length > limits.maxEntries) return { ok: false, code: 'too-many-entries' };
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const read: ZipRead = { files: [], skipped: [] };
  let budget = limits.maxTotalBytes;
  for (const e of entries) {
    const skip = (reason: SkipReason) => read.skipped.push({ path: e.name, reason });
    if (unsafePath(e.name)) {
      skip('unsafe-path');
      continue;
    }
    if (e.name.endsWith('/')) continue; // a directory entry carries nothing
    // Unix mode in the high 16 bits: S_IFLNK is a symbolic link.
    if (((e.externalAttrs >>> 16) & 0o170000) === 0o120000) {
      skip('symlink');
      continue;
    }
    if (/\.zip$/i.test(e.name)) {
      skip('nested-zip');
      continue;
    }
    if (e.method !== 0 && e.method !== 8) {
      skip('unsupported-compression');
      continue;
    }
    const at = e.localOffset;
    if (at + 30 > bytes.length || view.getUint32(at, true) !== 0x04034b50) {
      skip('corrupt');
      continue;
    }
    const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
    const data = bytes.subarray(start, start + e.compressedSize);
    if (data.length !== e.compressedSize) {
      skip('corrupt');
      continue;
    }
    const cap = Math.min(limits.maxEntryBytes, budget);
    let out: Uint8Array;
    if (e.method === 0) {
      if (data.length > cap) {
        if (cap < limits.maxEntryBytes) return { ok: false, code: 'too-large' };
        skip('too-large');
        continue;
      }
      out = data.slice();
    } else {
      const inflated = inflateCapped(data, cap);
      if (!inflated.ok) {
        if (inflated.code === 'too-large' && cap < limits.maxEntryBytes) return { ok: false, code: 'too-large' };
        skip(inflated.code === 'too-large' ? 'too-large' : 'corrupt');
        continue;
      }
      out = inflated.bytes;
    }
    budget -= out.length;
    read.files.push({ path: e.name, bytes: out });
  }
  return { ok: true, read };
}
