import { describe, expect, it } from 'vitest';
import { ceilingTicks, niceTicks } from './ticks';

describe('niceTicks', () => {
  it('puts about five round integer ticks inside the span', () => {
    expect(niceTicks(1, 10)).toEqual([2, 4, 6, 8, 10]);
    expect(niceTicks(0, 59)).toEqual([0, 20, 40]);
    expect(niceTicks(0, 1920)).toEqual([0, 500, 1000, 1500]);
    expect(niceTicks(1, 3)).toEqual([1, 2, 3]);
  });

  it('never steps by less than one, and copes with a one-epoch span', () => {
    expect(niceTicks(0, 1)).toEqual([0, 1]);
    expect(niceTicks(0, 4)).toEqual([0, 1, 2, 3, 4]);
  });

  it('y ticks start at zero and end at the first round value covering the maximum', () => {
    expect(ceilingTicks(1)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(ceilingTicks(2.05)).toEqual([0, 0.5, 1, 1.5, 2, 2.5]);
    expect(ceilingTicks(0.3)).toEqual([0, 0.1, 0.2, 0.3]);
    expect(ceilingTicks(7.3)).toEqual([0, 2, 4, 6, 8]);
    expect(ceilingTicks(120)).toEqual([0, 25, 50, 75, 100, 125]);
  });

  it('an empty or broken series still gets an axis', () => {
    expect(ceilingTicks(0)).toEqual([0, 1]);
    expect(ceilingTicks(Number.NaN)).toEqual([0, 1]);
    expect(ceilingTicks(Number.POSITIVE_INFINITY)).toEqual([0, 1]);
  });
});
