import type { Server } from 'node:http';
import { afterAll, beforeAll, expect, test } from 'vitest';
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
  const body = (await res.json()) as { error: { data: { zodIssues: { path: string[] }[] } } };
  const paths = body.error.data.zodIssues.map((i) => i.path.join('.'));
  expect(paths).toEqual(expect.arrayContaining(['username', 'password']));
});
