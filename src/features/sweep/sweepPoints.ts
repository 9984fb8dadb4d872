import type { StudyRun, studyPlan } from '../../lab/studyStore';

/**
 * One point per N: the final validation (and shifted-test) accuracy of every planned run, keyed
 * by run id (`transfer`, `scratch`, `transfer-2`, …) and `<id>Shifted`; null where it has none.
 */
export type SweepPoint = { samplesPerClass: number } & Record<string, number | null>;

export type PlanEntry = ReturnType<typeof studyPlan>[number];

/** The sweep's points from its variants' last epochs, in the order the variants ran. */
export function sweepPoints(variants: readonly StudyRun[], plan: readonly PlanEntry[]): SweepPoint[] {
  return variants.map((v) => {
    const point: SweepPoint = { samplesPerClass: v.samplesPerClass === 'all' ? Infinity : v.samplesPerClass };
    for (const { id } of plan) {
      const last = v.runs.find((r) => r.id === id)?.epochs.at(-1);
      point[id] = last?.valAccuracy ?? null;
      point[`${id}Shifted`] = last?.shiftedAccuracy ?? null;
    }
    return point;
  });
}

export function sweepCsv(points: SweepPoint[], plan: readonly PlanEntry[]): string {
  const columns = ['samplesPerClass', ...plan.map((r) => r.id), ...plan.map((r) => `${r.id}Shifted`)];
  return [columns.join(','), ...points.map((p) => columns.map((c) => p[c] ?? '').join(','))].join('\n') + '\n';
}
