/**
 * The app's own figures, in a fresh page of the production build watched by a long-task
 * observer: training, 1,000 photos uploaded and bundled, the augmentation preview, UMAP maps and
 * 200 result links on the class board.
 * One page throughout, in this order: each step starts from where the last left the app.
 */
import type { Browser } from '@playwright/test';
import { observeTasks } from './longTasks';
import { mainThreadWhileTraining } from './training';
import { bundle1000, upload1000 } from './photos';
import { previewUpdate, projection } from './views';
import { classBoard200 } from './classBoard';

export async function measureApp(browser: Browser, url: string) {
  const app = await browser.newPage();
  await app.addInitScript(observeTasks);
  await app.goto(url);
  await app.getByTestId('zoo-card-digits-0-4').waitFor();
  const training = await mainThreadWhileTraining(app);
  const upload = await upload1000(app);
  const bundle = await bundle1000(browser, url, app);
  await app.getByTestId('tab-builtin').click();
  const preview = await previewUpdate(app);
  const maps = await projection(app);
  const board = await classBoard200(app);
  return { ...training, ...upload, ...bundle, ...preview, ...maps, ...board };
}

/** Just the class board taking 200 links (BENCH_ONLY=board). */
export async function measureBoard(browser: Browser, url: string) {
  const app = await browser.newPage();
  await app.addInitScript(observeTasks);
  await app.goto(url);
  await app.getByTestId('zoo-card-digits-0-4').waitFor();
  // The closed views mount once the page is idle (app/Views.tsx): let that happen first, as it has in the full run.
  await app.waitForTimeout(4000);
  return classBoard200(app);
}

/** Just the 1,000 photos, uploaded then bundled (BENCH_ONLY=photos): the figures the photo work is tuned on. */
export async function measurePhotos(browser: Browser, url: string) {
  const app = await browser.newPage();
  await app.addInitScript(observeTasks);
  await app.goto(url);
  await app.getByTestId('zoo-card-digits-0-4').waitFor();
  return { ...(await upload1000(app)), ...(await bundle1000(browser, url, app)) };
}
