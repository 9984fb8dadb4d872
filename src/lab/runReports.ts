import { jumpstart, summariseRun, type RunSummary } from '../core/metrics/summary';
import { render, renderParts } from '../i18n';
import type { RunView } from './runTypes';

/** What the summary table shows and the exports contain: computed once, from the same curves. */
export interface RunReport {
  id: string;
  name: string;
  kind: string;
  status: string;
  description: string;
  summary: RunSummary;
  /** Transfer rows only: first-epoch validation accuracy, transfer − scratch. */
  jumpstart: number | null;
}

export function buildReports(runs: RunView[], threshold: number): RunReport[] {
  const scratch = runs.find((r) => r.info.kind === 'scratch');
  return runs.map((r) => ({
    id: r.info.id,
    name: render(r.info.name),
    kind: r.info.kind,
    status: r.status,
    description: renderParts(r.info.description),
    summary: summariseRun(r.epochs, threshold),
    jumpstart: r.info.kind === 'transfer' && scratch ? jumpstart(r.epochs, scratch.epochs) : null,
  }));
}
