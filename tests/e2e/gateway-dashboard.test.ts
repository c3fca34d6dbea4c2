import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { openDb, type Db } from '../../server/db/open.js';
import { launchBrowser, login, screenshot, watchConsole } from './support/browser.js';
import { startServer, type TestServer } from './support/server.js';

/**
 * The run dashboard's gateway figures (#19 item 6): on the demo's running flow, submits recorded by a
 * CMPP/SMPP binding (written here, as the gateway adapter writes them) show as 已送达 with the failed count
 * and 提交结果未知 with a tooltip saying why those are never re-sent, in Chinese and in English.
 */
let server: TestServer;
let browser: BrowserContext;
let page: Page;
let errors: string[];
let db: Db;

beforeAll(async () => {
  server = await startServer({ ENGINE_TICK_MS: '0', SEED_DEMO_FLOWS: '1' });
  db = openDb(server.dbPath);
  browser = await launchBrowser();
  page = await browser.newPage();
  errors = watchConsole(page);
});
afterAll(async () => {
  await browser?.close();
  db?.close();
  await server?.stop();
});

test('gateway figures on the run dashboard, zh and en', async () => {
  const runId = db.prepare(`SELECT id FROM runs WHERE status = 'running' ORDER BY id LIMIT 1`).pluck().get() as number;
  const customers = db.prepare('SELECT id FROM subscribers ORDER BY id LIMIT 7').pluck().all() as number[];
  const now = Date.now();
  const insert = db.prepare(`INSERT INTO submits (contact_key, run_id, customer_id, state, attempt, channel, binding_version, kind, status, owner, parts, delivery, delivery_stat, created_at, updated_at)
    VALUES (?, ?, ?, 's', 0, 'bulk_sms', 1, 'cmpp', ?, 'e2e:1', 1, ?, ?, ?, ?)`);
  customers.forEach((c, i) => {
    const [status, delivery, stat] = i < 3 ? ['submitted', 'delivered', 'DELIVRD'] : i < 4 ? ['submitted', 'failed', 'UNDELIV'] : i < 5 ? ['submitted', null, null] : ['unknown', null, null];
    insert.run(`${runId}:${c}:s:0`, runId, c, status, delivery, stat, now, now);
  });
  await login(page, server.url, 'supervisor');
  await page.goto(`${server.url}/runs/${runId}`);
  const unknown = page.locator('[data-testid=kpi-unknown]');
  await unknown.waitFor();
  expect(await unknown.getAttribute('data-value')).toBe('2');
  expect(await page.locator('[data-testid=kpi-delivered]').getAttribute('data-value')).toBe('3');
  await expect.poll(() => page.locator('[data-testid=kpi-delivered]').innerText()).toContain('送达失败 1');
  expect(await unknown.getAttribute('title')).toContain('不会再次发送');
  await unknown.hover();
  await screenshot(page, 'gateway-dashboard-zh');
  await page.getByRole('button', { name: 'English' }).click();
  await expect.poll(() => unknown.innerText()).toContain('Submit outcome unknown');
  expect(await unknown.getAttribute('title')).toContain('never sent again');
  await screenshot(page, 'gateway-dashboard-en');
  expect(errors).toEqual([]);
});
