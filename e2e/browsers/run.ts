/**
 * npm run test:browsers — the cross-browser smoke suite (smoke.ts) in Firefox ESR and WebKitGTK,
 * against the built app (`vite preview`, as users get it). WebKitGTK needs a display: without one
 * this script re-runs itself under `xvfb-run`. Writes docs/browser-support.md from what it saw.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { preview } from 'vite';
import { firefox, webkit, FIREFOX_PATH, MINIBROWSER_PATH, WEBKIT_DRIVER_PATH, type Driver } from './driver';
import { runSmoke, type BrowserReport } from './smoke';
import { browserSupportPage } from './supportTable';

if (!process.env.DISPLAY && !process.env.TL_UNDER_XVFB) {
  const r = spawnSync(
    'xvfb-run',
    ['-a', '--server-args=-screen 0 1400x1000x24', process.execPath, ...process.execArgv, ...process.argv.slice(1)],
    { stdio: 'inherit', env: { ...process.env, TL_UNDER_XVFB: '1' } },
  );
  if (r.error) {
    console.error('xvfb-run is needed for WebKitGTK (Debian: apt-get install -y xvfb).');
    process.exit(1);
  }
  process.exit(r.status ?? 1);
}

const missing = [
  [FIREFOX_PATH, 'firefox-esr'],
  [WEBKIT_DRIVER_PATH, 'webkit2gtk-driver'],
  [MINIBROWSER_PATH, 'webkit2gtk-driver (MiniBrowser)'],
].filter(([path]) => !path || !existsSync(path));
if (missing.length) {
  console.error(
    `Missing for the cross-browser suite: ${missing.map(([, pkg]) => pkg).join(', ')} (Debian: apt-get install -y firefox-esr webkit2gtk-driver xvfb).`,
  );
  process.exit(1);
}
if (!existsSync('dist/index.html')) spawnSync('npx', ['vite', 'build', '--mode', 'e2e'], { stdio: 'inherit' });

const COLD_STARTS = Number(process.env.SMOKE_COLD_STARTS ?? 20);
const server = await preview({ preview: { port: 0, host: '127.0.0.1' }, logLevel: 'warn' });
const base = server.resolvedUrls!.local[0];
const reports: BrowserReport[] = [];
let failed = false;
try {
  for (const [start, coldStarts] of [
    [firefox, COLD_STARTS],
    [webkit, 0],
  ] as const) {
    let driver: Driver | null = null;
    try {
      driver = await start();
      console.log(`\n${driver.engine}: ${await driver.version()}`);
      const report = await runSmoke(driver, base, { coldStarts });
      reports.push(report);
      failed ||= report.steps.some((s) => !s.ok);
    } catch (err) {
      console.error(`✖ could not drive ${start.name}: ${err instanceof Error ? err.stack : String(err)}`);
      failed = true;
    } finally {
      await driver?.close().catch(() => {});
    }
  }
} finally {
  await server.close();
}
if (reports.length) writeFileSync('docs/browser-support.md', browserSupportPage(reports, new Date()));
console.log(failed ? '\n✖ the cross-browser smoke suite failed' : '\n✔ the cross-browser smoke suite passed');
process.exit(failed ? 1 : 0);
