import type { FusionReport } from '../core/fusion/ensemble';
import type { FusionRefusal } from '../core/fusion/keptRunKeys';
import type { KeptRunSummary } from '../core/fusion/keptRuns';
import type { SoupResult } from '../core/fusion/soupEval';
import type { FusionSnapshot, MemberLabel } from './persist/analyses';

/** The fusion lab: finished runs the engine kept (trained with a blend split), chosen and combined. */
export interface FusionState {
  kept: KeptRunSummary[];
  selected: string[];
  report: FusionReport | null;
  /** The keys the report is for, in order. */
  reportFor: string[];
  refusal: FusionRefusal | null;
  busy: boolean;
  /** The latest soup (or why it was refused), for the keys it was asked for. */
  soup: SoupResult | null;
  soupFor: string[];
  /** The fusion preset's study: each seed's experiment fused as it finished. */
  study: { seed: number; keys: string[]; report: FusionReport }[];
  /**
   * How the members of the report and the study are named and coloured, and the classes, taken
   * when they were fused: kept runs live in the worker and are gone after a reload, the report is not.
   */
  labels: Record<string, MemberLabel>;
  classNames: string[];
  snapshot(): FusionSnapshot;
  restore(snapshot: FusionSnapshot | null): void;
  /** Fuses every kept run of the latest experiment (seed `seed` of a study) and adds it to the study. */
  fuseLatest(seed: number): Promise<void>;
  clearStudy(): void;
  refresh(): Promise<void>;
  makeSoup(mode: 'uniform' | 'greedy', force?: boolean): Promise<void>;
  toggle(key: string): void;
  combine(): Promise<void>;
  discard(): Promise<void>;
}
