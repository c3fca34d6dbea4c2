import { expect, test } from 'vitest';
import { createServer as createTcpServer } from 'node:net';
import { saveBinding } from '../../server/channels/bindings/store.js';
import { login, screenshot } from './support/browser.js';
import { e2eApp } from './support/app.js';

/**
 * The run dashboard's gateway figures (#19 item 6): on the demo's running flow, submits recorded by a
 * CMPP/SMPP binding (written here, as the gateway adapter writes them) show as 已送达 with the failed count
 * and 提交结果未知 with a tooltip saying why those are never re-sent, in Chinese and in English.
 */
const { server, page, errors, db } = await e2eApp({ env: { ENGINE_TICK_MS: '0', SEED_DEMO_FLOWS: '1' } });

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

test('a gateway the run sends through that is down shows on its dashboard with what waits, zh and en', async () => {
  const runId = db.prepare(`SELECT id FROM runs WHERE status = 'running' ORDER BY id LIMIT 1`).pluck().get() as number;
  // A port nothing listens on: the link to it cannot come up.
  const closed = await new Promise<number>((resolve) => {
    const probe = createTcpServer().listen(0, '127.0.0.1', () => {
      const port = (probe.address() as { port: number }).port;
      probe.close(() => resolve(port));
    });
  });
  saveBinding(db, { channel: 'bulk_sms', binding: { kind: 'cmpp', gateway: { host: '127.0.0.1', port: closed, account: '901234', password: 'secret', version: '3.0', serviceId: 'LNK', accessNumber: '10658123', tps: 50, window: 8 } } }, { userId: 1, username: 'admin' });
  await page.getByRole('button', { name: '中文' }).click();
  await page.goto(`${server.url}/runs/${runId}`);
  const alert = page.locator('[data-testid=binding-alert-bulk_sms]');
  await alert.waitFor();
  await expect.poll(() => alert.innerText()).toMatch(/群发端口：(网关连接中断|正在连接网关)/);
  expect(await alert.innerText()).toContain('排队等待');
  await screenshot(page, 'gateway-down-zh');
  await page.getByRole('button', { name: 'English' }).click();
  await expect.poll(() => alert.innerText()).toMatch(/Bulk SMS port: (the gateway link is down|connecting to the gateway)/);
  await screenshot(page, 'gateway-down-en');
  saveBinding(db, { channel: 'bulk_sms', binding: { kind: 'simulated' } }, { userId: 1, username: 'admin' });
  await expect.poll(() => page.locator('[data-testid=binding-alerts]').count(), { timeout: 30_000 }).toBe(0);
  expect(errors).toEqual([]);
});
