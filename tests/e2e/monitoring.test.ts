import { expect, test } from 'vitest';
import { disposeItem } from '../../server/engine/channels/agent-queue.js';
import { runMetrics } from '../../server/engine/store/metrics.js';
import { attributeConversions } from '../../server/monitoring/attribution.js';
import { callFlow, driveVirtual, liveEngine, loadFlow, publishAndStart } from '../integration/monitoring/support.js';
import { dateStart } from '../../server/engine/core/clock.js';
import { Engine } from '../../server/engine/runtime/engine.js';
import { screenshot } from './support/browser.js';
import { e2eApp } from './support/app.js';
import { publishThroughApproval } from './support/publish.js';

/**
 * A Guangzhou flow (outbound call with a four-step agent script, 10% control) is published through
 * governance; the engine is ticked here (the server's own loop is off) so the call centre's queue
 * fills; an agent works it in the browser; the dashboard, report, trace and fit pages show the
 * engine's numbers.
 */
const { server, page, errors, db, switchTo } = await e2eApp({ env: { ENGINE_TICK_MS: '0' } });
let runId: number;

const journey = (customerId: number) => db.prepare('SELECT state, flags, ended_at, outcome FROM journeys WHERE run_id = ? AND customer_id = ?').get(runId, customerId) as { state: string; flags: number; ended_at: number | null; outcome: string | null };
const kpi = (key: string) => page.locator(`[data-testid=kpi-${key}]`).getAttribute('data-value').then(Number);

test('a published flow fills the call centre queue', async () => {
  ({ runId } = await publishThroughApproval({ page, db, switchTo }, callFlow('gz')));
  liveEngine(db).tickSync(Date.now(), 'live');
  const waiting = db.prepare(`SELECT count(*) FROM agent_queue WHERE run_id = ? AND status = 'waiting'`).pluck().get(runId) as number;
  expect(waiting).toBeGreaterThan(10);
  expect(runMetrics(db, runId).control).toBeGreaterThan(0);
});

test('an agent works the queue: the script is filled in and each disposition moves the journey', async () => {
  await switchTo('agent');
  await page.waitForSelector('[data-testid=workbench]');
  expect(new URL(page.url()).pathname).toBe('/workbench');
  await page.selectOption('[data-testid=channel-select]', 'outbound_call');
  await page.waitForSelector('[data-testid=script]');
  const customerOf = async () => Number(await page.locator('[data-testid=work-customer]').getAttribute('data-customer-id'));
  const first = await customerOf();
  const name = db.prepare('SELECT name FROM subscribers WHERE id = ?').pluck().get(first) as string;
  const opening = await page.locator('[data-step=opening]').innerText();
  expect(opening).toContain(name);
  expect(opening).toContain('客户经理');
  expect(await page.locator('[data-testid=script]').innerText()).not.toMatch(/\{\w+\}/);
  expect(await page.locator('[data-step=offer]').innerText()).toContain('10GB 流量加油包');
  await screenshot(page, 'monitoring-1-workbench-script');

  // accepted, with the second confirmation: an order → converted, journey ends at "won"
  await page.getByText('接受', { exact: true }).click();
  await page.check('input[name=secondConfirmed]');
  await screenshot(page, 'monitoring-2-workbench-accept');
  await page.getByRole('button', { name: '提交结果' }).click();
  await page.waitForSelector('[data-testid=work-notice]');
  expect(await page.locator('[data-testid=work-notice]').innerText()).toContain('已推进');
  expect(journey(first)).toMatchObject({ state: 'won', outcome: 'converted' });
  expect(journey(first).flags & 2).toBe(2);

  // declined → a response without an order: journey ends at "done"
  await expect.poll(customerOf).not.toBe(first);
  const second = await customerOf();
  await page.getByText('拒绝', { exact: true }).click();
  await page.getByRole('button', { name: '提交结果' }).click();
  await expect.poll(() => journey(second).state).toBe('done');

  // no answer → retried later; the journey still waits
  await expect.poll(customerOf).not.toBe(second);
  const third = await customerOf();
  await page.getByText('无人接听', { exact: true }).click();
  await page.getByRole('button', { name: '提交结果' }).click();
  await expect.poll(() => db.prepare(`SELECT disposition FROM agent_queue WHERE run_id = ? AND customer_id = ?`).pluck().get(runId, third)).toBe('no_answer');
  expect(journey(third).ended_at).toBeNull();

  // callback at a time → back in the queue then
  await expect.poll(customerOf).not.toBe(third);
  const fourth = await customerOf();
  await page.getByText('预约回访', { exact: true }).click();
  await page.waitForSelector('input[name=callbackAt]');
  await page.getByRole('button', { name: '提交结果' }).click();
  await expect.poll(() => db.prepare(`SELECT disposition FROM agent_queue WHERE run_id = ? AND customer_id = ?`).pluck().get(runId, fourth)).toBe('callback');
  const at = db.prepare(`SELECT available_at FROM agent_queue WHERE run_id = ? AND customer_id = ?`).pluck().get(runId, fourth) as number;
  expect(at).toBeGreaterThan(Date.now() + 3_600_000);
  await screenshot(page, 'monitoring-3-workbench-after');
});

test('the dashboard shows the engine metrics and refreshes live', async () => {
  await switchTo('supervisor');
  await page.goto(`${server.url}/runs`);
  await page.click(`[data-testid=run-row-${runId}] a >> nth=0`);
  await page.waitForSelector('[data-testid=run-canvas] [data-testid=live-call]');
  const m = runMetrics(db, runId);
  const contacts = Object.values(m.channels).reduce((a, c) => a + c.contacts, 0);
  for (const [key, want] of [['enrolled', m.enrolled], ['control', m.control], ['active', m.active], ['completed', m.completed], ['contacts', contacts], ['responses', m.responses], ['conversions', m.conversions], ['cost', m.cost], ['revenue', m.revenue]] as const) {
    expect({ key, value: await kpi(key) }).toEqual({ key, value: want });
  }
  expect(m.conversions).toBe(1);
  expect(Number(await page.locator('[data-testid=live-call]').getAttribute('data-conversions'))).toBe(1);
  expect(Number(await page.locator('[data-testid=live-seg]').getAttribute('data-entered'))).toBe(m.nodes.seg!.entered);
  expect(Number(await page.locator('[data-testid=channel-row-outbound_call]').getAttribute('data-contacts'))).toBe(m.channels.outbound_call!.contacts);
  await page.waitForSelector('[data-testid=chart-funnel] svg');
  await page.waitForSelector('[data-testid=chart-channels] svg');
  await page.waitForSelector('[data-testid=chart-timeline] svg');
  await screenshot(page, 'monitoring-4-dashboard');

  // an outcome arrives while the page is open: no reload, the numbers follow within a few seconds
  const item = db.prepare(`SELECT id FROM agent_queue WHERE run_id = ? AND status = 'waiting' AND disposition IS NULL LIMIT 1`).pluck().get(runId) as number;
  expect(disposeItem(db, { queueId: item, disposition: 'accepted', secondConfirmed: true }, Date.now()).status).toBe('applied');
  await expect.poll(() => kpi('conversions'), { timeout: 10_000 }).toBe(2);
  expect(await kpi('conversions')).toBe(runMetrics(db, runId).conversions);
  await expect.poll(async () => Number(await page.locator('[data-testid=live-call]').getAttribute('data-conversions')), { timeout: 10_000 }).toBe(2);
  await page.locator('[data-testid=chart-timeline]').scrollIntoViewIfNeeded();
  await screenshot(page, 'monitoring-5-dashboard-live');
});

test('the evaluation report: numbers, attribution, CSV, print layout', async () => {
  await page.goto(`${server.url}/runs/${runId}/report`);
  await page.waitForSelector('[data-testid=report-by-channel]');
  const m = runMetrics(db, runId);
  expect(await kpi('conversions')).toBe(m.conversions);
  expect(await kpi('conversionRate')).toBeCloseTo(m.evaluation.conversionRate, 10);
  expect(await kpi('treated')).toBe(m.enrolled - m.control);
  const attributed = attributeConversions(db, runId);
  expect(attributed.every((a) => a.touch?.node === 'call' && a.touch.channel === 'outbound_call')).toBe(true);
  expect(await page.locator('[data-testid=report-by-node] tr[data-key=call]').innerText()).toContain(String(m.conversions));
  await screenshot(page, 'monitoring-6-report');
  const csv = await page.request.get(`${server.url}/api/runs/${runId}/report.csv?lang=zh`);
  expect(csv.status()).toBe(200);
  const text = await csv.text();
  expect(text).toContain(`成功办理,${m.conversions},`);
  expect(text).toContain('外呼中心');
  await page.emulateMedia({ media: 'print' });
  expect(await page.locator('header').isVisible()).toBe(false);
  await page.screenshot({ path: 'test-results/monitoring-7-report-print.png', fullPage: true });
  await page.emulateMedia({ media: 'screen' });
});

test('the customer trace shows the path with times and reasons', async () => {
  const conv = db.prepare(`SELECT s.phone, s.id FROM journeys j JOIN subscribers s ON s.id = j.customer_id WHERE j.run_id = ? AND j.state = 'won' LIMIT 1`).get(runId) as { phone: string; id: number };
  await page.goto(`${server.url}/trace`);
  await page.fill('input[name=q]', conv.phone);
  await page.getByRole('button', { name: '查询' }).click();
  await page.waitForSelector(`[data-testid=trace-run-${runId}]`);
  expect(await page.locator('[data-testid=trace-customer]').getAttribute('data-customer-id')).toBe(String(conv.id));
  const kinds = await page.locator(`[data-testid=trace-run-${runId}] li`).evaluateAll((els) => els.map((e) => e.getAttribute('data-kind')));
  expect(kinds[0]).toBe('entered');
  expect(kinds).toContain('queued');
  expect(kinds[kinds.length - 1]).toBe('converted');
  // Nodes are named by their titles, as on the canvas, never by their ids.
  const doc = JSON.parse(db.prepare('SELECT v.document FROM runs r JOIN flow_versions v ON v.flow_id = r.flow_id AND v.version = r.version WHERE r.id = ?').pluck().get(runId) as string) as { nodes: { id: string }[] };
  const shown = await page.locator(`[data-testid=trace-run-${runId}] [data-testid=trace-node]`).allInnerTexts();
  expect(shown.length).toBeGreaterThan(0);
  for (const text of shown) expect(doc.nodes.map((n) => n.id)).not.toContain(text);
  await screenshot(page, 'monitoring-8-trace');
});

test('the fit matrix learns from observed outcomes', async () => {
  await page.goto(`${server.url}/fit`);
  await page.waitForSelector('[data-testid=fit-heatmap] svg');
  const before = db.prepare(`SELECT alpha, beta FROM response_estimates WHERE group_id = 'business' AND channel_id = 'outbound_call' AND category = 'data_pack'`).get() as { alpha: number; beta: number };
  const settled = db.prepare(`SELECT count(*) AS n, coalesce(sum(j.state IN ('won','done')), 0) AS yes FROM agent_queue q JOIN journeys j ON j.run_id = q.run_id AND j.customer_id = q.customer_id
      JOIN subscribers s ON s.id = q.customer_id WHERE q.run_id = ? AND q.status = 'done' AND s.group_id = 'business'`).get(runId) as { n: number; yes: number };
  await page.click('[data-testid=learn-now]');
  await page.waitForSelector('[data-testid=learn-result]');
  const after = db.prepare(`SELECT alpha, beta FROM response_estimates WHERE group_id = 'business' AND channel_id = 'outbound_call' AND category = 'data_pack'`).get() as { alpha: number; beta: number };
  expect(after.alpha - before.alpha).toBeCloseTo(settled.yes, 9);
  expect(after.beta - before.beta).toBeCloseTo(settled.n - settled.yes, 9);
  await page.waitForSelector('[data-testid=learning-passes]');
  await screenshot(page, 'monitoring-9-fit');
  expect(errors).toEqual([]);
});

test('a finished multi-channel run (simulated) on the dashboard and report, in English', async () => {
  const { runId: sim, machine } = publishAndStart(db, loadFlow('data-pack-upsell'), 'virtual', 3);
  driveVirtual(new Engine(db), sim, dateStart(machine.period.end) + 86_400_000);
  const m = runMetrics(db, sim);
  expect(m.status).toBe('completed');
  await page.getByRole('button', { name: 'English' }).click();
  await page.goto(`${server.url}/runs/${sim}`);
  await page.waitForSelector('[data-testid=run-canvas] [data-testid=live-reach]');
  await page.waitForSelector('[data-testid=chart-suppressed] svg, [data-testid=chart-suppressed-empty]');
  expect(await kpi('conversions')).toBe(m.conversions);
  expect(await kpi('enrolled')).toBe(m.enrolled);
  expect(await page.locator('[data-testid=run-dashboard]').innerText()).toContain('Conversions over time');
  await screenshot(page, 'monitoring-10-dashboard-simulated-en');
  await page.locator('[data-testid=chart-timeline]').scrollIntoViewIfNeeded();
  await screenshot(page, 'monitoring-11-dashboard-simulated-charts');
  await page.goto(`${server.url}/runs/${sim}/report`);
  await page.waitForSelector('[data-testid=report-by-group]');
  expect(await kpi('lift')).toBeCloseTo(m.evaluation.lift ?? 0, 10);
  await screenshot(page, 'monitoring-12-report-simulated-en');
  await page.getByRole('button', { name: '中文' }).click();
  expect(errors).toEqual([]);
});
