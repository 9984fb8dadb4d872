/**
 * One small interface over the two WebDriver-family drivers the cross-browser smoke suite uses:
 * puppeteer-core over WebDriver BiDi for Firefox ESR, selenium-webdriver with WebKitWebDriver for
 * WebKitGTK. The suite (smoke.ts) is written once against it. Both drive real input (clicks,
 * typing, file choosers) — no synthetic events.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import puppeteer, { type Browser, type BrowserContext, type Page } from 'puppeteer-core';
import { Builder, By, Capabilities, Key, type WebDriver } from 'selenium-webdriver';

export type EngineName = 'firefox' | 'webkit';

export interface Driver {
  readonly engine: EngineName;
  /** The browser's own name and version, as it reports it. */
  version(): Promise<string>;
  /** A fresh profile (no storage, no cache, no stored backend measurement) with one blank page. */
  fresh(): Promise<void>;
  open(url: string): Promise<void>;
  /** Evaluates a JavaScript expression in the page (awaited if it is a promise); its value must be JSON. */
  evaluate<T>(expression: string): Promise<T>;
  click(css: string): Promise<void>;
  /** Replaces a field's text the way a person does: select all, type. */
  type(css: string, text: string): Promise<void>;
  /** Chooses files in the `index`-th file input matching `css`, as the file chooser would. */
  chooseFiles(css: string, index: number, paths: string[]): Promise<void>;
  close(): Promise<void>;
}

/** The desktop layout the Chromium suite uses too. */
const VIEWPORT = { width: 1400, height: 1000 };

export const FIREFOX_PATH = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
export const WEBKIT_DRIVER_PATH = process.env.WEBKIT_DRIVER_PATH ?? '/usr/bin/WebKitWebDriver';
export const MINIBROWSER_PATH =
  process.env.MINIBROWSER_PATH ??
  ['/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser', '/usr/lib/aarch64-linux-gnu/webkit2gtk-4.1/MiniBrowser'].find(existsSync) ??
  '';

/** Firefox ESR over WebDriver BiDi; each fresh profile is a new user context (its own storage and cache). */
export async function firefox(): Promise<Driver> {
  const browser: Browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX_PATH,
    headless: true,
    protocol: 'webDriverBiDi',
  });
  let context: BrowserContext | null = null;
  let page: Page | null = null;
  const live = () => {
    if (!page) throw new Error('no page: call fresh() first');
    return page;
  };
  const nth = async (css: string, index: number) => {
    const all = await live().$$(css);
    if (!all[index]) throw new Error(`no element ${css} [${index}]`);
    // Puppeteer scrolls the window, not the set-up column the element may sit deep inside.
    await all[index].evaluate((el) => el.scrollIntoView({ block: 'center' }));
    return all[index];
  };
  return {
    engine: 'firefox',
    version: () => browser.version(),
    async fresh() {
      await context?.close();
      context = await browser.createBrowserContext();
      page = await context.newPage();
      await page.setViewport(VIEWPORT);
    },
    async open(url) {
      await live().goto(url, { waitUntil: 'domcontentloaded' });
    },
    evaluate: <T>(expression: string) => live().evaluate(`(async () => (${expression}))()`) as Promise<T>,
    async click(css) {
      await (await nth(css, 0)).click();
    },
    async type(css, text) {
      const el = await nth(css, 0);
      await el.click();
      // What a double-click on the number does: select it, then type over it.
      await el.evaluate((input) => (input as HTMLInputElement).select());
      await el.type(text);
    },
    async chooseFiles(css, index, paths) {
      await ((await nth(css, index)) as unknown as { uploadFile(...p: string[]): Promise<void> }).uploadFile(...paths);
    },
    async close() {
      await browser.close();
    },
  };
}

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });

/** WebKitGTK's MiniBrowser through WebKitWebDriver (needs a display: run under xvfb-run); each fresh profile is a new session. */
export async function webkit(): Promise<Driver> {
  const port = await freePort();
  const service: ChildProcess = spawn(WEBKIT_DRIVER_PATH, [`--port=${port}`], { stdio: 'ignore' });
  const serverUrl = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    if (
      await fetch(`${serverUrl}/status`).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    await new Promise((r) => setTimeout(r, 100));
  }
  // MiniBrowser's --automation mode starts each session with an ephemeral (fresh) profile.
  const caps = new Capabilities({
    browserName: 'MiniBrowser',
    'webkitgtk:browserOptions': { binary: MINIBROWSER_PATH, args: ['--automation'] },
  });
  let driver: WebDriver | null = null;
  const live = () => {
    if (!driver) throw new Error('no session: call fresh() first');
    return driver;
  };
  const nth = async (css: string, index: number) => {
    const all = await live().findElements(By.css(css));
    if (!all[index]) throw new Error(`no element ${css} [${index}]`);
    return all[index];
  };
  const fresh = async () => {
    await driver?.quit();
    driver = await new Builder().usingServer(serverUrl).withCapabilities(caps).build();
    await driver.manage().window().setRect(VIEWPORT);
  };
  return {
    engine: 'webkit',
    async version() {
      if (!driver) await fresh();
      return `WebKitGTK ${(await live().getCapabilities()).get('browserVersion')}`;
    },
    fresh,
    async open(url) {
      await live().get(url);
    },
    evaluate: <T>(expression: string) =>
      live()
        .executeAsyncScript(
          `const done = arguments[arguments.length - 1]; (async () => (${expression}))().then((v) => done({ ok: v }), (e) => done({ error: String(e) }));`,
        )
        .then((r) => {
          const result = r as { ok?: T; error?: string };
          if ('error' in result) throw new Error(result.error);
          return result.ok as T;
        }),
    async click(css) {
      const el = await nth(css, 0);
      await live().executeScript('arguments[0].scrollIntoView({ block: "center" })', el);
      await el.click();
    },
    async type(css, text) {
      const el = await nth(css, 0);
      await live().executeScript('arguments[0].scrollIntoView({ block: "center" })', el);
      await el.click();
      // Number fields have no selection to type over: empty it key by key, as a person would.
      const length = String(await el.getAttribute('value')).length;
      await el.sendKeys(Key.END, ...Array.from({ length }, () => Key.BACK_SPACE), text);
    },
    async chooseFiles(css, index, paths) {
      const el = await nth(css, index);
      // A file input is hidden behind its label button; WebDriver types paths only into a shown one.
      await live().executeScript('arguments[0].hidden = false', el);
      await el.sendKeys(paths.join('\n'));
      await live().executeScript('arguments[0].hidden = true', el);
    },
    async close() {
      await driver?.quit().catch(() => {});
      service.kill();
    },
  };
}
