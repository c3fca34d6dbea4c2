import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { addFromPalette, inspect, newBlankFlow, nodeCount, waitSaved } from './support/designer.js';
import { callApi, screenshot } from './support/browser.js';
import { e2eApp } from './support/app.js';

/** Designer features beyond the main build-a-flow story: start screen, files, templates, editors, clipboard, submit, English. */
const { server, page, errors } = await e2eApp({
  user: 'planner',
  prepareBrowser: (browser, url) => browser.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: url }),
});
let templateFlow = '';

test('landing on /designer creates nothing; the start screen starts a flow; the next landing reopens it', async () => {
  await page.waitForSelector('[data-testid=designer-start]');
  const before = (await callApi<unknown[]>(page, 'flows.list', undefined)).length;
  await page.reload();
  await page.waitForSelector('[data-testid=designer-start]');
  expect((await callApi<unknown[]>(page, 'flows.list', undefined)).length).toBe(before);
  await screenshot(page, 'designer-more-01-start');
  const id = await newBlankFlow(page, server.url);
  await page.goto(`${server.url}/designer`);
  await page.waitForURL(new RegExp(`/designer/${id}$`));
  expect((await callApi<unknown[]>(page, 'flows.list', undefined)).length).toBe(before + 1);
});

test('templates dialog: a flows/ template opens as a new draft and counts as a library use', async () => {
  const uses = async () => (await callApi<{ usageCount: number }>(page, 'templates.get', { templateId: 'data-pack-upsell' })).usageCount;
  const before = await uses();
  await page.click('[data-testid=files-menu]');
  await page.click('[data-testid=open-template]');
  await page.waitForSelector('[data-testid=templates-dialog] >> text=流量包');
  await screenshot(page, 'designer-more-02-templates');
  await page.click('[data-testid=template-data-pack-upsell\\.json]');
  await page.waitForSelector('[data-testid=node-reach]');
  templateFlow = page.url().split('/').pop()!;
  expect(await nodeCount(page)).toBe(8);
  expect(await uses()).toBe(before + 1);
  expect((await callApi<{ fromTemplate: string }>(page, 'flows.get', { id: templateFlow })).fromTemplate).toBe('data-pack-upsell');
});

test('export downloads the flows/ format; importing that file creates a new flow with the same nodes', async () => {
  await page.click('[data-testid=files-menu]');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=export-json]')]);
  expect(download.suggestedFilename()).toBe(`${templateFlow}.json`);
  const path = await download.path();
  const text = readFileSync(path, 'utf8');
  const doc = JSON.parse(text) as { id: string; schemaVersion: number; nodes: unknown[] };
  expect(text).toBe(`${JSON.stringify(doc, null, 2)}\n`);
  expect(doc).toMatchObject({ id: templateFlow, schemaVersion: expect.any(Number) });
  expect(doc.nodes).toHaveLength(8);

  await page.click('[data-testid=files-menu]');
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.click('[data-testid=import-json]')]);
  await chooser.setFiles(path);
  await page.waitForURL((u) => /\/designer\/flow-[0-9a-f]+$/.test(u.pathname) && !u.pathname.endsWith(templateFlow));
  await page.waitForSelector('[data-testid=node-reach]');
  await expect.poll(() => nodeCount(page)).toBe(8);
  await screenshot(page, 'designer-more-03-imported');
});

test('compile preview lists the machine states with their source nodes', async () => {
  await page.goto(`${server.url}/designer/${templateFlow}`);
  await page.waitForSelector('[data-testid=node-reach]');
  await page.click('[data-testid=tab-compile]');
  await expect.poll(() => page.locator('[data-testid=machine-state]').count()).toBeGreaterThan(5);
  await screenshot(page, 'designer-more-04-compile');
});

test('parallel and hybrid lanes with the fit-score preview', async () => {
  const original = await page.locator('[data-testid=node-reach]').innerText();
  await inspect(page, 'reach');
  await page.click('[data-testid=linkage-mode-serial]');
  await expect.poll(() => page.locator('[data-testid=fit-preview]').count()).toBe(0);
  await page.click('[data-testid=linkage-mode-parallel]');
  await page.waitForSelector('[data-testid=fit-preview]');
  expect(await page.locator('[data-testid=fit-preview]').innerText()).toMatch(/平均适配 0\.\d\d/);
  await page.click('[data-testid=add-lane]');
  await expect.poll(() => page.locator('[data-testid=fit-preview] [data-testid=fit-lane]').count()).toBe(await page.locator('[data-testid=touch-card]').count());
  await screenshot(page, 'designer-more-05-parallel');
  await page.click('[data-testid=linkage-mode-hybrid]');
  await page.locator('[data-testid=touch-card] button[aria-expanded]').first().click();
  await page.waitForSelector('text=后续串联触达');
  await screenshot(page, 'designer-more-06-hybrid');
  await page.keyboard.press('Escape');
  await page.click('[data-testid=canvas] .react-flow__pane', { position: { x: 10, y: 10 } });
  // four edits (serial, parallel, a lane, hybrid) undo back to the template's lanes
  for (let i = 0; i < 4; i++) await page.click('[data-testid=undo]');
  await expect.poll(() => page.locator('[data-testid=node-reach]').innerText()).toBe(original);
});

test('wait, evaluate and split editors', async () => {
  await inspect(page, 'wait-2d');
  await page.selectOption('[data-testid=wait-mode]', 'event');
  await page.waitForSelector('text=未发生事件的客户从“超时”出口继续');
  await screenshot(page, 'designer-more-07-wait');
  await inspect(page, 'check');
  await page.selectOption('[data-testid=evaluate-mode]', 'kpi');
  await page.waitForSelector('text=未达标时');
  await screenshot(page, 'designer-more-08-evaluate');
  await page.selectOption('[data-testid=evaluate-mode]', 'customer');
  await addFromPalette(page, 'split');
  await page.click('[data-testid=node-split-1]');
  await page.click('[data-testid=tab-inspector]');
  await page.click('[data-testid=split-add]');
  await expect.poll(() => page.locator('[data-testid=split-total]').getAttribute('data-ok')).toBe('true');
  await page.locator('[data-testid=split-percent]').last().fill('20');
  await expect.poll(() => page.locator('[data-testid=split-total]').getAttribute('data-ok')).toBe('false');
  await screenshot(page, 'designer-more-09-split');
  await page.click('[data-testid=canvas] .react-flow__pane', { position: { x: 10, y: 10 } });
  await page.click('[data-testid=node-split-1]');
  await page.keyboard.press('Delete');
  await waitSaved(page);
});

test('multi-select with Shift and Delete removes the selection', async () => {
  const before = await nodeCount(page);
  await page.click('[data-testid=node-end-completed]');
  await page.click('[data-testid=node-end-unreachable]', { modifiers: ['Shift'] });
  await page.waitForSelector('[data-testid=multi-selection]');
  await screenshot(page, 'designer-more-10-multi');
  await page.keyboard.press('Delete');
  await expect.poll(() => nodeCount(page)).toBe(before - 2);
  await page.keyboard.press('Control+z');
  await expect.poll(() => nodeCount(page)).toBe(before);
  await waitSaved(page);
});

test('copy in one flow, paste in another', async () => {
  await page.click('[data-testid=node-order-sms]');
  await page.click('[data-testid=node-check]', { modifiers: ['Shift'] });
  await page.keyboard.press('Control+c');
  await page.waitForSelector('[data-testid=notice] >> text=已复制 2 个节点');
  await newBlankFlow(page, server.url);
  expect(await nodeCount(page)).toBe(0);
  await page.click('[data-testid=canvas] .react-flow__pane', { position: { x: 200, y: 200 } });
  await page.keyboard.press('Control+v');
  await expect.poll(() => nodeCount(page)).toBe(2);
  await screenshot(page, 'designer-more-11-pasted');
  await waitSaved(page);
});

test('submit from the designer: the status becomes 待审批 and the flow turns read-only', async () => {
  const { id } = await callApi<{ id: string }>(page, 'flows.create', { template: 'data-pack-upsell.json' }, 'mutation');
  await page.goto(`${server.url}/designer/${id}`);
  await page.waitForSelector('[data-testid=node-reach]');
  await waitSaved(page);
  await page.click('[data-testid=submit]');
  // submitting now asks for an optional note for the supervisor (issue #17)
  await page.fill('[data-testid=submit-note-dialog] textarea', '首版，请重点看短信文案');
  await page.click('[data-testid=submit-note-dialog-confirm]');
  await expect.poll(() => page.locator('[data-testid=flow-status]').innerText()).toBe('待审批');
  expect(await page.locator('[data-testid=palette-end]').isDisabled()).toBe(true);
  await screenshot(page, 'designer-more-12-submitted');
  expect(errors).toEqual([]);
});

test('English: every designer string switches, no Chinese left in the chrome', async () => {
  await page.click('text=English');
  await newBlankFlow(page, server.url);
  for (const type of ['segment', 'linkage', 'wait', 'evaluate', 'split', 'end']) await addFromPalette(page, type);
  await page.waitForSelector('[data-testid=node-end-1]');
  await page.click('.react-flow__controls-fitview');
  await page.click('[data-testid=validate]');
  const chinese = async (selector: string) => page.locator(selector).evaluateAll((els) => els
    .map((e) => (e instanceof HTMLElement ? e.innerText : '') + ' ' + [...e.querySelectorAll('[aria-label],[title],[placeholder]')].map((x) => `${x.getAttribute('aria-label') ?? ''} ${x.getAttribute('title') ?? ''} ${x.getAttribute('placeholder') ?? ''}`).join(' '))
    .join('\n').split('\n').filter((l) => /[\u4e00-\u9fff]/.test(l)));
  expect(await chinese('[data-testid=topbar], [data-testid=palette], [role=tablist], [data-testid=issues-list]')).toEqual([]);
  await screenshot(page, 'designer-more-13-en-issues');
  for (const node of ['segment-1', 'linkage-1', 'wait-1', 'evaluate-1', 'split-1']) {
    await inspect(page, node);
    expect(await chinese('[data-testid=inspector] label, [data-testid=inspector] h3, [data-testid=inspector] button, [data-testid=inspector] option, [data-testid=inspector] p:not([data-testid=script-preview])')).toEqual([]);
    if (node === 'linkage-1') await screenshot(page, 'designer-more-14-en-linkage');
  }
  await page.click('[data-testid=simulate]');
  expect(await chinese('[data-testid=simulate-panel]')).toEqual([]);
  await screenshot(page, 'designer-more-15-en-simulate');
  await page.click('text=中文');
  expect(errors).toEqual([]);
});
