/**
 * Test and bench plumbing for MobileNet: Google's files for v1 0.25 live outside the repo (tests
 * only, never committed) and are served at their official address by intercepting the request,
 * so the product's own loader runs unchanged.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { mobilenetTestDir } from '../src/core/testing/nodeFetch';

export const MOBILENET_URL = 'https://storage.googleapis.com/tfjs-models/tfjs/mobilenet_v1_0.25_224/';

/** A short delay per file keeps the progress bar observable in tests. */
export async function serveMobileNet(target: BrowserContext | Page, delayMs = 30): Promise<{ requests: () => number }> {
  const dir = mobilenetTestDir();
  let requests = 0;
  await target.route(`${MOBILENET_URL}**`, async (route) => {
    requests++;
    const name = new URL(route.request().url()).pathname.split('/').pop()!;
    const path = join(dir, name);
    const cors = { 'access-control-allow-origin': '*' };
    if (!existsSync(path)) return route.fulfill({ status: 404, headers: cors });
    if (delayMs) await new Promise((r) => setTimeout(r, delayMs));
    await route.fulfill({
      status: 200,
      body: readFileSync(path),
      headers: { ...cors, 'content-type': name.endsWith('.json') ? 'application/json' : 'application/octet-stream' },
    });
  });
  return { requests: () => requests };
}

/** No network beyond the app itself: every request to Google's model host fails like a dead link. */
export async function blockModelHosts(context: BrowserContext): Promise<void> {
  await context.route(/^https:\/\/storage\.googleapis\.com\//, (route) => route.abort('internetdisconnected'));
}
