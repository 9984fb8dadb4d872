import { expect } from '@playwright/test';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import type { Page } from '@playwright/test';

/** A PNG of a filled disc or square in a colour, with seeded noise so no two files are identical. */
export function shapePng(kind: 'disc' | 'square', rgb: [number, number, number], seed: number, side = 48): Buffer {
  const png = new PNG({ width: side, height: side });
  let s = seed * 2654435761;
  const rand = () => (s = (s * 1103515245 + 12345) >>> 0) / 2 ** 32;
  const c = side / 2 + (rand() - 0.5) * 6;
  const r = side * (0.25 + rand() * 0.1);
  for (let y = 0; y < side; y++) {
    for (let x = 0; x < side; x++) {
      const inside = kind === 'disc' ? (x - c) ** 2 + (y - c) ** 2 <= r * r : Math.abs(x - c) <= r && Math.abs(y - c) <= r;
      const o = (y * side + x) * 4;
      for (let k = 0; k < 3; k++) png.data[o + k] = Math.max(0, Math.min(255, (inside ? rgb[k] : 20) + Math.round((rand() - 0.5) * 30)));
      png.data[o + 3] = 255;
    }
  }
  return PNG.sync.write(png);
}

/** An ImageFolder-layout directory: root/<class>/<n>.png for each class. */
export function makeImageFolder(
  classes: Record<string, { kind: 'disc' | 'square'; rgb: [number, number, number] }>,
  perClass: number,
): string {
  const root = mkdtempSync(join(tmpdir(), 'tl-upload-'));
  Object.entries(classes).forEach(([name, spec], ci) => {
    mkdirSync(join(root, name));
    for (let i = 0; i < perClass; i++)
      writeFileSync(join(root, name, `${name}-${i}.png`), shapePng(spec.kind, spec.rgb, ci * 1000 + i + 1));
  });
  return root;
}

/** Waits until the experiment has finished (every run done), failing fast on an engine error. */
export async function waitForTraining(page: Page, timeout = 240_000): Promise<void> {
  await page.waitForFunction(
    () => {
      if (document.querySelector('[data-testid="train-error"]')) return true;
      return !!document.querySelector('[data-testid="reset"]');
    },
    undefined,
    { timeout },
  );
  const err = await page.getByTestId('train-error').count();
  if (err) throw new Error(`Training failed: ${await page.getByTestId('train-error').textContent()}`);
}

/**
 * Stops the run if it is still going and waits for Train. The click happens inside the page in one
 * step: with fast kernels a short run can end between "is Stop there?" and a Playwright click, and
 * a click on a button that is gone waits until the test times out.
 */
export async function stopIfRunning(page: Page): Promise<void> {
  await page.evaluate(() => document.querySelector<HTMLButtonElement>('[data-testid="stop"]')?.click());
  await expect(page.getByTestId('train')).toBeVisible({ timeout: 60_000 });
}

export { blockModelHosts, MOBILENET_URL, serveMobileNet } from '../scripts/mobilenet';

/**
 * The engine's tensor count once the page is idle: previews of the target (asked for on load and
 * on every knob change) hold a tensor or two while they run, so one read can catch one mid-flight.
 * Reads until three in a row, 300 ms apart, agree.
 */
export async function settledTensorCount(page: Page, timeout = 20_000): Promise<number> {
  const read = () =>
    page.evaluate(() =>
      (window as unknown as { __transferLab: { memory(): Promise<{ numTensors: number }> } }).__transferLab
        .memory()
        .then((m) => m.numTensors),
    );
  const deadline = Date.now() + timeout;
  let last = await read();
  let same = 1;
  while (same < 3) {
    if (Date.now() > deadline) throw new Error(`The engine's tensor count did not settle within ${timeout / 1000} s (last ${last}).`);
    await page.waitForTimeout(300);
    const now = await read();
    same = now === last ? same + 1 : 1;
    last = now;
  }
  return last;
}

/** Opens an analysis view by its tab, as a user does (the views under the stage are one at a time). */
export async function openView(page: Page, view: 'inside' | 'combine' | 'share' | 'board' | 'explain'): Promise<void> {
  const tab = page.getByTestId(`view-tab-${view}`);
  if ((await tab.getAttribute('aria-selected')) !== 'true') await tab.click();
  await page.getByTestId(`view-${view}`).waitFor({ state: 'visible' });
}

/** Opens the header's "This device" popover (backends, privacy). */
export async function openDeviceMenu(page: Page): Promise<void> {
  if (!(await page.getByTestId('device-menu').evaluate((d) => (d as HTMLDetailsElement).open)))
    await page.getByTestId('device-menu-toggle').click();
}

/**
 * What a person sees of each shown element matching `selector`: its box, clipped by the viewport
 * and by every scrolling ancestor (a chart scrolled out of its column is not "in view" even if its
 * box is on screen).
 */
async function seenBoxes(page: Page, selector: string): Promise<{ x: number; y: number; width: number; height: number; seen: number }[]> {
  return page.evaluate(
    (sel) =>
      [...document.querySelectorAll(sel)]
        .filter((e) => e.checkVisibility({ visibilityProperty: true }))
        .map((el) => {
          const box = el.getBoundingClientRect();
          let [l, t, r, b] = [box.left, box.top, box.right, box.bottom];
          for (let a = el.parentElement; a; a = a.parentElement) {
            const style = getComputedStyle(a);
            if (style.overflowX === 'visible' && style.overflowY === 'visible') continue;
            const c = a.getBoundingClientRect();
            [l, t, r, b] = [Math.max(l, c.left), Math.max(t, c.top), Math.min(r, c.right), Math.min(b, c.bottom)];
          }
          [l, t, r, b] = [Math.max(l, 0), Math.max(t, 0), Math.min(r, innerWidth), Math.min(b, innerHeight)];
          return { x: box.left, y: box.top, width: box.width, height: box.height, seen: Math.max(0, r - l) * Math.max(0, b - t) };
        }),
    selector,
  );
}

/** The first shown element's box and the fraction of it in view, or null if there is none. */
export async function visibleBox(
  page: Page,
  selector: string,
): Promise<{ x: number; y: number; width: number; height: number; fraction: number } | null> {
  const [first] = await seenBoxes(page, selector);
  if (!first) return null;
  const area = first.width * first.height;
  return { x: first.x, y: first.y, width: first.width, height: first.height, fraction: area ? first.seen / area : 0 };
}

/** The share of the viewport covered by what is in view of every element matching `selector` (they must not overlap). */
export async function viewportCover(page: Page, selector: string): Promise<number> {
  const seen = (await seenBoxes(page, selector)).reduce((n, b) => n + b.seen, 0);
  const { width, height } = page.viewportSize()!;
  return seen / (width * height);
}

/** Trains the current setup as a linear probe for a few epochs and checks both runs finished. */
export async function trainProbe(page: Page, epochs: number): Promise<void> {
  await page.getByTestId('strategy').selectOption('linear-probe');
  await page.getByTestId('epochs').fill(String(epochs));
  await page.getByTestId('train').click();
  await waitForTraining(page);
  await expect(page.getByTestId('run-status-transfer')).toContainText('done');
  await expect(page.getByTestId('run-status-scratch')).toContainText('done');
}

/** Clicks a download button and reads the JSON file it saves. */
export async function downloadJson(page: Page, testId: string) {
  const file = page.waitForEvent('download');
  await page.getByTestId(testId).click();
  return JSON.parse(readFileSync(await (await file).path(), 'utf8'));
}
