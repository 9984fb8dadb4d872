/**
 * tf.profile runs of single training steps as results.json records them: time per kernel name,
 * per step, slowest first, with its share of the kernels' total. Each kernel's figure is its median
 * over the profiled steps, so a pause of the shared machine landing in one kernel of one step (a
 * 4 ms LessEqual on a 16×10 tensor) does not pass for that kernel's cost. Pure: unit-tested alone.
 */

/** What the aggregation reads of one profiled kernel (tf.profile's `kernels` entries). */
export interface ProfiledKernel {
  name: string;
  /** A number, or `{ error }` when the backend could not time the kernel (then counted as 0). */
  kernelTimeMs: number | { error: string } | Promise<unknown>;
}

export interface KernelTime {
  kernel: string;
  /** Calls of this kernel per step (in the first profiled step). */
  calls: number;
  /** Median over the steps of the kernel's summed time in a step. */
  msPerStep: number;
  /** Of the summed medians, 0–1. */
  share: number;
}

const round = (v: number, digits: number) => Number(v.toFixed(digits));

const median = (a: readonly number[]) => {
  const s = [...a].sort((x, y) => x - y);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

/** Kernel time by name in one step, and calls. */
function sumByName(kernels: readonly ProfiledKernel[]): Map<string, { calls: number; ms: number }> {
  const by = new Map<string, { calls: number; ms: number }>();
  for (const k of kernels) {
    const entry = by.get(k.name) ?? { calls: 0, ms: 0 };
    entry.calls += 1;
    entry.ms += typeof k.kernelTimeMs === 'number' ? k.kernelTimeMs : 0;
    by.set(k.name, entry);
  }
  return by;
}

/** One tf.profile's kernels per step: each kernel's median time per step, slowest first. */
export function kernelTimes(steps: readonly (readonly ProfiledKernel[])[]): KernelTime[] {
  const perStep = steps.map(sumByName);
  const names = [...new Set(perStep.flatMap((m) => [...m.keys()]))];
  const rows = names.map((kernel) => ({
    kernel,
    calls: perStep[0]?.get(kernel)?.calls ?? 0,
    ms: median(perStep.map((m) => m.get(kernel)?.ms ?? 0)),
  }));
  const total = rows.reduce((s, r) => s + r.ms, 0);
  return rows
    .map(({ kernel, calls, ms }) => ({ kernel, calls, msPerStep: round(ms, 3), share: total > 0 ? round(ms / total, 4) : 0 }))
    .sort((a, b) => b.msPerStep - a.msPerStep || a.kernel.localeCompare(b.kernel));
}
