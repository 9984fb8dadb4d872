import { expect, test } from '@playwright/test';
import { openShareText } from '../src/core/share/link';
import { downloadJson, openView } from './fixtures';

/**
 * A remedy comparison end to end: label noise broken in, GCE switched on beside plain transfer,
 * three seeds trained, the verdict with its CI as the export computes it, a share link that carries
 * the remedy, and a reload that keeps it.
 */
test('a remedy comparison: switch on, train three seeds, verdict against plain transfer, share link carries it, reload keeps it', async ({
  page,
}) => {
  test.setTimeout(480_000);
  await page.goto('/');
  await page.getByTestId('zoo-card-digits-0-4').click();
  await page.getByTestId('target-digits-5-9').check();
  await page.getByTestId('label-noise').fill('40');
  await expect(page.getByTestId('planned-total')).toContainText('labels flipped');
  await page.getByTestId('strategy').selectOption('linear-probe');
  await page.getByTestId('epochs').fill('4');
  await page.getByTestId('seeds').fill('3');

  const remedies = page.getByTestId('remedies');
  await remedies.locator('summary').click();
  await page.getByTestId('remedy-gce').check();
  await expect(page.getByTestId('remedy-gce-value')).toHaveValue('0.7');
  await page.getByTestId('remedy-smallLoss').check();
  // Small-loss selection starts at the injected noise rate: the share it should forget.
  await expect(page.getByTestId('remedy-smallLoss-value')).toHaveValue('40');
  await page.getByTestId('remedies-compare').check();
  await expect(remedies.locator('summary')).toContainText('2 on');

  await page.getByTestId('train').click();
  const panel = page.getByTestId('seeds-panel');
  await expect(panel).toHaveAttribute('data-status', 'done', { timeout: 420_000 });
  await expect(panel).toHaveAttribute('data-runs', '4');
  for (const id of ['transfer', 'transfer-gce', 'transfer-small-loss', 'scratch'])
    await expect(page.getByTestId(`run-status-${id}`)).toContainText('done');

  const verdicts = page.getByTestId('remedy-verdict');
  await expect(verdicts).toHaveCount(2);
  const json = await downloadJson(page, 'export-seeds');
  expect(json.plan.map((r: { id: string }) => r.id)).toEqual(['transfer', 'transfer-gce', 'transfer-small-loss', 'scratch']);
  expect(json.config.remedies).toMatchObject({ gce: 0.7, smallLoss: 0.4, compare: true });
  // The verdict is the seeds' own differences on clean validation accuracy, recomputed here.
  const final = (seed: { runs: { id: string; epochs: { valAccuracy: number }[] }[] }, id: string) =>
    seed.runs.find((r) => r.id === id)!.epochs.at(-1)!.valAccuracy;
  for (const report of json.remedies) {
    const runId = report.remedy === 'gce' ? 'transfer-gce' : 'transfer-small-loss';
    const diffs = json.seeds.map((s: Parameters<typeof final>[0]) => final(s, runId) - final(s, 'transfer'));
    const mean = diffs.reduce((a: number, b: number) => a + b, 0) / diffs.length;
    expect(report.difference.mean).toBeCloseTo(mean, 10);
    expect(report.difference.n).toBe(3);
    const shown = page.locator(`[data-testid="remedy-verdict"][data-remedy="${report.remedy}"]`);
    await expect(shown).toHaveAttribute('data-verdict', report.verdict);
    await expect(shown).toContainText(`${(mean * 100).toFixed(1)} points`);
    console.log(
      `remedy ${report.remedy}: ${(mean * 100).toFixed(1)} [${(report.difference.lo * 100).toFixed(1)}, ${(report.difference.hi * 100).toFixed(1)}] → ${report.verdict}`,
    );
  }
  // Small-loss selection says how well it avoided the flipped labels.
  await expect(page.getByTestId('selection-quality')).toContainText(/\d+% clean \(precision\), \d+% of the clean ones kept \(recall\)/);

  // The share link carries the remedies.
  await openView(page, 'share');
  await page.getByTestId('share').click();
  const link = await page.getByTestId('share-link').inputValue();
  const opened = openShareText(new URL(link).hash.replace(/^#x=/, ''));
  expect(opened.ok && opened.share.config.remedies).toMatchObject({ gce: 0.7, smallLoss: 0.4, compare: true });

  // A reload keeps them (the saved experiment is the same config).
  await expect(page.getByTestId('saved-at')).toBeVisible();
  await page.reload();
  await expect(page.getByTestId('remedy-gce')).toBeChecked();
  await expect(page.getByTestId('remedy-smallLoss-value')).toHaveValue('40');
  await expect(page.getByTestId('remedies-compare')).toBeChecked();
});
