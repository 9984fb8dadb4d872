import { expect, test, type Browser, type Page } from '@playwright/test';
import QRCode from 'qrcode';
import { readFileSync } from 'node:fs';
import { experimentFingerprint } from '../src/core/config/keys';
import type { ExperimentConfig } from '../src/core/config/experiment';
import { makeShareText, openShareText, shareUrl } from '../src/core/share/link';
import { studentResults } from '../src/core/testing/studentResults';
import { writeBundle } from '../src/core/bundle/bundle';
import { openView, waitForTraining } from './fixtures';

/*
 * The class board, end to end: an instructor makes a class link; four students open it in fresh
 * browsers, each types a nickname, trains on the seed it gives and makes a result link; the
 * instructor pastes the four (with one of another experiment, one duplicate and one damaged
 * link) and the board shows four students, three reasons, and the class's NTG mean and CI as a
 * reference computed here from the links gives them. A result bundle and a QR code read through
 * the webcam path (a fake camera showing the code) each add one more; the CSV has a row per
 * student, and the board survives a reload (it is saved with the experiment).
 */

const NICKNAMES = ['Ana', 'Ben', '陈伟', 'Dora'];
/** t(0.975, 3), from the standard table (the lab's own table is not used for the reference). */
const T975_DF3 = 3.182446305;

const results = (config: ExperimentConfig, transfer: number, scratch: number) => studentResults(config.training.epochs, transfer, scratch);

/** One student: a fresh browser opens the class link, takes a seed from the nickname, trains and makes the result link. */
async function student(browser: Browser, classLink: string, nickname: string, reload = false): Promise<{ seed: number; link: string }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(classLink);
  await expect(page.getByTestId('class-join')).toBeVisible();
  await page.getByTestId('class-nickname').fill(nickname);
  await page.getByTestId('class-take-seed').click();
  const seed = Number(await page.getByTestId('class-seed').getAttribute('data-seed'));
  await expect(page.getByTestId('seed')).toHaveValue(String(seed));
  await page.getByTestId('zoo-card-digits-0-4').waitFor();
  await page.getByTestId('train').click();
  await waitForTraining(page);
  if (reload) {
    // The seat is saved with the experiment: after a reload the result link still says whose it is.
    await page.waitForTimeout(1500); // autosave's debounce
    await page.reload();
    await expect(page.getByTestId('class-seed')).toHaveAttribute('data-seed', String(seed));
  }
  await page.getByTestId('class-make-result').click();
  const link = await page.getByTestId('class-result-link').inputValue();
  await context.close();
  return { seed, link };
}

/** The share text inside a link. */
const textOf = (link: string) => new URL(link).hash.replace(/^#x=/, '');

async function boardCounts(page: Page) {
  const board = page.getByTestId('class-board');
  return { students: Number(await board.getAttribute('data-students')), refused: Number(await board.getAttribute('data-refused')) };
}

test('a class link, four students on their own seeds, and the board: four students, three reasons, the class CI as computed from the links; a bundle and a QR code add one each; CSV; kept after a reload', async ({
  page,
  browser,
}) => {
  test.setTimeout(420_000);
  await page.goto('/');
  await page.getByTestId('epochs').fill('2');
  await openView(page, 'board');
  await page.getByTestId('board-make-class-link').click();
  const classLink = await page.getByTestId('board-class-link').inputValue();
  const opened = openShareText(textOf(classLink));
  expect(opened.ok && opened.share.class).toEqual({ kind: 'class' });
  const classConfig = opened.ok ? opened.share.config : null;
  expect(classConfig?.seeds).toBe(1);

  const students = [];
  for (const [i, nickname] of NICKNAMES.entries()) students.push(await student(browser, classLink, nickname, i === 0));
  expect(new Set(students.map((s) => s.seed)).size).toBe(4);
  expect(new Set(students.map((s) => s.link)).size).toBe(4);
  // The students' pages opened over the instructor's: the instructor's page is the one in front again.
  await page.bringToFront();

  // The reference: each link decoded here, NTG = scratch − transfer final accuracy, mean and t-based 95% CI.
  const ntg = students.map(({ link }) => {
    const r = openShareText(textOf(link));
    if (!r.ok || !r.share.results) throw new Error(`a student's link did not open: ${JSON.stringify(r)}`);
    expect(experimentFingerprint(r.share.config)).toBe(experimentFingerprint(classConfig!));
    const final = (kind: string) => r.share.results!.runs.find((x) => x.kind === kind)!.epochs.at(-1)!.valAccuracy;
    return final('scratch') - final('transfer');
  });
  const mean = ntg.reduce((a, b) => a + b) / 4;
  const half = (T975_DF3 * Math.sqrt(ntg.reduce((a, b) => a + (b - mean) ** 2, 0) / 3)) / 2;

  const other = shareUrl(
    'http://lab.example/',
    makeShareText(
      { ...classConfig!, training: { ...classConfig!.training, epochs: 3 }, seed: 77 },
      results({ ...classConfig!, training: { ...classConfig!.training, epochs: 3 } }, 0.9, 0.5),
      { kind: 'result', student: 'Eve' },
    ),
  );
  const text = students[1].link;
  const damaged = text.slice(0, text.length - 30) + (text.at(-30) === 'A' ? 'B' : 'A') + text.slice(text.length - 29);
  const pasted = [
    `Ana: ${students[0].link}`,
    `from Ben ${students[1].link} thanks!`,
    students[2].link,
    'hello everyone',
    students[3].link,
    other,
    students[0].link,
    damaged,
  ].join('\n');
  await page.getByTestId('board-paste').fill(pasted);
  await page.getByTestId('board-add-links').click();
  await expect(page.getByTestId('board-status')).toContainText('4 students added');
  await expect.poll(() => boardCounts(page)).toEqual({ students: 4, refused: 3 });
  await expect(page.getByTestId('board-student')).toHaveCount(4);
  await expect(page.getByTestId('board-refusal')).toHaveCount(3);
  const reasons = await page.getByTestId('board-refusal').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-reason')));
  expect(reasons[0]).toBe('other-experiment');
  expect(reasons[1]).toBe('duplicate-seed');
  expect(['corrupted', 'bad-compression', 'bad-encoding', 'bad-json']).toContain(reasons[2]);
  const shown = page.getByTestId('board-ntg-mean');
  expect(Number(await shown.getAttribute('data-mean'))).toBeCloseTo(mean, 9);
  expect(Number(await shown.getAttribute('data-lo'))).toBeCloseTo(mean - half, 4);
  expect(Number(await shown.getAttribute('data-hi'))).toBeCloseTo(mean + half, 4);
  await expect(page.getByTestId('board-dot')).toHaveCount(4);
  for (const nickname of NICKNAMES) await expect(page.getByTestId('board-students')).toContainText(nickname);

  // A result bundle (as a student's "Export bundle" writes one) adds a student.
  const bundleConfig = { ...classConfig!, seed: 901 };
  const bundle = writeBundle(bundleConfig, results(bundleConfig, 0.7, 0.6), [], [], { class: { kind: 'result', student: 'Bea' } });
  await page.getByTestId('board-files').setInputFiles({ name: 'bea.zip', mimeType: 'application/zip', buffer: Buffer.from(bundle) });
  await expect.poll(() => boardCounts(page)).toEqual({ students: 5, refused: 3 });

  // A QR code held up to the webcam: a fake camera (a canvas stream showing the code) behind getUserMedia.
  const qrConfig = { ...classConfig!, seed: 902 };
  const qrLink = shareUrl(
    'http://lab.example/',
    makeShareText(qrConfig, results(qrConfig, 0.8, 0.7), { kind: 'result', student: 'Quinn' }),
  );
  // Drawn at a whole number of pixels per module (5), as a phone's screen shows it, on a 960×720 frame.
  const qr = await QRCode.toDataURL(qrLink, { errorCorrectionLevel: 'M', margin: 4, scale: 5 });
  await page.evaluate(async (src) => {
    const img = new Image();
    img.src = src;
    await img.decode();
    const canvas = Object.assign(document.createElement('canvas'), { width: 960, height: 720 });
    const ctx = canvas.getContext('2d')!;
    const draw = () => {
      ctx.fillStyle = '#fff';
      ctx.fillRect(0, 0, 960, 720);
      ctx.drawImage(img, Math.round((960 - img.width) / 2), Math.round((720 - img.height) / 2));
    };
    draw();
    setInterval(draw, 100);
    navigator.mediaDevices.getUserMedia = async () => canvas.captureStream(10);
  }, qr);
  await page.getByTestId('board-scan').click();
  await expect(page.getByTestId('board-scanned')).toHaveAttribute('data-read', '1', { timeout: 30_000 });
  await expect.poll(() => boardCounts(page)).toEqual({ students: 6, refused: 3 });
  await page.getByTestId('board-scan').click();
  await expect(page.getByTestId('board-students')).toContainText('Quinn');

  // The CSV: a header, the runs' names, and one row per student.
  const file = page.waitForEvent('download');
  await page.getByTestId('board-csv').click();
  const csv = readFileSync(await (await file).path(), 'utf8')
    .trim()
    .split('\n');
  expect(csv[0]).toBe('student,seed,final_transfer,final_scratch,ntg,outlier');
  expect(csv).toHaveLength(2 + 6);
  expect(
    csv
      .slice(2)
      .map((row) => row.split(',')[0])
      .sort(),
  ).toEqual([...NICKNAMES, 'Bea', 'Quinn'].sort());

  // Each chart as SVG: the transfer gap's file has every student's dot.
  const svgFile = page.waitForEvent('download');
  await page.getByTestId('class-ntg-svg').click();
  const svg = readFileSync(await (await svgFile).path(), 'utf8');
  expect(svg).toContain('<svg');
  expect(svg.match(/<circle/g)?.length).toBeGreaterThanOrEqual(6);

  // Saved with the experiment: a reload brings the board back.
  await page.waitForTimeout(1500); // autosave's debounce
  await page.reload();
  await openView(page, 'board');
  await expect.poll(() => boardCounts(page), { timeout: 30_000 }).toEqual({ students: 6, refused: 3 });

  // In lecture mode an open board fills the screen: the stage and the set-up column step aside.
  await page.goto('/?lecture#view=board');
  await expect(page.locator('.app')).toHaveClass(/lecture/);
  await expect.poll(() => boardCounts(page), { timeout: 30_000 }).toEqual({ students: 6, refused: 3 });
  await expect(page.getByTestId('stage')).toBeHidden();
  expect(await page.getByTestId('class-board').evaluate((el) => el.getBoundingClientRect().width / innerWidth)).toBeGreaterThan(0.9);
});
