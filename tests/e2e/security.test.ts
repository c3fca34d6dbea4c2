import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { callApi, login, screenshot } from './support/browser.js';
import { e2eApp } from './support/app.js';

/**
 * The built client under the server's Content-Security-Policy (#20 item 5): the designer (React Flow),
 * a run's dashboard (echarts) and the account menu's password change (#20 item 6) work, and the
 * browser reports no CSP violation anywhere.
 */
const { server, browser, page, errors } = await e2eApp({
  env: { SEED_DEMO_FLOWS: '1' },
  prepareBrowser: (context) => context.addInitScript(() => {
    const list: string[] = [];
    (window as unknown as { __csp: string[] }).__csp = list;
    document.addEventListener('securitypolicyviolation', (e) => list.push(`${e.violatedDirective} ${e.blockedURI}`));
  }),
});
const violations = (p: Page) => p.evaluate(() => (window as unknown as { __csp: string[] }).__csp);

test('designer and run dashboard render under the CSP without a violation', async () => {
  const csp = (await fetch(server.url)).headers.get('content-security-policy');
  expect(csp).toMatch(/script-src 'self'/);
  await login(page, server.url, 'supervisor');
  const runs = await callApi<{ id: number }[]>(page, 'monitoring.runs', {});
  expect(runs.length).toBeGreaterThan(0);
  await page.goto(`${server.url}/runs`);
  await page.click(`[data-testid=run-row-${runs[0]!.id}] a >> nth=0`);
  await page.waitForSelector('[data-testid=chart-funnel] svg, [data-testid=chart-funnel] canvas');
  await page.waitForSelector('[data-testid=run-canvas] .react-flow__node');
  await screenshot(page, 'security-1-dashboard-under-csp');
  const flows = await callApi<{ id: string }[]>(page, 'flows.list', undefined);
  await page.goto(`${server.url}/designer/${flows[0]!.id}`);
  await page.waitForSelector('.react-flow__node');
  expect(await violations(page)).toEqual([]);
  expect(errors.filter((e) => /Content Security Policy|Refused to/i.test(e))).toEqual([]);
});

test('a user changes their password from the account menu (zh and en)', async () => {
  await browser.clearCookies();
  await login(page, server.url, 'planner');
  await page.click('[data-testid=change-password]');
  await page.fill('[data-testid=password-current]', 'Linkage@2026');
  await page.fill('[data-testid=password-next]', 'planner');
  await page.fill('[data-testid=password-repeat]', 'planner');
  await page.click('[data-testid=change-password-dialog-confirm]');
  await page.waitForSelector('[data-testid=change-password-dialog] [role=alert]');
  expect(await page.textContent('[data-testid=change-password-dialog] [role=alert]')).toContain('密码至少 10 位');
  await screenshot(page, 'security-2-password-policy-zh');
  await page.fill('[data-testid=password-next]', 'Harbour-Lights-77');
  await page.fill('[data-testid=password-repeat]', 'Harbour-Lights-77');
  await page.click('[data-testid=change-password-dialog-confirm]');
  await page.waitForSelector('[data-testid=password-changed]');
  await screenshot(page, 'security-3-password-changed-zh');
  await page.click('[data-testid=change-password-dialog-confirm]');
  await page.getByRole('button', { name: 'English' }).click();
  await page.click('[data-testid=change-password]');
  await page.waitForSelector('text=Change password');
  await page.fill('[data-testid=password-current]', 'wrong-password');
  await page.fill('[data-testid=password-next]', 'Another-Good-one-42');
  await page.fill('[data-testid=password-repeat]', 'Another-Good-one-42');
  await page.click('[data-testid=change-password-dialog-confirm]');
  await page.waitForSelector('[data-testid=change-password-dialog] [role=alert]');
  expect(await page.textContent('[data-testid=change-password-dialog] [role=alert]')).toContain('The current password is wrong');
  await screenshot(page, 'security-4-password-wrong-en');
  expect(await violations(page)).toEqual([]);
});
