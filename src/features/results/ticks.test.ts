import { describe, expect, it } from 'vitest';
import { niceTicks } from './ticks';

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
});
