import type { FusionReport } from '../../core/fusion/ensemble';

const METHODS = ['softUniform', 'softWeighted', 'hard', 'stacking'] as const;

/** The fusion table as JSON: members and methods with their validation accuracy and gain over the best member. */
export type FusionSeed = { seed: number; report: FusionReport };

/** Each method's accuracy and gain over that seed's best member, per seed of a fusion study. */
const perSeed = (study: readonly FusionSeed[]) =>
  study.map(({ seed, report }) => ({
    seed,
    bestMember: report.bestMember.accuracy,
    methods: Object.fromEntries(
      METHODS.map((k) => [k, { accuracy: report.methods[k].accuracy, vsBest: report.methods[k].accuracy - report.bestMember.accuracy }]),
    ),
  }));

export function fusionJson(
  report: FusionReport,
  names: Record<string, string>,
  classNames: readonly string[] = [],
  study: readonly FusionSeed[] = [],
) {
  const best = report.bestMember.accuracy;
  return {
    app: 'transfer-lab',
    exportVersion: 2,
    kind: 'fusion',
    classNames,
    members: report.members.map((m) => ({
      key: m.id,
      name: names[m.id] ?? m.id,
      accuracy: m.accuracy,
      vsBest: m.accuracy - best,
      confusion: m.confusion,
    })),
    bestMember: report.bestMember.id,
    methods: Object.fromEntries(
      METHODS.map((k) => {
        const m = report.methods[k];
        return [
          k,
          {
            accuracy: m.accuracy,
            vsBest: m.accuracy - best,
            confusion: m.confusion,
            ...(k === 'softWeighted' ? { weights: report.methods.softWeighted.weights } : {}),
            ...(k === 'hard' ? { ties: report.methods.hard.ties } : {}),
          },
        ];
      }),
    ),
    seeds: perSeed(study),
  };
}

/** The table on show (seed column empty), then every seed of a fusion study, one row per method. */
export function fusionCsv(report: FusionReport, names: Record<string, string>, study: readonly FusionSeed[] = []): string {
  const best = report.bestMember.accuracy;
  const q = (s: string) => `"${s.replace(/"/g, '""')}"`;
  const rows = [
    ...report.members.map((m) => ['', 'member', q(names[m.id] ?? m.id), m.accuracy, m.accuracy - best]),
    ...METHODS.map((k) => ['', 'method', k, report.methods[k].accuracy, report.methods[k].accuracy - best]),
    ...perSeed(study).flatMap((s) => [
      ['' + s.seed, 'best-member', '', s.bestMember, 0],
      ...METHODS.map((k) => ['' + s.seed, 'method', k, s.methods[k].accuracy, s.methods[k].vsBest]),
    ]),
  ];
  return ['seed,row,name,accuracy,vs_best', ...rows.map((r) => r.join(','))].join('\n') + '\n';
}
