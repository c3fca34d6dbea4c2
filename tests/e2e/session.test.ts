import type { Page } from 'playwright-core';
import { beforeAll, expect, test } from 'vitest';
import { callFlow, liveEngine, publishAndStart } from '../integration/monitoring/support.js';
import { DEMO_PASSWORD, login, screenshot, watchConsole } from './support/browser.js';
import { e2eApp } from './support/app.js';
import { readQueryCache } from './support/query-cache.js';
import { startServer } from './support/server.js';

/**
 * A shared PC: people log in one after the other in the same browser. Nothing the last one loaded may
 * show to, or stay in memory for, the next one; each lands on their own home; a session that ends under
 * the user sends them to the login page and back to where they were.
 * Data: a running Guangzhou call flow (started in the store directly), ticked here once so the call
 * centre queue has customers with names and phone numbers.
 */
const { server, browser, db } = await e2eApp({ env: { ENGINE_TICK_MS: '0' } });
let runId: number;
const FLOW_ID = 'e2e-call-gz';

beforeAll(() => {
  ({ runId } = publishAndStart(db, callFlow('gz', FLOW_ID), 'live'));
  liveEngine(db).tickSync(Date.now(), 'live');
});

const pathOf = (page: Page) => { const u = new URL(page.url()); return u.pathname + u.search; };

/** Log in on the login page that is showing (no reload, as a person at the PC would). */
async function logInHere(page: Page, username: string): Promise<void> {
  await page.waitForSelector('input[name=username]');
  await page.fill('input[name=username]', username);
  await page.fill('input[name=password]', DEMO_PASSWORD);
  await page.click('button[type=submit]');
  await page.waitForSelector('[data-testid=current-user]');
}

/** Log out with the header button; the login page shows, without a way back to the last user's page. */
async function logOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: '退出登录' }).click();
  await page.waitForURL((u) => u.pathname === '/login');
  expect(pathOf(page)).toBe('/login');
  await page.waitForSelector('input[name=username]');
}

/** Reference data every logged-in page reads, the same whoever is logged in (not anyone's data). */
const REFERENCE = ['catalogue.get', 'attributes.list'];

/** After a logout only the login page's own queries may be cached: no data and no mutation (a login's password) of anyone. */
async function expectNothingCached(page: Page): Promise<void> {
  // Polled: the session's pages have just unmounted, and their queries leave the cache as they go.
  await expect.poll(async () => (await readQueryCache(page)).filter((e) => e.kind === 'mutation' || !['auth.loginInfo', 'auth.me'].includes(e.path)).map((e) => e.path)).toEqual([]);
  expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('linkage.designer.last.')))).toEqual([]);
}

async function expectNotOnPage(page: Page, texts: string[]): Promise<void> {
  const body = await page.locator('body').innerText();
  for (const text of texts) expect(body, `"${text}" still on the page`).not.toContain(text);
  const cached = (await readQueryCache(page)).map((e) => e.json).join('\n');
  for (const text of texts) expect(cached, `"${text}" still in the query cache`).not.toContain(text);
}

test('planner, supervisor, agent and trainer in turn on one browser: each lands home and sees nothing of the one before', async () => {
  const page = await browser.newPage();
  const errors = watchConsole(page);

  // The planner opens the running flow in the designer (the designer remembers it in localStorage).
  await login(page, server.url, 'planner');
  expect(pathOf(page)).toBe('/designer');
  await page.goto(`${server.url}/designer/${FLOW_ID}`);
  await page.waitForSelector('[data-testid=designer] .react-flow__node');
  expect((await readQueryCache(page)).some((e) => e.path === 'flows.get' && e.json.includes(FLOW_ID))).toBe(true);
  await logOut(page);
  await expectNothingCached(page);
  await screenshot(page, 'session-1-logged-out');

  // The supervisor starts at approvals, then reads the run's dashboard (revenue, cost, groups).
  await logInHere(page, 'supervisor');
  await page.waitForURL((u) => u.pathname === '/approvals');
  expect(await page.locator('[data-testid=designer]').count()).toBe(0);
  await page.getByRole('navigation').getByRole('link', { name: '运行监控' }).click();
  await page.click(`[data-testid=run-row-${runId}] a >> nth=0`);
  await page.waitForSelector('[data-testid=kpi-revenue]');
  const supervisorPaths = new Set((await readQueryCache(page)).map((e) => e.path));
  expect([...supervisorPaths].some((p) => !p.startsWith('auth.'))).toBe(true);
  await logOut(page);
  await expectNothingCached(page);

  // The agent starts at the workbench; nothing of the supervisor's pages is cached or shown.
  await logInHere(page, 'agent');
  await page.waitForURL((u) => u.pathname === '/workbench');
  await page.waitForSelector('[data-testid^=queue-item-]');
  const agentCache = await readQueryCache(page);
  // Besides the agent's own queue only the operator's catalogue and attribute list, the same for every user.
  expect(agentCache.filter((e) => !e.path.startsWith('auth.') && !e.path.startsWith('workbench.') && !REFERENCE.includes(e.path)).map((e) => e.path)).toEqual([]);
  await expectNotOnPage(page, ['陈主管', '投入产出比']);
  expect(await page.locator('[data-testid^=kpi-]').count()).toBe(0);
  // What the agent had on screen: the open customer (name and full number) and the names in the queue.
  const open = Number(await page.locator('[data-testid=work-customer]').getAttribute('data-customer-id'));
  const customer = db.prepare('SELECT name, phone FROM subscribers WHERE id = ?').get(open) as { name: string; phone: string };
  expect(agentCache.map((e) => e.json).join('\n')).toContain(customer.phone);
  const names = await page.locator('[data-testid^=queue-item-] [data-testid=customer-name]').allInnerTexts();
  expect(names.length).toBeGreaterThan(1);
  await screenshot(page, 'session-2-agent-home');
  await logOut(page);
  await expectNothingCached(page);

  // The trainer starts at the templates and finds no trace of the agent's queue, even on its address.
  await logInHere(page, 'trainer');
  await page.waitForURL((u) => u.pathname === '/templates');
  await page.waitForSelector('[data-testid=template-gallery]');
  await expectNotOnPage(page, ['刘坐席', customer.name, customer.phone, ...names.slice(0, 5)]);
  expect((await readQueryCache(page)).filter((e) => e.path.startsWith('workbench.'))).toEqual([]);
  await screenshot(page, 'session-3-trainer-home');
  // the address says the trainer may not open it, and nothing of the queue loads
  await page.goto(`${server.url}/workbench`);
  await page.locator('[data-testid=no-access]').waitFor();
  await expectNotOnPage(page, ['刘坐席', customer.name, customer.phone, ...names.slice(0, 5)]);
  expect((await readQueryCache(page)).filter((e) => e.path.startsWith('workbench.'))).toEqual([]);
  expect(errors).toEqual([]);
  await page.close();
});

test('a session that ends under the user: to the login page keeping the way back, then back there (or home if the role may not see it)', async () => {
  await browser.clearCookies();
  const page = await browser.newPage();

  // An address opened while logged out keeps the way back too.
  await page.goto(`${server.url}/runs`);
  await page.waitForURL((u) => u.pathname === '/login');
  expect(pathOf(page)).toBe('/login?next=%2Fruns');
  await logInHere(page, 'supervisor');
  await page.waitForURL((u) => u.pathname === '/runs');
  await page.waitForSelector(`[data-testid=run-row-${runId}]`);

  // The cookie goes (as when the browser drops it): the next click finds the session over.
  await browser.clearCookies();
  await page.getByRole('navigation').getByRole('link', { name: '流程列表' }).click();
  await page.waitForURL((u) => u.pathname === '/login');
  expect(pathOf(page)).toBe('/login?next=%2Fflows');
  await page.waitForSelector('[data-testid=session-expired]');
  const cached = await readQueryCache(page);
  expect(cached.filter((e) => !['auth.loginInfo', 'auth.me'].includes(e.path)).map((e) => e.path)).toEqual([]);
  await screenshot(page, 'session-4-expired');
  await logInHere(page, 'supervisor');
  await page.waitForURL((u) => u.pathname === '/flows');
  await page.waitForSelector(`[data-testid=flow-row-${FLOW_ID}]`);

  // The server ends it (the session's time is up): the way back is kept, but an agent may not open it.
  db.prepare(`UPDATE sessions SET expires_at = '2000-01-01T00:00:00.000Z'`).run();
  await page.getByRole('navigation').getByRole('link', { name: '运行监控' }).click();
  await page.waitForURL((u) => u.pathname === '/login');
  expect(pathOf(page)).toBe('/login?next=%2Fruns');
  await logInHere(page, 'agent');
  await page.waitForURL((u) => u.pathname === '/workbench');
  await page.close();
});

test('the login page names the demo accounts and their password only in demo mode, and says they are demo accounts', async () => {
  await browser.clearCookies();
  const page = await browser.newPage();
  await page.goto(`${server.url}/login`);
  await page.waitForSelector('form[data-demo=yes]');
  const hint = page.locator('[data-testid=demo-hint]');
  expect(await hint.innerText()).toMatch(/演示环境.*planner.*Linkage@2026/s);
  await page.getByRole('button', { name: 'English' }).click();
  await expect.poll(() => hint.innerText()).toMatch(/demo installation.*Linkage@2026/s);
  await screenshot(page, 'session-5-login-demo-en');
  await page.getByRole('button', { name: '中文' }).click();
  await screenshot(page, 'session-5-login-demo-zh');

  const real = await startServer({ LINKAGE_DEMO: '0', EVENTS_API_KEY: 'e2e-secret-events-key', LINKAGE_ADMIN_PASSWORD: 'Quiet-Harbour-Lantern-2026' });
  try {
    await page.goto(`${real.url}/login`);
    await page.waitForSelector('input[name=username]');
    // The hint comes from a query: wait until the page has its answer before saying it shows nothing.
    await page.waitForSelector('form[data-demo=no]');
    expect(await page.locator('[data-testid=demo-hint]').count()).toBe(0);
    expect(await page.locator('body').innerText()).not.toContain('Linkage@2026');
    await screenshot(page, 'session-6-login-no-demo');
  } finally {
    await real.stop();
  }
  await page.close();
});
