import { expect, test, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, requireChromium } from '../scripts/browser';
import { shapePng } from './fixtures';

// Chromium's fake camera (an animated test pattern) with the permission prompt auto-accepted.
test.use({
  launchOptions: {
    executablePath: requireChromium(),
    args: [...CHROMIUM_ARGS, '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'],
  },
  permissions: ['camera'],
});

declare global {
  interface Window {
    __streams: MediaStream[];
  }
}

/** Your images tab with two empty classes. */
async function twoClasses(page: Page) {
  await page.goto('/');
  await page.getByTestId('tab-upload').click();
  await page.getByTestId('add-class').click();
  await page.getByTestId('add-class').click();
  await expect(page.getByTestId('upload-class')).toHaveCount(2);
}

/** Makes getUserMedia fail the way a browser does for `name`. */
async function failCamera(page: Page, name: string) {
  await page.addInitScript((errorName) => {
    navigator.mediaDevices.getUserMedia = () => Promise.reject(new DOMException('simulated', errorName));
  }, name);
}

const capturedCount = async (page: Page) => Number(((await page.getByTestId('webcam-count').textContent()) ?? '').match(/\d+/)![0]);

test('holding the record button captures mirrored webcam frames into the class; Close releases the camera', async ({ page }) => {
  // Keep every stream the page opens, to check after Close that each track has stopped.
  await page.addInitScript(() => {
    window.__streams = [];
    const original = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
    navigator.mediaDevices.getUserMedia = async (constraints) => {
      const stream = await original(constraints);
      window.__streams.push(stream);
      return stream;
    };
  });
  await twoClasses(page);
  const first = page.getByTestId('upload-class').first();
  await first.getByTestId('webcam-open').click();

  const video = first.getByTestId('webcam-video');
  await expect(video).toHaveCSS('transform', 'matrix(-1, 0, 0, 1, 0, 0)');
  await expect(video).toHaveCSS('object-fit', 'cover');
  const hold = first.getByTestId('webcam-hold');
  await expect(hold).toBeEnabled();
  await expect(first.getByTestId('webcam-count')).toHaveText('0 frames captured');

  // Mouse hold: record until a few frames are in, then release.
  await hold.hover();
  await page.mouse.down();
  await expect.poll(() => capturedCount(page)).toBeGreaterThanOrEqual(4);
  await page.mouse.up();
  await expect(hold).toHaveAttribute('aria-pressed', 'false');
  const afterMouse = await capturedCount(page);
  await page.waitForTimeout(600); // several capture intervals: release must have stopped recording
  expect(await capturedCount(page)).toBe(afterMouse);

  // Keyboard hold (Space) records too.
  await hold.focus();
  await page.keyboard.down('Space');
  await expect.poll(() => capturedCount(page)).toBeGreaterThan(afterMouse);
  await page.keyboard.up('Space');
  await expect(hold).toHaveAttribute('aria-pressed', 'false');
  const total = await capturedCount(page);

  // Every captured frame lands in class 1 (none in class 2), with a thumbnail each.
  await expect(first.getByTestId('class-count')).toHaveText(`${total} images`);
  await expect(first.locator('img.thumb')).toHaveCount(total);
  await expect(first.locator('img.thumb').first()).toHaveAttribute('alt', /^webcam-Class_1-\d+\.jpg$/);
  await expect(page.getByTestId('class-count').nth(1)).toHaveText('0 images');
  await expect(page.getByTestId('upload-message')).toHaveCount(0);

  await first.getByTestId('webcam-close').click();
  await expect(page.getByTestId('webcam')).toHaveCount(0);
  const tracks = await page.evaluate(() => window.__streams.flatMap((s) => s.getTracks().map((t) => t.readyState)));
  expect(tracks.length).toBeGreaterThan(0);
  expect(tracks.every((state) => state === 'ended')).toBe(true);
});

test('denied camera permission: a clear message, and the rest of the panel keeps working', async ({ page }) => {
  await failCamera(page, 'NotAllowedError');
  await twoClasses(page);
  const first = page.getByTestId('upload-class').first();
  await first.getByTestId('webcam-open').click();
  await expect(first.getByTestId('webcam-error')).toHaveText(
    /Camera permission was denied — allow camera access in the browser's site settings/,
  );
  await expect(first.getByRole('alert')).toBeVisible();
  await expect(first.getByTestId('webcam-hold')).toHaveCount(0);

  await first
    .getByTestId('class-file-input')
    .setInputFiles({ name: 'disc.png', mimeType: 'image/png', buffer: shapePng('disc', [200, 40, 40], 7) });
  await expect(first.getByTestId('class-count')).toHaveText('1 image');
  await first.getByTestId('webcam-close').click();
  await expect(page.getByTestId('webcam')).toHaveCount(0);
});

test('no camera: says so', async ({ page }) => {
  await failCamera(page, 'NotFoundError');
  await twoClasses(page);
  await page.getByTestId('webcam-open').nth(1).click();
  await expect(page.getByTestId('upload-class').nth(1).getByTestId('webcam-error')).toHaveText(/^No camera found/);
});
