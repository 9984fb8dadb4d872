import { expect, test, type Page } from '@playwright/test';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeImageFolder, shapePng, waitForTraining, openView } from './fixtures';

type Spec = Parameters<typeof makeImageFolder>[0];
/** `n` classes named c0001…, alternating discs and squares, each in its own colour (so no two files are duplicates). */
function classes(n: number): Spec {
  return Object.fromEntries(
    Array.from({ length: n }, (_, i) => [
      `c${String(i + 1).padStart(4, '0')}`,
      { kind: i % 2 ? 'square' : 'disc', rgb: [i % 256, 40 + 50 * Math.floor(i / 256), (i * 37) % 256] },
    ]),
  ) as Spec;
}

/** Picks a folder with the folder picker; resolves with images per second until all have arrived. */
async function uploadRate(page: Page, root: string, images: number): Promise<number> {
  const started = Date.now();
  await page.getByTestId('folder-input').setInputFiles(root);
  await expect(page.getByTestId('upload-progress')).toHaveCount(0, { timeout: 240_000 });
  // The upload panel renders its classes as a deferred value (so a big upload never holds the page):
  // the counts may land a frame or two after the progress bar goes, so they are polled, not read once.
  const total = () => page.getByTestId('class-count').evaluateAll((els) => els.reduce((n, e) => n + parseInt(e.textContent!, 10), 0));
  await expect.poll(total, { timeout: 10_000 }).toBe(images);
  return images / ((Date.now() - started) / 1000);
}

test('300 classes × 3 images arrive at ≥ 80% of the rate of 6 × 30, train, and the results summarise; class 1,001 is refused with a message', async ({
  page,
}) => {
  test.setTimeout(600_000);
  await page.goto('/');
  await page.getByTestId('tab-upload').click();
  const few = await uploadRate(page, makeImageFolder(classes(6), 30), 180);
  await page.reload();
  await page.getByTestId('tab-upload').click();
  const many = await uploadRate(page, makeImageFolder(classes(300), 3), 900);
  console.log(
    `upload rate: 6 × 30 → ${few.toFixed(1)} images/s; 300 × 3 → ${many.toFixed(1)} images/s (${((many / few) * 100).toFixed(0)}%)`,
  );
  expect(many).toBeGreaterThanOrEqual(0.8 * few);
  await expect(page.getByTestId('upload-class')).toHaveCount(300);

  await page.getByTestId('strategy').selectOption('linear-probe');
  await page.getByTestId('epochs').fill('1');
  await page.getByTestId('batch-size').fill('64');
  await page.getByTestId('train').click();
  await waitForTraining(page, 300_000);
  await expect(page.getByTestId('run-status-transfer')).toContainText('done');
  await openView(page, 'inside');
  await expect(page.getByTestId('confusion-summary')).toHaveText(
    'The 24 most-confused of 300 classes (most errors, missed or predicted); per-class accuracy for each of them on the right.',
  );
  await expect(page.getByTestId('confusion-matrix').locator('tbody tr')).toHaveCount(24);

  // Up to the cap of 1,000 classes, then one more: refused, with its name, and nothing else lost.
  const more = makeImageFolder(Object.fromEntries(Object.entries(classes(1001)).slice(300)) as Spec, 1);
  await page.getByTestId('folder-input').setInputFiles(more);
  await expect(page.getByTestId('upload-progress')).toHaveCount(0, { timeout: 240_000 });
  await expect(page.getByTestId('upload-class')).toHaveCount(1000);
  await expect(page.getByTestId('upload-message')).toHaveCount(1);
  await expect(page.getByTestId('upload-message')).toContainText(
    '"c1001": Transfer Lab holds at most 1,000 classes — this class was not added',
  );
});

test('the folder picker and a folder drop give the same classes in the same order and identical results; train/ and val/ copies of a class are reported', async ({
  page,
  browser,
}) => {
  test.setTimeout(300_000);
  // Names whose code-point and natural orders differ ("b10" < "b9" by code point).
  const root = makeImageFolder(
    { b9: { kind: 'disc', rgb: [220, 60, 40] }, b10: { kind: 'square', rgb: [40, 60, 220] }, a2: { kind: 'disc', rgb: [40, 200, 60] } },
    12,
  );
  const train = async () => {
    await page.getByTestId('strategy').selectOption('fine-tune');
    await page.getByTestId('epochs').fill('2');
    await page.getByTestId('batch-size').fill('8');
    await page.getByTestId('train').click();
    await waitForTraining(page);
    const file = page.waitForEvent('download');
    await openView(page, 'share');
    await page.getByTestId('export-json').click();
    const json = JSON.parse(readFileSync(await (await file).path(), 'utf8'));
    return {
      classNames: json.classNames,
      runs: json.runs.map((r: { id: string; epochs: { wallMs: number }[] }) => ({
        id: r.id,
        epochs: r.epochs.map(({ wallMs: _w, ...m }) => m),
      })),
    };
  };
  const names = () => page.getByTestId('class-name').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));

  await page.goto('/');
  await page.getByTestId('tab-upload').click();
  await page.getByTestId('folder-input').setInputFiles(root);
  await expect(page.getByTestId('class-count')).toHaveText(['12 images', '12 images', '12 images']);
  expect(await names()).toEqual(['a2', 'b9', 'b10']);
  const picked = await train();

  await page.reload();
  await page.getByTestId('tab-upload').click();
  const zone = (await page.getByTestId('dropzone').boundingBox())!;
  const cdp = await page.context().newCDPSession(page);
  const at = { x: zone.x + zone.width / 2, y: zone.y + zone.height / 2 };
  for (const type of ['dragEnter', 'dragOver', 'drop'] as const)
    await cdp.send('Input.dispatchDragEvent', { type, ...at, data: { items: [], files: [root], dragOperationsMask: 1 } });
  await expect(page.getByTestId('class-count')).toHaveText(['12 images', '12 images', '12 images']);
  expect(await names()).toEqual(['a2', 'b9', 'b10']);
  const dropped = await train();
  expect(dropped).toEqual(picked);

  // A dataset laid out as train/ and val/ folders: the two "cat" folders are reported, not silently merged.
  // In a fresh browser, so the uploads saved above (restored on a reload) are not in the picture.
  const context = await browser.newContext();
  const page2 = await context.newPage();
  await page2.goto('/');
  await page2.getByTestId('tab-upload').click();
  const split = makeImageFolder({}, 0);
  for (const [part, seed] of [
    ['train', 1],
    ['val', 50],
  ] as const) {
    for (const cls of ['cat', 'dog']) {
      mkdirSync(join(split, part, cls), { recursive: true });
      for (let i = 0; i < 3; i++)
        writeFileSync(
          join(split, part, cls, `${i}.png`),
          shapePng(cls === 'cat' ? 'disc' : 'square', [200, 100, 50], seed + i + (cls === 'cat' ? 0 : 10)),
        );
    }
  }
  await page2.getByTestId('folder-input').setInputFiles(split);
  await expect(page2.getByTestId('class-count')).toHaveText(['6 images', '6 images']);
  await expect(page2.getByTestId('upload-message')).toHaveCount(2);
  await expect(page2.getByTestId('upload-message').first()).toContainText(
    /Class "cat" comes from 2 folders \(tl-upload-\w+\/train\/cat and tl-upload-\w+\/val\/cat\): their images were put into one class/,
  );
  await context.close();
});
