import { bandOverSeeds, meanCI, type Interval, type TransferReport } from '../../core/metrics/transfer';
import type { ExplainTopic } from '../../i18n/explain.en';
import { ui } from '../../i18n';
import { curvesOf, type StudyRun, type studyPlan } from '../../lab/studyStore';
import { pctTick } from '../../ui/charts/percent';

const s = ui.seeds;
const points = (v: number) => `${v >= 0 ? '+' : ''}${(v * 100).toFixed(1)}`;

/** A band row's cell: a mean, or a band's low – high, in percent. */
export const bandCell = (v: number | [number, number] | null | undefined) =>
  v == null ? null : Array.isArray(v) ? `${pctTick(v[0])} – ${pctTick(v[1])}` : pctTick(v);

/** "+12.3 pts [8.1, 16.5]" — a mean with its 95% CI. */
export function ci(i: Interval | null, fmt: (v: number) => string = points, unit = s.ptsUnit): string {
  if (!i) return '—';
  return i.n > 1 ? `${fmt(i.mean)}${unit} [${fmt(i.lo)}, ${fmt(i.hi)}]` : `${fmt(i.mean)}${unit}`;
}

/** Mean final validation accuracy over the seeds that finished the run, with its CI. */
export function finalAccuracy(curves: readonly (readonly { valAccuracy: number }[])[]): Interval | null {
  const finals = curves.flatMap((c) => (c.length ? [c.at(-1)!.valAccuracy] : []));
  return finals.length ? meanCI(finals) : null;
}

export type Row = Record<string, number | [number, number] | null>;
/** One run of the study's plan (transfer, scratch, …): its id, name, kind and colour. */
export type PlanEntry = ReturnType<typeof studyPlan>[number];
export type Band = 'ci' | 'minmax';

/** A transfer run against the scratch baseline, over the seeds that finished both. */
export interface ComparedRun {
  run: PlanEntry;
  report: TransferReport;
}

/** Per-epoch mean and band of validation accuracy for every planned run, plus each seed's own curve. */
export function bandRows(variants: readonly StudyRun[], plan: readonly PlanEntry[], band: Band): Row[] {
  const rows: Row[] = [];
  for (const run of plan) {
    const curves = curvesOf(variants, run.id).map((c) => c.map((m) => m.valAccuracy));
    bandOverSeeds(curves, band).forEach((b, e) => {
      const row = (rows[e] ??= { epoch: e + 1 });
      row[`${run.id}_mean`] = Number.isFinite(b.mean) ? b.mean : null;
      row[`${run.id}_band`] = Number.isFinite(b.mean) ? [b.lo, b.hi] : null;
      curves.forEach((c, i) => (row[`${run.id}_seed${i}`] = c[e] ?? null));
    });
  }
  return rows;
}

/** The transfer metrics' rows: label, help, Explain topic, and how a report fills its cell. */
export const metricRows = (
  threshold: number,
): { testId: string; label: string; help: string; topic: ExplainTopic; cell: (r: TransferReport) => string }[] => [
  { testId: 'metric-jumpstart', label: s.metrics.jumpstart, help: s.help.jumpstart, topic: 'jumpstart', cell: (r) => ci(r.jumpstart) },
  { testId: 'metric-gain', label: s.metrics.gain, help: s.help.gain, topic: 'gain', cell: (r) => ci(r.asymptoticGain) },
  {
    testId: 'metric-auc-ratio',
    label: s.metrics.aucRatio,
    help: s.help.aucRatio,
    topic: 'auc',
    cell: (r) => ci(r.aucRatio, (v) => v.toFixed(2), '×'),
  },
  {
    testId: 'metric-threshold',
    label: s.metrics.toThreshold(threshold),
    help: s.help.toThreshold,
    topic: 'threshold',
    cell: (r) =>
      `${s.runs.transfer}: ${ci(r.epochsToThreshold.transfer, (v) => v.toFixed(1), '')} · ${s.runs.scratch}: ${ci(r.epochsToThreshold.scratch, (v) => v.toFixed(1), '')}`,
  },
  { testId: 'metric-ntg', label: s.metrics.ntg, help: s.help.ntg, topic: 'ntg', cell: (r) => ci(r.ntg) },
];
