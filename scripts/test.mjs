#!/usr/bin/env node
/**
 * npm test: lint, typecheck, unit tests (Vitest, Node), build, end-to-end tests (Playwright,
 * real Chromium), then the cross-browser smoke suite (Firefox ESR, WebKitGTK). Finds a browser first: Playwright's own, else $CHROMIUM_PATH, else
 * /usr/bin/chromium; with none, installs Debian's chromium when it can, or says how to get one.
 */
import { execSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

function findBrowser() {
  try {
    const own = chromium.executablePath();
    if (own && existsSync(own)) return own;
  } catch {
    /* no Playwright browser */
  }
  return [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => p && existsSync(p));
}

let browser = findBrowser();
if (!browser) {
  const canApt = process.getuid?.() === 0 && existsSync('/usr/bin/apt-get');
  if (canApt) {
    console.log('No Chromium found: installing Debian chromium (apt-get install -y chromium)…');
    execSync('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium', { stdio: 'inherit' });
    browser = findBrowser();
  }
  if (!browser) {
    console.error(
      '\nNo Chromium for the end-to-end tests. Install one — Debian/Ubuntu: `sudo apt-get install -y chromium`; ' +
        'elsewhere: `npx playwright install chromium` — or point CHROMIUM_PATH at a Chromium/Chrome binary, then re-run `npm test`.\n',
    );
    process.exit(1);
  }
}
process.env.CHROMIUM_PATH = browser;
console.log(`Browser for e2e: ${browser}`);

const steps = [
  // ESLint (code rules, file and function lengths), then dependency-cruiser (layers, cycles).
  ['lint', 'npm', ['run', 'lint']],
  ['typecheck', 'npx', ['tsc', '-p', '.']],
  ['unit tests', 'npx', ['vitest', 'run']],
  // The build users get, checked for the tests' hooks; then the tests' build (--mode e2e, see .env.e2e).
  ['build', 'npx', ['vite', 'build']],
  ['no hooks for users', 'node', ['scripts/checkUserBuild.mjs']],
  ['test build', 'npx', ['vite', 'build', '--mode', 'e2e']],
  ['end-to-end tests', 'npx', ['playwright', 'test']],
  // Firefox ESR and WebKitGTK: the smoke suite (e2e/browsers/), which re-runs itself under xvfb-run.
  ['other browsers', 'npx', ['tsx', 'e2e/browsers/run.ts']],
];
const timings = [];
const minutes = (ms) => `${Math.floor(ms / 60000)}:${String(Math.floor((ms % 60000) / 1000)).padStart(2, '0')}`;
/** The duration of each stage, so CI logs show where the time goes (the budget is 30 minutes). */
const report = () => {
  console.log('\nStage timings (m:ss):');
  for (const [name, ms] of timings) console.log(`  ${name.padEnd(18)} ${minutes(ms)}`);
  console.log(`  ${'total'.padEnd(18)} ${minutes(timings.reduce((n, [, ms]) => n + ms, 0))}`);
};
for (const [name, cmd, args] of steps) {
  console.log(`\n▶ ${name}`);
  const started = Date.now();
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: process.env });
  timings.push([name, Date.now() - started]);
  if (r.status !== 0) {
    report();
    console.error(`\n✖ ${name} failed`);
    process.exit(r.status ?? 1);
  }
}
report();
console.log('\n✔ all checks passed');
