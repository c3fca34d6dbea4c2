import type { BrowserContext, Page } from 'playwright-core';
import { afterAll } from 'vitest';
import { openDb, type Db } from '../../../server/db/open.js';
import { launchBrowser, login, watchConsole } from './browser.js';
import { startServer, type TestServer } from './server.js';

export interface E2eOptions {
  /** Server environment on top of startServer's defaults, e.g. `{ SEED_DEMO_FLOWS: '1', ENGINE_TICK_MS: '0' }`. */
  env?: Record<string, string>;
  /** Logged in on the page before the suite's tests run. */
  user?: string;
  /** The page's viewport where a suite needs another than the browser's 1440×900. */
  viewport?: { width: number; height: number };
  /** Runs before the page opens, for what must hold from its first load (permissions, init scripts). */
  prepareBrowser?: (browser: BrowserContext, url: string) => Promise<unknown>;
}

export interface E2eApp {
  server: TestServer;
  url: string;
  browser: BrowserContext;
  /** The suite's page, its console watched into `errors`. */
  page: Page;
  errors: string[];
  /** The server's own store, opened on first use (a suite that never reads it opens nothing). */
  readonly db: Db;
  /** Log in on the page as `username`. */
  login: (username: string) => Promise<void>;
  /** Log out whoever is logged in on the page (zh or en), then log in as `username`. */
  switchTo: (username: string) => Promise<void>;
}

/**
 * One e2e suite's app: the real server on a fresh SQLite store, Debian chromium and a page, optionally
 * logged in; all closed after the suite. Awaited at the top of the test file, so the suite reads `page`,
 * `server.url`, `db` as plain constants. A failure while starting closes what had started, because
 * vitest runs no afterAll of a file that failed to load.
 */
export async function e2eApp(options: E2eOptions = {}): Promise<E2eApp> {
  let server: TestServer | undefined;
  let browser: BrowserContext | undefined;
  let db: Db | undefined;
  const close = async () => {
    await browser?.close();
    db?.close();
    await server?.stop();
  };
  try {
    server = await startServer(options.env);
    browser = await launchBrowser();
    await options.prepareBrowser?.(browser, server.url);
    const page = await browser.newPage();
    if (options.viewport) await page.setViewportSize(options.viewport);
    const errors = watchConsole(page);
    const url = server.url;
    const dbPath = server.dbPath;
    const app: E2eApp = {
      server, url, browser, page, errors,
      get db() { return (db ??= openDb(dbPath)); },
      login: (username) => login(page, url, username),
      switchTo: async (username) => {
        if (await page.locator('[data-testid=current-user]').count()) {
          await page.getByRole('button', { name: /退出登录|Log out/ }).click();
          await page.waitForSelector('input[name=username]');
        }
        await login(page, url, username);
      },
    };
    if (options.user) await app.login(options.user);
    afterAll(close);
    return app;
  } catch (err) {
    await close();
    throw err;
  }
}
