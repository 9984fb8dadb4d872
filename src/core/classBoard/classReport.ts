import { meanCI, transferReport, type Interval, type TransferReport } from '../metrics/transfer';
import { PRESET_SPREAD, type PresetSpread } from '../presetSpread';
import { PRESETS, PRESET_FLOW, PRESET_IDS, type PresetId } from '../presets';
import { experimentFingerprint } from '../config/keys';
import type { ExperimentConfig } from '../config/experiment';
import type { Board, Student } from './board';

/**
 * What the board shows, from its students alone: each student's final accuracies and transfer
 * gap, the class's transfer report (students stand where seeds stand in a study: the same
 * verdict rule, the same 95% CI), who saw negative transfer, who is an outlier, and how the class
 * compares with the preset's calibrated range when the experiment is a preset's.
 */

type Run = Student['runs'][number];
export interface PlanRun {
  id: string;
  kind: Run['kind'];
  name: Run['name'];
  color: string;
}

export interface StudentFigures {
  seed: number;
  nickname: string | null;
  /** Final validation accuracy by run id (null: the student has no such run). */
  finals: Record<string, number | null>;
  /** Negative transfer gap, scratch − transfer final accuracy (> 0: transfer hurt); null without both runs. */
  ntg: number | null;
  outlier: boolean;
}

export interface PresetComparison {
  preset: PresetId;
  spread: PresetSpread;
  /** The class's mean of the preset's headline metric, and how many students fell inside the calibrated range. */
  classMean: number;
  inside: number;
  of: number;
  /** The verdict the preset's calibration implies (positive or negative transfer), if it implies one. */
  expected: 'positive' | 'negative' | null;
}

export interface ClassReport {
  students: StudentFigures[];
  /** Every run of the plan, in the first student's order (later students' extra runs appended). */
  plan: PlanRun[];
  /** Mean final accuracy with its 95% CI, by run id. */
  finals: Record<string, Interval>;
  /** Students as seeds: null until at least one student has a transfer and a scratch run. */
  transfer: TransferReport | null;
  /** Students whose transfer run ended below their scratch run. */
  negative: number;
  preset: PresetComparison | null;
}

const final = (run: Run | undefined): number | null => run?.epochs.at(-1)?.valAccuracy ?? null;
const firstOf = (s: Student, kind: Run['kind']) => s.runs.find((r) => r.kind === kind);

/** Quantile by linear interpolation between order statistics (R's type 7, NumPy's default). */
export function quantile(sorted: readonly number[], p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  return sorted[lo] + (h - lo) * ((sorted[Math.min(lo + 1, sorted.length - 1)] ?? sorted[lo]) - sorted[lo]);
}

/** Tukey's fences: with four or more values, those beyond 1.5 interquartile ranges of the quartiles. */
export function tukeyOutliers(values: readonly number[]): boolean[] {
  if (values.length < 4) return values.map(() => false);
  const sorted = [...values].sort((a, b) => a - b);
  const q1 = quantile(sorted, 0.25);
  const q3 = quantile(sorted, 0.75);
  const reach = 1.5 * (q3 - q1);
  return values.map((v) => v < q1 - reach || v > q3 + reach);
}

/** The preset this experiment is, one seed per student (a class link runs one seed each), if any. */
export function presetOf(config: ExperimentConfig): PresetId | null {
  const key = experimentFingerprint({ ...config, seeds: 1 });
  return PRESET_IDS.find((id) => experimentFingerprint({ ...PRESETS[id], seeds: 1 }) === key) ?? null;
}

function comparePreset(config: ExperimentConfig, figures: StudentFigures[]): PresetComparison | null {
  const preset = presetOf(config);
  if (!preset || PRESET_FLOW[preset] !== 'seeds') return null;
  const spread = PRESET_SPREAD[preset];
  if (spread.metric !== 'ntg' && spread.metric !== 'asymptoticGain') return null;
  const values = figures.flatMap((f) => (f.ntg === null ? [] : [spread.metric === 'ntg' ? f.ntg : -f.ntg]));
  if (!values.length) return null;
  const positiveMetric = spread.metric === 'asymptoticGain';
  return {
    preset,
    spread,
    classMean: values.reduce((s, v) => s + v, 0) / values.length,
    inside: values.filter((v) => v >= spread.min && v <= spread.max).length,
    of: values.length,
    expected: spread.min > 0 ? (positiveMetric ? 'positive' : 'negative') : null,
  };
}

export function classReport(board: Board, threshold: number): ClassReport {
  const plan: PlanRun[] = [];
  for (const s of board.students)
    for (const r of s.runs) if (!plan.some((p) => p.id === r.id)) plan.push({ id: r.id, kind: r.kind, name: r.name, color: r.color });
  const ntgs = board.students.map((s) => {
    const t = final(firstOf(s, 'transfer'));
    const sc = final(firstOf(s, 'scratch'));
    return t === null || sc === null ? null : sc - t;
  });
  const known = ntgs.flatMap((v, i) => (v === null ? [] : [{ v, i }]));
  const flags = tukeyOutliers(known.map((k) => k.v));
  const outlier = new Set(known.filter((_, j) => flags[j]).map((k) => k.i));
  const students = board.students.map((s, i): StudentFigures => ({
    seed: s.seed,
    nickname: s.nickname,
    finals: Object.fromEntries(plan.map((p) => [p.id, final(s.runs.find((r) => r.id === p.id))])),
    ntg: ntgs[i],
    outlier: outlier.has(i),
  }));
  const finals: Record<string, Interval> = {};
  for (const p of plan) {
    const values = students.flatMap((s) => (s.finals[p.id] === null ? [] : [s.finals[p.id] as number]));
    if (values.length) finals[p.id] = meanCI(values);
  }
  const pairs = board.students.flatMap((s) => {
    const t = firstOf(s, 'transfer');
    const sc = firstOf(s, 'scratch');
    return t?.epochs.length && sc?.epochs.length ? [{ transfer: t.epochs, scratch: sc.epochs }] : [];
  });
  return {
    students,
    plan,
    finals,
    transfer: pairs.length ? transferReport(pairs, threshold) : null,
    negative: known.filter((k) => k.v > 0).length,
    preset: board.config ? comparePreset(board.config, students) : null,
  };
}
