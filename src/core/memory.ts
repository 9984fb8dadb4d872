/**
 * What the lab holds in memory, in the units a user can relate to. Target images are uint8 at the
 * model's input size (224×224×3 = 147 KB each); embeddings are float32 rows, kept once.
 */
export interface MemoryParts {
  /** Images held for training, per stored size. */
  images: { count: number; side: number; channels: number }[];
  /** Cached rows; `bytes` (exact, over backbones of different widths) wins over count × dims × 4. */
  embeddings: { count: number; dims: number; bytes?: number };
  /** Bytes in TF.js tensors (weights, optimizer state, GPU textures of live batches). */
  tensorBytes: number;
}

export interface MemoryReport {
  imageBytes: number;
  embeddingBytes: number;
  tensorBytes: number;
  total: number;
}

export function accountMemory(parts: MemoryParts): MemoryReport {
  const imageBytes = parts.images.reduce((n, s) => n + s.count * s.side * s.side * s.channels, 0);
  const embeddingBytes = parts.embeddings.bytes ?? parts.embeddings.count * parts.embeddings.dims * 4;
  return { imageBytes, embeddingBytes, tensorBytes: parts.tensorBytes, total: imageBytes + embeddingBytes + parts.tensorBytes };
}

/** 1536 → "1.5 KB"; decimal prefixes match what browsers and OSes show for downloads. */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB'];
  let v = bytes;
  let u = -1;
  do {
    v /= 1000;
    u++;
  } while (v >= 1000 && u < units.length - 1);
  return `${v < 10 ? v.toFixed(1) : Math.round(v)} ${units[u]}`;
}
