import { z } from 'zod';

export const AUGMENTATION_KINDS = [
  'hflip',
  'vflip',
  'rotate',
  'rot90',
  'crop',
  'translate',
  'noise',
  'brightness',
  'contrast',
  'saturation',
  'hue',
  'blur',
  'cutout',
] as const;
export type AugmentationKind = (typeof AUGMENTATION_KINDS)[number];

/** Bounds only: the names people read are in the language modules (i18n `augment.kinds`). */
export interface AugmentationInfo {
  /** Slider bounds, also enforced by the schema. min === max means the kind has no strength (hide the slider). */
  min: number;
  max: number;
  step: number;
}

/**
 * What `strength` means per kind (every kind: higher = stronger):
 * - hflip, vflip, rot90: unused (always 1); rot90 turns by a random k ∈ {1,2,3} quarter turns (square images).
 * - rotate: max |angle| in degrees, angle ~ U(-s, s).
 * - crop: max fraction of the area cut away by a random resized crop; kept area ~ U(1-s, 1), aspect ~ logU over [3/4, 4/3] ∩ [area, 1/area] (s = 0 is the identity).
 * - translate: max shift per axis as a fraction of the side.
 * - noise: Gaussian std in pixel units ([0,1] images).
 * - brightness: max additive delta, delta ~ U(-s, s).
 * - contrast / saturation: factor ~ U(1-s, 1+s).
 * - hue: max hue rotation as a fraction of a full turn.
 * - blur: Gaussian sigma in pixels (fixed; p decides which images are blurred).
 * - cutout: side of the zeroed square as a fraction of the shorter image side.
 */
export const AUGMENTATION_INFO: Record<AugmentationKind, AugmentationInfo> = {
  hflip: { min: 1, max: 1, step: 1 },
  vflip: { min: 1, max: 1, step: 1 },
  rotate: { min: 0, max: 180, step: 1 },
  rot90: { min: 1, max: 1, step: 1 },
  crop: { min: 0, max: 0.7, step: 0.05 },
  translate: { min: 0, max: 0.5, step: 0.01 },
  noise: { min: 0, max: 0.5, step: 0.01 },
  brightness: { min: 0, max: 0.5, step: 0.01 },
  contrast: { min: 0, max: 0.9, step: 0.05 },
  saturation: { min: 0, max: 1, step: 0.05 },
  hue: { min: 0, max: 0.5, step: 0.01 },
  blur: { min: 0.1, max: 3, step: 0.1 },
  cutout: { min: 0.05, max: 0.6, step: 0.05 },
};

const DEFAULT_STRENGTH: Record<AugmentationKind, number> = {
  hflip: 1,
  vflip: 1,
  rotate: 15,
  rot90: 1,
  crop: 0.3,
  translate: 0.1,
  noise: 0.05,
  brightness: 0.2,
  contrast: 0.3,
  saturation: 0.3,
  hue: 0.05,
  blur: 1,
  cutout: 0.3,
};

const entry = (kind: AugmentationKind) => {
  const { min, max } = AUGMENTATION_INFO[kind];
  const strength = DEFAULT_STRENGTH[kind];
  return (
    z
      .strictObject({
        enabled: z.boolean().default(false),
        p: z.number().min(0).max(1).default(0.5),
        strength: z.number().min(min).max(max).default(strength),
      })
      // A factory, so parsed configs never share (and mutate) one default object.
      .default(() => ({ enabled: false, p: 0.5, strength }))
  );
};

const shape = Object.fromEntries(AUGMENTATION_KINDS.map((k) => [k, entry(k)])) as { [K in AugmentationKind]: ReturnType<typeof entry> };

/** One entry per kind; `{}` (or any missing key) parses to the all-off defaults. */
export const AugmentationsSchema = z.strictObject(shape);
export type Augmentations = z.infer<typeof AugmentationsSchema>;

export const DEFAULT_AUGMENTATIONS: Augmentations = AugmentationsSchema.parse({});

/** Kinds that can change an image (enabled with p > 0), in AUGMENTATION_KINDS order. */
export function enabledKinds(a: Augmentations): AugmentationKind[] {
  return AUGMENTATION_KINDS.filter((k) => a[k].enabled && a[k].p > 0);
}
