import type { FusionReport } from '../../core/fusion/ensemble';

const METHODS = ['softUniform', 'softWeighted', 'hard', 'stacking'] as const;

/** The fusion table as JSON: members and methods with their validation accuracy and gain over the best member. */
export function fusionJson(report: FusionReport, names: Record<string, string>) {
  const best = report.bestMember.accuracy;
  return {
    app: 'transfer-lab',
    exportVersion: 1,
    kind: 'fusion',
    members: report.members.map((m) => ({ key: m.id, name: names[m.id] ?? m.id, accuracy: m.accuracy, vsBest: m.accuracy - best })),
    bestMember: report.bestMember.id,
    methods: Object.fromEntries(
      METHODS.map((k) => {
        const m = report.methods[k];
        return [k, { accuracy: m.accuracy, vsBest: m.accuracy - best, ...(k === 'softWeighted' ? { weights: report.methods.softWeighted.weights } : {}), ...(k === 'hard' ? { ties: report.methods.hard.ties } : {}) }];
      }),
    ),
  };
}

export function fusionCsv(report: FusionReport, names: Record<string, string>): string {
  const best = report.bestMember.accuracy;
  const q = (s: string) => `"${s.replace(/"/g, '""')}"`;
  const rows = [
    ...report.members.map((m) => ['member', q(names[m.id] ?? m.id), m.accuracy, m.accuracy - best]),
    ...METHODS.map((k) => ['method', k, report.methods[k].accuracy, report.methods[k].accuracy - best]),
  ];
  return ['row,name,accuracy,vs_best', ...rows.map((r) => r.join(','))].join('\n') + '\n';
}
