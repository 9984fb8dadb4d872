import { expect, test } from '@playwright/test';
import { stopIfRunning } from './fixtures';

/*
 * Lecture mode as an instructor uses it: a link that shows only what the class should see, and
 * a lesson stepped through with the keyboard.
 */

test('a lecture link hides exactly the controls it names and keeps the rest usable; locked controls are visible but inert', async ({
  page,
}) => {
  test.setTimeout(240_000);
  // The presentation layout: larger type, darker text, the chart half the screen high.
  const look = () =>
    page.evaluate(() => {
      const app = getComputedStyle(document.querySelector('.app')!);
      const chart = document.querySelector(
        '[data-testid="chart-accuracy"] .recharts-responsive-container, [data-testid="chart-accuracy-pending"]',
      );
      return {
        font: parseFloat(app.fontSize),
        ink: app.getPropertyValue('--ink').trim(),
        chart: (chart?.getBoundingClientRect().height ?? 0) / innerHeight,
      };
    });
  await page.goto('/');
  await page.getByTestId('zoo-card-digits-0-4').waitFor();
  const normal = await look();
  // "Only the Train button and the chart."
  await page.goto('/?only=train,chart');
  await expect(page.getByTestId('lecture-bar')).toBeVisible();
  await expect(page.locator('.app')).toHaveClass(/lecture/);
  // Measured once the chart (or the frame that stands for it while it waits to draw, as tall) is there.
  await page
    .locator('[data-testid="chart-accuracy"] .recharts-responsive-container, [data-testid="chart-accuracy-pending"]')
    .first()
    .waitFor();
  const lecture = await look();
  expect(lecture.font).toBeGreaterThanOrEqual(1.2 * normal.font);
  expect(lecture.ink).toBe('#000');
  expect(lecture.chart).toBeGreaterThanOrEqual(0.45);
  await expect(page.getByTestId('train')).toBeVisible();
  await expect(page.getByTestId('chart-accuracy').or(page.getByTestId('chart-accuracy-pending'))).toHaveCount(1);
  for (const id of [
    'presets-panel',
    'augment-panel',
    'share-panel',
    'fusion-panel',
    'selection-panel',
    'explain-panel',
    'experiments-panel',
  ])
    await expect(page.getByTestId(id)).toHaveCount(0);
  // Inside the kept panels, only the named controls: no settings, no exports.
  await expect(page.getByTestId('epochs')).toHaveCount(0);
  await expect(page.getByTestId('strategy')).toHaveCount(0);
  await expect(page.getByTestId('export-json')).toHaveCount(0);
  // What is shown works: Train trains.
  await page.getByTestId('train').click();
  await expect(page.getByTestId('stop')).toBeVisible();
  await stopIfRunning(page);

  // One setting beside the button: the rest of the training panel's settings are gone.
  await page.goto('/?only=train,epochs');
  await expect(page.getByTestId('epochs')).toBeVisible();
  await page.getByTestId('epochs').fill('4');
  await expect(page.getByTestId('epochs')).toHaveValue('4');
  for (const id of ['strategy', 'learning-rate', 'seeds', 'scratch-baseline', 'sweep', 'bias-panel'])
    await expect(page.getByTestId(id)).toHaveCount(0);
  // Single controls hidden inside panels that stay.
  await page.goto('/?hide=bias,seeds,sweep');
  await page.getByTestId('zoo-card-digits-0-4').waitFor();
  for (const id of ['bias-panel', 'seeds', 'sweep']) await expect(page.getByTestId(id)).toHaveCount(0);
  for (const id of ['epochs', 'strategy', 'train', 'gap-meter']) await expect(page.getByTestId(id)).toBeVisible();

  // A knob alone: its panel stays around it, but nobody can switch the data set under it.
  await page.goto('/?only=bias');
  await expect(page.getByTestId('bias-panel')).toBeVisible();
  await expect(page.getByTestId('tab-upload')).toHaveCount(0);
  await expect(page.locator('input[type=radio][name=target]')).toHaveCount(0);
  for (const id of ['gap-meter', 'train', 'source-panel']) await expect(page.getByTestId(id)).toHaveCount(0);

  // Hide one panel, lock another: everything else as usual.
  await page.goto('/?hide=augment,explain&lock=source');
  await page.getByTestId('zoo-card-digits-0-4').waitFor();
  await expect(page.getByTestId('augment-panel')).toHaveCount(0);
  await expect(page.getByTestId('explain-panel')).toHaveCount(0);
  for (const id of ['presets-panel', 'training-panel', 'results-panel', 'share-panel', 'fusion-panel', 'selection-panel'])
    await expect(page.getByTestId(id)).toHaveCount(1);
  await expect(page.getByTestId('zoo-card-shapes')).toBeDisabled();
  await expect(page.getByTestId('epochs')).toBeEnabled();
  await page.getByTestId('epochs').fill('3');
  await expect(page.getByTestId('epochs')).toHaveValue('3');
  // A name the lab does not know is reported and ignored; the names it knows still apply.
  await page.goto('/?hide=augment,nonsense');
  await expect(page.getByTestId('lecture-problem')).toContainText('"hide" (nonsense)');
  await expect(page.getByTestId('augment-panel')).toHaveCount(0);
  await expect(page.getByTestId('explain-panel')).toHaveCount(1);
});

test('a lesson: its link opens at its step, → and ← change the narration, Space starts and pauses, Esc leaves; the address is the lesson link', async ({
  page,
}) => {
  test.setTimeout(240_000);
  await page.goto('/?lesson=three-challenges&step=2');
  await expect(page.getByTestId('lesson-step')).toHaveText('Step 2 of 4');
  const narration = page.getByTestId('narration');
  await expect(narration).toHaveAttribute('data-preset', 'shortcut');
  const shortcutTitle = await narration.locator('h2').textContent();
  // The step's preset is loaded: the colour-shortcut source.
  await expect(page.getByTestId('zoo-card-shapes-shortcut')).toHaveAttribute('aria-checked', 'true');

  await page.keyboard.press('ArrowRight');
  await expect(narration).toHaveAttribute('data-preset', 'forgetting');
  expect(await narration.locator('h2').textContent()).not.toBe(shortcutTitle);
  await expect(page.getByTestId('lesson-step')).toHaveText('Step 3 of 4');
  expect(new URL(page.url()).searchParams.get('step')).toBe('3');
  await page.keyboard.press('ArrowLeft');
  await expect(narration).toHaveAttribute('data-preset', 'shortcut');

  // Space runs the step's preset and pauses it; Space again resumes.
  await page.keyboard.press(' ');
  await expect(page.getByTestId('lesson-run')).toHaveText(/Pause/, { timeout: 60_000 });
  await page.keyboard.press(' ');
  await expect(page.getByTestId('lesson-run')).toHaveText(/Resume/);
  await expect(page.getByTestId('resume')).toBeVisible();
  // Steps wait while an experiment runs.
  await page.keyboard.press('ArrowRight');
  await expect(narration).toHaveAttribute('data-preset', 'shortcut');
  await stopIfRunning(page);

  // The address bar is the lesson link at its step: a new page opens there.
  const link = page.url();
  const other = await page.context().newPage();
  await other.goto(link);
  await expect(other.getByTestId('narration')).toHaveAttribute('data-preset', 'shortcut');
  await other.close();

  // F toggles full screen.
  await page.keyboard.press('f');
  await expect.poll(() => page.evaluate(() => !!document.fullscreenElement)).toBe(true);
  await page.keyboard.press('f');
  await expect.poll(() => page.evaluate(() => !!document.fullscreenElement)).toBe(false);

  await page.keyboard.press('Escape');
  await expect(page.getByTestId('lecture-bar')).toHaveCount(0);
  await expect(page.locator('.app')).not.toHaveClass(/lecture/);
  expect(new URL(page.url()).search).toBe('');
  // Entered from a button too.
  await page.getByTestId('lecture-enter').click();
  await expect(page.getByTestId('lecture-bar')).toBeVisible();
});
