import type { ExperimentConfig } from '../../src/core/config/experiment';
import { studySeeds } from '../../src/core/config/keys';

/**
 * An independent seed set: the study's seeds base, base + 1, … (as the Seeds field runs them),
 * and the synthetic target redrawn from the set's own seed. A built-in shapes target is drawn by
 * its generator seed (`target.ref.seed`); the set replaces it with its base, so every set trains
 * and validates on other images. A packed target (MNIST, Fashion-MNIST) has no generator: its
 * images are picked and split by the experiment's seed (`split.seed` absent), which the set's
 * seeds already change.
 */
export interface SeedSet {
  base: number;
  seeds: number[];
  /** The synthetic target's generator seed in this set, or null for a packed target. */
  targetSeed: number | null;
}

/** The preset's config for one set: its seeds from `base`, its synthetic target redrawn from `base`. */
export function forSet(config: ExperimentConfig, base: number, seedsPerSet: number): { config: ExperimentConfig; set: SeedSet } {
  const out: ExperimentConfig = { ...config, seed: base, seeds: seedsPerSet };
  let targetSeed: number | null = null;
  if (config.target.kind === 'builtin' && config.target.ref.kind === 'shapes') {
    targetSeed = base;
    out.target = { ...config.target, ref: { ...config.target.ref, seed: targetSeed } };
  }
  return { config: out, set: { base, seeds: studySeeds(out), targetSeed } };
}

/** One seed of a study as one engine run: the config with that seed (as e2e/calibration.spec.ts runs a study, seed by seed). */
export const seedConfig = (config: ExperimentConfig, seed: number, seeds = config.seeds): ExperimentConfig => ({ ...config, seed, seeds });

type Json = string | number | boolean | null | Json[] | { [k: string]: Json };

/** Deep-merges a JSON override into a config (objects merge, everything else replaces). */
export function override<T>(config: T, patch: Json | undefined): T {
  if (patch === undefined) return config;
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch) || typeof config !== 'object' || config === null)
    return patch as T;
  const out: Record<string, unknown> = { ...(config as Record<string, unknown>) };
  for (const [k, v] of Object.entries(patch)) out[k] = override(out[k], v);
  return out as T;
}
