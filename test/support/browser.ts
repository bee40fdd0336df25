import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { onTestFailed } from 'vitest';
import { seedDemoTenant } from '../../src/app/demo.service.js';
import { sqlite } from './dialects.js';
import { startTestServer } from './server.js';
import type { TestServer } from './server.js';

/**
 * The web UI in a real Chromium against a real server over SQLite (one dialect is enough
 * for the UI) serving web/dist, with the demo tenant seeded. Outside CI a missing browser
 * skips the suite with a loud banner; in CI it fails.
 *
 *   describe.skipIf(browserSkipped)('…', () => {
 *     const ui = useBrowserSuite({ opportunities: 60 });   // beforeAll/afterAll inside
 *     it('…', async () => { const page = await ui.open('en-US'); await signIn(page, …); });
 *   });
 */
const PROJECT_ROOT = resolve(import.meta.dirname, '..', '..');
/**
 * The built web UI the suites serve: web/dist (what `npm test` builds), or another build
 * named by PIPEWRIGHT_TEST_WEB_ROOT (so parallel work can test its own build).
 */
export const WEB_ROOT = process.env.PIPEWRIGHT_TEST_WEB_ROOT ?? join(PROJECT_ROOT, 'web', 'dist');
export const SCREENSHOTS = join(PROJECT_ROOT, 'docs', 'screenshots');
export const BROWSER = process.env.PIPEWRIGHT_TEST_BROWSER ?? '/usr/bin/chromium';
const BROWSER_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
/** Long enough for a cold lazy chunk on a busy 2-core machine. */
export const UI_TIMEOUT = 15_000;
/** How long a multi-select's click may take to show its tag before it is clicked again. */
const CHOICE_SETTLE = 5_000;

const browserMissing = !existsSync(BROWSER);
/** True when the suite must be skipped (no browser, not in CI). */
export const browserSkipped = browserMissing && !process.env.CI;
if (browserSkipped) {
  console.warn(
    '\n' +
      '!!! ================================================================== !!!\n' +
      `!!!  Browser suite SKIPPED: no Chromium at ${BROWSER}\n` +
      '!!!  Install it (apt-get install chromium) or set PIPEWRIGHT_TEST_BROWSER.\n' +
      '!!!  (CI always runs it; the web UI was NOT tested in this run.)\n' +
      '!!! ================================================================== !!!\n',
  );
}

export interface BrowserSuite {
  /** The server (its `url`, `runtime.ctx` for direct setup). */
  server(): TestServer;
  /** A fresh context (own cookies and localStorage) with this browser locale, at `path`. */
  open(locale: string, path?: string): Promise<Page>;
}

/**
 * When the test that opened the page fails, the page's address and visible text go to the
 * log: a CI run keeps nothing else, and "button not found" says little without the screen.
 */
function logPageOnFailure(page: Page): void {
  try {
    onTestFailed(async () => {
      const text = await page
        .locator('body')
        .innerText({ timeout: 2_000 })
        .catch((error: unknown) => `(unreadable: ${String(error)})`);
      console.error(`\n--- page at failure: ${page.url()} ---\n${text.slice(0, 4_000)}\n---`);
    });
  } catch {
    // Opened outside a test (in a beforeAll): there is no test to attach the hook to.
  }
}

/** Starts server + browser before the suite's tests and closes both after. */
export async function startBrowserSuite(
  options: { opportunities?: number; seed?: number } = {},
): Promise<BrowserSuite & { close(): Promise<void> }> {
  if (browserMissing) throw new Error(`CI must run the browser suite: no Chromium at ${BROWSER}`);
  if (!existsSync(join(WEB_ROOT, 'index.html'))) {
    throw new Error(`${WEB_ROOT} is not built: run \`npx vite build web\` (npm test does)`);
  }
  const server = await startTestServer(sqlite, { webRoot: WEB_ROOT });
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  try {
    await seedDemoTenant(server.runtime.ctx, {
      opportunities: options.opportunities ?? 60,
      seed: options.seed ?? 3,
    });
    browser = await chromium.launch({ executablePath: BROWSER, args: BROWSER_ARGS });
  } catch (error) {
    await server.close();
    throw error;
  }
  const launched = browser;
  return {
    server: () => server,
    async open(locale, path = '/') {
      const context = await launched.newContext({
        locale,
        baseURL: server.url,
        viewport: { width: 1280, height: 800 },
      });
      context.setDefaultTimeout(UI_TIMEOUT);
      contexts.push(context);
      const page = await context.newPage();
      logPageOnFailure(page);
      await page.goto(path);
      return page;
    },
    async close() {
      for (const context of contexts) await context.close();
      await launched.close();
      await server.close();
    },
  };
}

/** Fills the sign-in form (labels, as a user would) and submits it. */
export async function signIn(page: Page, email: string, password: string): Promise<void> {
  const form = page.locator('form#sign-in');
  await form.waitFor();
  await form.getByLabel(/^(E-mail|邮箱)$/).fill(email);
  await form.getByLabel(/^(Password|密码)$/).fill(password);
  await form.locator('button[type=submit]').click();
}

/** Saves docs/screenshots/<name>.png (full page) and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/**
 * Picks options of an antd Select by their labels. Scoped to the select's own dropdown (the
 * popup holding its `<id>_list` listbox), so a closing dropdown of an earlier select never
 * takes the click; waits for each option to be shown first, and for a single select until
 * the popup has closed with the choice made. `search` types into a searchable select first
 * (its options are virtual: only those near the top are in the page).
 *
 * A multi-select's choice is confirmed by its tag in the box: on a loaded machine a click
 * can land while the popup is still settling and choose nothing (CI once saved only the
 * second of two close reasons). A missing tag is clicked for again, but only after a
 * generous wait, because clicking a chosen option of a multi-select un-chooses it.
 */
export async function chooseOptions(
  scope: Page | Locator,
  label: string,
  options: readonly string[],
  search?: string,
): Promise<void> {
  const page = 'page' in scope ? scope.page() : scope;
  const box = scope.getByLabel(label, { exact: true });
  const id = await box.getAttribute('id');
  if (!id) throw new Error(`the select labelled ${label} has no id`);
  const dropdown = page.locator('.ant-select-dropdown', { has: page.locator(`[id="${id}_list"]`) });
  const multiple = page.locator('.ant-select-multiple', { has: page.locator(`[id="${id}"]`) });
  const isMultiple = (await multiple.count()) > 0;
  for (const option of options) {
    const tag = multiple.locator(`.ant-select-selection-item[title="${option}"]`);
    for (let attempt = 1; ; attempt++) {
      if (!(await dropdown.isVisible())) await box.click();
      if (search) await box.pressSequentially(search);
      const item = dropdown.locator(`.ant-select-item-option[title="${option}"]`);
      await item.waitFor({ state: 'visible', timeout: UI_TIMEOUT });
      await item.click();
      if (!isMultiple) break;
      const shown = await tag
        .waitFor({ state: 'visible', timeout: CHOICE_SETTLE })
        .then(() => true)
        .catch(() => false);
      if (shown) break;
      if (attempt === 3) throw new Error(`the select labelled ${label} would not take ${option}`);
    }
  }
  if (await dropdown.isVisible()) await page.keyboard.press('Escape');
  await dropdown.waitFor({ state: 'hidden', timeout: UI_TIMEOUT });
}
