import { expect, test } from 'vitest';
import { screenshot } from './support/browser.js';
import { e2eApp } from './support/app.js';

/**
 * What a walk through the product as its users found (client quality pass), each held here: counts
 * on a zoomed-out canvas readable, a compiled preview that reads from its start, a message preview that is what the customer receives, nodes named
 * by their titles (never internal ids) on the trace, the report and the template dialog, audit details
 * in the reader's language, and the form dialogs closing with Esc. On the seeded demo flows: a draft, one awaiting approval, one running.
 */
const { server, page, errors, db, switchTo: logIn } = await e2eApp({ env: { SEED_DEMO_FLOWS: '1', ENGINE_TICK_MS: '500' } });
/** A node id as the store keeps it (segment-1, linkage-1, …): never shown to a user. */
const NODE_ID = /\b(segment|linkage|script|wait|evaluate|benefit|split|end)-\d+\b/;

async function setLang(lang: 'zh' | 'en'): Promise<void> {
  await page.evaluate((l) => localStorage.setItem('linkage.lang', l), lang);
  await page.reload();
  await page.waitForSelector('[data-testid=current-user]');
}

test('planner: simulation counts stay readable on a zoomed-out canvas; an SMS preview in English shows the Chinese the customer receives', async () => {
  await logIn('planner');
  await page.getByText(/示例草稿/).first().click();
  await page.waitForSelector('[data-testid=designer] .react-flow__node');
  // The fit of an eight-node flow is past reading: nodes show their compact faces.
  await expect.poll(() => page.locator('.react-flow__node [data-compact]').count(), { timeout: 10_000 }).toBeGreaterThan(0);
  await page.click('[data-testid=simulate]');
  await page.click('[data-testid=sim-start]');
  await page.waitForSelector('[data-testid=run-badge]', { timeout: 60_000 });
  const heights = await page.locator('[data-testid=run-badge]').evaluateAll((bs) => bs.map((b) => b.getBoundingClientRect().height));
  // 11 px type and its padding on screen, whatever the zoom (was ~7 px tall at the fit's zoom).
  for (const h of heights) expect(h).toBeGreaterThanOrEqual(14);
  await screenshot(page, 'ux-pass-1-sim-badges-zh');

  // The compiled preview reads from the start state outwards and says what each state does, not only its kind.
  await page.click('[data-testid=tab-compile]');
  const states = page.locator('[data-testid=machine-state]');
  await expect.poll(() => states.count()).toBeGreaterThan(5);
  expect(await states.first().innerText()).toContain('★');
  const compiled = await page.locator('[data-testid=compile-preview]').innerText();
  expect(compiled).toMatch(/\d+ 小时后/);
  expect(compiled).toMatch(/结果：\S/);

  await setLang('en');
  await page.waitForSelector('[data-testid=designer] .react-flow__node');
  const script = page.locator('.react-flow__node').filter({ hasText: 'Script step' }).locator('[data-testid^=node-]').first();
  await script.dispatchEvent('click');
  await page.click('[data-testid=tab-inspector]');
  const preview = page.locator('[data-testid=script-preview]').first();
  await expect.poll(() => preview.innerText()).toContain('10GB 流量加油包');
  expect(await preview.innerText()).not.toContain('data top-up');
  await screenshot(page, 'ux-pass-2-preview-en');
  await setLang('zh');
});

test('supervisor: the trace and the report name nodes by their titles, not their ids', async () => {
  // A customer with an open journey in the running demo flow, once the engine has enrolled it.
  let open: { customer_id: number; run_id: number } | undefined;
  await expect.poll(() => {
    open = db.prepare("SELECT customer_id, run_id FROM journeys WHERE ended_at IS NULL AND state NOT LIKE '$%' LIMIT 1").get() as typeof open;
    return open !== undefined;
  }, { timeout: 30_000 }).toBe(true);
  await logIn('supervisor');
  await page.goto(`${server.url}/trace?q=${open!.customer_id}`);
  const badge = page.locator(`[data-testid=trace-run-${open!.run_id}] [data-testid=trace-open]`);
  await badge.waitFor();
  expect(await badge.innerText()).toMatch(/进行中 · \S/);
  expect(await badge.innerText()).not.toMatch(NODE_ID);
  await screenshot(page, 'ux-pass-3-trace-zh');

  await page.goto(`${server.url}/runs/${open!.run_id}/report`);
  const byNode = page.locator('[data-testid=report-by-node]');
  await byNode.waitFor();
  await expect.poll(async () => (await byNode.locator('tbody tr').count()) > 0 && !NODE_ID.test(await byNode.innerText()), { timeout: 15_000 }).toBe(true);
  await screenshot(page, 'ux-pass-4-report-zh');

  // The audit log's details in the reader's language: 修订: 2 · 版本: 1 · 已启动运行: 是, not revision / runStarted: true.
  await page.getByRole('navigation').getByRole('link', { name: '审计日志' }).click();
  await expect.poll(() => page.locator('[data-testid=audit-row]').count()).toBeGreaterThan(0);
  const audit = await page.locator('[data-testid=audit-page] table').innerText();
  expect(audit).toContain('修订: ');
  expect(audit).not.toMatch(/\b(revision|runStarted|runId): /);
  await screenshot(page, 'ux-pass-5-audit-zh');
});

test('trainer: the publish-as-template dialog lists node titles and closes with Esc, giving focus back', async () => {
  await logIn('trainer');
  await page.goto(`${server.url}/flows`);
  const opener = page.getByRole('row').filter({ hasText: '示例运行中' }).getByRole('button', { name: '发布为模板' });
  await opener.click();
  const dialog = page.getByRole('dialog', { name: '发布为模板' });
  await expect.poll(() => dialog.locator('input[type=checkbox]').count()).toBeGreaterThan(0);
  expect(await dialog.locator('fieldset').first().innerText()).not.toMatch(NODE_ID);
  expect(await dialog.getByTestId('needs-category').innerText()).toBe('请选择分类');
  // Focus starts in the first field, not on the close button.
  expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('templateName');
  await screenshot(page, 'ux-pass-6-template-dialog-zh');
  await page.keyboard.press('Escape');
  await expect.poll(() => dialog.count()).toBe(0);
  expect(await opener.evaluate((b) => b === document.activeElement)).toBe(true);
  expect(errors).toEqual([]);
});
