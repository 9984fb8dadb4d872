/**
 * 1,000 photos (320×240 PNG, four class folders) through the app: arriving by the folder picker
 * and being saved, then written as a bundle and imported back in a fresh browser, all watched by
 * the long-task observer.
 */
import { mkdtempSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import type { Browser, Page } from '@playwright/test';
import { photoFolder } from '../../scripts/photos';
import { listed, longestOf, markChange, now, observeTasks, POLL, splitDelivery, tasksSince } from './longTasks';

/** True in the page once the four classes each hold 250 images. */
const all1000 = () =>
  [...document.querySelectorAll('[data-testid="class-count"]')].map((e) => e.textContent).join() ===
  '250 images,250 images,250 images,250 images';

export async function upload1000(app: Page) {
  const photosRoot = photoFolder(250);
  await app.getByTestId('tab-upload').click();
  const u0 = await markChange(app);
  await app.getByTestId('folder-input').setInputFiles(photosRoot);
  await app.waitForFunction(all1000, null, POLL);
  const u1 = await now(app);
  // The images are then saved to IndexedDB (debounced, in chunks): that is part of an upload too.
  await app.waitForTimeout(10_000);
  // The task that delivers the picked folder is the browser's own (it builds the FileList of 1,000
  // files before the page sees the change event): reported on its own; the figure is everything after.
  const upload = await splitDelivery(app, await tasksSince(app, u0), u0);
  console.log(
    `  1,000-photo upload: ${((u1 - u0) / 1000).toFixed(1)} s, the picker's task ${upload.delivery.toFixed(0)} ms, long tasks ${listed(upload.page)}`,
  );
  return {
    upload_1000_longest_task_ms: longestOf(upload.page),
    upload_1000_picker_task_ms: upload.delivery,
    upload_1000_images_per_s: (1000 / (u1 - u0)) * 1000,
  };
}

/** Written (PNG-encoded and zipped in the zip worker) from `app`, which holds the 1,000 photos; returns the file and its figures. */
async function exportBundle(app: Page) {
  // Opening the Share & saved view is its own action, before the export is timed.
  await app.getByTestId('view-tab-share').click();
  await app.getByTestId('bundle-export').waitFor();
  const b0 = await now(app);
  const download = app.waitForEvent('download', { timeout: 600_000 });
  await app.getByTestId('bundle-export').click();
  const path = join(mkdtempSync(join(tmpdir(), 'tl-bench-')), 'bundle.zip');
  await (await download).saveAs(path);
  await app.waitForFunction(() => document.querySelector('[data-testid="bundle-notice"][data-kind="exported"]'), null, POLL);
  const b1 = await now(app);
  return { path, tasks: await tasksSince(app, b0), seconds: (b1 - b0) / 1000 };
}

/** Imported where a bundle usually arrives: a fresh browser (empty storage), as a student opening the one they were sent. */
async function importBundle(browser: Browser, url: string, path: string) {
  const fresh = await browser.newPage();
  await fresh.addInitScript(observeTasks);
  await fresh.goto(url);
  await fresh.getByTestId('zoo-card-digits-0-4').waitFor();
  await fresh.getByTestId('view-tab-share').click();
  await fresh.getByTestId('bundle-import').waitFor({ state: 'attached' });
  await fresh.waitForTimeout(2000);
  const i0 = await markChange(fresh);
  await fresh.getByTestId('bundle-import').setInputFiles(path);
  await fresh.waitForFunction(
    () =>
      [...document.querySelectorAll('[data-testid="class-count"]')].map((e) => e.textContent).join() ===
        '250 images,250 images,250 images,250 images' && document.querySelector('[data-testid="bundle-notice"][data-kind="imported"]'),
    null,
    POLL,
  );
  const i1 = await now(fresh);
  await fresh.waitForTimeout(10_000);
  // As with the folder picker, the task that delivers the chosen file is the browser's own: reported apart.
  const imported = await splitDelivery(fresh, await tasksSince(fresh, i0), i0);
  await fresh.close();
  return { ...imported, seconds: (i1 - i0) / 1000 };
}

/** Those 1,000 photos as a bundle: written, then imported back. */
export async function bundle1000(browser: Browser, url: string, app: Page) {
  const written = await exportBundle(app);
  const imported = await importBundle(browser, url, written.path);
  console.log(
    `  1,000-photo bundle: written in ${written.seconds.toFixed(1)} s (${(statSync(written.path).size / 2 ** 20).toFixed(0)} MB), long tasks ${listed(written.tasks)}; imported in ${imported.seconds.toFixed(1)} s, the picker's task ${imported.delivery.toFixed(0)} ms, long tasks ${listed(imported.page)}`,
  );
  return {
    bundle_1000_export_longest_task_ms: longestOf(written.tasks),
    bundle_1000_import_longest_task_ms: longestOf(imported.page),
    bundle_1000_import_picker_task_ms: imported.delivery,
    bundle_1000_export_s: written.seconds,
    bundle_1000_import_s: imported.seconds,
  };
}
