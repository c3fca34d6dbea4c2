import { expect, test } from 'vitest';
import { dateStart } from '../../server/engine/core/clock.js';
import { Engine } from '../../server/engine/runtime/engine.js';
import { dailyFigures } from '../../server/monitoring/daily.js';
import { driveVirtual, loadFlow, publishAndStart } from '../integration/monitoring/support.js';
import { inspect, waitSaved } from './support/designer.js';
import { callApi, login, screenshot } from './support/browser.js';
import { e2eApp } from './support/app.js';

/**
 * #16 items 7–9 in the browser: the linkage editor sets the flow's share of the call centre and a
 * touch's failure rule, the compiled preview shows both; a run's dashboard charts every day per channel.
 */
const { server, page, errors, db } = await e2eApp({ env: { ENGINE_TICK_MS: '0' }, user: 'planner' });

const share = '[data-testid=capacity-share-outbound_call]';
const savedPolicy = async (id: string) =>
  (await callApi<{ document: { contactPolicy?: { channelCapacity?: Record<string, number> } } }>(page, 'flows.get', { id })).document.contactPolicy?.channelCapacity;

test('the linkage editor sets the flow\'s call-centre share and a touch\'s failure rule; the compiled preview shows both', async () => {
  const doc = { ...loadFlow('broadband-bundle'), id: 'e2e-capacity-share' };
  const { id } = await callApi<{ id: string }>(page, 'flows.create', { document: doc }, 'mutation');
  await page.goto(`${server.url}/designer/${id}`);
  await page.waitForSelector('[data-testid=node-journey]');
  await inspect(page, 'journey');
  // the serial hint says what the default hand-off rule does
  expect(await page.locator('[data-testid=inspector]').innerText()).toContain('默认客户响应后才交给下一个渠道');

  // a share above the centre's 8,000 is refused on the field, in Chinese
  await page.fill(share, '9000');
  await page.waitForSelector('text=9000 超过该渠道的日容量 8,000');
  await page.fill(share, '500');
  await expect.poll(() => page.locator('text=超过该渠道的日容量').count()).toBe(0);

  // the store touch (2nd, "advance after timeout") retries on the dealer outlet when the customer cannot be reached
  const store = page.locator('[data-testid=touch-card]').nth(1);
  await store.locator('button[aria-expanded]').click();
  const rule = store.locator('[data-testid=failure-rule]');
  expect(await rule.locator('option').first().innerText()).toBe('按交接规则：跳到下一步');
  await rule.selectOption('retry');
  await store.locator('[data-testid=retry-channel]').selectOption('dealer');
  // the SMS touch (1st) ends as unreachable instead of moving on
  const sms = page.locator('[data-testid=touch-card]').nth(0);
  await sms.locator('button[aria-expanded]').click();
  await sms.locator('[data-testid=failure-rule]').selectOption('end');
  await waitSaved(page);
  expect(await savedPolicy(id)).toEqual({ outbound_call: 500 });
  await screenshot(page, 'linkage-capacity-1-editor-zh');

  await page.click('[data-testid=tab-compile]');
  await page.waitForSelector('[data-testid=compiled-capacity]');
  expect(await page.locator('[data-testid=compiled-capacity]').innerText()).toContain('外呼中心 500 / 8,000');
  // Where an unreachable customer goes, named by node title and channel (the engine's state ids stay out of sight).
  const unreachable = (state: string) => page.locator(`[data-testid=machine-state][data-state="${state}"] [data-testid=send-unreachable]`).innerText();
  const title = (id: string) => page.locator(`[data-testid=node-${id}]`).locator('span.font-semibold').first().innerText();
  const journey = await title('journey');
  expect(await unreachable('journey.store.send')).toContain(`无法触达 → ${journey} · 社会渠道代办点`);
  expect(await unreachable('journey.store.retry')).toBe(`社会渠道代办点 · 无法触达 → ${journey} · 外呼中心`);
  expect(await unreachable('journey.sms.send')).toContain(`无法触达 → ${await title('end-unreachable')}`);
  expect(await page.locator('[data-testid=compile-preview]').innerText()).not.toMatch(/journey\.|end-unreachable/);
  await screenshot(page, 'linkage-capacity-2-compiled-zh');

  await page.getByRole('button', { name: 'English' }).click();
  await page.waitForSelector('text=This flow\'s daily channel capacity: Outbound call centre 500 / 8,000');
  await screenshot(page, 'linkage-capacity-3-compiled-en');
  await page.click('[data-testid=tab-inspector]');
  await page.waitForSelector(`${share}`);
  await screenshot(page, 'linkage-capacity-4-editor-en');
  await page.getByRole('button', { name: '中文' }).click();
});

test('the run dashboard charts every day per channel, with the flow\'s share as the call centre\'s line', async () => {
  const doc = { ...loadFlow('broadband-bundle'), id: 'e2e-daily-chart', contactPolicy: { fallbackChannel: 'sms_hall' as const, channelCapacity: { outbound_call: 15 } } };
  const { runId, machine } = publishAndStart(db, doc, 'virtual', 3);
  driveVirtual(new Engine(db), runId, dateStart(machine.period.start) + 20 * 86_400_000);
  const days = dailyFigures(db, runId);
  expect(days.length).toBeGreaterThan(5);
  expect(Math.max(...days.map((d) => d.channels.outbound_call?.capacity.used ?? 0))).toBe(15);

  await page.getByRole('button', { name: /退出登录|Log out/ }).click();
  await page.waitForSelector('input[name=username]');
  await login(page, server.url, 'supervisor');
  await page.goto(`${server.url}/runs/${runId}`);
  await page.waitForSelector('[data-testid=chart-daily] svg');
  await page.locator('[data-testid=panel-daily]').scrollIntoViewIfNeeded();
  // every channel stacked per day, then the call centre alone with its share
  expect(await page.locator('[data-testid=daily-channel] option').count()).toBe(1 + new Set(days.flatMap((d) => Object.keys(d.channels))).size);
  await screenshot(page, 'linkage-capacity-5-dashboard-daily-zh');
  await page.selectOption('[data-testid=daily-channel]', 'outbound_call');
  await page.waitForSelector('[data-testid=chart-daily] >> text=本流程份额');
  await page.locator('[data-testid=panel-daily]').screenshot({ path: 'test-results/linkage-capacity-6-daily-call-zh.png' });
  await page.getByRole('button', { name: 'English' }).click();
  await page.waitForSelector('[data-testid=panel-daily] >> text=Per channel per day');
  await page.waitForSelector('[data-testid=chart-daily] >> text=Flow\'s share');
  await page.locator('[data-testid=panel-daily]').screenshot({ path: 'test-results/linkage-capacity-7-daily-call-en.png' });
  await page.getByRole('button', { name: '中文' }).click();
  expect(errors).toEqual([]);
});
