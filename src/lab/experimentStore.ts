import { create } from 'zustand';
import { DEFAULT_CONFIG, type ExperimentConfig, type Forgetting, type Source, type Strategy, type Target } from '../core/config/experiment';
import type { AugmentationKind, Augmentations } from '../core/augment/schema';
import type { Bias } from '../core/data/bias';
import { NO_PREPROCESS, type Preprocess } from '../core/data/preprocess';
import type { Remedies } from '../core/remedies/schema';

/**
 * The experiment being set up, as the one versioned config. Panels edit it through these
 * actions; training, exports (and later share links and persistence) read it as is.
 */
interface ExperimentState {
  config: ExperimentConfig;
  /** Select a source; external ones default to a linear probe (fine-tuning MobileNet at 224 is slow here). */
  setSource(source: Source): void;
  setTarget(target: Target): void;
  setStrategy(strategy: Strategy): void;
  setTraining(patch: Partial<ExperimentConfig['training']>): void;
  setSeed(seed: number): void;
  setSeeds(seeds: number): void;
  /** Replace the whole config (a preset, later a share link or a saved experiment). */
  setConfig(config: ExperimentConfig): void;
  setValidationFraction(f: number): void;
  /** Share of training images set aside for fitting fusion (0 = none). */
  setBlendFraction(f: number): void;
  /** Fix the images and their split to this seed (null: follow the experiment's seed). */
  setSplitSeed(seed: number | null): void;
  setScratchBaseline(on: boolean): void;
  setAugmentation(kind: AugmentationKind, patch: Partial<Augmentations[AugmentationKind]>): void;
  setBias(patch: Partial<Bias>): void;
  setForgetting(patch: Partial<Forgetting>): void;
  setRemedies(patch: Partial<Remedies>): void;
  setPreprocess(patch: Partial<Preprocess>): void;
}

export const useExperimentStore = create<ExperimentState>()((set) => ({
  config: DEFAULT_CONFIG,
  setSource: (source) =>
    set((s) => {
      const wasZoo = s.config.source.kind === 'zoo';
      const isZoo = source.kind === 'zoo';
      const strategy: Strategy = !isZoo ? { kind: 'linear-probe' } : !wasZoo ? DEFAULT_CONFIG.strategy : s.config.strategy;
      return { config: { ...s.config, source, strategy } };
    }),
  // Preprocessing belongs to the images it fixed: another target starts without it.
  setTarget: (target) => set((s) => ({ config: { ...s.config, target, preprocess: NO_PREPROCESS } })),
  setStrategy: (strategy) => set((s) => ({ config: { ...s.config, strategy } })),
  setTraining: (patch) => set((s) => ({ config: { ...s.config, training: { ...s.config.training, ...patch } } })),
  setSeed: (seed) => set((s) => ({ config: { ...s.config, seed } })),
  setSeeds: (seeds) => set((s) => ({ config: { ...s.config, seeds } })),
  // The same experiment again (a restore of what is on show) keeps its object: nothing re-renders.
  setConfig: (config) => set((s) => (JSON.stringify(s.config) === JSON.stringify(config) ? s : { config })),
  setValidationFraction: (f) => set((s) => ({ config: { ...s.config, split: { ...s.config.split, validationFraction: f } } })),
  setBlendFraction: (f) => set((s) => ({ config: { ...s.config, split: { ...s.config.split, blendFraction: f } } })),
  setSplitSeed: (seed) =>
    set((s) => {
      const { seed: _old, ...split } = s.config.split;
      void _old;
      return { config: { ...s.config, split: seed === null ? split : { ...split, seed } } };
    }),
  setScratchBaseline: (on) => set((s) => ({ config: { ...s.config, scratchBaseline: on } })),
  setAugmentation: (kind, patch) =>
    set((s) => ({
      config: { ...s.config, augmentations: { ...s.config.augmentations, [kind]: { ...s.config.augmentations[kind], ...patch } } },
    })),
  setBias: (patch) => set((s) => ({ config: { ...s.config, bias: { ...s.config.bias, ...patch } } })),
  setPreprocess: (patch) => set((s) => ({ config: { ...s.config, preprocess: { ...s.config.preprocess, ...patch } } })),
  setForgetting: (patch) => set((s) => ({ config: { ...s.config, forgetting: { ...s.config.forgetting, ...patch } } })),
  setRemedies: (patch) => set((s) => ({ config: { ...s.config, remedies: { ...s.config.remedies, ...patch } } })),
}));
