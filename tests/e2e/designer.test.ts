import { expect, test } from 'vitest';
import { screenshot, watchConsole } from './support/browser.js';
import { e2eApp } from './support/app.js';
import { autoLayout, connect, dropNode, waitSaved } from './support/designer.js';

const { browser, page, errors } = await e2eApp({ user: 'planner' });
let flowUrl = '';

const nodes = () => page.locator('.react-flow__node');
const edges = () => page.locator('.react-flow__edge');
const issueCodes = async () => page.locator('[data-testid=issue-item]').evaluateAll((els) => els.map((e) => `${e.getAttribute('data-code')}@${e.getAttribute('data-node')}`));

test('from an empty canvas: drag, connect, configure, validate, undo/redo, save and reload', async () => {
  // Landing on /designer creates nothing: the start screen offers blank, template or an existing flow.
  await page.waitForSelector('[data-testid=designer-start]');
  await page.click('[data-testid=start-blank]');
  await page.waitForURL(/\/designer\/flow-[0-9a-f]+$/);
  flowUrl = page.url();
  await page.waitForSelector('[data-testid=designer] .react-flow');
  expect(await nodes().count()).toBe(0);
  await screenshot(page, 'designer-01-empty');

  await dropNode(page, 'segment', 60, 260);
  await dropNode(page, 'linkage', 360, 260);
  await dropNode(page, 'end', 680, 120);
  await expect.poll(() => nodes().count()).toBe(3);
  expect(await page.locator('[data-testid=node-linkage-1]').innerText()).toContain('串联');

  await connect(page, 'segment-1', 'out', 'linkage-1');
  await connect(page, 'linkage-1', 'converted', 'end-1');
  await expect.poll(() => edges().count()).toBe(2);

  // Unconnected required outputs show up as issues on the node and in the panel.
  await page.click('[data-testid=validate]');
  await expect.poll(issueCodes).toContain('REQUIRED_OUTPUT_UNCONNECTED@linkage-1');
  expect(await page.locator('[data-testid=node-linkage-1] [data-testid=issue-badge]').isVisible()).toBe(true);
  await screenshot(page, 'designer-02-issues');

  // Keyboard: focus a palette item and press Enter to add two more end nodes.
  await page.focus('[data-testid=palette-end]');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  await expect.poll(() => nodes().count()).toBe(5);
  await autoLayout(page);
  await screenshot(page, 'designer-03a-layout');
  await connect(page, 'linkage-1', 'responded', 'end-2');
  await connect(page, 'linkage-1', 'no_response', 'end-3');
  await expect.poll(() => edges().count()).toBe(4);
  await expect.poll(issueCodes).not.toContain('REQUIRED_OUTPUT_UNCONNECTED@linkage-1');
  await autoLayout(page);
  await expect.poll(() => page.locator('[data-testid=issue-count]').count()).toBe(0);
  await screenshot(page, 'designer-03-connected');

  // A refused connection: an entry takes no input.
  await connect(page, 'end-1', 'out', 'segment-1').catch(() => undefined);
  expect(await edges().count()).toBe(4);

  // Segment: add a data-usage condition.
  await page.click('[data-testid=node-segment-1]');
  await page.click('[data-testid=tab-inspector]');
  await page.click('[data-testid=add-condition]');
  const row = page.locator('[data-testid=condition-row]').last();
  await row.locator('[data-testid=condition-value]').fill('80');
  await expect.poll(() => page.locator('[data-testid=node-segment-1]').innerText()).toContain('2 个条件');
  await screenshot(page, 'designer-04-segment');

  // Script: open the first touch of the linkage and rewrite its SMS with a variable.
  await page.click('[data-testid=node-linkage-1]');
  await page.locator('[data-testid=touch-card] button[aria-expanded]').first().click();
  const template = page.locator('[data-testid=script-template]').first();
  await template.fill('{name}您好，{product}限时优惠，回复1了解详情。');
  await expect.poll(() => page.locator('[data-testid=script-preview]').first().innerText()).toMatch(/10GB 流量加油包限时优惠/);
  expect(await page.locator('[data-testid=sms-parts]').first().innerText()).toContain('1 条短信');
  await screenshot(page, 'designer-05-script');

  // Undo / redo with the keyboard (focus off the text field).
  await page.click('[data-testid=canvas] .react-flow__pane', { position: { x: 20, y: 20 } });
  await page.keyboard.press('Control+z');
  await expect.poll(() => page.locator('[data-testid=node-segment-1]').innerText()).toContain('1 个条件').catch(() => undefined);
  await page.keyboard.press('Control+y');
  const linkageData = async () => page.evaluate(() => document.querySelector('[data-testid=node-linkage-1]')?.textContent ?? '');
  expect(await linkageData()).toContain('群发端口');
  await page.keyboard.press('Control+z'); // undoes the template edit (one step for all typing)
  await page.keyboard.press('Control+y');

  await waitSaved(page);
  await page.reload();
  await page.waitForSelector('[data-testid=node-linkage-1]');
  expect(await nodes().count()).toBe(5);
  expect(await edges().count()).toBe(4);
  expect(await page.locator('[data-testid=node-segment-1]').innerText()).toContain('2 个条件');
  await page.click('[data-testid=node-linkage-1]');
  await page.locator('[data-testid=touch-card] button[aria-expanded]').first().click();
  expect(await page.locator('[data-testid=script-template]').first().inputValue()).toBe('{name}您好，{product}限时优惠，回复1了解详情。');
  await screenshot(page, 'designer-06-reloaded');
  expect(errors).toEqual([]);
});

test('duplicate, delete and undo from the keyboard', async () => {
  await page.click('[data-testid=node-end-3]');
  await page.keyboard.press('Control+d');
  await expect.poll(() => nodes().count()).toBe(6);
  await page.keyboard.press('Delete');
  await expect.poll(() => nodes().count()).toBe(5);
  await page.keyboard.press('Control+z');
  await expect.poll(() => nodes().count()).toBe(6);
  await page.keyboard.press('Control+Shift+z');
  await expect.poll(() => nodes().count()).toBe(5);
  await waitSaved(page);
});

test('two tabs on one flow: the second save gets a conflict banner, never a silent overwrite', async () => {
  const other = await browser.newPage();
  const otherErrors = watchConsole(other);
  await other.goto(flowUrl);
  await other.waitForSelector('[data-testid=node-linkage-1]');
  await other.fill('[data-testid=flow-name]', '另一个标签页的名称');
  await other.keyboard.press('Enter');
  await expect.poll(() => other.locator('[data-testid=save-state]').getAttribute('data-state'), { timeout: 10_000 }).toBe('saved');

  await page.fill('[data-testid=flow-name]', '我的名称');
  await page.keyboard.press('Enter');
  await page.waitForSelector('[data-testid=conflict-banner]', { timeout: 10_000 });
  await screenshot(page, 'designer-07-conflict');
  await page.click('[data-testid=conflict-reload]');
  await expect.poll(() => page.locator('[data-testid=flow-name]').inputValue()).toBe('另一个标签页的名称');
  expect(await page.locator('[data-testid=conflict-banner]').count()).toBe(0);
  await other.close();
  expect(otherErrors.filter((e) => !e.includes('409'))).toEqual([]);
});

test('simulate: progress, then counts on the nodes and the stage funnel', async () => {
  await page.click('[data-testid=simulate]');
  await page.click('[data-testid=sim-start]');
  await page.waitForSelector('[data-testid=run-badge]', { timeout: 60_000 });
  await page.waitForSelector('[data-testid=stage-funnel]');
  expect(await page.locator('[data-testid=node-segment-1] [data-testid=run-badge]').innerText()).toMatch(/进入 [\d,]+/);
  await screenshot(page, 'designer-08-simulated');
  expect(errors.filter((e) => !e.includes('409'))).toEqual([]);
});
