import { expect, test } from '@playwright/test';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeImageFolder, shapePng, waitForTraining, openDeviceMenu } from './fixtures';

test('uploading a folder of class folders with three bad files: three clear messages, every good image kept, training works', async ({
  page,
}) => {
  const root = makeImageFolder({ red_disc: { kind: 'disc', rgb: [220, 40, 40] }, blue_square: { kind: 'square', rgb: [40, 80, 220] } }, 8);
  const good = shapePng('disc', [200, 200, 40], 999);
  writeFileSync(join(root, 'red_disc', 'truncated.png'), good.subarray(0, Math.floor(good.length / 2)));
  writeFileSync(join(root, 'blue_square', 'notes.png'), 'these are my notes, not a picture\n');
  writeFileSync(join(root, 'blue_square', 'empty.png'), '');

  await page.goto('/');
  await page.getByTestId('tab-upload').click();
  await expect(page.getByTestId('train-blocker')).toContainText('at least 2 classes');
  await page.getByTestId('folder-input').setInputFiles(root);

  const messages = page.getByTestId('upload-message');
  await expect(messages).toHaveCount(3);
  const texts = (await messages.allInnerTexts()).join('\n');
  expect(texts).toMatch(/truncated\.png: could not be decoded \(corrupt or truncated\)/);
  expect(texts).toMatch(/notes\.png: not an image \(the file contains text\)/);
  expect(texts).toMatch(/empty\.png: the file is empty \(0 bytes\)/);

  await expect(page.getByTestId('upload-class')).toHaveCount(2);
  await expect(page.getByTestId('class-count')).toHaveText(['8 images', '8 images']);
  const names = await page.getByTestId('class-name').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value).sort());
  expect(names).toEqual(['blue_square', 'red_disc']);
  await expect(page.getByTestId('split-summary')).toHaveText('12 training / 4 validation images (80/20 stratified split, seed 42)');
  await expect(page.getByTestId('train-blocker')).toHaveCount(0);

  await page.getByTestId('epochs').fill('2');
  await page.getByTestId('batch-size').fill('8');
  await page.getByTestId('train').click();
  await waitForTraining(page);
  await expect(page.getByTestId('run-status-transfer')).toContainText('done');
  await expect(page.getByTestId('summary-row-scratch')).toBeVisible();
});

test('dropping loose files onto a class adds them; a duplicate is reported and skipped', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('tab-upload').click();
  await page.getByTestId('add-class').click();
  const files = [shapePng('disc', [10, 200, 10], 1), shapePng('disc', [10, 200, 10], 2)];
  const dataTransfer = await page.evaluateHandle(
    (pngs) => {
      const dt = new DataTransfer();
      pngs.forEach((bytes, i) => dt.items.add(new File([new Uint8Array(bytes)], `g${i}.png`, { type: 'image/png' })));
      dt.items.add(new File([new Uint8Array(pngs[0])], 'copy.png', { type: 'image/png' }));
      return dt;
    },
    files.map((b) => Array.from(b)),
  );
  await page.getByTestId('upload-class').first().dispatchEvent('drop', { dataTransfer });
  await expect(page.getByTestId('class-count').first()).toHaveText('2 images');
  await expect(page.getByTestId('upload-message')).toHaveCount(1);
  await expect(page.getByTestId('upload-message')).toContainText('copy.png: duplicate of g0.png');
  // Each image shows its thumbnail: a 64-px picture of its square crop, as the browser draws the original.
  const thumb = page.getByTestId('upload-class').first().locator('img.thumb').first();
  await expect.poll(() => thumb.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(64);
  const diff = await thumb.evaluate(async (img: HTMLImageElement, bytes) => {
    const rgba = (source: CanvasImageSource) => {
      const ctx = new OffscreenCanvas(64, 64).getContext('2d')!;
      ctx.drawImage(source, 0, 0, 64, 64);
      return ctx.getImageData(0, 0, 64, 64).data;
    };
    const original = await createImageBitmap(new Blob([new Uint8Array(bytes)]));
    const crop = Math.min(original.width, original.height);
    const square = await createImageBitmap(original, (original.width - crop) / 2, (original.height - crop) / 2, crop, crop, {
      resizeWidth: 64,
      resizeHeight: 64,
      resizeQuality: 'high',
    });
    const [a, b] = [rgba(img), rgba(square)];
    let sum = 0;
    for (let i = 0; i < a.length; i += 4)
      sum += Math.abs(a[i]! - b[i]!) + Math.abs(a[i + 1]! - b[i + 1]!) + Math.abs(a[i + 2]! - b[i + 2]!);
    return sum / (64 * 64 * 3);
  }, Array.from(files[0]!));
  expect(diff).toBeLessThan(6);
  await expect(page.getByTestId('train-blocker')).toContainText('at least 2 classes');
});

test('dropping a folder from the file manager walks its class folders, skips OS clutter and reports the bad file', async ({ page }) => {
  const root = makeImageFolder({ cats: { kind: 'disc', rgb: [230, 120, 30] }, dogs: { kind: 'square', rgb: [30, 120, 230] } }, 6);
  writeFileSync(join(root, 'cats', '.DS_Store'), 'Finder metadata');
  mkdirSync(join(root, '__MACOSX'));
  writeFileSync(join(root, '__MACOSX', '._cats-0.png'), 'resource fork');
  writeFileSync(join(root, 'dogs', 'empty.png'), '');

  await page.goto('/');
  await page.getByTestId('tab-upload').click();
  // The drop lands at page coordinates: wait for the engine's header line (it shifts the layout
  // as it appears), then aim at the drop zone and check, right before dropping, that the point
  // hits the upload panel (a loaded machine may still be laying out).
  await openDeviceMenu(page);
  await expect(page.getByTestId('job-backends')).toBeVisible({ timeout: 60_000 });
  await page.getByTestId('dropzone').scrollIntoViewIfNeeded();
  const aim = async () => {
    const box = await page.getByTestId('dropzone').boundingBox();
    if (!box) return null;
    const point = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
    const hits = await page.evaluate(({ x, y }) => !!document.elementFromPoint(x, y)?.closest('[data-testid="upload-panel"]'), point);
    return hits ? point : null;
  };
  let at = await aim();
  for (let tries = 0; !at && tries < 40; tries++) {
    await page.waitForTimeout(250);
    at = await aim();
  }
  if (!at) throw new Error('the drop zone never settled under the pointer');
  const cdp = await page.context().newCDPSession(page);
  const data = { items: [], files: [root], dragOperationsMask: 1 };
  for (const type of ['dragEnter', 'dragOver', 'drop'] as const) await cdp.send('Input.dispatchDragEvent', { type, ...at, data });

  await expect(page.getByTestId('upload-class')).toHaveCount(2);
  await expect(page.getByTestId('class-count')).toHaveText(['6 images', '6 images']);
  const names = await page.getByTestId('class-name').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
  expect(names).toEqual(['cats', 'dogs']);
  await expect(page.getByTestId('upload-message')).toHaveCount(1);
  await expect(page.getByTestId('upload-message')).toContainText('empty.png: the file is empty (0 bytes)');
  await expect(page.getByTestId('train-blocker')).toHaveCount(0);
});
