import { expect, test, type Page } from '@playwright/test';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { waitForTraining, openView } from './fixtures';

/*
 * What a user takes away from a finished experiment: charts for slides (PNG and SVG with title
 * and legend), the trained model in TF.js format (which the lab loads back as "your own model"),
 * and the Python project (tested for real by src/core/export's unit tests, which run it).
 */

async function downloaded(page: Page, testId: string): Promise<{ name: string; bytes: Buffer }> {
  const file = page.waitForEvent('download');
  await page.getByTestId(testId).click();
  const d = await file;
  return { name: d.suggestedFilename(), bytes: readFileSync(await d.path()) };
}

/** Width and height from a PNG's IHDR chunk, after checking the signature. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect([...bytes.subarray(0, 8)]).toEqual([137, 80, 78, 71, 13, 10, 26, 10]);
  expect(bytes.subarray(12, 16).toString('latin1')).toBe('IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

test('a finished experiment exports its charts as PNG and SVG with title and legend, and its trained model (fine-tuned, or a probe) in TF.js format, which loads back as your own model with the same validation accuracy', async ({
  page,
}) => {
  test.setTimeout(240_000);
  await page.goto('/');
  await page.getByTestId('zoo-card-digits-0-4').waitFor();
  await page.getByTestId('epochs').fill('2');
  await page.getByTestId('train').click();
  await waitForTraining(page);

  const surface = page.getByTestId('chart-accuracy').locator('svg.recharts-surface');
  const box = { width: Number(await surface.getAttribute('width')), height: Number(await surface.getAttribute('height')) };
  const svg = await downloaded(page, 'chart-accuracy-svg');
  expect(svg.name).toBe('transfer-lab-chart-accuracy.svg');
  const parsed = await page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    const root = doc.documentElement;
    return {
      error: doc.querySelector('parsererror')?.textContent ?? null,
      root: root.nodeName,
      width: Number(root.getAttribute('width')),
      height: Number(root.getAttribute('height')),
      texts: [...doc.querySelectorAll('text')].map((t) => t.textContent),
      paths: doc.querySelectorAll('path.recharts-curve').length,
    };
  }, svg.bytes.toString('utf8'));
  expect(parsed.error).toBeNull();
  expect(parsed.root).toBe('svg');
  expect(parsed.width).toBe(box.width);
  expect(parsed.height).toBeGreaterThan(box.height);
  // Title, legend (both runs, validation and train), and the curves themselves.
  expect(parsed.texts).toContain('Accuracy — solid: validation, dashed: train');
  expect(parsed.texts.filter((t) => /^(Transfer|From scratch) /.test(t ?? ''))).toHaveLength(4);
  expect(parsed.paths).toBe(4);

  const png = await downloaded(page, 'chart-accuracy-png');
  expect(png.name).toBe('transfer-lab-chart-accuracy.png');
  expect(pngSize(png.bytes)).toEqual({ width: 2 * parsed.width, height: 2 * parsed.height });

  // Every other chart on the page has the same exports: an SVG that parses, with its title, and its PNG at twice the size.
  const others = (
    await page.locator('.chart-export button[data-testid$="-svg"]').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.testid!))
  ).filter((id) => id !== 'chart-accuracy-svg');
  expect(others.length).toBeGreaterThan(0);
  for (const id of others) {
    const file = await downloaded(page, id);
    const doc = await page.evaluate((text) => {
      const d = new DOMParser().parseFromString(text, 'image/svg+xml');
      return {
        error: d.querySelector('parsererror')?.textContent ?? null,
        width: Number(d.documentElement.getAttribute('width')),
        height: Number(d.documentElement.getAttribute('height')),
        texts: [...d.querySelectorAll('text')].length,
      };
    }, file.bytes.toString('utf8'));
    expect(doc.error, id).toBeNull();
    expect(doc.texts, id).toBeGreaterThan(2);
    expect(pngSize((await downloaded(page, id.replace(/-svg$/, '-png'))).bytes), id).toEqual({
      width: 2 * doc.width,
      height: 2 * doc.height,
    });
  }

  // The fine-tuned transfer model as TF.js layers files in a zip.
  const finalAccuracy = await page.getByTestId('final-transfer').textContent();
  await openView(page, 'share');
  const model = await downloaded(page, 'export-model-transfer');
  expect(model.name).toBe('transfer-lab-transfer-tfjs.zip');
  const files = unzipSync(new Uint8Array(model.bytes));
  expect(Object.keys(files).sort()).toEqual(['model.json', 'weights.bin']);
  const json = JSON.parse(new TextDecoder().decode(files['model.json']));
  expect(json.format).toBe('layers-model');
  expect(json.weightsManifest[0].paths).toEqual(['weights.bin']);
  expect(json.weightsManifest[0].weights.reduce((n: number, w: { shape: number[] }) => n + 4 * w.shape.reduce((a, b) => a * b, 1), 0)).toBe(
    files['weights.bin'].byteLength,
  );

  // Loaded back as "your own model", as the zip: checked as is on the same validation images.
  const zipPath = join(mkdtempSync(join(tmpdir(), 'tl-export-')), model.name);
  writeFileSync(zipPath, model.bytes);
  await page.getByTestId('model-files-input').setInputFiles(zipPath);
  await expect(page.getByTestId('custom-loaded')).toHaveText('model.json');
  await page.getByTestId('custom-as-is').click();
  const asIs = page.getByTestId('custom-as-is-result');
  await expect(asIs).toBeVisible({ timeout: 60_000 });
  expect(`${(Number(await asIs.getAttribute('data-accuracy')) * 100).toFixed(1)}%`).toBe(finalAccuracy);

  // The same experiment as a PyTorch project (run for real by src/core/export/python.test.ts).
  await openView(page, 'share');
  const project = await downloaded(page, 'export-python');
  expect(project.name).toBe('transfer-lab-pytorch.zip');
  const tree = Object.keys(unzipSync(new Uint8Array(project.bytes), { filter: (f) => !f.name.endsWith('.png') }));
  for (const f of ['train.py', 'model.py', 'data.py', 'check.py', 'README.md', 'requirements.txt', 'config.json'])
    expect(tree).toContain(`transfer-lab-pytorch/${f}`);
  expect(tree.some((f) => /^transfer-lab-pytorch\/weights\/seed-\d+\/transfer\.npz$/.test(f))).toBe(true);

  // A linear probe exports as its frozen backbone with the trained head on top, and loads back the same.
  // (The loaded model is the source now: back to the zoo; the own model stays one click away.)
  await page.getByTestId('zoo-card-digits-0-4').click();
  await expect(page.getByTestId('custom-use')).toHaveText(/model\.json/);
  await page.getByTestId('strategy').selectOption('linear-probe');
  await page.getByTestId('epochs').fill('2');
  await page.getByTestId('train').click();
  await waitForTraining(page);
  const probeAccuracy = await page.getByTestId('final-transfer').textContent();
  await openView(page, 'share');
  const probe = await downloaded(page, 'export-model-transfer');
  const probePath = join(mkdtempSync(join(tmpdir(), 'tl-export-')), probe.name);
  writeFileSync(probePath, probe.bytes);
  await page.getByTestId('model-files-input').setInputFiles(probePath);
  await expect(page.getByTestId('custom-loaded')).toHaveText('model.json');
  await page.getByTestId('custom-as-is').click();
  await expect(asIs).toBeVisible({ timeout: 60_000 });
  expect(`${(Number(await asIs.getAttribute('data-accuracy')) * 100).toFixed(1)}%`).toBe(probeAccuracy);
});
