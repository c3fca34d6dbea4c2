import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { inspect, newBlankFlow, waitSaved } from './support/designer.js';
import { screenshot } from './support/browser.js';
import { e2eApp } from './support/app.js';

/**
 * Issue #17 item 5's last gap: a node imported with one invalid field (a 5,000-character message in a
 * JSON file) keeps its outputs and edges on the canvas and says which field is wrong.
 */
const { server, page, errors } = await e2eApp({ user: 'planner' });

const edgesFromReach = () => page.locator('.react-flow__edge[data-testid^="rf__edge-e-reach-"]').count();
const outputHandles = () => page.locator('.react-flow__handle.source[data-nodeid="reach"]').count();

test('an imported node with a 5,000-character message keeps its four outputs and edges and names the field', async () => {
  const doc = JSON.parse(readFileSync('flows/data-pack-upsell.json', 'utf8')) as { nodes: { id: string; data: { lanes: { script: { template: string } }[] } }[] };
  doc.nodes.find((n) => n.id === 'reach')!.data.lanes[0]!.script.template = '流'.repeat(5000);
  const file = join(tmpdir(), `linkage-long-sms-${process.pid}.json`);
  writeFileSync(file, JSON.stringify(doc, null, 2));

  const blank = await newBlankFlow(page, server.url);
  await page.click('[data-testid=files-menu]');
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.click('[data-testid=import-json]')]);
  await chooser.setFiles(file);
  await page.waitForURL((u) => /\/designer\/flow-[0-9a-f]+$/.test(u.pathname) && !u.pathname.endsWith(blank));
  await page.waitForSelector('[data-testid=node-reach]');

  await expect.poll(outputHandles).toBe(4);
  await expect.poll(edgesFromReach).toBe(4);
  const issue = page.locator('[data-testid=node-issue-reach]');
  await expect.poll(() => issue.innerText()).toContain('消息内容：不能超过 1000 个字');
  expect(await page.locator('[data-testid=node-reach]').innerText()).not.toContain('配置无效');
  await inspect(page, 'reach');
  expect(await page.locator('[data-testid=inspector-issues]').innerText()).toContain('第 1 条并行线路 · 话术 · 消息内容');
  await screenshot(page, 'designer-invalid-import-01-zh');

  await page.getByRole('button', { name: 'English' }).click();
  await expect.poll(() => issue.innerText()).toContain('message text: must not be longer than 1000 characters');
  expect(await issue.innerText()).not.toMatch(/[\u4e00-\u9fff]/);
  expect(await outputHandles()).toBe(4);
  await screenshot(page, 'designer-invalid-import-02-en');
  await page.getByRole('button', { name: '中文' }).click();

  // The field can be fixed where it is: the editor shows the imported data, not only a reset button.
  const card = page.locator('[data-testid=touch-card]').first();
  if (!(await card.locator('[data-testid=script-template]').count())) await card.locator('button[aria-expanded]').click();
  const template = card.locator('[data-testid=script-template]');
  expect((await template.inputValue()).length).toBe(5000);
  await template.fill('{name}您好，流量加油包限时优惠，回复1了解。');
  await expect.poll(() => issue.count()).toBe(0);
  expect(await outputHandles()).toBe(4);
  expect(await edgesFromReach()).toBe(4);
  await waitSaved(page);
  expect(errors).toEqual([]);
});

test('a type without its own editor gets the form generated from its schema, labelled in the current language', async () => {
  await inspect(page, 'end-completed');
  // the inspector names the node as the canvas does (the second of three end nodes), not by its id
  const title = page.locator('[data-testid=inspector-title]');
  expect(await title.innerText()).toBe('结束 2');
  expect(await page.locator('[data-testid=inspector]').innerText()).not.toContain('end-completed');
  expect(await title.getAttribute('title')).toBe('end-completed');
  const form = page.locator('[data-testid=generated-editor]');
  await expect.poll(() => form.innerText()).toContain('结束结果');
  await page.selectOption('[data-testid=field-outcome]', 'declined');
  // textContent: at a far zoom the node shows its compact face and hides the summary.
  await expect.poll(() => page.locator('[data-testid=node-end-completed]').textContent()).toContain('客户拒绝');
  expect(await page.locator('[data-testid=field-outcome] option:checked').innerText()).toBe('客户拒绝');
  await screenshot(page, 'designer-generated-form-01-zh');
  await page.getByRole('button', { name: 'English' }).click();
  await expect.poll(() => form.innerText()).toContain('Outcome');
  expect(await title.innerText()).toBe('End 2');
  expect(await page.locator('[data-testid=field-outcome] option:checked').innerText()).toBe('Declined');
  await screenshot(page, 'designer-generated-form-02-en');
  await page.getByRole('button', { name: '中文' }).click();
  expect(errors).toEqual([]);
});
