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
  ready.forEach((r) => r());
}
