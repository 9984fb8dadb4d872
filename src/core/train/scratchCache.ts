import type { Msg } from '../messages';
import type { EpochMetrics, RunResult } from './events';

/**
 * Finished from-scratch baselines, by everything that decides them (scratchKey, core/config/keys.ts).
 * A scratch run never sees the source model: its architecture is the zoo's (or the small CNN's,
 * for external sources), its head is seeded by the seed alone, and its batches and augmentation
 * draws by (seed, step). So comparing several sources on one target — the colour-shortcut and the
 * mismatched-domain presets, or L2-SP against plain fine-tuning — trains the same baseline once
 * and replays it.
 */
export interface ScratchRecord {
  description: Msg[];
  epochs: EpochMetrics[];
  batches: { step: number; examplesSeen: number; loss: number }[];
  result: RunResult | null;
  /** The trained baseline as TF.js layers files, so a replayed baseline can still be drawn and explained (feature maps, saliency). */
  files?: { modelJson: string; weights: Uint8Array };
}

const MAX_ENTRIES = 32;

export class ScratchCache {
  private readonly entries = new Map<string, ScratchRecord>();
  /** Baselines replayed instead of trained, since creation: tests and the UI read it. */
  hits = 0;

  get(key: string): ScratchRecord | null {
    const hit = this.entries.get(key);
    if (!hit) return null;
    // Least recently used goes first: re-insert on use.
    this.entries.delete(key);
    this.entries.set(key, hit);
    this.hits++;
    return hit;
  }

  set(key: string, record: ScratchRecord): void {
    this.entries.set(key, record);
    while (this.entries.size > MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
  }
}
