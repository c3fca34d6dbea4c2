import { expect, test } from 'vitest';
import { dateStart, DAY } from '../../server/engine/core/clock.js';
import { Engine } from '../../server/engine/runtime/engine.js';
import { runMetrics } from '../../server/engine/store/metrics.js';
import { driveVirtual, loadFlow, publishAndStart } from '../integration/monitoring/support.js';
import { login, screenshot } from './support/browser.js';
import { e2eApp } from './support/app.js';
import { connect, dropNode, inspect, newBlankFlow, waitSaved } from './support/designer.js';

/**
 * The benefit node (发放权益) in the browser: dragged from the palette, configured in the generated
 * inspector form (a field-named issue, then fixed), connected and validated; then a run of the demo
 * template shows its grants on the dashboard and in the report, in Chinese and in English.
 */
const { server, page, errors, db } = await e2eApp({ env: { ENGINE_TICK_MS: '0' } });

const edges = () => page.locator('.react-flow__edge');
const issueCodes = async () => page.locator('[data-testid=issue-item]').evaluateAll((els) => els.map((e) => `${e.getAttribute('data-code')}@${e.getAttribute('data-node')}`));

test('drag a benefit node from the palette, configure it, connect it, and it validates', async () => {
  await login(page, server.url, 'planner');
  await newBlankFlow(page, server.url);
  expect(await page.locator('[data-testid=palette-benefit]').innerText()).toContain('发放权益');
  await dropNode(page, 'segment', 40, 200);
  await dropNode(page, 'benefit', 330, 200);
  await dropNode(page, 'end', 660, 80);
  await expect.poll(() => page.locator('.react-flow__node').count()).toBe(3);
  // the default: a 3-day trial pack, a notice a day before it ends
  expect(await page.locator('[data-testid=node-benefit-1]').innerText()).toContain('流量体验包');
  await connect(page, 'segment-1', 'out', 'benefit-1');
  await connect(page, 'benefit-1', 'expiring', 'end-1');
  await expect.poll(() => edges().count()).toBe(2);

  await inspect(page, 'benefit-1');
  await page.waitForSelector('[data-testid=generated-editor]');
  await page.selectOption('[data-testid=field-kind]', 'ringback_trial');
  await page.fill('[data-testid=field-benefitCode]', 'VRBT-7D');
  await page.fill('[data-testid=field-expiryDays]', '2');
  await page.fill('[data-testid=field-notifyBeforeHours]', '72');
  await page.click('[data-testid=validate]');
  await expect.poll(issueCodes).toContain('INVALID_NODE_DATA@benefit-1');
  await expect.poll(() => page.locator('[data-testid=issue-item][data-node=benefit-1]').first().innerText()).toContain('须短于有效期 2 天');
  await screenshot(page, 'benefit-1-issue-zh');

  await page.click('[data-testid=tab-inspector]'); // validating shows the issues tab
  await page.fill('[data-testid=field-expiryDays]', '7');
  await page.fill('[data-testid=field-notifyBeforeHours]', '24');
  // the product it leads to is picked from the catalogue, not typed
  expect(await page.locator('[data-testid=field-productId] option').first().innerText()).toBe('（无）');
  await page.selectOption('[data-testid=field-productId]', 'dp_10g');
  expect(await page.locator('[data-testid=field-productId] option:checked').innerText()).toContain('dp_10g');
  await page.click('[data-testid=validate]');
  await expect.poll(issueCodes).not.toContain('INVALID_NODE_DATA@benefit-1');
  expect(await issueCodes()).not.toContain('REQUIRED_OUTPUT_UNCONNECTED@benefit-1');
  await expect.poll(() => page.locator('[data-testid=node-benefit-1]').innerText()).toContain('视频彩铃体验 VRBT-7D');
  await waitSaved(page);
  await page.click('[data-testid=tab-inspector]');
  await screenshot(page, 'benefit-2-configured-zh');

  await page.getByRole('button', { name: 'English' }).click();
  await expect.poll(() => page.locator('[data-testid=node-benefit-1]').innerText()).toContain('Video ringback trial VRBT-7D');
  expect(await page.locator('[data-testid=generated-editor]').innerText()).toContain('Notice before expiry');
  await screenshot(page, 'benefit-3-configured-en');
  await page.getByRole('button', { name: '中文' }).click();
});

test('a run of the trial-pack template shows its grants on the dashboard and in the report', async () => {
  const doc = { ...loadFlow('trial-pack-upsell'), id: 'e2e-trial-pack' };
  const { runId, machine } = publishAndStart(db, doc, 'virtual', 3);
  driveVirtual(new Engine(db), runId, dateStart(machine.period.start) + 10 * DAY);
  const grants = runMetrics(db, runId).grants;
  expect(grants.granted).toBeGreaterThan(0);

  await page.getByRole('button', { name: '退出登录' }).click();
  await page.waitForSelector('input[name=username]');
  await login(page, server.url, 'supervisor_prov');
  await page.goto(`${server.url}/runs/${runId}`);
  const row = page.locator('[data-testid=panel-grants] tr[data-key=trial]');
  await row.waitFor();
  expect(Number(await row.getAttribute('data-granted'))).toBe(grants.granted);
  expect(Number(await row.getAttribute('data-cost'))).toBe(grants.cost);
  expect(await page.locator('[data-testid=panel-grants]').innerText()).toContain('权益发放');
  await page.locator('[data-testid=panel-grants]').scrollIntoViewIfNeeded();
  await screenshot(page, 'benefit-4-dashboard-zh');

  await page.getByRole('button', { name: 'English' }).click();
  await expect.poll(() => page.locator('[data-testid=panel-grants]').innerText()).toContain('Benefits granted');
  await page.locator('[data-testid=panel-grants]').scrollIntoViewIfNeeded();
  await screenshot(page, 'benefit-5-dashboard-en');

  await page.goto(`${server.url}/runs/${runId}/report`);
  const reportRow = page.locator('[data-testid=panel-grants] tr[data-key=trial]');
  await reportRow.waitFor();
  expect(Number(await reportRow.getAttribute('data-granted'))).toBe(grants.granted);
  await page.locator('[data-testid=panel-grants]').scrollIntoViewIfNeeded();
  await screenshot(page, 'benefit-6-report-en');
  await page.getByRole('button', { name: '中文' }).click();

  // a granted customer's trace says so, with the benefit code and when the grant ends
  const customer = db.prepare(`SELECT customer_id FROM grants WHERE run_id = ? AND result = 'granted' ORDER BY customer_id LIMIT 1`).pluck().get(runId) as number;
  await page.goto(`${server.url}/trace?q=${customer}`);
  const step = page.locator('[data-testid=trace-steps] li[data-kind=granted]').first();
  await step.waitFor();
  expect(await step.innerText()).toMatch(/已发放权益[\s\S]*TRIAL-10G-3D · 至 /);
  await step.scrollIntoViewIfNeeded();
  await screenshot(page, 'benefit-7-trace-zh');
  expect(errors).toEqual([]);
});
