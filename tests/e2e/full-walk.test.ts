import type { Locator } from 'playwright-core';
import { beforeAll, expect, test } from 'vitest';
import { callFlow, liveEngine, publishAndStart } from '../integration/monitoring/support.js';
import { DEMO_PASSWORD, callApi, screenshot } from './support/browser.js';
import { e2eApp } from './support/app.js';
import { connect, waitSaved } from './support/designer.js';

/**
 * Issue #17's "done when": one person after another on one browser, through the UI only — a planner
 * builds a flow on an empty canvas by drag and drop and submits it; the supervisor approves and
 * publishes it and reads its dashboard; an agent works the workbench; the trainer makes a template of
 * the flow; the planner starts a new flow from that template. No console error on the way.
 * Written against roles and visible labels (confirmation dialogs, where an action has one, are
 * confirmed whatever they ask). The engine's loop is off; the test ticks it where the walk waits for it.
 * A call-centre run started in the store gives the agent customers to work.
 */
const { server, page, errors, db } = await e2eApp({ env: { ENGINE_TICK_MS: '0' } });
const FLOW_NAME = '全流程演示 · 流量加油包';

beforeAll(() => {
  publishAndStart(db, callFlow('gz', 'e2e-walk-calls'), 'live');
  liveEngine(db).tickSync(Date.now(), 'live');
});

async function logIn(username: string, home: string): Promise<void> {
  if (await page.locator('[data-testid=current-user]').count()) {
    await page.getByRole('button', { name: '退出登录' }).click();
    await page.waitForURL((u) => u.pathname === '/login');
  } else {
    await page.goto(server.url);
  }
  await page.fill('input[name=username]', username);
  await page.fill('input[name=password]', DEMO_PASSWORD);
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await page.waitForURL((u) => u.pathname === home);
}

/** Anything but the way out of a dialog. */
const NOT_CANCEL = /^(?!.*(取消|关闭|Cancel|Close)).+/;

/**
 * Click an action button; if it asks for confirmation (a modal dialog), confirm — once what the dialog
 * shows has loaded and the confirm button is enabled — then wait until `done` holds.
 */
async function act(button: Locator, done: () => Promise<boolean>): Promise<void> {
  await button.click();
  const dialog = page.locator('dialog[open], [role=dialog][aria-modal=true]');
  await expect.poll(async () => (await dialog.count()) > 0 || (await done()), { timeout: 15_000 }).toBe(true);
  if (await dialog.count()) {
    const confirm = dialog.last().getByRole('button', { name: NOT_CANCEL }).last();
    await expect.poll(() => confirm.isEnabled(), { timeout: 30_000 }).toBe(true);
    await confirm.click();
  }
  await expect.poll(done, { timeout: 30_000 }).toBe(true);
}

const statusOf = async (flowId: string) => (await callApi<{ status: string }>(page, 'flows.get', { id: flowId })).status;

test('empty canvas → submit → approve → publish → dashboard → workbench → template → new flow from it, without a console error', async () => {
  // Planner: a blank flow, built by drag and drop, named, saved and submitted.
  await logIn('planner', '/designer');
  await page.getByRole('button', { name: /新建空白流程/ }).click();
  await page.waitForURL(/\/designer\/flow-[0-9a-f]+$/);
  const flowId = page.url().split('/').pop()!;
  await page.waitForSelector('[data-testid=designer] .react-flow');
  expect(await page.locator('.react-flow__node').count()).toBe(0);
  const name = page.getByRole('textbox', { name: '流程名称' });
  await name.fill(FLOW_NAME);
  await name.press('Enter');
  const drop = (type: string, x: number, y: number) => page.dragAndDrop(`[data-testid=palette-${type}]`, '[data-testid=canvas]', { targetPosition: { x, y } });
  await drop('segment', 40, 300);
  await drop('linkage', 330, 300);
  await drop('end', 660, 120);
  await drop('end', 660, 320);
  await drop('end', 660, 520);
  await expect.poll(() => page.locator('.react-flow__node').count()).toBe(5);
  await connect(page, 'segment-1', 'out', 'linkage-1');
  await connect(page, 'linkage-1', 'converted', 'end-1');
  await connect(page, 'linkage-1', 'responded', 'end-2');
  await connect(page, 'linkage-1', 'no_response', 'end-3');
  await expect.poll(() => page.locator('.react-flow__edge').count()).toBe(4);
  await expect.poll(() => page.locator('[data-testid=issue-count]').count()).toBe(0);
  await waitSaved(page);
  await screenshot(page, 'walk-1-built');
  await act(page.getByRole('button', { name: '提交审批' }), async () => (await statusOf(flowId)) === 'submitted');

  // Supervisor: approvals is home; the flow is there; approve, then publish.
  await logIn('supervisor', '/approvals');
  await page.getByText(FLOW_NAME).first().click();
  await act(page.getByRole('button', { name: '批准', exact: true }).first(), async () => (await statusOf(flowId)) === 'approved');
  await act(page.getByRole('button', { name: '发布', exact: true }).first(), async () => (await statusOf(flowId)) === 'running');
  await screenshot(page, 'walk-2-published');

  // The run's dashboard, once the engine has enrolled the segment.
  liveEngine(db).tickSync(Date.now(), 'live');
  await page.getByRole('navigation').getByRole('link', { name: '运行监控' }).click();
  await page.getByRole('row').filter({ hasText: FLOW_NAME }).getByRole('link').first().click();
  await page.waitForURL(/\/runs\/\d+$/);
  await expect.poll(async () => Number(await page.locator('[data-testid=kpi-enrolled]').getAttribute('data-value')), { timeout: 15_000 }).toBeGreaterThan(0);
  await page.waitForSelector('[data-testid=chart-funnel] svg');
  await screenshot(page, 'walk-3-dashboard');

  // Agent: the workbench is home; numbers are masked until asked for; the script says the agent's name without the role word.
  await logIn('agent', '/workbench');
  await page.getByRole('combobox', { name: '渠道' }).selectOption('outbound_call');
  const customer = page.locator('[data-testid=work-customer]');
  await customer.waitFor();
  const phone = db.prepare('SELECT phone FROM subscribers WHERE id = ?').pluck().get(Number(await customer.getAttribute('data-customer-id'))) as string;
  expect(await page.locator('body').innerText()).not.toContain(phone);
  expect(await customer.innerText()).toContain(`${phone.slice(0, 3)}****${phone.slice(-4)}`);
  await customer.getByRole('button', { name: '显示完整号码' }).click();
  expect(await customer.innerText()).toContain(phone);
  const opening = await page.locator('[data-step=opening]').innerText();
  expect(opening).toContain('小刘');
  expect(opening).not.toContain('坐席');
  await screenshot(page, 'walk-4-workbench');

  // Trainer: templates is home; the flow becomes a template from the flow list, with a category from the list.
  await logIn('trainer', '/templates');
  await page.getByRole('navigation').getByRole('link', { name: '流程列表' }).click();
  await page.getByRole('row').filter({ hasText: FLOW_NAME }).getByRole('button', { name: '发布为模板' }).click();
  const dialog = page.getByRole('dialog');
  await expect.poll(() => dialog.locator('input[name=templateName]').inputValue()).toBe(FLOW_NAME);
  await dialog.locator('select[name=category]').selectOption({ label: '流量经营' });
  await dialog.getByRole('button', { name: '发布模板' }).click();
  await expect.poll(() => dialog.getByRole('status').innerText()).toContain(`模板「${FLOW_NAME}」已发布到模板库`);
  await screenshot(page, 'walk-5-template-published');
  await dialog.getByRole('button', { name: '关闭' }).last().click();

  // Planner: a new flow from the template, named as a copy.
  await logIn('planner', '/designer');
  await page.getByRole('navigation').getByRole('link', { name: '模板库' }).click();
  await page.getByRole('textbox', { name: /搜索模板/ }).fill('全流程演示');
  await page.locator('article').filter({ hasText: FLOW_NAME }).getByRole('button', { name: '使用模板' }).click();
  const use = page.getByRole('dialog');
  await expect.poll(() => use.locator('input[name=flowName]').inputValue()).toBe(`${FLOW_NAME}（副本）`);
  await use.getByRole('button', { name: '创建草稿' }).click();
  await page.waitForURL(/\/designer\/[a-z0-9-]+$/);
  await expect.poll(() => page.locator('.react-flow__node').count()).toBe(5);
  expect(await page.getByRole('textbox', { name: '流程名称' }).inputValue()).toBe(`${FLOW_NAME}（副本）`);
  await screenshot(page, 'walk-6-new-flow-from-template');

  expect(errors).toEqual([]);
});
