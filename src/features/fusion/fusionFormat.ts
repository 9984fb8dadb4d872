import { ui } from '../../i18n';

export const t = ui.fusion;
export const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
export const pts = (x: number) => `${x >= 0 ? '+' : '−'}${Math.abs(x * 100).toFixed(1)}${ui.seeds.ptsUnit}`;
export const METHODS = ['softUniform', 'softWeighted', 'hard', 'stacking'] as const;
export type FusionMethod = (typeof METHODS)[number];
