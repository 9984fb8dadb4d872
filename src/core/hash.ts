/**
 * A 64-bit FNV-1a-style content hash (two independent 32-bit lanes) over byte chunks, as a short
 * string. Not cryptographic: it keys caches by content (images, model weights), where an accidental
 * collision of 2^-64 is the only risk, and it runs in a worker on megabytes in milliseconds.
 */
export function hashBytes(chunks: readonly Uint8Array[], seed1 = 0x811c9dc5, seed2 = 0x9e3779b9): string {
  let h1 = seed1 >>> 0;
  let h2 = seed2 >>> 0;
  for (const bytes of chunks) {
    h1 = Math.imul(h1 ^ bytes.length, 16777619);
    for (let j = 0; j < bytes.length; j++) {
      h1 = Math.imul(h1 ^ bytes[j], 16777619);
      h2 = Math.imul(h2 ^ bytes[j], 2246822519);
    }
  }
  return `${(h1 >>> 0).toString(36)}${(h2 >>> 0).toString(36)}`;
}
