import { z } from 'zod';

/**
 * Remedies for the data-bias challenges (issue 31): each is a switch in the config, off by
 * default, so configs written before they existed open unchanged. They act on the transfer runs
 * of a plan; the from-scratch twin stays the plain baseline it always was.
 */
export const RemediesSchema = z.strictObject({
  /** Label smoothing ε: the target is (1 − ε)·one-hot + ε/K. 0 = off. */
  labelSmoothing: z.number().min(0).max(0.5).default(0),
  /** Generalised cross-entropy (Zhang & Sabuncu 2018): (1 − p_y^q)/q. 0 = off, else q ∈ (0, 1]. */
  gce: z.number().min(0).max(1).default(0),
  /**
   * Small-loss selection (co-teaching's idea, Han et al. 2018): each batch trains on its (1 − r)
   * smallest losses, r ramping from 0 to this over the first fifth of the epochs. 0 = off.
   */
  smallLoss: z.number().min(0).max(0.8).default(0),
  /** Class-balanced loss weights by the effective number of samples (Cui et al. 2019), β. 0 = off. */
  classBalanced: z.number().min(0).max(0.9999).default(0),
  /** Class-balanced re-sampling: every class equally likely in a batch. */
  resample: z.boolean().default(false),
  /** Post-hoc logit adjustment (Menon et al. 2021): predict argmax log p_y − τ·log π_y. 0 = off. */
  logitAdjust: z.number().min(0).max(3).default(0),
  /** Train plain transfer beside one transfer run per remedy switched on (same split, seeds, batches, budget). */
  compare: z.boolean().default(false),
});
export type Remedies = z.infer<typeof RemediesSchema>;
export const DEFAULT_REMEDIES: Remedies = RemediesSchema.parse({});

/** The remedies in the order the panel lists them and a comparison runs them. */
export const REMEDY_IDS = ['labelSmoothing', 'gce', 'smallLoss', 'classBalanced', 'resample', 'logitAdjust'] as const;
export type RemedyId = (typeof REMEDY_IDS)[number];

/** Which challenge a remedy answers, and so the metric its comparison is judged on. */
export const REMEDY_METRIC: Readonly<Record<RemedyId, 'valAccuracy' | 'balancedAccuracy'>> = {
  labelSmoothing: 'valAccuracy',
  gce: 'valAccuracy',
  smallLoss: 'valAccuracy',
  classBalanced: 'balancedAccuracy',
  resample: 'balancedAccuracy',
  logitAdjust: 'balancedAccuracy',
};

/** Each remedy's setting when switched on in the panel (a noise rate, a β, a τ…). */
export const REMEDY_DEFAULTS: Readonly<{ [K in RemedyId]: Exclude<Remedies[K], 0 | false> }> = {
  labelSmoothing: 0.1,
  gce: 0.7,
  smallLoss: 0.4,
  classBalanced: 0.999,
  resample: true,
  logitAdjust: 1,
};

export const remedyOn = (r: Remedies, id: RemedyId): boolean => (id === 'resample' ? r.resample : r[id] > 0);

/** The remedies switched on, in panel order. */
export const activeRemedies = (r: Remedies): RemedyId[] => REMEDY_IDS.filter((id) => remedyOn(r, id));

/** `r` with only `id` left on (what one run of a comparison trains with). */
export function onlyRemedy(r: Remedies, id: RemedyId): Remedies {
  const plain: Remedies = { ...DEFAULT_REMEDIES, compare: false };
  return { ...plain, [id]: r[id] };
}

/** No remedy at all: what plain runs (and the scratch twin) train with. */
export const PLAIN: Remedies = DEFAULT_REMEDIES;
