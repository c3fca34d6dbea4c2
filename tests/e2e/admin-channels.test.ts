import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { screenshot } from './support/browser.js';
import { e2eApp } from './support/app.js';

/**
 * Issue #19 item 1 in the browser: an admin binds the WeChat channel to an HTTP platform (a receiver this
 * test starts on loopback, which verifies the Standard Webhooks signature) in 系统设置 › 渠道绑定 — a bad
 * URL refused on its field first — and sends a test message that arrives at the receiver.
 */
const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const { server, page, errors } = await e2eApp({ env: { SEED_DEMO_FLOWS: '0' }, user: 'admin' });
let receiver: Server;
const received: { to: string; text: string; type: string }[] = [];
let url = '';

beforeAll(async () => {
  const hook = new Webhook(SECRET);
  receiver = createServer((req, res) => {
    let raw = '';
    req.on('data', (d: Buffer) => { raw += d.toString(); });
    req.on('end', () => {
      try {
        received.push(hook.verify(raw, req.headers as Record<string, string>) as { to: string; text: string; type: string });
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ id: `wx-${received.length}` }));
      } catch {
        res.statusCode = 401;
        res.end();
      }
    });
  });
  await new Promise<void>((ok) => receiver.listen(0, '127.0.0.1', () => ok()));
  url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/push`;
});
afterAll(async () => {
  await new Promise((r) => receiver?.close(r));
});

test('an admin binds WeChat to an HTTP platform and a test message arrives there', async () => {
  await page.goto(`${server.url}/admin/channels`);
  await page.waitForSelector('[data-testid=binding-row-wechat]');
  expect(await page.locator('[data-testid=admin-tab-channels]').innerText()).toBe('渠道绑定');
  expect(await page.locator('[data-testid=binding-row-wechat] [data-testid=binding-kind-cell]').innerText()).toBe('模拟发送');
  await screenshot(page, 'admin-channels-01-list-zh');
  await page.click('[data-testid=binding-edit-wechat]');
  await page.selectOption('[data-testid=binding-kind]', 'http');
  await page.fill('[data-testid=binding-url]', 'ftp://nowhere');
  expect(await page.locator('[data-testid=binding-error-url]').innerText()).toBe('URL 须以 http:// 或 https:// 开头');
  await page.fill('[data-testid=binding-url]', url);
  await page.fill('[data-testid=binding-secret]', 'whsec_short');
  expect(await page.locator('[data-testid=binding-error-secret]').innerText()).toContain('签名密钥须为 whsec_');
  await screenshot(page, 'admin-channels-02-field-error-zh');
  await page.fill('[data-testid=binding-secret]', SECRET);
  expect(await page.locator('[data-testid=binding-error-secret]').count()).toBe(0);
  await page.click('[data-testid=binding-save]');
  await expect.poll(() => page.locator('[data-testid=binding-row-wechat] [data-testid=binding-kind-cell]').innerText()).toContain('HTTP 平台');
  // The secret is never shown again: the field is empty and says it is set.
  expect(await page.locator('[data-testid=binding-secret]').inputValue()).toBe('');
  expect(await page.locator('[data-testid=binding-secret]').getAttribute('placeholder')).toContain('已设置');
  expect(await page.content()).not.toContain(SECRET.slice(6));

  await page.fill('[data-testid=binding-test-to]', '13800138000');
  await page.fill('[data-testid=binding-test-text]', '端到端测试消息');
  await page.click('[data-testid=binding-test-send]');
  await expect.poll(() => page.locator('[data-testid=binding-test-result]').innerText()).toBe('已受理，消息编号 wx-1');
  expect(received).toEqual([expect.objectContaining({ type: 'test', to: '13800138000', text: '端到端测试消息' })]);
  await screenshot(page, 'admin-channels-03-test-sent-zh');

  // English: the same page, the other language only; a wrong test number is refused before anything is sent.
  await page.evaluate(() => localStorage.setItem('linkage.lang', 'en'));
  await page.reload();
  await page.waitForSelector('[data-testid=binding-row-wechat]');
  expect(await page.locator('[data-testid=admin-tab-channels]').innerText()).toBe('Channel bindings');
  await page.click('[data-testid=binding-edit-wechat]');
  await page.fill('[data-testid=binding-test-to]', '12345');
  await page.click('[data-testid=binding-test-send]');
  await expect.poll(() => page.locator('[data-testid=binding-test] [role=alert]').innerText()).toContain('Enter an 11-digit mobile number');
  await screenshot(page, 'admin-channels-04-en');
  await page.evaluate(() => localStorage.setItem('linkage.lang', 'zh'));
  expect(errors).toEqual([]);
}, 120_000);
