import { expect, test } from 'vitest';
import { addFromPalette, autoLayout, inspect, newBlankFlow, waitSaved } from './support/designer.js';
import { callApi, screenshot } from './support/browser.js';
import { e2eApp } from './support/app.js';

/** Issue #17 items 5, 6 and 10: fields that keep what was typed, an inspector that follows the selection, wording by channel. */
const { server, page, errors } = await e2eApp({ user: 'planner' });

const saveState = () => page.locator('[data-testid=save-state]').getAttribute('data-state');
const handles = (node: string) => page.locator(`.react-flow__handle[data-nodeid="${node}"]`).count();

test('a blank flow with a segment, a linkage, a wait and an end', async () => {
  await newBlankFlow(page, server.url);
  for (const type of ['segment', 'linkage', 'wait', 'end']) await addFromPalette(page, type);
  await page.waitForSelector('[data-testid=node-end-1]');
  await autoLayout(page);
  await waitSaved(page);
});

test('wait: 48 then 小时 is 48 hours; an emptied field stays empty with a message; "-5" is refused, not 25', async () => {
  await inspect(page, 'wait-1');
  const amount = page.locator('[data-testid=wait-amount]');
  expect(await amount.inputValue()).toBe('2');
  expect(await page.locator('[data-testid=wait-amount-unit]').inputValue()).toBe('d');
  await amount.fill('48');
  await page.selectOption('[data-testid=wait-amount-unit]', 'h');
  // 48 hours is two days (the node words whole days as days); before, it became 48 days.
  await expect.poll(() => page.locator('[data-testid=node-wait-1]').innerText()).toContain('等待 2 天');
  expect(await amount.inputValue()).toBe('48');
  expect(await page.locator('[data-testid=wait-amount-unit]').inputValue()).toBe('h');

  await amount.fill('');
  await page.waitForSelector('[data-testid=wait-amount-error] >> text=请填写');
  expect(await amount.inputValue()).toBe('');
  await expect.poll(saveState).toBe('invalid');
  expect(await page.locator('[data-testid=save-state]').innerText()).toContain('未保存');
  await screenshot(page, 'designer-fields-01-empty-zh');

  await amount.fill('2');
  await amount.press('Home');
  await amount.type('-');
  expect(await amount.inputValue()).toBe('-2');
  await page.waitForSelector('[data-testid=wait-amount-error] >> text=须大于 0');
  await expect.poll(() => page.locator('[data-testid=node-wait-1]').innerText()).toContain('等待 2 小时');
  await amount.fill('3');
  await expect.poll(() => page.locator('[data-testid=node-wait-1]').innerText()).toContain('等待 3 小时');
  await waitSaved(page);
});

test('a 5,000-character SMS: the field counts and says why, the node keeps its outputs and edges', async () => {
  await inspect(page, 'linkage-1');
  await page.locator('[data-testid=touch-card] button[aria-expanded]').first().click();
  const outputs = await handles('linkage-1');
  expect(outputs).toBeGreaterThan(1);
  const template = page.locator('[data-testid=script-template]').first();
  await template.fill('流'.repeat(5000));
  await page.waitForSelector('[data-testid=script-template-error] >> text=最多 1000 个字');
  expect(await page.locator('[data-testid=script-template-count]').first().innerText()).toContain('5000 / 1000');
  expect((await template.inputValue()).length).toBe(5000);
  expect(await handles('linkage-1')).toBe(outputs);
  expect(await page.locator('[data-testid=node-linkage-1]').innerText()).not.toContain('配置无效');
  await expect.poll(saveState).toBe('invalid');
  await screenshot(page, 'designer-fields-02-long-sms-zh');

  await template.fill('{name}您好，流量加油包限时优惠，回复1办理。');
  await expect.poll(() => page.locator('[data-testid=script-template-count]').first().innerText()).toMatch(/\/ 1000 · 1 条短信/);
  await waitSaved(page);
});

test('wording follows the channel: the app has a push message, no SMS parts, quick replies', async () => {
  await inspect(page, 'linkage-1');
  const card = page.locator('[data-testid=touch-card]').first();
  if (!(await card.locator('[data-testid=touch-editor]').count())) await card.locator('button[aria-expanded]').click();
  expect(await card.innerText()).toContain('短信内容');
  await card.locator('[data-testid=touch-channel]').selectOption('app');
  await expect.poll(() => card.innerText()).toContain('推送消息内容');
  expect(await card.innerText()).not.toMatch(/短信内容|条短信|短信模板/);
  expect(await card.locator('[data-testid=sms-parts]').count()).toBe(0);
  expect(await card.locator('[data-testid=reply-keywords-label]').innerText()).toBe('快捷回复按钮');
  await card.locator('[data-testid=touch-channel]').selectOption('store');
  await expect.poll(() => card.innerText()).toContain('约下次到店');
  expect(await card.innerText()).not.toContain('无人接听');
  await screenshot(page, 'designer-fields-03-store-zh');
  await card.locator('[data-testid=touch-channel]').selectOption('bulk_sms');
  await waitSaved(page);
});

test('copy, paste, undo, click another node: the inspector shows that node', async () => {
  await page.click('[data-testid=node-segment-1]');
  await page.keyboard.press('Control+c');
  await page.waitForSelector('[data-testid=notice] >> text=已复制 1 个节点');
  await page.keyboard.press('Control+v');
  await page.waitForSelector('[data-testid=node-segment-2]');
  await page.keyboard.press('Control+z');
  await expect.poll(() => page.locator('[data-testid=node-segment-2]').count()).toBe(0);
  await page.click('[data-testid=node-wait-1]');
  await expect.poll(() => page.locator('[data-testid=inspector]').getAttribute('data-node')).toBe('wait-1');
  expect(await page.locator('[data-testid=multi-selection]').count()).toBe(0);
  expect(errors).toEqual([]);
});

test('switching an evaluation to KPI mode says which edges it removed, and undo brings them back', async () => {
  const { id } = await callApi<{ id: string }>(page, 'flows.create', { template: 'data-pack-upsell.json' }, 'mutation');
  await page.goto(`${server.url}/designer/${id}`);
  await page.waitForSelector('[data-testid=node-check]');
  // The template's edges out of the evaluation are e-check-converted / -responded / -else.
  const edgesFromCheck = () => page.locator('.react-flow__edge[data-testid^="rf__edge-e-check-"]').count();
  expect(await edgesFromCheck()).toBe(3);
  await inspect(page, 'check');
  await page.selectOption('[data-testid=evaluate-mode]', 'kpi');
  const notice = page.locator('[data-testid=notice]');
  await expect.poll(() => notice.innerText()).toContain('已移除 3 条连线');
  const text = await notice.innerText();
  expect(text).toContain('评估「已订购」 → 结束 1');
  expect(text).toContain('Ctrl+Z');
  expect(text).not.toMatch(/end-converted|order-sms|check/);
  await screenshot(page, 'designer-fields-04-edges-removed-zh');
  await expect.poll(edgesFromCheck).toBe(0);
  await page.click('[data-testid=canvas] .react-flow__pane', { position: { x: 10, y: 10 } });
  await page.keyboard.press('Control+z');
  await expect.poll(edgesFromCheck).toBe(3);
  expect(errors).toEqual([]);
});

test('English: the field messages and the save state speak English', async () => {
  await page.getByRole('button', { name: 'English' }).click();
  await inspect(page, 'check');
  await page.selectOption('[data-testid=evaluate-mode]', 'kpi');
  const threshold = page.locator('[data-testid=kpi-threshold]');
  await threshold.fill('');
  await page.waitForSelector('[data-testid=kpi-threshold-error] >> text=Required');
  await expect.poll(() => page.locator('[data-testid=save-state]').innerText()).toContain('not saved');
  await screenshot(page, 'designer-fields-05-required-en');
  await threshold.fill('0.05');
  await waitSaved(page);
  await page.getByRole('button', { name: '中文' }).click();
  expect(errors).toEqual([]);
});
