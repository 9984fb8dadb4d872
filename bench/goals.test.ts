import { describe, expect, it } from 'vitest';
import { evaluateGoals, goalsTable, GOALS, recordedGoals, REPORTED, type Goal } from './goals';

const goals: Goal[] = [
  { metric: 'engine_overhead_ratio', comparison: '<=', threshold: 1.1, shown: '1.10', means: 'engine ≤ fit + 10%' },
  { metric: 'probe_cached_speedup', comparison: '>=', threshold: 10, means: 'cache pays' },
  { metric: 'tensor_drift_20_epochs', comparison: '==', threshold: 0, means: 'no leaks' },
  { metric: 'main_thread_longest_task_ms', comparison: '<', threshold: 50, means: 'no long task' },
];
const allMet = { engine_overhead_ratio: 1.1, probe_cached_speedup: 19.3, tensor_drift_20_epochs: 0, main_thread_longest_task_ms: 0 };

describe('bench goals', () => {
  it('passes when every goal is met, thresholds included', () => {
    const check = evaluateGoals(allMet, goals);
    expect(check.ok).toBe(true);
    expect(check.missed).toEqual([]);
    expect(check.results.every((r) => r.met && r.reason === undefined)).toBe(true);
    expect(goalsTable(check)).toMatch(/^Goals: 4 of 4 met\n/);
  });

  it('fails a missed goal, saying by how much', () => {
    const check = evaluateGoals({ ...allMet, engine_overhead_ratio: 1.234, main_thread_longest_task_ms: 50 }, goals);
    expect(check.ok).toBe(false);
    expect(check.missed).toEqual(['engine_overhead_ratio', 'main_thread_longest_task_ms']);
    expect(check.results[0]).toMatchObject({ met: false, value: 1.234, goal: '≤ 1.10', reason: '1.23 is not ≤ 1.10' });
    expect(check.results[3]!.reason).toBe('50 is not < 50');
    expect(goalsTable(check)).toContain('missed: engine_overhead_ratio, main_thread_longest_task_ms');
  });

  it('fails a goal whose metric is missing or not a number, with the reason', () => {
    const without: Record<string, number> = { ...allMet, tensor_drift_20_epochs: Number.NaN };
    delete without.probe_cached_speedup;
    const check = evaluateGoals(without, goals);
    expect(check.ok).toBe(false);
    expect(check.missed).toEqual(['probe_cached_speedup', 'tensor_drift_20_epochs']);
    expect(check.results[1]).toMatchObject({ met: false, value: null, reason: 'not measured: results have no "probe_cached_speedup"' });
    expect(check.results[2]!.reason).toBe('not a number: NaN');
  });

  it('records verdicts by metric for results.json', () => {
    const recorded = recordedGoals(evaluateGoals({ ...allMet, tensor_drift_20_epochs: 3 }, goals));
    expect(recorded.probe_cached_speedup).toEqual({ goal: '≥ 10', means: 'cache pays', met: true });
    expect(recorded.tensor_drift_20_epochs).toEqual({ goal: '= 0', means: 'no leaks', met: false, reason: '3 is not = 0' });
  });

  it('the written goals name each metric once and never a report-only one', () => {
    const metrics = GOALS.map((g) => g.metric);
    expect(new Set(metrics).size).toBe(metrics.length);
    expect(metrics.filter((m) => m in REPORTED)).toEqual([]);
    expect(GOALS.every((g) => Number.isFinite(g.threshold) && g.means.length > 0)).toBe(true);
  });
});
