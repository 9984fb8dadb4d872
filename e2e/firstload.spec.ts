import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { openDeviceMenu, trainProbe } from './fixtures';

/*
 * What a first visit downloads on the page's own thread, read from the build's chunk graph
 * (dist/chunk-graph.json, written by vite.config.ts): TF.js belongs to the workers only.
 */

interface Chunk {
  file: string;
  entry: boolean;
  name: string;
  imports: string[];
  dynamicImports: string[];
  packages: string[];
}

test('the page’s script, everything it imports statically, holds no TF.js (the engine loads it in its worker)', () => {
  const { chunks } = JSON.parse(readFileSync('dist/chunk-graph.json', 'utf8')) as { chunks: Chunk[] };
  const byFile = new Map(chunks.map((c) => [c.file, c]));
  /** An entry's static graph: what the browser fetches before that page's first render, and the packages in it. */
  const staticGraph = (name: string) => {
    const entry = chunks.find((c) => c.entry && c.name === name);
    expect(entry, `the ${name} entry chunk`).toBeDefined();
    const files = new Set<string>();
    const visit = (file: string) => {
      if (files.has(file)) return;
      files.add(file);
      byFile.get(file)?.imports.forEach(visit);
    };
    visit(entry!.file);
    return { files: [...files], packages: [...new Set([...files].flatMap((f) => byFile.get(f)?.packages ?? []))] };
  };
  const page = staticGraph('main');
  expect(page.packages.filter((p) => p.startsWith('@tensorflow/'))).toEqual([]);
  // The check sees TF.js where it is: the bench page runs the engine on its own thread and imports it.
  expect(staticGraph('bench').packages).toContain('@tensorflow/tfjs-core');
  console.log(`page-thread chunks: ${page.files.join(', ')}; packages: ${page.packages.join(', ')}`);
});

test('a first visit is usable before the engine has measured anything: Train pressed at once trains on the provisional backends, and the measurement follows at idle and is stored', async ({
  page,
}) => {
  test.setTimeout(240_000);
  await page.goto('/');
  // Nothing stored yet: the zoo is listed from its index on the page, and Train is on at once.
  await expect(page.getByTestId('train')).toBeEnabled({ timeout: 30_000 });
  expect(await page.evaluate(() => localStorage.getItem('transfer-lab:backend-calibration'))).toBeNull();
  await trainProbe(page, 2);
  // Measured once the page was idle (after the run): stored for the next visit, and said so in This device.
  await expect
    .poll(() => page.evaluate(() => localStorage.getItem('transfer-lab:backend-calibration')), { timeout: 60_000 })
    .not.toBeNull();
  await openDeviceMenu(page);
  await expect(page.getByTestId('job-backends')).toHaveAttribute('title', /just now/);
});
