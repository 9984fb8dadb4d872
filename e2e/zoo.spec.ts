import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';

const index = JSON.parse(readFileSync('public/models/index.json', 'utf8'));

test('the built app lists the zoo with each card’s key facts', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('backend')).toHaveText(/webgl|cpu/);
  expect(index.models.length).toBeGreaterThanOrEqual(5);
  for (const { id, card } of index.models) {
    const el = page.getByTestId(`zoo-card-${id}`);
    await expect(el).toContainText(card.name);
    await expect(el.getByTestId('card-classes')).toHaveText(`${card.classNames.length} classes`);
    await expect(el.getByTestId('card-accuracy')).toHaveText(`${(card.sourceTestAccuracy * 100).toFixed(1)}%`);
    await expect(el.getByTestId('card-params')).toHaveText(`${(card.parameters / 1000).toFixed(1)}k params`);
  }
  // Selecting a card shows its full card.
  const last = index.models[index.models.length - 1];
  await page.getByTestId(`zoo-card-${last.id}`).click();
  await expect(page.getByTestId(`zoo-card-${last.id}`)).toHaveAttribute('aria-checked', 'true');
  await expect(page.getByTestId('source-details')).toContainText(last.card.description);
  await expect(page.getByTestId('source-details')).toContainText(`${last.card.testImages.toLocaleString('en-US')} held-out images`);
});
