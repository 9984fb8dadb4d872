/** The app's views under load: the augmentation preview's redraw, and UMAP feature maps drawn by the worker. */
import type { Page } from '@playwright/test';
import { listed, longestOf, now, POLL, tasksSince } from './longTasks';

/** From a toggle to the redrawn augmentation preview, timed inside the page: the median of 7. */
export async function previewUpdate(app: Page) {
  await app.getByTestId('augment-preview').waitFor();
  const previewTimes: number[] = [];
  for (let i = 0; i < 7; i++) {
    previewTimes.push(
      await app.evaluate(
        () =>
          new Promise<number>((resolve) => {
            const grid = document.querySelector('[data-testid="augment-preview"]')!;
            const before = grid.getAttribute('data-version');
            const t0 = performance.now();
            const observer = new MutationObserver(() => {
              if (grid.getAttribute('data-version') === before) return;
              observer.disconnect();
              // The new thumbnails are painted in the frame after the commit.
              requestAnimationFrame(() => resolve(performance.now() - t0));
            });
            observer.observe(grid, { attributes: true });
            (document.querySelector('[data-testid="aug-hflip"]') as HTMLInputElement).click();
          }),
      ),
    );
  }
  return { preview_update_ms: previewTimes.sort((a, b) => a - b)[3] };
}

/** The long-task observer while the worker draws the feature maps with UMAP (the slow projection), progress bar and all. */
export async function projection(app: Page) {
  const p0 = await now(app);
  await app.getByTestId('view-tab-inside').click();
  await app.getByTestId('map-method').selectOption('umap');
  await app.getByTestId('draw-maps').click();
  await app.waitForFunction(() => document.querySelector('[data-testid="map-grid"][data-method="umap"]'), null, POLL);
  const projectionTasks = await tasksSince(app, p0);
  console.log(`  UMAP feature maps: long tasks ${listed(projectionTasks)}`);
  return { projection_longest_task_ms: longestOf(projectionTasks) };
}
