import { describe, expect, it } from 'vitest';
import { accountMemory, formatBytes } from './memory';

describe('memory accounting', () => {
  it('1,000 photos at 224 as uint8 plus their 32×32 copies, and MobileNet 0.25 embeddings as float32', () => {
    const report = accountMemory({
      images: [
        { count: 1000, side: 224, channels: 3 },
        { count: 1000, side: 32, channels: 3 },
      ],
      embeddings: { count: 1000, dims: 256 },
      tensorBytes: 2_000_000,
    });
    expect(report.imageBytes).toBe(1000 * 224 * 224 * 3 + 1000 * 32 * 32 * 3); // 153.6 MB: far from a tab's limit
    expect(report.embeddingBytes).toBe(1000 * 256 * 4);
    expect(report.total).toBe(report.imageBytes + report.embeddingBytes + 2_000_000);
  });

  it('formats sizes the way browsers show downloads', () => {
    expect(formatBytes(999)).toBe('999 B');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(153_600_000)).toBe('154 MB');
    expect(formatBytes(2.5e9)).toBe('2.5 GB');
  });
});
