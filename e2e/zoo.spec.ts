import type { TestHooks } from '../src/app/testHooks';
import { expect, test } from '@playwright/test';
import { openDeviceMenu, trainProbe } from './fixtures';
import { readFileSync } from 'node:fs';

const index = JSON.parse(readFileSync('public/models/index.json', 'utf8'));

test('the built app lists the zoo with each card’s key facts', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('backend')).toHaveText(/webgl|cpu/);
  expect(index.models.length).toBeGreaterThanOrEqual(5);
  for (const { id, card } of index.models) {
    const el = page.getByTestId(`zoo-card-${id}`);
    await expect(el).toContainText(card.name);
    await expect(el.getByTestId('card-classes')).toHaveText(`${card.classNames.length} classes`);
    await expect(el.getByTestId('card-accuracy')).toHaveText(`${(card.sourceTestAccuracy * 100).toFixed(1)}%`);
    await expect(el.getByTestId('card-params')).toHaveText(`${(card.parameters / 1000).toFixed(1)}k params`);
  }
  // Selecting a card shows its full card.
  const last = index.models[index.models.length - 1];
  await page.getByTestId(`zoo-card-${last.id}`).click();
  await expect(page.getByTestId(`zoo-card-${last.id}`)).toHaveAttribute('aria-checked', 'true');
  await expect(page.getByTestId('source-details')).toContainText(last.card.description);
  await expect(page.getByTestId('source-details')).toContainText(`${last.card.testImages.toLocaleString('en-US')} held-out images`);
});

test('each job’s backend is chosen by timing them on this device, shown in the header, remembered, and measured again on demand', async ({
  page,
}) => {
  await page.goto('/');
  const badge = page.getByTestId('job-backends');
  // The preview server isolates the page (COOP/COEP), so wasm runs a thread per core (up to 8).
  const { isolated, cores } = await page.evaluate(() => ({ isolated: crossOriginIsolated, cores: navigator.hardwareConcurrency }));
  expect(isolated).toBe(true);
  const threads = Math.min(8, cores);
  const label = (backend: string) => (backend === 'wasm' ? `wasm · ${threads} thread${threads === 1 ? '' : 's'}` : backend);
  await expect(badge).toHaveAttribute('title', /just now/);
  const stored = await page.evaluate(() => JSON.parse(localStorage.getItem('transfer-lab:backend-calibration') ?? 'null'));
  expect(stored.timings.map((t: { backend: string }) => t.backend)).toEqual(['webgl', 'wasm']);
  for (const t of stored.timings) for (const k of ['small', 'large', 'trainStep']) expect(t[k]).toBeGreaterThan(0);
  // Whichever backend this machine measured faster is the one the badge names (no test assumes a winner:
  // software WebGL loses to wasm here, a real GPU may win elsewhere).
  type Timing = { backend: string; small: number; large: number; trainStep: number };
  const fastest = (key: 'small' | 'large' | 'trainStep') =>
    (stored.timings as Timing[]).reduce((a, b) => (b[key] < a[key] ? b : a)).backend;
  // Embedding names one backend, or MobileNet's and the zoo's when the two model sizes differ.
  const [large, small] = [label(fastest('large')), label(fastest('small'))];
  const embedding = large === small ? large : `${large} (MobileNet) / ${small} (zoo)`;
  await expect(badge).toContainText(`embedding: ${embedding} — training: ${label(fastest('trainStep'))}`);
  // The next visit reuses the measurement; "Measure again" times the backends afresh.
  await page.reload();
  await expect(badge).toHaveAttribute('title', /earlier visit/);
  await openDeviceMenu(page);
  await page.getByTestId('remeasure-backends').click();
  await expect(badge).toHaveAttribute('title', /just now/);
  const again = await page.evaluate(() => JSON.parse(localStorage.getItem('transfer-lab:backend-calibration') ?? 'null'));
  expect(again.measuredAt).toBeGreaterThan(stored.measuredAt);
});

test('where the host cannot isolate the page, wasm runs single-threaded and the lab still trains', async ({ page }) => {
  // The same build served without COOP/COEP, as from a static host that cannot set headers.
  await page.route('**/*', async (route) => {
    const response = await route.fetch();
    const headers = { ...response.headers() };
    delete headers['cross-origin-opener-policy'];
    delete headers['cross-origin-embedder-policy'];
    await route.fulfill({ response, headers });
  });
  await page.goto('/');
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(false);
  // wasm has one thread (whether it or WebGL is measured faster depends on the machine).
  await expect(page.getByTestId('job-backends')).toHaveAttribute('title', /just now/);
  const threads = await page.evaluate(
    () => (window as unknown as { __transferLab: TestHooks }).__transferLab.engineState().backend?.wasmThreads,
  );
  expect(threads).toBe(1);
  await expect(page.getByTestId('job-backends')).not.toContainText('threads');
  await trainProbe(page, 1);
});
