import { expect, test } from 'vitest';
import { screenshot } from './support/browser.js';
import { e2eApp } from './support/app.js';

/**
 * Issue #21 item 2 in the browser: an admin binds the benefit provisioning service to the operator's
 * HTTP interface in 系统设置 › 权益开通 — each bad field refused on the field first — and the secret is
 * never shown again; the page in English.
 */
const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const { server, page, errors } = await e2eApp({ env: { SEED_DEMO_FLOWS: '0' }, user: 'admin' });

test('an admin binds the benefit service to an HTTP interface; fields are checked as typed; the secret stays write-only', async () => {
  await page.goto(`${server.url}/admin/provisioning`);
  await page.waitForSelector('[data-testid=provisioning-row-benefit]');
  expect(await page.locator('[data-testid=admin-tab-provisioning]').innerText()).toBe('权益开通');
  expect(await page.locator('[data-testid=provisioning-row-benefit] [data-testid=provisioning-kind]').innerText()).toBe('模拟开通');
  await screenshot(page, 'admin-provisioning-01-list-zh');
  await page.click('[data-testid=provisioning-edit-benefit]');
  await page.selectOption('[data-testid=provisioning-kind-select]', 'http');
  await page.fill('[data-testid=provisioning-url]', 'ftp://nowhere');
  expect(await page.locator('[data-testid=provisioning-error-url]').innerText()).toBe('URL 须以 http:// 或 https:// 开头');
  await page.fill('[data-testid=provisioning-url]', 'http://127.0.0.1:9/provision');
  await page.fill('[data-testid=provisioning-secret]', 'whsec_short');
  await page.fill('[data-testid=provisioning-timeoutMs]', '50');
  expect(await page.locator('[data-testid=provisioning-error-secret]').innerText()).toContain('签名密钥须为 whsec_');
  expect(await page.locator('[data-testid=provisioning-error-timeoutMs]').innerText()).toBe('超时（毫秒）不能小于 100');
  await screenshot(page, 'admin-provisioning-02-field-errors-zh');
  await page.fill('[data-testid=provisioning-secret]', SECRET);
  await page.fill('[data-testid=provisioning-timeoutMs]', '3000');
  await page.click('[data-testid=provisioning-save]');
  await expect.poll(() => page.locator('[data-testid=provisioning-row-benefit] [data-testid=provisioning-kind]').innerText()).toBe('HTTP 开通接口 · http://127.0.0.1:9/provision');
  expect(await page.locator('[data-testid=provisioning-secret]').inputValue()).toBe('');
  expect(await page.locator('[data-testid=provisioning-secret]').getAttribute('placeholder')).toContain('已设置');
  expect(await page.content()).not.toContain(SECRET.slice(6));
  expect(await page.locator('[data-testid=provisioning-panel]').innerText()).toContain('/api/provisioning/benefit/answer');
  await screenshot(page, 'admin-provisioning-03-saved-zh');

  await page.evaluate(() => localStorage.setItem('linkage.lang', 'en'));
  await page.reload();
  await page.waitForSelector('[data-testid=provisioning-row-benefit]');
  expect(await page.locator('[data-testid=admin-tab-provisioning]').innerText()).toBe('Provisioning');
  expect(await page.locator('[data-testid=provisioning-row-benefit] [data-testid=provisioning-kind]').innerText()).toBe('HTTP interface · http://127.0.0.1:9/provision');
  await page.click('[data-testid=provisioning-edit-benefit]');
  await page.fill('[data-testid=provisioning-maxAttempts]', '0');
  expect(await page.locator('[data-testid=provisioning-error-maxAttempts]').innerText()).toBe('Max attempts must be at least 1');
  expect(await page.locator('body').innerText()).not.toContain('最多尝试次数');
  await screenshot(page, 'admin-provisioning-04-en');
  await page.evaluate(() => localStorage.setItem('linkage.lang', 'zh'));
  expect(errors).toEqual([]);
}, 120_000);
