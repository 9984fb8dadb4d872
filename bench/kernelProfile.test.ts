import { describe, expect, it } from 'vitest';
import { kernelTimes } from './engine/kernelProfile';

describe('kernel profile', () => {
  it('sums by kernel name within a step, takes the median over steps, slowest first with shares', () => {
    const step = (filterMs: number, stall: number) => [
      { name: 'Conv2D', kernelTimeMs: 0.5 },
      { name: 'Conv2DBackpropFilter', kernelTimeMs: filterMs },
      { name: 'Conv2D', kernelTimeMs: 0.5 },
      { name: 'Relu', kernelTimeMs: { error: 'no timer' } },
      { name: 'LessEqual', kernelTimeMs: stall },
    ];
    // Filter gradient 2, 3, 4 → median 3; LessEqual stalls once (4 ms) → median 0; Conv2D 1 per step.
    expect(kernelTimes([step(2, 0), step(4, 4), step(3, 0)])).toEqual([
      { kernel: 'Conv2DBackpropFilter', calls: 1, msPerStep: 3, share: 0.75 },
      { kernel: 'Conv2D', calls: 2, msPerStep: 1, share: 0.25 },
      { kernel: 'LessEqual', calls: 1, msPerStep: 0, share: 0 },
      { kernel: 'Relu', calls: 1, msPerStep: 0, share: 0 },
    ]);
  });

  it('a kernel missing from a step counts 0 there; no steps, no rows', () => {
    expect(kernelTimes([[{ name: 'Tile', kernelTimeMs: 2 }], [], [{ name: 'Tile', kernelTimeMs: 4 }]])).toEqual([
      { kernel: 'Tile', calls: 1, msPerStep: 2, share: 1 },
    ]);
    expect(kernelTimes([])).toEqual([]);
  });
});
