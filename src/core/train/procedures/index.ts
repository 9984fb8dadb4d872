import { cachedProbe } from './cachedProbe';
import { fineTune } from './fineTune';
import { reembedProbe } from './reembedProbe';
import type { ProcedureContext, RunProcedure } from './types';

export type { ProcedureContext, RunProcedure } from './types';

/** The lab's training procedures, most specific first: the first that applies builds the run. */
export const PROCEDURES: readonly RunProcedure[] = [cachedProbe, reembedProbe, fineTune];

/** The procedure that builds this run. */
export function procedureFor(ctx: ProcedureContext, procedures: readonly RunProcedure[] = PROCEDURES): RunProcedure {
  // fineTune and reembedProbe between them cover every run (with a transfer model or without one).
  return procedures.find((p) => p.applies(ctx)) ?? (ctx.built.transfer ? fineTune : reembedProbe);
}
