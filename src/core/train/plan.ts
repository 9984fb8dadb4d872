import type { ExperimentConfig, Source } from '../config/experiment';
import type { RunKind } from './events';
import { coded, msg, type Msg } from '../messages';
import { RUN_PALETTE } from '../../theme';
import { activeRemedies, onlyRemedy, PLAIN, type RemedyId, type Remedies } from '../remedies/schema';

/**
 * An experiment is a plan of runs: one transfer run per source (usually one), and the
 * from-scratch baseline if the config asks for it. This is the one place that gives each run its
 * id, kind, display name and colour; the engine trains what it lists, and charts, tables and
 * exports draw what it lists.
 */
export interface PlannedRun {
  id: string;
  kind: RunKind;
  /** Its display name, as a message code (the UI renders it in the user's language). */
  name: Msg;
  color: string;
  /** The source a transfer run starts from (null for scratch). */
  source: Source | null;
  /** The remedies it trains with (core/remedies); the scratch twin and a comparison's plain run have none. */
  remedies: Remedies;
  /** In a remedy comparison, the remedy this run adds to plain transfer. */
  remedy?: RemedyId;
}

/** A comparison run's id: `transfer-` and the remedy in kebab case (ids are lower-case). */
export const remedyRunId = (id: RemedyId): string => `transfer-${id.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

/** The run palette lives with the lab's other colours; re-exported for the plan's users. */
export { RUN_PALETTE };
export const MAX_PLANNED_RUNS = RUN_PALETTE.length;
/** Transfer runs take the palette in this order: scratch's orange (index 1) last, so it is used only without scratch. */
const TRANSFER_ORDER = [0, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 1];

/** Short, stable text for a source in ids and names. */
export function sourceLabel(source: Source): string {
  return source.kind === 'custom' ? source.name : source.id;
}

/** The runs of `config`, transferring from each of `sources` (default: the config's own source). */
export function planRuns(config: ExperimentConfig, sources: readonly Source[] = [config.source]): PlannedRun[] {
  if (!sources.length) throw coded('msg.plan.noSource');
  const single = sources.length === 1;
  // A remedy comparison: plain transfer, then transfer with each remedy alone (one source only).
  const compared = single && config.remedies.compare ? activeRemedies(config.remedies) : [];
  const total = sources.length + compared.length + (config.scratchBaseline ? 1 : 0);
  if (total > MAX_PLANNED_RUNS) throw coded('msg.plan.tooManyRuns', MAX_PLANNED_RUNS, total);
  const remedies = compared.length ? PLAIN : { ...config.remedies, compare: false };
  const transfers: PlannedRun[] = sources.map((source, i) => ({
    id: single ? 'transfer' : `transfer-${i + 1}`,
    kind: 'transfer',
    name: single ? msg('msg.run.transfer') : msg('msg.run.transferFrom', sourceLabel(source)),
    color: RUN_PALETTE[TRANSFER_ORDER[i]],
    source,
    remedies,
  }));
  const withRemedy: PlannedRun[] = compared.map((id, i) => ({
    id: remedyRunId(id),
    kind: 'transfer',
    name: msg('msg.run.transferWith', id),
    color: RUN_PALETTE[TRANSFER_ORDER[i + 1]],
    source: sources[0],
    remedies: onlyRemedy(config.remedies, id),
    remedy: id,
  }));
  const scratch: PlannedRun[] = config.scratchBaseline
    ? [{ id: 'scratch', kind: 'scratch', name: msg('msg.run.scratch'), color: RUN_PALETTE[1], source: null, remedies: PLAIN }]
    : [];
  return [...transfers, ...withRemedy, ...scratch];
}
