import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { newBlankFlow } from './support/designer.js';
import { callApi, launchBrowser, login, screenshot, watchConsole } from './support/browser.js';
import { startServer, type TestServer } from './support/server.js';

/**
 * Issue #18 item 1 in the browser: an admin adds a product and changes a channel's capacity in 系统设置 ›
 * 目录管理 (a bad price is refused on its field first); a planner who logs in afterwards finds the product in
 * the designer's product picker — same server process, no restart.
 */
let server: TestServer;
let browser: BrowserContext;
let page: Page;
let errors: string[];

beforeAll(async () => {
  // The demo's running flow (SMS, then the call centre) is the published flow whose approved values the edits below change.
  server = await startServer({ SEED_DEMO_FLOWS: '1' });
  browser = await launchBrowser();
  page = await browser.newPage();
  errors = watchConsole(page);
  await login(page, server.url, 'admin');
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

test('an admin adds a product; a bad price is refused on its field, in Chinese', async () => {
  await page.goto(`${server.url}/admin/catalogue`);
  await page.waitForSelector('[data-testid=catalogue-products] [data-testid=product-dp_10g]');
  expect(await page.locator('[data-testid=admin-tab-catalogue]').innerText()).toBe('目录管理');
  await screenshot(page, 'admin-catalogue-01-products-zh');
  await page.click('[data-testid=add-product]');
  const form = page.locator('[data-testid=product-form]');
  await form.locator('input[name=id]').fill('dp_e2e_50g');
  await form.locator('input[name=nameZh]').fill('50GB 年包');
  await form.locator('input[name=nameEn]').fill('50 GB yearly pack');
  await form.locator('input[name=price]').fill('-5');
  await page.click('[data-testid=save-product]');
  expect(await page.locator('[data-testid=error-price]').innerText()).toBe('价格不能为负');
  await screenshot(page, 'admin-catalogue-02-field-error-zh');
  // The refusal above is a 400 the browser logs as a failed resource; any other console error still fails the test.
  errors.splice(errors.findIndex((e) => e.includes('400')), 1);
  await form.locator('input[name=price]').fill('88');
  await page.click('[data-testid=save-product]');
  await page.waitForSelector('[data-testid=product-dp_e2e_50g]');
  expect(await page.locator('[data-testid=product-form]').count()).toBe(0);
});

test("an admin changes the call centre's capacity", async () => {
  await page.click('[data-testid=catalogue-section-channels]');
  await page.click('[data-testid=edit-channel-outbound_call]');
  await page.locator('[data-testid=channel-form] input[name=capacity]').fill('12000');
  await screenshot(page, 'admin-catalogue-03-channel-zh');
  await page.click('[data-testid=save-channel]');
  await expect.poll(() => page.locator('[data-testid=capacity-outbound_call]').innerText()).toBe('12,000');
  const got = await callApi<{ catalogue: { channels: { id: string; dailyCapacity: number }[] } }>(page, 'catalogue.get', undefined);
  expect(got.catalogue.channels.find((c) => c.id === 'outbound_call')!.dailyCapacity).toBe(12000);
  // English: the same page, the other language only
  await page.evaluate(() => localStorage.setItem('linkage.lang', 'en'));
  await page.reload();
  await page.waitForSelector('[data-testid=catalogue-products]');
  expect(await page.locator('[data-testid=admin-tab-catalogue]').innerText()).toBe('Catalogue');
  await screenshot(page, 'admin-catalogue-04-products-en');
  await page.click('[data-testid=catalogue-section-channels]');
  await page.waitForSelector('[data-testid=catalogue-channels]');
  await screenshot(page, 'admin-catalogue-05-channels-en');
  await page.click('[data-testid=catalogue-section-org]');
  await page.waitForSelector('[data-testid=unit-gz]');
  await screenshot(page, 'admin-catalogue-06-org-en');
  await page.evaluate(() => localStorage.setItem('linkage.lang', 'zh'));
});

test('the running flow shows that the catalogue changed since its approval, and what', async () => {
  const runs = await callApi<{ id: number; flowId: string; status: string }[]>(page, 'monitoring.runs', {});
  const live = runs.find((r) => r.status === 'running')!;
  await page.goto(`${server.url}/runs/${live.id}`);
  const banner = page.locator('[data-testid=catalogue-drift]');
  await banner.waitFor();
  expect(await banner.innerText()).toContain('目录自审批后已变更');
  expect(await banner.innerText()).toContain('「外呼中心」日容量 8000 → 12000');
  await screenshot(page, 'admin-catalogue-08-run-drift-zh');
  await page.goto(`${server.url}/flows`);
  await page.locator(`[data-testid=flow-row-${live.flowId}] [data-testid=catalogue-drift-badge]`).waitFor();
});

test('a planner logging in afterwards finds the new product in the designer, without a restart', async () => {
  await page.getByRole('button', { name: /退出登录|Log out/ }).click();
  await page.waitForSelector('input[name=username]');
  await login(page, server.url, 'planner');
  await newBlankFlow(page, server.url);
  const picker = page.locator('[data-testid=flow-settings] select').first();
  await picker.waitFor();
  expect(await picker.locator('option[value=dp_e2e_50g]').innerText()).toBe('50GB 年包 · ¥88');
  await picker.selectOption('dp_e2e_50g');
  await screenshot(page, 'admin-catalogue-07-designer-product-zh');
  expect(errors).toEqual([]);
});
