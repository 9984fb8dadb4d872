import { chromium } from '@playwright/test';
import { preview } from 'vite';
import { CHROMIUM_ARGS } from './scripts/browser';
import { DEFAULT_CONFIG } from './src/core/config/experiment';
const server = await preview({ preview: { port: 4176, strictPort: true, host: '127.0.0.1' }, logLevel: 'warn' });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
const page = await browser.newPage();
await page.goto('http://127.0.0.1:4176/bench/index.html');
await page.waitForFunction(() => 'runConfig' in window);
const variants = JSON.parse(process.argv[2]);
const baseOver = JSON.parse(process.argv[3] ?? '{}');
for (const v of variants) {
  const cfg = { ...DEFAULT_CONFIG, source: { kind: 'zoo', id: 'digits-0-4' }, target: { kind: 'builtin', presetId: 'fashion', ref: { kind: 'packed', dataset: 'fashion', split: 'test' }, maxPerClass: 20 }, strategy: { kind: 'full', backboneLrMultiplier: 1 }, training: { epochs: 8, batchSize: 16, learningRate: 0.01 }, scratchBaseline: false, ...baseOver, ...v.over, forgetting: { track: true, l2sp: 0, lwf: 0, temperature: 2, ...(v.forgetting ?? {}) } };
  const t0 = Date.now();
  const out = await page.evaluate((c) => (window as any).runConfig(c), cfg);
  const e = out.epochs.transfer;
  console.log(JSON.stringify(v), `${((Date.now() - t0) / 1000).toFixed(0)}s`, 'src', e.map((m: any) => m.sourceAccuracy.toFixed(2)).join(' '), '| val', e.map((m: any) => m.valAccuracy.toFixed(2)).join(' '), '| wise src', (out.wiseft ?? []).map((p: any) => p.sourceAccuracy.toFixed(2)).join(' '), '| wise tgt', (out.wiseft ?? []).map((p: any) => p.targetAccuracy.toFixed(2)).join(' '));
}
await browser.close();
server.httpServer.close();
