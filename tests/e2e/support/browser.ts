import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const SCREENSHOTS = 'test-results';

/** Debian's chromium, headless, with the flags this closed network needs. */
export async function launchBrowser(): Promise<BrowserContext> {
  const profile = mkdtempSync(join(tmpdir(), 'chromium-'));
  return chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1440, height: 900 },
    locale: 'zh-CN',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** Collect console errors and page errors; tests assert the list stays empty. */
export function watchConsole(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path, fullPage: false });
  return path;
}

export const DEMO_PASSWORD = 'Linkage@2026';

export async function login(page: Page, baseUrl: string, username: string): Promise<void> {
  await page.goto(baseUrl);
  await page.fill('input[name=username]', username);
  await page.fill('input[name=password]', DEMO_PASSWORD);
  await page.click('button[type=submit]');
  await page.waitForSelector('[data-testid=current-user]');
  // The shell shows before the landing page: the catalogue loads first, on the login address.
  await page.waitForURL((u) => u.pathname !== '/login');
}

/** Call the API from inside the page (session cookie and CSRF token of the logged-in user). */
export async function callApi<T>(page: Page, path: string, input: unknown, kind: 'query' | 'mutation' = 'query'): Promise<T> {
  return page.evaluate(async ({ path, input, kind }) => {
    const me = await (await fetch('/trpc/auth.me')).json();
    const token = me.result.data.csrfToken as string;
    const res = kind === 'query'
      ? await fetch(`/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`)
      : await fetch(`/trpc/${path}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': token }, body: JSON.stringify(input) });
    const body = await res.json();
    if (body.error) throw new Error(JSON.stringify(body.error));
    return body.result.data;
  }, { path, input, kind }) as Promise<T>;
}
