import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';

/** Clicks a preset, checks its narrative, waits for all five seeds and returns the exported per-seed JSON. */
async function runPreset(page: Page, id: string, timeout: number) {
  await page.goto('/');
  await page.getByTestId('zoo-card-digits-0-4').waitFor();
  await page.getByTestId(`preset-${id}`).click();
  await expect(page.getByTestId('preset-narrative')).toContainText('What to watch');
  await expect(page.getByTestId('preset-narrative')).toContainText('What would fix it');
  await expect(page.getByTestId('seeds-progress')).toContainText('Seed 1 of 5');
  const panel = page.getByTestId('seeds-panel');
  await expect(panel).toHaveAttribute('data-status', 'done', { timeout });
  await expect(panel).toHaveAttribute('data-seeds', '5');
  await expect(page.getByTestId('verdict')).toBeVisible();
  return exportSeeds(page);
}

async function exportSeeds(page: Page) {
  const download = page.waitForEvent('download');
  await page.getByTestId('export-seeds').click();
  return JSON.parse(readFileSync(await (await download).path(), 'utf8'));
}

const pts = (x: number) => (x * 100).toFixed(1);

test('the positive-transfer preset runs five seeds and shows its narrative, a band chart and a verdict', async ({ page }) => {
  test.setTimeout(900_000);
  const json = await runPreset(page, 'positive', 840_000);
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'positive');
  await expect(page.getByTestId('metric-ntg')).toHaveText(/^-\d+\.\d pts \[-\d+\.\d, -\d+\.\d\]$/);
  await expect(page.getByTestId('seeds-chart').locator('.recharts-area')).toHaveCount(2);
  await page.getByTestId('show-seeds').check();
  await expect(page.getByTestId('seeds-chart').locator('.recharts-line')).toHaveCount(12);

  expect(json.seeds.map((s: { seed: number }) => s.seed)).toEqual([42, 43, 44, 45, 46]);
  for (const s of json.seeds) {
    expect(s.transfer).toHaveLength(json.config.training.epochs);
    expect(s.scratch).toHaveLength(json.config.training.epochs);
  }
  expect(json.report.verdict).toBe('positive');
  expect(json.report.ntg.n).toBe(5);
  expect(json.report.ntg.hi).toBeLessThan(0);
  expect(json.report.jumpstart.mean).toBeGreaterThanOrEqual(0.15);
  console.log(`positive preset: NTG ${pts(json.report.ntg.mean)} [${pts(json.report.ntg.lo)}, ${pts(json.report.ntg.hi)}], jumpstart ${pts(json.report.jumpstart.mean)}`);
});

for (const id of ['shortcut', 'mismatch']) {
  test(`the ${id} negative-transfer preset: NTG ≥ +5 points over five seeds, its 95% CI above 0, a negative verdict`, async ({ page }) => {
    test.setTimeout(900_000);
    const json = await runPreset(page, id, 840_000);
    await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'negative');
    await expect(page.getByTestId('verdict')).toContainText('scratch beats transfer');
    if (id === 'shortcut') {
      // "Learn more" opens the Explain panel at its topic.
      await page.getByTestId('preset-topic-shortcut').click();
      await expect(page.getByTestId('explain-shortcut')).toHaveAttribute('open', '');
      await expect(page.getByTestId('explain-shortcut')).toContainText('cheapest cue');
    }
    expect(json.report.verdict).toBe('negative');
    expect(json.report.ntg.n).toBe(5);
    expect(json.report.ntg.mean).toBeGreaterThanOrEqual(0.05);
    expect(json.report.ntg.lo).toBeGreaterThan(0);
    console.log(`${id} preset: NTG ${pts(json.report.ntg.mean)} [${pts(json.report.ntg.lo)}, ${pts(json.report.ntg.hi)}]`);
  });
}

test('the few-shot preset: five images per class, transfer clearly ahead over five seeds', async ({ page }) => {
  test.setTimeout(600_000);
  const json = await runPreset(page, 'few-shot', 540_000);
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'positive');
  expect(json.config.bias.samplesPerClass).toBe(5);
  expect(json.report.ntg.hi).toBeLessThan(0);
  console.log(`few-shot preset: NTG ${pts(json.report.ntg.mean)} [${pts(json.report.ntg.lo)}, ${pts(json.report.ntg.hi)}]`);
});

test('the domain-gap preset runs and reports honestly: a verdict with its CI and the metrics in the export', async ({ page }) => {
  test.setTimeout(900_000);
  const json = await runPreset(page, 'domain-gap', 840_000);
  const verdict = await page.getByTestId('verdict').getAttribute('data-verdict');
  expect(['positive', 'negative', 'inconclusive']).toContain(verdict);
  expect(json.report.verdict).toBe(verdict);
  for (const m of ['jumpstart', 'asymptoticGain', 'aucRatio', 'ntg']) {
    expect(json.report[m].n).toBe(5);
    expect(json.report[m].lo).toBeLessThanOrEqual(json.report[m].hi);
  }
  console.log(`domain-gap preset: ${verdict}, NTG ${pts(json.report.ntg.mean)} [${pts(json.report.ntg.lo)}, ${pts(json.report.ntg.hi)}]`);
});

/** Mean over seeds of (source accuracy before fine-tuning − after): before is WiSE-FT's α = 0, the untouched model. */
function sourceLoss(json: { seeds: { transfer: { sourceAccuracy: number }[]; wiseft: { alpha: number; sourceAccuracy: number }[] }[] }) {
  const per = json.seeds.map((s) => ({ before: s.wiseft[0].sourceAccuracy, after: s.transfer.at(-1)!.sourceAccuracy }));
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  return { loss: mean(per.map((p) => p.before - p.after)), after: mean(per.map((p) => p.after)), before: mean(per.map((p) => p.before)) };
}

test('the forgetting preset: plain fine-tuning loses ≥ 30 points of source accuracy over five seeds; L2-SP keeps at least twice as much', async ({ page }) => {
  test.setTimeout(1_500_000);
  const plainJson = await runPreset(page, 'forgetting', 700_000);
  await expect(page.getByTestId('preset-narrative')).toContainText('forgetting meter');
  const panel = page.getByTestId('seeds-panel');
  // The forgetting chart: source and target accuracy per epoch; then the WiSE-FT trade-off.
  await expect(page.getByTestId('chart-forgetting').locator('.recharts-line')).toHaveCount(2);
  await expect(page.getByTestId('chart-wiseft').locator('.recharts-line')).toHaveCount(2);
  await page.getByTestId('wiseft-alpha').fill('0');
  await expect(page.getByTestId('wiseft-readout')).toHaveText(/^α = 0\.0: target \d+\.\d%, source (9\d|100)\.\d%$/);

  expect(plainJson.seeds).toHaveLength(5);
  expect(plainJson.seeds[0].transfer[0].sourceAccuracy).toEqual(expect.any(Number));
  const plain = sourceLoss(plainJson);
  expect(plain.before).toBeGreaterThan(0.9);
  expect(plain.loss).toBeGreaterThanOrEqual(0.3);

  // The mitigation, through the UI: L2-SP α = 20, same seeds, same everything else.
  await page.getByTestId('l2sp').fill('20');
  await page.getByTestId('train').click();
  await expect(page.getByTestId('seeds-progress')).toContainText('Seed 1 of 5');
  await expect(panel).toHaveAttribute('data-status', 'done', { timeout: 700_000 });
  const l2spJson = await exportSeeds(page);
  expect(l2spJson.config.forgetting.l2sp).toBe(20);
  const l2sp = sourceLoss(l2spJson);
  expect(l2sp.after).toBeGreaterThanOrEqual(2 * plain.after);
  expect(l2sp.loss).toBeLessThanOrEqual(plain.loss / 2);
  console.log(`forgetting preset: plain ${(plain.before * 100).toFixed(1)}% → ${(plain.after * 100).toFixed(1)}%; L2-SP → ${(l2sp.after * 100).toFixed(1)}%`);
});
