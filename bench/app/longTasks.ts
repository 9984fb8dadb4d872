/**
 * The Long Tasks observer the app's responsiveness figures come from, and helpers to read it back.
 * Long Tasks reports only tasks over 50 ms, so a longest task of 0 means none.
 */
import type { Page } from '@playwright/test';

/** Init script: records every long task, and the long animation frames that say what each was made of. */
export const observeTasks = () => {
  (window as any).__longTasks = [];
  new PerformanceObserver((list) =>
    list.getEntries().forEach((e) => (window as any).__longTasks.push({ start: e.startTime, duration: e.duration })),
  ).observe({ type: 'longtask', buffered: true });
  // Long animation frames say what a long task was made of (scripts, or style/layout/paint).
  (window as any).__frames = [];
  new PerformanceObserver((list) =>
    list.getEntries().forEach((e: any) =>
      (window as any).__frames.push({
        start: e.startTime,
        end: e.startTime + e.duration,
        render: e.renderStart ? e.startTime + e.duration - e.renderStart : 0,
        scripts: e.scripts.map(
          (s: any) =>
            `${s.invoker}${s.sourceFunctionName ? ` ${s.sourceFunctionName}` : ''}${s.sourceURL ? ` in ${s.sourceURL.split('/').pop()}` : ''} ${s.duration.toFixed(0)} ms`,
        ),
      }),
    ),
  ).observe({ type: 'long-animation-frame', buffered: true });
};

export type Task = { start: number; duration: number; what: string };

/** Long tasks on `on` since `since` (start relative to it), each with what its frame was made of. */
export const tasksSince = (on: Page, since: number): Promise<Task[]> =>
  on.evaluate(
    // (No named functions in here: the bundler would wrap them in a helper the page does not have.)
    (t0) =>
      (window as any).__longTasks
        .filter((t: any) => t.start >= t0)
        .map((t: any) => {
          const f = (window as any).__frames.find((f: any) => f.start <= t.start + 1 && f.end >= t.start + t.duration - 1);
          return {
            start: t.start - t0,
            duration: t.duration,
            what: f
              ? `rendering ${f.render.toFixed(0)} ms${f.scripts.length ? `; ${f.scripts.join(', ')}` : ''}`
              : 'no frame: browser work such as GC',
          };
        }),
    since,
  );

export const longestOf = (tasks: Task[]) => Math.max(0, ...tasks.map((t) => t.duration));

export const listed = (tasks: Task[]) =>
  tasks.map((t) => `${t.duration.toFixed(0)} ms at ${(t.start / 1000).toFixed(1)} s (${t.what})`).join(', ') || 'none';

/** The page's clock now. */
export const now = (on: Page): Promise<number> => on.evaluate(() => performance.now());

/** Marks when the next file input's change event arrives (its delivery is the browser's task, not the page's). */
export const markChange = (on: Page) =>
  on.evaluate(() => {
    document.addEventListener('change', () => ((window as any).__changeAt = performance.now()), { capture: true, once: true });
    return performance.now();
  });

/** Splits the task that delivered the chosen files (the browser builds the FileList before the page sees them) from the page's own. */
export const splitDelivery = async (on: Page, tasks: Task[], since: number) => {
  const at: number = (await on.evaluate(() => (window as any).__changeAt)) - since;
  const delivering = (t: Task) => t.start <= at && at <= t.start + t.duration;
  return { delivery: longestOf(tasks.filter(delivering)), page: tasks.filter((t) => !delivering(t)) };
};

/** Polled twice a second: a locator's waitFor queries the DOM on every animation frame, which would count the harness's own work as the app's. */
export const POLL = { polling: 500, timeout: 600_000 } as const;
