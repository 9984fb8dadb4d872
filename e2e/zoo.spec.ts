import { expect, test } from '@playwright/test';
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

test('each job’s backend is chosen by timing them on this device, shown in the header, remembered, and measured again on demand', async ({ page }) => {
  await page.goto('/');
  const badge = page.getByTestId('job-backends');
  // Without a GPU (software WebGL here), wasm is measured faster for both embedding and training.
  await expect(badge).toContainText('embedding: wasm · 1 thread — training: wasm · 1 thread');
  await expect(badge).toHaveAttribute('title', /just now/);
  const stored = await page.evaluate(() => JSON.parse(localStorage.getItem('transfer-lab:backend-calibration') ?? 'null'));
  expect(stored.timings.map((t: { backend: string }) => t.backend)).toEqual(['webgl', 'wasm']);
  for (const t of stored.timings) for (const k of ['small', 'large', 'trainStep']) expect(t[k]).toBeGreaterThan(0);
  const wasm = stored.timings.find((t: { backend: string }) => t.backend === 'wasm');
  const webgl = stored.timings.find((t: { backend: string }) => t.backend === 'webgl');
  expect(wasm.large).toBeLessThan(webgl.large);
  // The next visit reuses the measurement; "Measure again" times the backends afresh.
  await page.reload();
  await expect(badge).toHaveAttribute('title', /earlier visit/);
  await page.getByTestId('remeasure-backends').click();
  await expect(badge).toHaveAttribute('title', /just now/);
  const again = await page.evaluate(() => JSON.parse(localStorage.getItem('transfer-lab:backend-calibration') ?? 'null'));
  expect(again.measuredAt).toBeGreaterThan(stored.measuredAt);
});
