import { expect, test } from 'vitest';
import { fixtureFlow } from '../integration/governance/fixture-flow.js';
import { callApi, screenshot } from './support/browser.js';
import { e2eApp } from './support/app.js';

/** Issue #17 items 2 and 4: an approval page a supervisor can decide from, and confirmations before anything that sends. */
const { server, page, errors, switchTo: logInAs } = await e2eApp();

/** Log out whoever is logged in, then log in as `username`; a screenshot shows where a login failed. */
const switchTo = (username: string) => logInAs(username).catch(async (e: unknown) => { await screenshot(page, 'governance-review-login-failed'); throw e; });
const api = <T>(path: string, input: unknown, kind: 'query' | 'mutation' = 'mutation'): Promise<T> => callApi<T>(page, path, input, kind);
type Doc = ReturnType<typeof fixtureFlow>;

const OLD_TEXT = '尊敬的客户，10GB 流量包仅需 30 元，回复 1 订购。';
const NEW_TEXT = '限时特惠：10GB 流量包 25 元，回复 1 订购。';
let flowId: string;
let otherId: string;

test('setup: v1 is live; the planner changes the condition and the message text and submits with a note', async () => {
  await switchTo('planner');
  ({ id: flowId } = await api<{ id: string }>('flows.create', { document: fixtureFlow('e2e-review', 'gz', { name: '广州加油包 复审', city: 'gz', smsText: OLD_TEXT }) }));
  await api('governance.submit', { flowId });
  await switchTo('supervisor');
  await api('governance.approve', { flowId });
  await api('governance.publish', { flowId });
  await switchTo('planner');
  const got = await api<{ revision: number; document: Doc }>('flows.get', { id: flowId }, 'query');
  (got.document.nodes[0]!.data as { conditions: { rules: unknown[] } }).conditions.rules.push({ field: 'age', op: 'gte', value: 30 });
  (got.document.nodes[1]!.data as { script: { template: string } }).script.template = NEW_TEXT;
  await api('flows.save', { id: flowId, revision: got.revision, document: got.document });
  await api('governance.submit', { flowId, comment: '降价到 25 元，只发 30 岁以上' });
  ({ id: otherId } = await api<{ id: string }>('flows.create', { document: fixtureFlow('e2e-next', 'gz', { name: '广州第二个待审流程', city: 'gz' }) }));
  await api('governance.submit', { flowId: otherId });
});

test('the supervisor sees the changed condition and message text as old → new, the note, the forecast and the conflicts', async () => {
  await switchTo('supervisor');
  await page.goto(`${server.url}/approvals`);
  await page.click(`[data-testid=inbox-${flowId}]`);
  await page.waitForSelector('[data-testid=diff-view] [data-testid=diff-changed]');
  expect(await page.locator('[data-testid=submit-note]').innerText()).toContain('降价到 25 元，只发 30 岁以上');
  const changed = await page.locator('[data-testid=diff-changed]').allInnerTexts();
  const sms = changed.find((x) => x.includes('话术步骤'))!;
  expect(sms).toContain('消息内容');
  expect(sms).toContain(OLD_TEXT);
  expect(sms).toContain(NEW_TEXT);
  const seg = changed.find((x) => x.includes('目标客群'))!;
  expect(seg).toContain('筛选条件');
  expect(seg).toContain('年龄 大于等于 30 岁');
  expect(await page.locator('[data-testid=diff-view]').innerText()).not.toMatch(/data\.|script\.template|\bseg\b|\bsms\b/);
  // the forecast: audience now, cost once the sample simulation has run
  await page.waitForSelector('[data-testid=forecast-cost]');
  expect(await page.locator('[data-testid=forecast-audience]').innerText()).toMatch(/\d+ 人/);
  expect(await page.locator('[data-testid=forecast-first-send]').innerText()).toContain('短信营业厅');
  expect(await page.locator('[data-testid=forecast-load]').innerText()).toContain('短信营业厅');
  await page.waitForSelector('[data-testid=conflicts-audience]');
  await screenshot(page, 'governance-review-1-approval-page-zh');
});

test('approving takes a comment, says what happened and offers the next item without moving to it', async () => {
  await page.click('[data-testid=flow-review] [data-testid=action-approve]');
  await page.waitForSelector('[data-testid=confirm-approve][open]');
  await page.fill('[data-testid=confirm-approve] textarea[name=comment]', '文案合规，同意发布');
  await screenshot(page, 'governance-review-2-approve-dialog-zh');
  await page.click('[data-testid=confirm-approve-confirm]');
  const banner = page.locator('[data-testid=decision-banner]');
  await banner.waitFor();
  expect(await banner.innerText()).toContain('已批准「广州加油包 复审」');
  expect(await banner.innerText()).toContain('下一项：「广州第二个待审流程」');
  // still on the approved flow, its history shows the comment
  expect(await page.locator('[data-testid=flow-review] h2').innerText()).toBe('广州加油包 复审');
  await expect.poll(() => page.locator('[data-testid=flow-review] [data-testid=status]').first().getAttribute('data-status'), { timeout: 20_000 }).toBe('approved');
  expect(await page.locator('[data-testid=review-history]').innerText()).toContain('文案合规，同意发布');
  await screenshot(page, 'governance-review-3-approved-banner-zh');
  await page.click('[data-testid=open-next]');
  await expect.poll(() => page.locator('[data-testid=flow-review] h2').innerText(), { timeout: 20_000 }).toBe('广州第二个待审流程');
  await page.click(`[data-testid=inbox-${flowId}]`);
  await expect.poll(() => page.locator('[data-testid=flow-review] h2').innerText(), { timeout: 20_000 }).toBe('广州加油包 复审');
});

test('publish asks first, showing audience, first send, cost and conflicts; Esc cancels and gives focus back', async () => {
  const publish = page.locator('[data-testid=flow-review] [data-testid=action-publish]');
  await publish.click();
  const dialog = page.locator('[data-testid=confirm-publish]');
  await page.waitForSelector('[data-testid=confirm-publish][open] [data-testid=forecast-cost]');
  expect(await dialog.locator('[data-testid=forecast-audience]').innerText()).toMatch(/\d+ 人/);
  expect(await dialog.locator('[data-testid=forecast-first-send]').innerText()).toMatch(/北京时间/);
  expect(await dialog.locator('[data-testid=forecast-cost]').innerText()).toMatch(/¥[\d,]+/);
  expect(await dialog.locator('[data-testid=forecast-conflicts]').count()).toBe(1);
  // focus starts on Cancel (a stray Enter sends nothing) and Tab stays inside the dialog
  expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('confirm-publish-cancel');
  for (let i = 0; i < 4; i++) await page.keyboard.press('Tab');
  expect(await page.evaluate(() => Boolean(document.activeElement?.closest('dialog[open]')))).toBe(true);
  await screenshot(page, 'governance-review-4-publish-dialog-zh');
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
  expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('action-publish');
  expect(await page.locator('[data-testid=flow-review] [data-testid=status]').first().getAttribute('data-status')).toBe('approved');
  // confirming publishes
  await publish.click();
  await page.click('[data-testid=confirm-publish-confirm]');
  await expect.poll(() => page.locator('[data-testid=flow-review] [data-testid=status]').first().getAttribute('data-status'), { timeout: 20_000 }).toBe('running');
  expect(await page.locator('[data-testid=decision-banner]').innerText()).toContain('已发布「广州加油包 复审」');
});

test('pause asks first too', async () => {
  await page.click('[data-testid=flow-review] [data-testid=action-pause]');
  await page.waitForSelector('[data-testid=confirm-pause][open]');
  expect(await page.locator('[data-testid=confirm-pause]').innerText()).toContain('暂停后不再发出新的接触');
  await page.click('[data-testid=confirm-pause-cancel]');
  await page.locator('[data-testid=confirm-pause]').waitFor({ state: 'detached' });
  expect(await page.locator('[data-testid=flow-review] [data-testid=status]').first().getAttribute('data-status')).toBe('running');
});

test('English: the approval page and the publish dialog speak English', async () => {
  await page.getByRole('button', { name: 'English' }).click();
  await page.click(`[data-testid=inbox-${otherId}]`);
  await page.waitForSelector('text=First submission: everything below is new');
  await page.waitForSelector('[data-testid=forecast-cost]');
  expect(await page.locator('[data-testid=forecast-audience]').innerText()).toMatch(/\d+ customers/);
  await screenshot(page, 'governance-review-5-approval-page-en');
  await page.click('[data-testid=flow-review] [data-testid=action-approve]');
  await page.click('[data-testid=confirm-approve-confirm]');
  await page.waitForSelector('text=You approved "广州第二个待审流程"');
  // the history lists decisions as labels, capitalised; the banner used the same word mid-sentence
  await expect.poll(() => page.locator('[data-testid=review-history]').innerText()).toMatch(/^Approved/m);
  expect(await page.locator('[data-testid=review-history]').innerText()).toMatch(/^Submitted/m);
  await page.click('[data-testid=flow-review] [data-testid=action-publish]');
  await page.waitForSelector('[data-testid=confirm-publish][open] [data-testid=forecast-cost]');
  expect(await page.locator('[data-testid=confirm-publish] [data-testid=forecast-first-send]').innerText()).toContain('Beijing time');
  // the other flow is live on the same customers: the dialog says so
  expect(await page.locator('[data-testid=confirm-publish] [data-testid=forecast-conflicts]').innerText()).toContain('广州加油包 复审');
  await screenshot(page, 'governance-review-6-publish-dialog-en');
  await page.keyboard.press('Escape');
  await page.locator('[data-testid=confirm-publish]').waitFor({ state: 'detached' });
  await page.getByRole('button', { name: '中文' }).click();
});

test('disabling a user asks for confirmation; Esc cancels, confirming disables', async () => {
  await switchTo('admin');
  await page.goto(`${server.url}/users`);
  await page.click('[data-testid=disable-agent]');
  const dialog = page.locator('[data-testid=confirm-disable]');
  await page.waitForSelector('[data-testid=confirm-disable][open]');
  expect(await dialog.innerText()).toContain('停用用户 agent？');
  await screenshot(page, 'governance-review-7-disable-user-zh');
  await page.keyboard.press('Escape');
  await page.waitForSelector('[data-testid=confirm-disable][open]', { state: 'detached' });
  expect(await page.locator('[data-testid=user-agent]').innerText()).toContain('正常');
  await page.click('[data-testid=disable-agent]');
  await page.click('[data-testid=confirm-disable-confirm]');
  await expect.poll(() => page.locator('[data-testid=user-agent]').innerText(), { timeout: 20_000 }).toContain('已停用');
  // reset password asks as well
  await page.click('[data-testid=reset-planner]');
  await page.waitForSelector('[data-testid=confirm-reset][open]');
  expect(await page.locator('[data-testid=confirm-reset]').innerText()).toContain('重置 planner 的密码？');
  await page.click('[data-testid=confirm-reset-cancel]');
  await page.waitForSelector('[data-testid=confirm-reset][open]', { state: 'detached' });
  expect(await page.locator('[role=status]').count()).toBe(0); // no new password was made
  expect(errors).toEqual([]);
});
