import { expect, test, type Page } from '@playwright/test';
import { openView, waitForTraining } from './fixtures';

/*
 * The Chinese UI, as a Chinese-speaking student sees it: every visible word is Chinese except
 * names that stay as they are (model ids, libraries, file formats, units and numbers).
 */

/** Words that are names, not English: identifiers of libraries, formats, methods and units. */
const NAMES = new Set(
  (
    'TF js WebGL webgl wasm cpu webgpu threads MobileNet ImageNet MNIST Fashion Teachable Machine SP LwF WiSE FT Grad CAM PCA UMAP NN CSV JSON PNG SVG ZIP ' +
    'MB KB GB ms px LogME LEEP NCE NTG AUC MMD GPU CNN Adam AdamW softmax IndexedDB http https localhost json metadata bin RGB HTTP SIMD PyTorch Python torchrun ' +
    'Esc Ctrl Enter Mac NaN Kendall CI DDP Keras ReLU BatchNorm Dense Conv2D GAP zip QuickTime ImageFolder CPU python JPEG GIF WebP BMP ' +
    // Remedies' names and formulas kept as Chinese texts keep them (GCE, logit, log π).
    'GCE logit log ' +
    // Authors of cited papers.
    'Wortsman Nguyen Bao Ibrahim You Zhang Sabuncu Han Cui Menon'
  ).split(' '),
);

/**
 * The English words in the visible page: text nodes that are rendered, outside elements marked as
 * another language (the language switch names "English" in English), minus names and ids.
 */
async function englishWords(page: Page): Promise<string[]> {
  const words = await page.evaluate(() => {
    const out: string[] = [];
    const shown = (el: Element | null): el is HTMLElement => {
      if (!el || el.closest('[lang="en"], script, style, svg defs')) return false;
      const box = el.getBoundingClientRect();
      return box.width > 0 && box.height > 0 && getComputedStyle(el).visibility !== 'hidden' && el.checkVisibility();
    };
    // What is read: rendered text, and the tooltips, labels, placeholders and alt texts of visible elements.
    const texts: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) if (shown(n.parentElement)) texts.push(n.textContent ?? '');
    for (const el of document.querySelectorAll('[title], [aria-label], [placeholder], img[alt]')) {
      if (!shown(el)) continue;
      for (const a of ['title', 'aria-label', 'placeholder', 'alt']) texts.push(el.getAttribute(a) ?? '');
    }
    for (const text of texts) {
      // Model and dataset ids (digits-0-4), file names (model.json), versions (v1) and layer names (conv_pw_13) are names.
      // Names of methods with a hyphen (H-score, k-NN, Grad-CAM) are names too.
      const named = text.replace(/\b(H-score|k-NN|Grad-CAM|WiSE-FT|L2-SP|Fashion-MNIST|Teachable Machine|tf\.\w+)\b/g, ' ');
      const stripped = named.replace(
        /[\w.-]*\d[\w.-]*|\b[\w-]+\.(json|bin|png|jpe?g|gif|webp|bmp|csv|svg|zip|py|txt|md|mov)\b|\*\.\w+|\b[a-z]+(-[a-z]+)+\b|\b\w+_\w+\b/g,
        ' ',
      );
      for (const m of stripped.matchAll(/[A-Za-z]{2,}/g)) out.push(`${m[0]}  «${text.trim().slice(0, 60)}»`);
    }
    return out;
  });
  return words.filter((w) => !NAMES.has(w.split(' ')[0]));
}

/**
 * Labels the layout cut off: text boxes that clip (overflow hidden or ellipsis) and hold more than
 * they show. Chinese and English differ in width, and neither may be clipped.
 */
async function clipped(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('button, label, th, td, h1, h2, h3, dt, span, output, option, figcaption')]
      .filter((el) => {
        const style = getComputedStyle(el);
        const clips = style.overflowX === 'hidden' || style.overflowX === 'clip' || style.textOverflow === 'ellipsis';
        return clips && el.checkVisibility() && el.scrollWidth > el.clientWidth + 1;
      })
      .map((el) => (el.textContent ?? '').trim().slice(0, 40)),
  );
}

async function openEverything(page: Page) {
  await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
}

/** A check run on the stage alone and with each analysis view open (one view is shown at a time). */
async function inEveryView(page: Page, check: () => Promise<string[]>): Promise<string[]> {
  const found = [...(await check())];
  for (const view of ['inside', 'combine', 'share', 'board', 'explain'] as const) {
    // The opened "This device" popover would lie over the tabs, as it would for a person: closed first.
    await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = false)));
    await openView(page, view);
    await openEverything(page);
    found.push(...(await check()).map((w) => `${w} (${view})`));
  }
  return found;
}

test('中文: the whole lab, a finished run and every preset narrative are in Chinese; the choice is remembered and settable by link', async ({
  page,
}) => {
  test.setTimeout(300_000);
  await page.goto('/');
  await page.getByTestId('zoo-card-digits-0-4').waitFor();
  await openEverything(page);
  expect(await inEveryView(page, () => clipped(page))).toEqual([]);
  await page.getByTestId('lang-zh').click();
  await expect(page.locator('h1')).toHaveText('迁移学习实验室');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');

  // Every panel and view, idle.
  await openEverything(page);
  expect(await inEveryView(page, () => englishWords(page))).toEqual([]);
  expect(await inEveryView(page, () => clipped(page))).toEqual([]);
  // A value out of range is explained in Chinese.
  await page.getByTestId('epochs').fill('0');
  await expect(page.locator('.field-problem').first()).toBeVisible();
  expect(await englishWords(page)).toEqual([]);

  // A finished experiment over two seeds: curves, summary, verdict, diagnostics, and a remedy's verdict beside plain transfer.
  await page.getByTestId('epochs').fill('2');
  await page.getByTestId('seeds').fill('2');
  await page.getByTestId('label-noise').fill('20');
  await page.getByTestId('remedy-smallLoss').check();
  await page.getByTestId('remedies-compare').check();
  await page.getByTestId('train').click();
  await expect(page.getByTestId('seeds-panel')).toHaveAttribute('data-status', 'done', { timeout: 240_000 });
  await waitForTraining(page);
  await expect(page.getByTestId('remedy-verdict')).toBeVisible();
  await expect(page.getByTestId('selection-quality')).toContainText('精确率');
  // Feature maps and a saliency map of a validation image.
  await openView(page, 'inside');
  await page.getByTestId('draw-maps').click();
  await expect(page.getByTestId('map-grid').locator('figure')).toHaveCount(4, { timeout: 120_000 }); // the source, plain transfer, transfer + small-loss, scratch
  const mistake = page.getByTestId('misclassified-item').first();
  if (await mistake.count()) {
    await mistake.click();
    await expect(page.getByTestId('saliency-view')).toBeVisible({ timeout: 60_000 });
  }
  await openEverything(page);
  expect(await inEveryView(page, () => englishWords(page))).toEqual([]);
  expect(await inEveryView(page, () => clipped(page))).toEqual([]);

  // Your own images: the upload panel, with a class and a file that is not an image.
  await page.getByTestId('tab-upload').click();
  await expect(page.getByTestId('upload-panel')).toBeVisible();
  await page.getByTestId('add-class').click();
  await page
    .getByTestId('class-file-input')
    .first()
    .setInputFiles([
      { name: 'notes.png', mimeType: 'image/png', buffer: Buffer.from('my notes, not a picture\n') },
      {
        name: 'clip.mov',
        mimeType: 'video/quicktime',
        buffer: Buffer.concat([Buffer.from([0, 0, 0, 20]), Buffer.from('ftypqt  '), Buffer.alloc(12)]),
      },
    ]);
  await expect(page.getByTestId('upload-message')).toHaveCount(2);
  expect(await englishWords(page)).toEqual([]);
  await page.getByTestId('tab-builtin').click();

  // Remembered on reload; a link's ?lang= wins.
  await page.reload();
  await expect(page.locator('h1')).toHaveText('迁移学习实验室');
  await page.goto('/?lang=en');
  await expect(page.locator('h1')).toHaveText('Transfer Lab');
  await page.getByTestId('lang-zh').click();

  // Every preset's narrative, stepped through as a lesson of all of them.
  const presets = ['positive', 'few-shot', 'shortcut', 'background', 'mismatch', 'domain-gap', 'forgetting', 'model-selection', 'fusion'];
  await page.goto(`/?lang=zh&lesson=${presets.join(',')}`);
  for (const [i, id] of presets.entries()) {
    await expect(page.getByTestId('narration')).toHaveAttribute('data-preset', id);
    await expect(page.getByTestId('lesson-step')).toHaveText(`第 ${i + 1} 步，共 ${presets.length} 步`);
    expect(await englishWords(page)).toEqual([]);
    await page.keyboard.press('ArrowRight');
  }
});
