/** docs/browser-support.md, written from the last cross-browser smoke run (never edited by hand). */
import type { BrowserReport, Features } from './smoke';

const NAMES = { firefox: 'Firefox ESR', webkit: 'WebKitGTK' } as const;

/** What the lab does where an engine lacks a feature (the code paths named are the fallbacks the smoke run exercised). */
const FALLBACKS: Record<keyof Features, { feature: string; without: string }> = {
  webgl: {
    feature: 'WebGL',
    without: 'embeds and trains on wasm (or cpu) and says so in a "Slow mode" notice and the This device popover',
  },
  imageDecoder: {
    feature: 'WebCodecs `ImageDecoder`',
    without: 'photos are decoded with `createImageBitmap` in the decode workers (decodeImages.ts)',
  },
  crossOriginIsolated: {
    feature: 'cross-origin isolation (wasm threads)',
    without: 'wasm runs on one thread; the This device popover shows the thread count',
  },
  camera: {
    feature: 'camera (`getUserMedia`)',
    without:
      'the webcam button is replaced by a message; no camera exists on the test machine, so capture itself is tested in Chromium with a fake device only',
  },
};

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function browserSupportPage(reports: BrowserReport[], when: Date): string {
  const lines: string[] = [];
  lines.push('# Browser support', '');
  lines.push(
    `Written by \`npm run test:browsers\` (part of \`npm test\`) on ${when.toISOString().slice(0, 16).replace('T', ' ')} UTC — do not edit by hand.`,
  );
  lines.push(
    'Chromium runs the full end-to-end suite (`e2e/*.spec.ts`, Playwright); Firefox ESR (puppeteer-core over WebDriver BiDi) and WebKitGTK (selenium-webdriver with WebKitWebDriver, under Xvfb) run the smoke suite in `e2e/browsers/`, against the built app.',
    '',
  );
  lines.push(`| step | ${reports.map((r) => `${NAMES[r.engine]} (${cell(r.version)})`).join(' | ')} |`);
  lines.push(`| --- | ${reports.map(() => '---').join(' | ')} |`);
  const steps = [...new Set(reports.flatMap((r) => r.steps.map((s) => s.step)))];
  for (const step of steps) {
    lines.push(
      `| ${cell(step)} | ${reports
        .map((r) => {
          const s = r.steps.find((x) => x.step === step);
          return s ? `${s.ok ? '✓' : '✖'} ${(s.ms / 1000).toFixed(1)} s — ${cell(s.detail)}` : 'not run';
        })
        .join(' | ')} |`,
    );
  }
  lines.push('', '## What each engine lacks, and what the lab does then', '');
  lines.push(`| feature | ${reports.map((r) => NAMES[r.engine]).join(' | ')} | without it |`);
  lines.push(`| --- | ${reports.map(() => '---').join(' | ')} | --- |`);
  for (const key of Object.keys(FALLBACKS) as (keyof Features)[]) {
    lines.push(
      `| ${FALLBACKS[key].feature} | ${reports.map((r) => (r.features ? (r.features[key] ? 'yes' : '**no**') : '?')).join(' | ')} | ${FALLBACKS[key].without} |`,
    );
  }
  lines.push('', '## The engine each browser got', '');
  for (const r of reports) {
    const b = r.backend;
    lines.push(
      `- **${NAMES[r.engine]}**: ${b ? `device backend ${b.device}; training on ${b.training}${b.wasmThreads ? ` (${b.wasmThreads} wasm thread${b.wasmThreads === 1 ? '' : 's'})` : ''}; embedding on ${b.embedding.small} (zoo) / ${b.embedding.large} (MobileNet)${b.fallback ? `; notice shown: “${cell(b.fallback)}”` : ''}` : 'never started'}.`,
    );
  }
  const cold = reports.find((r) => r.coldStarts)?.coldStarts;
  if (cold) {
    const sorted = [...cold.ms].sort((a, b) => a - b);
    lines.push(
      '',
      `Cold starts in Firefox ESR, each in a fresh profile: ${cold.ok} of ${cold.total} usable (zoo listed, engine ready), ${cold.recovered} of them after the engine's watchdog replaced a worker that hung while starting; median ${(sorted[Math.floor(sorted.length / 2)] / 1000).toFixed(1)} s, slowest ${(sorted[sorted.length - 1] / 1000).toFixed(1)} s.`,
    );
  }
  lines.push('');
  return lines.join('\n');
}
