import type { Phase } from './events';

/** Progress with an ETA from the average pace so far (null until there is a pace to go on). */
export class ProgressClock {
  private readonly start = Date.now();
  constructor(
    readonly phase: Phase,
    readonly total: number,
  ) {}
  at(done: number): { type: 'progress'; phase: Phase; done: number; total: number; etaMs: number | null } {
    const elapsed = Date.now() - this.start;
    const etaMs = done > 0 ? Math.round((elapsed / done) * (this.total - done)) : null;
    return { type: 'progress', phase: this.phase, done, total: this.total, etaMs };
  }
}
