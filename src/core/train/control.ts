/**
 * Pause / resume / stop for a running experiment. The engine awaits `checkpoint()` between
 * batches, which is also where the worker gets to process incoming messages.
 */
export class RunControl {
  private paused = false;
  private stopped = false;
  private resumeWaiters: (() => void)[] = [];

  get isStopped(): boolean {
    return this.stopped;
  }
  get isPaused(): boolean {
    return this.paused;
  }
  pause(): void {
    this.paused = true;
  }
  resume(): void {
    this.paused = false;
    this.resumeWaiters.splice(0).forEach((r) => r());
  }
  stop(): void {
    this.stopped = true;
    this.resume();
  }

  /** Yields to the event loop; blocks while paused. Returns false once stopped. */
  async checkpoint(): Promise<boolean> {
    await new Promise((r) => setTimeout(r, 0));
    while (this.paused && !this.stopped) await new Promise<void>((r) => this.resumeWaiters.push(r));
    return !this.stopped;
  }
}
