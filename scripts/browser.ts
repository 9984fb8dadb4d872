/**
 * Finds a Chromium for Playwright: Playwright's own browser if installed, else $CHROMIUM_PATH,
 * else /usr/bin/chromium. Shared by the e2e config, the bench and the pretrain driver.
 */
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  // SwiftShader (software WebGL) is the only GL on GPU-less machines; allow it explicitly.
  '--enable-unsafe-swiftshader',
  '--ignore-gpu-blocklist',
];

export function findChromium(): string | undefined {
  try {
    const own = chromium.executablePath();
    if (own && existsSync(own)) return own;
  } catch {
    /* Playwright has no browser of its own here. */
  }
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  return candidates.find((p): p is string => !!p && existsSync(p));
}

export function requireChromium(): string {
  const path = findChromium();
  if (!path) {
    throw new Error(
      'No Chromium found. Install one (Debian/Ubuntu: `sudo apt-get install -y chromium`; elsewhere: `npx playwright install chromium`) or set CHROMIUM_PATH.',
    );
  }
  return path;
}
