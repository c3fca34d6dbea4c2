import { expect, test } from 'vitest';
import { addFromPalette, newBlankFlow, waitSaved } from './support/designer.js';
import { callApi, login, screenshot } from './support/browser.js';
import { e2eApp } from './support/app.js';

/** Issue #17 items 8 and 12: messages name things as the user sees them, in one language; the flow name never reverts silently. */
const { server, browser, page, errors } = await e2eApp({ user: 'planner' });

/** Data paths, node ids and compiled state ids: what a planner never sees on screen. */
const INTERNAL = /touches\[|\[\d+\]|linkage-\d|segment-\d|\.t-\d|\.await|flows\//;

test('issues, the compile preview and the start page carry no internal ids or paths', async () => {
  await page.goto(`${server.url}/designer`);
  await page.waitForSelector('[data-testid=designer-start], [data-testid=designer]');
  await newBlankFlow(page, server.url);
  for (const type of ['segment', 'linkage', 'linkage', 'evaluate', 'end']) await addFromPalette(page, type);
  await page.waitForSelector('[data-testid=node-end-1]');
  // Node cards never show a node's internal id.
  for (const text of await page.locator('.react-flow__node').allInnerTexts()) expect(text).not.toMatch(/(segment|linkage|evaluate|end)-\d/);
  await page.click('[data-testid=validate]');
  await page.waitForSelector('[data-testid=issue-item]');
  const issues = await page.locator('[data-testid=issue-item]').allInnerTexts();
  expect(issues.length).toBeGreaterThan(3);
  for (const text of issues) expect(text).not.toMatch(INTERNAL);
  // Two linkage nodes: messages number them as the canvas titles them.
  expect(issues.join('\n')).toContain('渠道联动 2');
  await screenshot(page, 'designer-words-01-issues-zh');

  const { id } = await callApi<{ id: string }>(page, 'flows.create', { template: 'data-pack-upsell.json' }, 'mutation');
  await page.goto(`${server.url}/designer/${id}`);
  await page.waitForSelector('[data-testid=node-check]');
  await page.click('[data-testid=tab-compile]');
  const preview = await page.locator('[data-testid=compile-preview]').innerText();
  expect(preview).not.toMatch(INTERNAL);
  expect(preview).toContain('渠道联动');
  await screenshot(page, 'designer-words-02-compile-zh');
});

test('a flow that does not exist: one language only', async () => {
  await page.getByRole('button', { name: 'English' }).click();
  await page.goto(`${server.url}/designer/flow-deadbeef`);
  const alert = page.locator('[data-testid=designer-start] [role=alert]');
  await alert.waitFor();
  const text = await alert.innerText();
  expect(text).not.toMatch(/[\u4e00-\u9fff]/);
  expect(text).not.toContain(' / ');
  expect(await page.locator('[data-testid=designer-start]').innerText()).not.toContain('flows/');
  await screenshot(page, 'designer-words-03-missing-en');
  await page.getByRole('button', { name: '中文' }).click();
  // The browser logs the 404 of the missing flow's request itself; nothing else may be logged.
  expect(errors.filter((e) => !/404|Not Found/i.test(e))).toEqual([]);
  errors.length = 0;
});

test('an emptied flow name stays empty with a message and is not saved; the palette heading is not the node name', async () => {
  await newBlankFlow(page, server.url);
  const name = page.locator('[data-testid=flow-name]');
  await name.fill('');
  await name.press('Enter');
  await page.waitForSelector('[data-testid=flow-name-error]');
  expect(await name.inputValue()).toBe('');
  await expect.poll(() => page.locator('[data-testid=save-state]').getAttribute('data-state')).toBe('invalid');
  await screenshot(page, 'designer-words-04-empty-name-zh');
  await name.fill('五月流量包推广');
  await name.press('Enter');
  await waitSaved(page);
  expect(await page.locator('[data-testid=flow-name-error]').count()).toBe(0);
  const palette = await page.locator('[data-testid=palette]').innerText();
  expect(palette).toContain('衡量效果');
  expect(errors).toEqual([]);
});

test('the store queue: a search box, and visit wording', async () => {
  await browser.clearCookies();
  await login(page, server.url, 'agent');
  await page.goto(`${server.url}/workbench`);
  await page.waitForSelector('[data-testid=workbench]');
  await page.selectOption('[data-testid=channel-select]', 'store');
  const search = page.locator('[data-testid=queue-search]');
  await search.waitFor();
  expect(await search.getAttribute('placeholder')).toBe('搜索姓名、号码或编号');
  await search.fill('13800');
  await screenshot(page, 'designer-words-05-store-queue-zh');
  expect(errors).toEqual([]);
});
