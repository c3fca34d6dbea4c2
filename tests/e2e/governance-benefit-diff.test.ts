import { expect, test } from 'vitest';
import type { FlowDocument } from '../../shared/flow/document.js';
import { fixtureFlow } from '../integration/governance/fixture-flow.js';
import { callApi, screenshot } from './support/browser.js';
import { e2eApp } from './support/app.js';

/**
 * The approval diff reads a benefit node by its own labels (#21 item 1: the diff asks the node type's
 * definition): 权益类型 流量体验包 → 优惠券, not 话术类型 trial_data → coupon; zh and en.
 */
const { server, page, errors, switchTo } = await e2eApp();

const api = <T>(path: string, input: unknown, kind: 'query' | 'mutation' = 'mutation'): Promise<T> => callApi<T>(page, path, input, kind);

/** The fixture campaign with a trial data pack granted before the SMS. */
function benefitFlow(): FlowDocument {
  const d = fixtureFlow('e2e-benefit-diff', 'gz', { name: '广州体验包转化', city: 'gz' });
  d.nodes.push({ id: 'gift', type: 'benefit', position: { x: 150, y: 150 }, data: { kind: 'trial_data', benefitCode: 'TRIAL-5G-3D', productId: 'dp_10g', cost: 1, expiryDays: 3, notifyBeforeHours: 0 } });
  d.edges = [{ id: 'e0', source: 'seg', sourceHandle: 'out', target: 'gift' }, { id: 'e1', source: 'gift', sourceHandle: 'granted', target: 'sms' }, ...d.edges.filter((e) => e.id !== 'e1')];
  return d;
}

test('a changed benefit reads as its own fields and options, old → new, in zh and en', async () => {
  await switchTo('planner');
  const { id: flowId } = await api<{ id: string }>('flows.create', { document: benefitFlow() });
  await api('governance.submit', { flowId });
  await switchTo('supervisor');
  await api('governance.approve', { flowId });
  await api('governance.publish', { flowId });
  await switchTo('planner');
  const got = await api<{ revision: number; document: FlowDocument }>('flows.get', { id: flowId }, 'query');
  const gift = got.document.nodes.find((n) => n.id === 'gift')!;
  gift.data = { ...(gift.data as object), kind: 'coupon', cost: 2.5 };
  await api('flows.save', { id: flowId, revision: got.revision, document: got.document });
  await api('governance.submit', { flowId, comment: '体验包换成优惠券' });

  await switchTo('supervisor');
  await page.goto(`${server.url}/approvals`);
  await page.click(`[data-testid=inbox-${flowId}]`);
  await page.waitForSelector('[data-testid=diff-view] [data-testid=diff-changed]');
  const zh = (await page.locator('[data-testid=diff-changed]').allInnerTexts()).find((x) => x.includes('发放权益'))!;
  expect(zh).toContain('权益类型');
  expect(zh).toContain('流量体验包');
  expect(zh).toContain('优惠券');
  expect(zh).toContain('每次发放成本（元）');
  expect(await page.locator('[data-testid=diff-view]').innerText()).not.toMatch(/trial_data|coupon|benefitCode|话术类型/);
  await page.locator('[data-testid=diff-view]').scrollIntoViewIfNeeded();
  await screenshot(page, 'governance-benefit-diff-zh');

  await page.getByRole('button', { name: 'English' }).click();
  await page.waitForSelector('[data-testid=diff-view] >> text=Benefit kind');
  const en = (await page.locator('[data-testid=diff-changed]').allInnerTexts()).find((x) => x.includes('Grant benefit'))!;
  expect(en).toContain('Trial data pack');
  expect(en).toContain('Coupon');
  expect(en).toContain('Cost per grant (yuan)');
  await page.locator('[data-testid=diff-view]').scrollIntoViewIfNeeded();
  await screenshot(page, 'governance-benefit-diff-en');
  await page.getByRole('button', { name: '中文' }).click();
  expect(errors).toEqual([]);
});
