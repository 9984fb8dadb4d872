import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import type { BrowserContext, Page } from '@playwright/test';
import { mobilenetTestDir } from '../src/core/testing/nodeFetch';

/** A PNG of a filled disc or square in a colour, with seeded noise so no two files are identical. */
export function shapePng(kind: 'disc' | 'square', rgb: [number, number, number], seed: number, side = 48): Buffer {
  const png = new PNG({ width: side, height: side });
  let s = seed * 2654435761;
  const rand = () => ((s = (s * 1103515245 + 12345) >>> 0) / 2 ** 32);
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
export function makeImageFolder(classes: Record<string, { kind: 'disc' | 'square'; rgb: [number, number, number] }>, perClass: number): string {
  const root = mkdtempSync(join(tmpdir(), 'tl-upload-'));
  Object.entries(classes).forEach(([name, spec], ci) => {
    mkdirSync(join(root, name));
    for (let i = 0; i < perClass; i++) writeFileSync(join(root, name, `${name}-${i}.png`), shapePng(spec.kind, spec.rgb, ci * 1000 + i + 1));
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
  if (err) throw new Error(`Training failed: ${await page.getByTestId('train-error').innerText()}`);
}

/** Google's hosted address of MobileNet v1 0.25: the product loads it from here. */
export const MOBILENET_URL = 'https://storage.googleapis.com/tfjs-models/tfjs/mobilenet_v1_0.25_224/';

/**
 * Serves the local test copy of MobileNet (never committed) at its official address, so the
 * product's own loader runs unchanged. A short delay per file keeps the progress bar observable.
 */
export async function serveMobileNet(context: BrowserContext, delayMs = 30): Promise<{ requests: () => number }> {
  const dir = mobilenetTestDir();
  let requests = 0;
  await context.route(`${MOBILENET_URL}**`, async (route) => {
    requests++;
    const name = new URL(route.request().url()).pathname.split('/').pop()!;
    const path = join(dir, name);
    if (!existsSync(path)) return route.fulfill({ status: 404, headers: { 'access-control-allow-origin': '*' } });
    await new Promise((r) => setTimeout(r, delayMs));
    await route.fulfill({
      status: 200,
      body: readFileSync(path),
      headers: { 'access-control-allow-origin': '*', 'content-type': name.endsWith('.json') ? 'application/json' : 'application/octet-stream' },
    });
  });
  return { requests: () => requests };
}

/** No network beyond the app itself: every request to Google's model host fails like a dead link. */
export async function blockModelHosts(context: BrowserContext): Promise<void> {
  await context.route(/^https:\/\/storage\.googleapis\.com\//, (route) => route.abort('internetdisconnected'));
}
