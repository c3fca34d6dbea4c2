import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { segmentNode } from '../../shared/nodes/segment/definition.js';
import { HTTP_ROUTES, createApp, type RouteRegistrar } from '../../server/app.js';
import { createTestServices } from '../support/test-services.js';

let services: ReturnType<typeof createTestServices>;
let server: Server;
let base: string;

beforeAll(async () => {
  services = createTestServices(500);
  const boom: RouteRegistrar = (a) => a.get('/api/boom', () => { throw new Error('secret internals at /etc/passwd'); });
  const app = createApp(services, [...HTTP_ROUTES, boom]);
  server = await new Promise((ok) => { const s = app.listen(0, '127.0.0.1', () => ok(s)); });
  const addr = server.address();
  base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
});
afterAll(async () => {
  await new Promise((ok) => server.close(ok));
  services.cleanup();
});

const trpcPost = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${base}/trpc/${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

test('health answers with the database status', async () => {
  const res = await fetch(`${base}/api/health`);
  expect(res.status).toBe(200);
  expect(await res.json()).toMatchObject({ status: 'ok', db: 'ok' });
});

test('errors never leak stack traces or messages of internal failures', async () => {
  const res = await fetch(`${base}/api/boom`);
  expect(res.status).toBe(500);
  const text = await res.text();
  expect(text).not.toMatch(/secret|passwd|at .*\.ts/);
  expect(JSON.parse(text)).toEqual({ error: 'internal error' });
});

test('login sets an httpOnly SameSite cookie; mutations need the CSRF token', async () => {
  const login = await trpcPost('auth.login', { username: 'planner', password: 'Linkage@2026' });
  expect(login.status).toBe(200);
  const cookie = login.headers.get('set-cookie')!;
  expect(cookie).toMatch(/linkage_sid=/);
  expect(cookie).toMatch(/HttpOnly/i);
  expect(cookie).toMatch(/SameSite=Lax/i);
  const { result } = (await login.json()) as { result: { data: { csrfToken: string; user: { roles: string[] } } } };
  expect(result.data.user.roles).toContain('planner');
  const sid = cookie.split(';')[0]!;

  const me = await fetch(`${base}/trpc/auth.me`, { headers: { cookie: sid } });
  expect(((await me.json()) as { result: { data: { user: { username: string } } } }).result.data.user.username).toBe('planner');

  const noCsrf = await trpcPost('auth.logout', {}, { cookie: sid });
  expect(noCsrf.status).toBe(403);
  const withCsrf = await trpcPost('auth.logout', {}, { cookie: sid, 'x-csrf-token': result.data.csrfToken });
  expect(withCsrf.status).toBe(200);
  const after = await fetch(`${base}/trpc/auth.me`, { headers: { cookie: sid } });
  expect(((await after.json()) as { result: { data: unknown } }).result.data).toBeNull();
});

test('wrong passwords are refused, and repeated failures are rate limited', async () => {
  const statuses: number[] = [];
  for (let i = 0; i < 6; i++) statuses.push((await trpcPost('auth.login', { username: 'trainer', password: 'wrong' })).status);
  expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
  expect(statuses[5]).toBe(429);
});

test('bad input is answered with the field that is wrong', async () => {
  const res = await trpcPost('auth.login', { username: '' });
  expect(res.status).toBe(400);
  const body = (await res.json()) as { error: { message: string; data: { zodIssues: { path: string[] }[] } } };
  const paths = body.error.data.zodIssues.map((i) => i.path.join('.'));
  expect(paths).toEqual(expect.arrayContaining(['username', 'password']));
  // The message is for people, in both languages as every server message (the client shows one half), not zod's JSON.
  const [zh, en] = body.error.message.split(' / ');
  expect(body.error.message).not.toMatch(/[{}[\]]|"code"/);
  expect(zh).toMatch(/username：不能为空|username：/);
  expect(zh).toMatch(/[\u4e00-\u9fff]/);
  expect(en).toMatch(/username: must not be empty/);
});

describe('security headers (#20 item 5)', () => {
  test('every answer carries CSP, nosniff, frame-ancestors and a referrer policy; API answers are not stored', async () => {
    for (const path of ['/api/health', '/trpc/auth.me', '/', '/api/nope']) {
      const res = await fetch(base + path);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp, path).toMatch(/default-src 'self'/);
      expect(csp, path).toMatch(/script-src 'self'(;|$)/);
      expect(csp, path).toMatch(/frame-ancestors 'none'/);
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(res.headers.get('referrer-policy'), path).toBe('same-origin');
      expect(res.headers.get('x-powered-by'), path).toBeNull();
    }
    for (const path of ['/api/health', '/trpc/auth.me']) expect((await fetch(base + path)).headers.get('cache-control'), path).toBe('no-store');
  });
});

describe('request bodies are bounded before parsing (#20 items 8, 11)', () => {
  const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

  test('a 5,000-level JSON body on a tRPC call is a 400, logged in or not, POST or GET', async () => {
    const anon = await fetch(`${base}/trpc/auth.login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: `{"username":${nested(5000)}}` });
    expect(anon.status).toBe(400);
    expect(await anon.text()).not.toMatch(/call stack/i);
    const { cookie, csrf } = await login('admin');
    const deep = await fetch(`${base}/trpc/flows.save`, { method: 'POST', headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrf }, body: `{"id":"flow-x","revision":1,"document":${nested(5000)}}` });
    expect(deep.status).toBe(400);
    // 1,000 levels: 5,000 would not fit in the URL (431), which is no 500 either.
    const get = await fetch(`${base}/trpc/flows.get?input=${encodeURIComponent(`{"id":${nested(1000)}}`)}`, { headers: { cookie } });
    expect(get.status).toBe(400);
  });

  test('without a session a tRPC body over 16 KB is refused (413) before it is parsed', async () => {
    const res = await trpcPost('auth.login', { username: 'planner', password: 'x'.repeat(100_000) });
    expect(res.status).toBe(413);
  });

  test('/api/events without the key answers 401 before reading the body (an unparsable 18 MB body is not a 400)', async () => {
    const junk = `[${'{"a":'.repeat(10)}${'x'.repeat(18 * 1024 * 1024)}`;
    const res = await fetch(`${base}/api/events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: junk });
    expect(res.status).toBe(401);
    const keyed = await fetch(`${base}/api/events`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${services.config.EVENTS_API_KEY}` }, body: `[${nested(5000)}]` });
    expect(keyed.status).toBe(400);
  });

  test('a replayed event is answered duplicate and stores no second row', async () => {
    const post = (body: unknown) => fetch(`${base}/api/events`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${services.config.EVENTS_API_KEY}` }, body: JSON.stringify(body) });
    const ev = { id: 'replay-1', type: 'usage', customerId: 1, dataUsedMb: 10 };
    expect(((await (await post(ev)).json()) as { status: string }).status).toBe('recorded');
    expect(((await (await post(ev)).json()) as { status: string }).status).toBe('duplicate');
    expect(services.db.prepare('SELECT count(*) FROM events').pluck().get()).toBe(1);
  });
});

describe('segment conditions on inherited property names (#20 item 9)', () => {
  test.each(['constructor', '__proto__', 'toString', 'hasOwnProperty'])('field %s is a 400 naming the field, never a database error', async (field) => {
    const { cookie } = await login('planner');
    const segment = { ...(segmentNode.defaults() as object), conditions: { combinator: 'and', rules: [{ field, op: 'gt', value: 1 }], groups: [] } };
    const input = { segment, orgUnit: 'gz' };
    const res = await fetch(`${base}/trpc/segment.audience?input=${encodeURIComponent(JSON.stringify(input))}`, { headers: { cookie } });
    const text = await res.text();
    expect(text).not.toMatch(/no such column|undefined|SQLITE|syntax error/i);
    expect(res.status).toBe(400);
    expect(text).toContain(field);
  });
});

async function login(username: string): Promise<{ cookie: string; csrf: string }> {
  const res = await trpcPost('auth.login', { username, password: 'Linkage@2026' });
  expect(res.status).toBe(200);
  const { result } = (await res.json()) as { result: { data: { csrfToken: string } } };
  return { cookie: res.headers.get('set-cookie')!.split(';')[0]!, csrf: result.data.csrfToken };
}
