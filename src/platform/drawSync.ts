/**
 * "The charts have drawn the latest results": the live charts redraw one per task (see
 * CurvesChart); when the last one has, they call `chartsDrawn`. The run store hands
 * `untilChartsDrawn` to the engine, which holds training back meanwhile, so redraws do not fight
 * training for the CPU. Bounded: a hidden tab or an unmounted chart never stalls training.
 */
let waiters: (() => void)[] = [];

export function untilChartsDrawn(timeoutMs = 1000): Promise<void> {
  return new Promise((resolve) => {
    waiters.push(resolve);
    setTimeout(resolve, timeoutMs);
  });
}

export function chartsDrawn(): void {
  const ready = waiters;
  waiters = [];
  // Release training once the frame showing the new curves has been painted: that frame's paint,
  // layerize and commit are main-thread work too, and run against training they were the longest
  // tasks left. A rAF callback runs just before that frame's rendering; a task queued from it runs
  // after. (In a hidden tab rAF never fires; the waiters' timeout releases them.)
  requestAnimationFrame(() => setTimeout(() => ready.forEach((r) => r()), 0));
}
