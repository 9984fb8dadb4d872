import type { RunBudget, RunStatus } from '../core/train/events';
import { compactResults, type SharedResults } from '../core/share/link';
import { toMsg } from '../core/messages';
import type { RunView } from './runTypes';

/** A results snapshot (from a link or storage) as finished runs the charts and summary draw as usual. */
export function runViewsFromShared(results: SharedResults): RunView[] {
  return results.runs.map((r) => ({
    info: { id: r.id, name: toMsg(r.name), kind: r.kind, description: [], color: r.color },
    color: r.color,
    visible: true,
    status: r.status,
    epochs: r.epochs,
    batches: [],
    result: r.confusion
      ? {
          classNames: results.classNames,
          confusion: r.confusion,
          perClassAccuracy: r.confusion.map(
            (row, c) =>
              row[c] /
              Math.max(
                1,
                row.reduce((a, b) => a + b, 0),
              ),
          ),
          misclassified: [],
        }
      : undefined,
  }));
}

/**
 * The runs as a snapshot a link can carry, or null if there are none. With `live` (for storage)
 * runs still training are included, marked interrupted.
 */
export function snapshotRuns(
  runs: readonly RunView[],
  budget: RunBudget | null,
  classNames: string[],
  live: boolean,
): SharedResults | null {
  const ended = (status: RunStatus) => status === 'done' || status === 'stopped' || status === 'diverged' || status === 'interrupted';
  const kept = runs.filter((r) => (live ? true : r.epochs.length && ended(r.status)));
  if (!kept.length || !budget) return null;
  return compactResults({
    budget,
    classNames,
    runs: kept.map((r) => ({
      id: r.info.id,
      kind: r.info.kind,
      name: r.info.name,
      color: r.color,
      status: ended(r.status) ? (r.status as 'done') : 'interrupted',
      epochs: r.epochs,
      ...(r.result ? { confusion: r.result.confusion } : {}),
    })),
  });
}
