import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type Source } from '../config/experiment';
import { MAX_PLANNED_RUNS, planRuns } from './plan';
import { render } from '../../i18n';
import { messageOf } from '../messages';

const zoo = (id: string): Source => ({ kind: 'zoo', id });

describe('the run plan', () => {
  it('one source and a scratch baseline: the classic pair, blue and orange', () => {
    expect(planRuns(DEFAULT_CONFIG).map((r) => [r.id, r.kind, render(r.name), r.color])).toEqual([
      ['transfer', 'transfer', 'Transfer', '#2563eb'],
      ['scratch', 'scratch', 'From scratch', '#ea580c'],
    ]);
  });

  for (let n = 1; n <= MAX_PLANNED_RUNS; n++) {
    it(`every run gets a unique id and colour: ${n} run${n > 1 ? 's' : ''}`, () => {
      for (const scratchBaseline of [false, true]) {
        const sources = Array.from({ length: n - (scratchBaseline ? 1 : 0) }, (_, i) => zoo(`m${i}`));
        if (!sources.length) continue;
        const plan = planRuns({ ...DEFAULT_CONFIG, scratchBaseline }, sources);
        expect(plan).toHaveLength(n);
        expect(new Set(plan.map((r) => r.id)).size).toBe(n);
        expect(new Set(plan.map((r) => r.color)).size).toBe(n);
        plan.forEach((r) => expect(r.color).toMatch(/^#[0-9a-f]{6}$/));
      }
    });
  }

  it('names say which source a run transfers from; more than twelve runs are refused', () => {
    const plan = planRuns({ ...DEFAULT_CONFIG, scratchBaseline: false }, [zoo('digits'), zoo('shapes')]);
    expect(plan.map((r) => render(r.name))).toEqual(['Transfer · digits', 'Transfer · shapes']);
    const said = (() => {
      try {
        planRuns(
          DEFAULT_CONFIG,
          Array.from({ length: 12 }, (_, i) => zoo(`m${i}`)),
        );
        return '(no error)';
      } catch (err) {
        return render(messageOf(err));
      }
    })();
    expect(said).toContain('at most 12 runs; this one plans 13');
  });
});
