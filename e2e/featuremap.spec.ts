import { expect, test, type Page } from '@playwright/test';
import { openView } from './fixtures';
import { readFileSync } from 'node:fs';

const knn = async (page: Page, id: string) => Number(await page.getByTestId(`map-knn-${id}`).getAttribute('data-value'));

/** PNG width and height from its IHDR chunk, after checking the signature. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true);
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

test('feature maps and saliency for the colour-shortcut preset: source, transfer and scratch side by side; a misclassified image opens both runs’ Grad-CAM and input gradients; the shortcut source separates grey shapes far worse than the shapes source', async ({
  page,
}) => {
  test.setTimeout(600_000);
  await page.goto('/');
  await page.getByTestId('zoo-card-digits-0-4').waitFor();
  await page.getByTestId('preset-shortcut').click();
  await expect(page.getByTestId('seeds-panel')).toHaveAttribute('data-status', 'done', { timeout: 540_000 });

  // PCA: the source before training, the probe (its frozen backbone) and scratch after.
  await openView(page, 'inside');
  await page.getByTestId('draw-maps').click();
  const grid = page.getByTestId('map-grid');
  await expect(grid.locator('figure')).toHaveCount(3);
  await expect(page.getByTestId('map-source')).toHaveAttribute('data-kind', 'source');
  await expect(page.getByTestId('map-transfer')).toHaveAttribute('data-kind', 'frozen');
  await expect(page.getByTestId('map-scratch')).toHaveAttribute('data-kind', 'trained');
  for (const id of ['source', 'transfer', 'scratch'])
    await expect(page.getByTestId(`map-knn-${id}`)).toHaveText(/^k-NN accuracy \d+\.\d%$/);
  const shortcut = await knn(page, 'source');
  expect(await knn(page, 'transfer')).toBe(shortcut);
  const scratch = await knn(page, 'scratch');

  // Hovering a point shows its image and class.
  const canvas = page.getByTestId('map-scratch').locator('canvas');
  // The maps stack in the view's own scrolling column: brought into sight first, as a person scrolls to it.
  await canvas.scrollIntoViewIfNeeded();
  const box = (await canvas.boundingBox())!;
  let shown = false;
  for (let y = 10; y < box.height && !shown; y += 4) {
    for (let x = 10; x < box.width && !shown; x += 4) {
      await page.mouse.move(box.x + x, box.y + y);
      shown = await page.getByTestId('map-hover').isVisible();
    }
    if (y > 60 && !shown) y += 8;
  }
  expect(shown).toBe(true);
  await expect(page.getByTestId('map-hover')).toContainText(/circle|square|triangle|cross/);

  // Exports: a PNG of the three panels at twice their size, and the numbers behind them.
  const png = page.waitForEvent('download');
  await page.getByTestId('export-maps-png').click();
  const size = pngSize(readFileSync(await (await png).path()));
  expect(size.width).toBe(2 * (3 * (260 + 16) + 16));
  expect(size.height).toBe(2 * (44 + 260 + 28 + 16));
  const file = page.waitForEvent('download');
  await page.getByTestId('export-maps-json').click();
  const json = JSON.parse(readFileSync(await (await file).path(), 'utf8'));
  expect(json.method).toBe('pca');
  expect(json.panels.map((p: { id: string }) => p.id)).toEqual(['source', 'transfer', 'scratch']);
  expect(json.panels[0].coords).toHaveLength(json.labels.length);
  expect(json.panels[0].knnAccuracy).toBe(shortcut);

  await page.getByTestId('featuremap-panel').screenshot({ path: test.info().outputPath('feature-maps.png') });

  // Saliency: a misclassified image opens Grad-CAM and input-gradient maps for both runs.
  await page.getByTestId('misclassified-item').first().click();
  const view = page.getByTestId('saliency-view');
  for (const id of ['transfer', 'scratch']) {
    await expect(view.getByTestId(`gradcam-${id}`)).toBeVisible();
    await expect(view.getByTestId(`inputgrad-${id}`)).toBeVisible();
    await expect(view.getByTestId(`saliency-${id}`)).toContainText(/predicts (circle|square|triangle|cross)/);
  }
  const pixels = () => view.getByTestId('gradcam-scratch').evaluate((c) => (c as HTMLCanvasElement).toDataURL());
  const before = await pixels();
  await page.getByTestId('saliency-opacity').fill('0');
  await expect.poll(pixels).not.toBe(before);
  await page.getByTestId('saliency-opacity').fill('0.8');
  const shot = page.waitForEvent('download');
  await page.getByTestId('export-saliency-png').click();
  expect(pngSize(readFileSync(await (await shot).path()))).toEqual({ width: 16 + 2 * (2 * 256 + 32), height: 40 + 256 + 16 });
  // The results JSON carries both views' numbers: map coordinates and saliency at reduced size.
  const results = page.waitForEvent('download');
  await openView(page, 'share');
  await page.getByTestId('export-json').click();
  const exported = JSON.parse(readFileSync(await (await results).path(), 'utf8'));
  expect(exported.featureMaps.panels).toHaveLength(3);
  expect(exported.saliency.runs.map((r: { runId: string }) => r.runId)).toEqual(['transfer', 'scratch']);
  expect(exported.saliency.runs[1].inputGradient).toHaveLength(16);
  expect(exported.saliency.runs[1].gradcam[0]).toHaveLength(16);
  await openView(page, 'inside');
  await view.screenshot({ path: test.info().outputPath('saliency.png') });

  // The good source on the same target, before training: its map separates the shapes.
  await page.getByTestId('zoo-card-shapes').click();
  await expect(page.getByText('Drawn for an earlier setup')).toBeVisible();
  await page.getByTestId('draw-maps').click();
  await expect(grid.locator('figure')).toHaveCount(1);
  await expect(page.getByTestId('map-source')).toContainText('shapes');
  const good = await knn(page, 'source');
  console.log(
    `grey shapes, k-NN separability: colour-shortcut source ${(shortcut * 100).toFixed(1)}%, shapes source ${(good * 100).toFixed(1)}%, scratch after training ${(scratch * 100).toFixed(1)}%`,
  );
  expect(good).toBeGreaterThan(shortcut + 0.15);

  // UMAP, in the worker with a progress bar; the page keeps answering meanwhile.
  await page.getByTestId('map-method').selectOption('umap');
  await page.getByTestId('draw-maps').click();
  await expect(grid).toHaveAttribute('data-method', 'umap', { timeout: 60_000 });
  expect(await knn(page, 'source')).toBe(good);
});
