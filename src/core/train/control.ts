/**
 * Pause / resume / stop for a running experiment. The engine awaits `checkpoint()` between
 * batches, which is also where the worker gets to process incoming messages.
 */
const YIELD_MS = 50;
/** A background tab may never report back; training must not stall on it for longer than this. */
const GATE_CAP_MS = 1000;

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
  private gate: (() => Promise<void> | null) | null = null;

  /**
   * Backpressure from whoever shows the results: while the returned promise is pending (the page
   * is still drawing the last epoch's charts), checkpoints wait — up to GATE_CAP_MS — instead of
   * competing with the page for the CPU. On a GPU-less 2-core machine that competition is what
   * turns a 20 ms chart redraw into a 100 ms frozen page.
   */
  setGate(gate: () => Promise<void> | null): void {
    this.gate = gate;
  }

  /**
   * Yields to the event loop at most every `YIELD_MS` (so pause/stop messages get through) and
   * blocks while paused. Yielding on every batch would dominate fast steps such as a linear
   * probe on cached embeddings.
   */
  async checkpoint(): Promise<boolean> {
    const now = performance.now();
    if (now - this.lastYield >= YIELD_MS) {
      await nextTurn();
      const pending = this.gate?.();
      if (pending) await Promise.race([pending, new Promise((r) => setTimeout(r, GATE_CAP_MS))]);
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
