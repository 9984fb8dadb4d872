/**
 * Pause / resume / stop for a running experiment. The engine awaits `checkpoint()` between
 * batches, which is also where the worker gets to process incoming messages.
 */
const YIELD_MS = 50;

/**
 * A macrotask turn without setTimeout's ≥4 ms clamp for nested timers: a MessageChannel
 * round-trip lets queued messages (pause, stop) through at almost no cost.
 */
function nextTurn(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

export class RunControl {
  private paused = false;
  private stopped = false;
  private resumeWaiters: (() => void)[] = [];

  get isStopped(): boolean {
    return this.stopped;
  }
  pause(): void {
    if (!this.paused) this.pausedSince = performance.now();
    this.paused = true;
  }
  resume(): void {
    if (this.pausedSince !== null) this.pausedTotal += performance.now() - this.pausedSince;
    this.pausedSince = null;
    this.paused = false;
    this.resumeWaiters.splice(0).forEach((r) => r());
  }
  stop(): void {
    this.stopped = true;
    this.resume();
  }

  private lastYield = 0;

  /**
   * Yields to the event loop at most every `YIELD_MS` (so pause/stop messages get through) and
   * blocks while paused. Yielding on every batch would dominate fast steps such as a linear
   * probe on cached embeddings.
   */
  async checkpoint(): Promise<boolean> {
    const now = performance.now();
    if (now - this.lastYield >= YIELD_MS) {
      await nextTurn();
      this.lastYield = performance.now();
    }
    while (this.paused && !this.stopped) await new Promise<void>((r) => this.resumeWaiters.push(r));
    return !this.stopped;
  }

  /** Time spent inside `whilePaused` waits is not work: callers subtract it from wall time. */
  get pausedMs(): number {
    return this.pausedTotal + (this.pausedSince === null ? 0 : performance.now() - this.pausedSince);
  }
  private pausedTotal = 0;
  private pausedSince: number | null = null;
}
