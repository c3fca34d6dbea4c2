import { expect, test } from 'vitest';
import { disposeItem } from '../../server/engine/channels/agent-queue.js';
import { recordAudit } from '../../server/governance/audit.js';
import { maskPhone } from '../../shared/mask-phone.js';
import { callFlow, liveEngine } from '../integration/monitoring/support.js';
import { callApi, screenshot } from './support/browser.js';
import { e2eApp } from './support/app.js';
import { publishThroughApproval } from './support/publish.js';

/**
 * What a supervisor tripped over: the run canvas's waiting count hidden under the next node (English),
 * the customer trace showing the full phone number and carrying it in URLs, and dates in the browser's
 * format (mm/dd/yyyy under an English browser) instead of the app's yyyy-mm-dd: the audit log's filters,
 * the workbench's callback time, the catalogue's product validity. A Guangzhou outbound-call flow laid out
 * like the demo's running flow (ends stacked right of the call node) is published; the engine is ticked
 * here so customers wait in the call centre's queue, one converts.
 */
const { server, page, errors, db, switchTo } = await e2eApp({ env: { ENGINE_TICK_MS: '0' } });
let runId: number;

async function setLang(lang: 'zh' | 'en'): Promise<void> {
  await page.evaluate((l) => localStorage.setItem('linkage.lang', l), lang);
  await page.reload();
  await page.waitForSelector('[data-testid=current-user]');
}

const api = <T>(path: string, input: unknown, kind: 'query' | 'mutation' = 'mutation'): Promise<T> => callApi<T>(page, path, input, kind);

/** Today in Beijing, the app's time zone: "2026-12-06". */
const beijingDay = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);

test('a published call flow: customers wait in the call node, one converts', async () => {
  // The demo's running flow's layout: four ends stacked to the right, the second level with the call node;
  // fit to the dashboard's canvas, its zoom is past the compact line, where the count was seen hidden.
  const doc = callFlow('gz', 'e2e-trust');
  const at: Record<string, { x: number; y: number }> = { seg: { x: 80, y: 300 }, call: { x: 360, y: 300 }, won: { x: 640, y: 130 }, done: { x: 640, y: 300 }, lost: { x: 640, y: 470 } };
  doc.nodes = [...doc.nodes.map((n) => ({ ...n, position: at[n.id]! })), { id: 'gone', type: 'end', position: { x: 640, y: 640 }, data: { outcome: 'unreachable' } }];
  doc.edges = [...doc.edges, { id: 'e5', source: 'call', sourceHandle: 'unreachable', target: 'gone' }];
  ({ runId } = await publishThroughApproval({ page, db, switchTo }, doc));
  liveEngine(db).tickSync(Date.now(), 'live');
  const item = db.prepare(`SELECT id FROM agent_queue WHERE run_id = ? AND status = 'waiting' LIMIT 1`).pluck().get(runId) as number;
  expect(disposeItem(db, { queueId: item, disposition: 'accepted', secondConfirmed: true }, Date.now()).status).toBe('applied');
  expect(db.prepare(`SELECT count(*) FROM agent_queue WHERE run_id = ? AND status = 'waiting'`).pluck().get(runId)).toBeGreaterThan(10);
});

/** The canvas's zoom as the page paints it (zoom-var.ts), read after the next frame. */
const zoom = () => page.evaluate(() => new Promise<string>((ok) => requestAnimationFrame(() => ok(getComputedStyle(document.querySelector('[data-testid=run-canvas] .react-flow')!).getPropertyValue('--rf-zoom')))));

/** Points inside each badge (centre and corners, 2 px in) that another element covers: none when readable. */
const coveredPoints = (badge: string) => page.locator(`[data-testid=${badge}] > span`).evaluateAll((spans) => spans.flatMap((s) => {
  const r = s.getBoundingClientRect();
  const points: [number, number][] = [[r.left + r.width / 2, r.top + r.height / 2], [r.left + 2, r.top + 2], [r.right - 2, r.top + 2], [r.left + 2, r.bottom - 2], [r.right - 2, r.bottom - 2]];
  return points.filter(([x, y]) => { const hit = document.elementFromPoint(x, y); return !hit || !s.contains(hit); }).map(([x, y]) => `${s.textContent} at ${Math.round(x)},${Math.round(y)}`);
}));

test('the run canvas: the call node\'s waiting count is on top of every node and inside the canvas, in English and Chinese', async () => {
  for (const lang of ['en', 'zh'] as const) {
    await page.goto(`${server.url}/runs/${runId}`);
    await setLang(lang);
    const waiting = page.locator('[data-testid=live-now-call]');
    await expect.poll(() => waiting.innerText(), { timeout: 15_000 }).toMatch(lang === 'en' ? /^Waiting \d+/ : /^等待 \d+/);
    // The three badges of the call node (entered, waiting, converted) are wider than it in English.
    expect(await page.locator('[data-testid=live-call] > span').count()).toBe(3);
    await expect.poll(() => page.locator('[data-testid=run-canvas] .react-flow__node [data-compact]').count()).toBe(6);
    // Fit view has settled when the canvas's zoom stops changing; the badges are then where a user sees them.
    await expect.poll(async () => { const z = await zoom(); return z !== '' && z === await zoom(); }).toBe(true);
    // The badges let clicks through to the canvas (pointer-events: none), which hit testing skips: turn it on to ask what is on top.
    await page.addStyleTag({ content: '[data-testid^=live-] span { pointer-events: auto !important; }' });
    for (const badge of ['live-call', 'live-seg', 'live-won', 'live-done', 'live-lost', 'live-gone']) expect({ badge, covered: await coveredPoints(badge) }).toEqual({ badge, covered: [] });
    const canvas = (await page.locator('[data-testid=run-canvas]').boundingBox())!;
    const box = (await waiting.boundingBox())!;
    expect(box.y).toBeGreaterThanOrEqual(canvas.y);
    expect(box.x + box.width).toBeLessThanOrEqual(canvas.x + canvas.width);
    // 12 px type on screen: readable at the fit's zoom.
    expect(box.height).toBeGreaterThanOrEqual(14);
    await screenshot(page, `supervisor-trust-1-canvas-${lang}`);
  }
});

test('the customer trace masks the phone number for every role; a full number finds the customer without entering any URL', async () => {
  const c = db.prepare('SELECT s.id, s.phone FROM journeys j JOIN subscribers s ON s.id = j.customer_id WHERE j.run_id = ? LIMIT 1').get(runId) as { id: number; phone: string };
  const masked = maskPhone(c.phone);
  expect(masked).toMatch(/^1\d{2}\*{4}\d{4}$/);
  // Every address the page is at (history entries included: pushState is a navigation here) and every request's URL.
  const urls: string[] = [];
  page.on('framenavigated', (f) => { if (f === page.mainFrame()) urls.push(f.url()); });
  page.on('request', (r) => urls.push(r.url()));
  for (const lang of ['zh', 'en'] as const) {
    await page.goto(`${server.url}/trace`);
    await setLang(lang);
    await page.fill('input[name=q]', c.phone);
    const lookup = page.waitForRequest((r) => r.url().includes('/trpc/monitoring.findCustomer'));
    const answer = page.waitForResponse((r) => r.url().includes('/trpc/monitoring.trace'));
    await page.getByRole('button', { name: lang === 'zh' ? '查询' : 'Look up' }).click();
    // The number travels in a POST body only.
    const sent = await lookup;
    expect(sent.method()).toBe('POST');
    expect(sent.postData()).toContain(c.phone);
    // What reaches the browser: the masked number only.
    const body = await (await answer).text();
    expect(body).toContain(masked);
    expect(body).not.toContain(c.phone);
    await page.waitForSelector(`[data-testid=trace-run-${runId}]`);
    expect(new URL(page.url()).search).toBe(`?customer=${c.id}`);
    expect(await page.locator('[data-testid=trace-customer]').getAttribute('data-customer-id')).toBe(String(c.id));
    expect(await page.getByTestId('trace-phone').innerText()).toBe(masked);
    expect(await page.locator('[data-testid=trace-customer]').innerText()).not.toContain(c.phone);
    await screenshot(page, `supervisor-trust-2-trace-${lang}`);
    // A number nobody the caller may see has: not found, and the address is the bare page.
    await page.fill('input[name=q]', '19999999999');
    await page.getByRole('button', { name: lang === 'zh' ? '查询' : 'Look up' }).click();
    await page.waitForSelector('[data-testid=trace-not-found]');
    await page.waitForURL(`${server.url}/trace`);
    expect(await page.locator(`[data-testid=trace-run-${runId}]`).count()).toBe(0);
  }
  expect(urls.filter((u) => u.includes(c.phone) || u.includes('19999999999'))).toEqual([]);
  expect(urls.some((u) => u.endsWith(`/trace?customer=${c.id}`))).toBe(true);
  // A deep link by id opens the trace; an old ?q= link with a number is replaced by the id in place.
  await page.goto(`${server.url}/trace?customer=${c.id}`);
  await page.waitForSelector(`[data-testid=trace-run-${runId}]`);
  await page.goto(`${server.url}/trace?q=${c.phone}`);
  await page.waitForURL(`${server.url}/trace?customer=${c.id}`);
  await page.waitForSelector(`[data-testid=trace-run-${runId}]`);
  // Replaced, not pushed: one step back is the deep link before it, not the address with the number.
  await page.goBack();
  expect(page.url()).toBe(`${server.url}/trace?customer=${c.id}`);
  // Shown again (and so logged in on screen) before switchTo asks who is.
  await page.waitForSelector(`[data-testid=trace-run-${runId}]`);
  // The same answer for the other roles that may trace: masked on the server, not by the page; found by POST, traced by id.
  for (const user of ['planner', 'admin']) {
    await switchTo(user);
    const found = await api<{ customer: { id: number } | null }>('monitoring.findCustomer', { query: c.phone });
    expect({ user, found: found.customer }).toEqual({ user, found: { id: c.id } });
    const r = await api<{ customer: { id: number; phone: string } | null }>('monitoring.trace', { customerId: found.customer!.id }, 'query');
    expect({ user, customer: r.customer }).toMatchObject({ user, customer: { id: c.id, phone: masked } });
  }
  // Roles that may not trace cannot look a number up either.
  await switchTo('trainer');
  await expect(api('monitoring.findCustomer', { query: c.phone })).rejects.toThrow(/FORBIDDEN/);
  // That refusal is a 403 the browser logs as a failed resource; any other console error still fails the suite.
  errors.splice(errors.findIndex((e) => e.includes('403')), 1);
  await switchTo('supervisor');
});

test('the audit log\'s date filters read yyyy-mm-dd in both languages and filter by the Beijing day the table shows', async () => {
  // An entry at 00:30 Beijing time today: still yesterday in UTC, so a UTC-day filter would miss it.
  const today = beijingDay(Date.now());
  const yesterday = beijingDay(Date.now() - 86_400_000);
  const justAfterMidnight = new Date(Date.parse(`${today}T00:30:00+08:00`));
  const planner = db.prepare("SELECT id FROM users WHERE username = 'planner'").pluck().get() as number;
  recordAudit(db, { userId: planner, action: 'flow.create', entity: 'flow', entityId: 'e2e-trust-midnight' }, justAfterMidnight);
  recordAudit(db, { userId: planner, action: 'flow.create', entity: 'flow', entityId: 'e2e-trust-yesterday' }, new Date(Date.parse(`${yesterday}T23:30:00+08:00`)));
  const rows = page.locator('[data-testid=audit-row]');
  const total = async () => Number((await page.locator('[data-testid=audit-total]').innerText()).match(/\d+/)![0]);
  for (const lang of ['zh', 'en'] as const) {
    await page.goto(`${server.url}/audit`);
    await setLang(lang);
    await expect.poll(() => rows.count()).toBeGreaterThan(2);
    const all = await total();
    const from = page.getByTestId('audit-from');
    const to = page.getByTestId('audit-to');
    // A text box, not the browser's own date control (mm/dd/yyyy under an English browser).
    expect(await from.getAttribute('type')).toBe('text');
    expect(await from.getAttribute('placeholder')).toBe('yyyy-mm-dd');
    // Written loosely, shown back as the app writes dates.
    await from.fill(today.replaceAll('-', '/').replace(/\/0(\d)/g, '/$1'));
    await to.fill(today);
    await to.blur();
    expect(await from.inputValue()).toBe(today);
    await expect.poll(async () => (await rows.allInnerTexts()).every((t) => t.startsWith(today)) && (await rows.count()) > 0).toBe(true);
    expect(await page.locator('[data-testid=audit-page] table').innerText()).toContain('e2e-trust-midnight');
    expect(await page.locator('[data-testid=audit-page] table').innerText()).not.toContain('e2e-trust-yesterday');
    expect(await total()).toBeLessThan(all);
    await screenshot(page, `supervisor-trust-3-audit-${lang}`);
    // Yesterday (Beijing) alone: the 23:30 entry, not the one half an hour after midnight.
    await from.fill(yesterday);
    await to.fill(yesterday);
    await expect.poll(() => page.locator('[data-testid=audit-page] table').innerText()).toContain('e2e-trust-yesterday');
    expect(await page.locator('[data-testid=audit-page] table').innerText()).not.toContain('e2e-trust-midnight');
    // A date that is not one says how to write it and filters nothing; emptied boxes filter nothing.
    await from.fill('2026-13-45');
    expect(await page.getByRole('alert').innerText()).toMatch(lang === 'zh' ? /年-月-日/ : /yyyy-mm-dd/);
    await from.fill('');
    await to.fill('');
    await expect.poll(total).toBe(all);
  }
});

test('the workbench\'s callback time reads yyyy-mm-dd and 24-hour hh:mm in both languages, in Beijing time', async () => {
  await switchTo('agent');
  const customerOf = async () => Number(await page.locator('[data-testid=work-customer]').getAttribute('data-customer-id'));
  for (const lang of ['zh', 'en'] as const) {
    await setLang(lang);
    await page.selectOption('[data-testid=channel-select]', 'outbound_call');
    await page.waitForSelector('[data-testid=script]', { timeout: 60_000 });
    const customer = await customerOf();
    await page.getByText(lang === 'zh' ? '预约回访' : 'Call back', { exact: true }).click();
    const date = page.getByTestId('callback-date');
    const time = page.getByTestId('callback-hour');
    // Text boxes, not the browser's datetime control (mm/dd/yyyy, 10:00 AM under an English browser); tomorrow 10:00 Beijing by default.
    expect(await date.getAttribute('type')).toBe('text');
    expect(await date.getAttribute('placeholder')).toBe('yyyy-mm-dd');
    expect(await date.inputValue()).toBe(beijingDay(Date.now() + 86_400_000));
    expect(await time.inputValue()).toBe('10:00');
    expect(await page.getByTestId('callback-time').innerText()).toContain(lang === 'zh' ? '北京时间' : 'Beijing time');
    // Not a time: says how to write one; written loosely, shown back as the app writes times.
    await time.fill('25:10');
    expect(await page.getByTestId('callback-time').getByRole('alert').innerText()).toMatch(lang === 'zh' ? /时:分/ : /hh:mm/);
    await time.fill('9:30');
    const day = beijingDay(Date.now() + 2 * 86_400_000);
    await date.fill(day.replaceAll('-', '/'));
    await date.blur();
    expect(await time.inputValue()).toBe('09:30');
    expect(await date.inputValue()).toBe(day);
    await screenshot(page, `supervisor-trust-4-callback-${lang}`);
    await page.getByRole('button', { name: lang === 'zh' ? '提交结果' : 'Record outcome' }).click();
    // Back in the queue at 09:30 Beijing time that day, whatever the browser's own zone.
    const row = () => db.prepare(`SELECT disposition, available_at FROM agent_queue WHERE run_id = ? AND customer_id = ?`).get(runId, customer) as { disposition: string | null; available_at: number };
    await expect.poll(() => row().disposition).toBe('callback');
    expect(row().available_at).toBe(Date.parse(`${day}T09:30:00+08:00`));
    await expect.poll(customerOf).not.toBe(customer);
  }
});

test('the catalogue\'s product validity reads yyyy-mm-dd in both languages; an emptied date is open-ended', async () => {
  await switchTo('admin');
  const form = page.getByTestId('product-form');
  const from = page.getByTestId('product-valid-from');
  const to = page.getByTestId('product-valid-to');
  for (const lang of ['zh', 'en'] as const) {
    const id = `dp_trust_${lang}`;
    await page.goto(`${server.url}/admin/catalogue`);
    await setLang(lang);
    await page.click('[data-testid=add-product]');
    await form.locator('input[name=id]').fill(id);
    await form.locator('input[name=nameZh]').fill('5GB 月包');
    await form.locator('input[name=nameEn]').fill('5 GB monthly pack');
    await form.locator('input[name=price]').fill('15');
    expect(await from.getAttribute('type')).toBe('text');
    expect(await from.getAttribute('placeholder')).toBe('yyyy-mm-dd');
    await from.fill('2027/1/5');
    await to.fill('2027年12月31日');
    await to.blur();
    expect([await from.inputValue(), await to.inputValue()]).toEqual(['2027-01-05', '2027-12-31']);
    await to.fill('2027-02-30');
    expect(await form.getByRole('alert').innerText()).toMatch(lang === 'zh' ? /年-月-日/ : /yyyy-mm-dd/);
    await to.fill('2027-12-31');
    await screenshot(page, `supervisor-trust-5-product-${lang}`);
    await page.click('[data-testid=save-product]');
    const row = page.getByTestId(`product-${id}`);
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.innerText()).toContain('2027-01-05 – 2027-12-31');
    // Emptying the end date saves no end.
    await row.getByRole('button', { name: lang === 'zh' ? '编辑' : 'Edit' }).click();
    expect(await to.inputValue()).toBe('2027-12-31');
    await to.fill('');
    await page.click('[data-testid=save-product]');
    await expect.poll(() => row.innerText()).toContain('2027-01-05 – …');
    const got = await callApi<{ catalogue: { products: { id: string; validFrom: string | null; validTo: string | null }[] } }>(page, 'catalogue.get', undefined);
    expect(got.catalogue.products.find((p) => p.id === id)).toMatchObject({ validFrom: '2027-01-05', validTo: null });
  }
  expect(errors).toEqual([]);
});
