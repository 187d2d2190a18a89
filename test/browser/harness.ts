import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { buildFrontEnd } from '../../scripts/build-stale.mjs';
import { REPO_ROOT } from '../../src/bootstrap.js';
import type { TestApp } from '../support/test-app.js';

/**
 * What every browser test shares: the built dashboard, Debian's Chromium driven by playwright-core,
 * the app listening on a real port, a login through the form, and screenshots as artifacts.
 */

/** Debian's Chromium (the `chromium` package); CHROMIUM_PATH points elsewhere. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const ARTIFACTS = resolve(REPO_ROOT, 'test/browser/artifacts');
const ADMIN = resolve(REPO_ROOT, 'admin');
const DIST = join(ADMIN, 'dist');
/** The member app (app/, a PWA served at /app). */
const APP = resolve(REPO_ROOT, 'app');

/** Longest beforeAll: an `npm ci` and a build of the dashboard (or the member app) when it is missing. */
export const SETUP_TIMEOUT = 300_000;

/**
 * The built dashboard in admin/dist, as `npm start` serves it. Missing (or older than its sources):
 * built here as `npm start` builds it (scripts/build-stale.mjs buildFrontEnd: into a temporary folder
 * moved in whole, under a lock so that parallel test files, parallel runs and an `npm start` build it once).
 */
export async function ensureAdminBuilt(): Promise<void> {
  await buildFrontEnd('admin', { quiet: true });
}

/** The built member app in app/dist (served at /app), built as the dashboard is (ensureAdminBuilt). */
export async function ensureAppBuilt(): Promise<void> {
  await buildFrontEnd('app', { quiet: true });
}

/** Debian's Chromium, headless. A missing browser fails the suite: the browser tests are not optional. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium is missing at ${CHROMIUM_PATH}: the browser tests (test/browser) drive Debian's Chromium. ` +
        'Install it with "apt-get install -y chromium fonts-noto-core" (.ci/run does), or set CHROMIUM_PATH.',
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-dev-shm-usage'],
  });
}

/** The app on a free port of 127.0.0.1; answers its base URL. */
export async function listen(t: TestApp): Promise<string> {
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = t.app.getHttpServer().address() as AddressInfo;
  return `http://127.0.0.1:${port}`;
}

/**
 * The browser context of a test file (Vietnamese, Vietnam's time zone, a laptop's screen). One per
 * file, so that the dashboard's scripts are downloaded and compiled once; each test opens its own
 * page with `openPage`, which starts logged out.
 */
export async function newContext(browser: Browser): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
  context.setDefaultTimeout(30_000);
  return context;
}

/** A new page of the file's context, logged out (no tokens left by an earlier test). */
export async function openPage(context: BrowserContext, base: string): Promise<Page> {
  for (const open of context.pages()) await open.close();
  const page = await context.newPage();
  await page.goto(`${base}/admin/favicon.svg`);
  await page.evaluate(() => {
    (globalThis as any).localStorage.clear();
    (globalThis as any).sessionStorage.clear();
  });
  return page;
}

/** Logs in through the dashboard's login form and waits for the home page. */
export async function loginAs(page: Page, base: string, user: { username: string; password: string }): Promise<void> {
  await page.goto(`${base}/admin/login`);
  await page.getByRole('textbox', { name: 'Tên đăng nhập', exact: true }).fill(user.username);
  await page.getByRole('textbox', { name: 'Mật khẩu', exact: true }).fill(user.password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.getByText('Xin chào').waitFor();
}

/** A full-page screenshot in test/browser/artifacts/<name>.png (kept by CI as a test artifact). */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** Whether the element has the keyboard focus. */
export const hasFocus = (locator: Locator): Promise<boolean> => locator.evaluate((el: any) => el === el.ownerDocument.activeElement);

/** The aria-label of the focused element when it carries `className`, else null. */
export const focusedLabel = (page: Page, className: string): Promise<string | null> =>
  page.evaluate((cls) => {
    const active = (globalThis as any).document.activeElement;
    return active?.classList?.contains(cls) ? active.getAttribute('aria-label') : null;
  }, className);

/**
 * The size of what a page loaded from the dashboard's build (`paths` as requested, e.g.
 * /admin/assets/index-x.js; with `front` 'app', the member app's /app/assets/…): bytes and gzip -9
 * bytes per file, written to artifacts/<name>.json.
 */
export function recordLoadSize(name: string, paths: string[], front: 'admin' | 'app' = 'admin') {
  const dist = front === 'app' ? join(APP, 'dist') : DIST;
  const files = [...new Set(paths)]
    .filter((p) => p.startsWith(`/${front}/assets/`))
    .map((p) => {
      const body = readFileSync(join(dist, p.slice(`/${front}/`.length)));
      return { file: p, bytes: body.length, gzip: gzipSync(body, { level: 9 }).length };
    });
  const total = { bytes: files.reduce((n, f) => n + f.bytes, 0), gzip: files.reduce((n, f) => n + f.gzip, 0) };
  mkdirSync(ARTIFACTS, { recursive: true });
  writeFileSync(join(ARTIFACTS, `${name}.json`), JSON.stringify({ files, total }, null, 2));
  return total;
}

/**
 * Types a date ("04/12/2026"), a date and time ("04/12/2026 17:30"), a month ("12/2026") or a time
 * ("19:30") into the dashboard's picker labelled `label` (in `scope`: a page, or a dialog of it), the
 * way a person does: its sections take the digits, day first.
 */
export async function fillDate(scope: Page | Locator, label: string, text: string): Promise<void> {
  const page = 'keyboard' in scope ? scope : scope.page();
  const field = scope.getByRole('group', { name: label, exact: true });
  await field.click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.press('Backspace');
  await page.keyboard.type(text.replace(/\D/g, ''), { delay: 20 });
}

/** What the date picker labelled `label` shows ("04/12/2026"), read from its hidden input. */
export const shownDate = (page: Page, label: string): Promise<string> =>
  page.getByRole('group', { name: label, exact: true }).evaluate((el: any) => {
    const input = el.closest('.MuiPickersTextField-root')?.querySelector('input');
    return input ? String(input.value) : '';
  });
