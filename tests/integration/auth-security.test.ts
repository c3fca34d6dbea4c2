import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createApp } from '../../server/app.js';
import { storedSessionId } from '../../server/auth/sessions.js';
import { loadConfig } from '../../server/config.js';
import { openDb, type Db } from '../../server/db/open.js';
import type { AppServices } from '../../server/core/context.js';
import { createTestServices } from '../support/test-services.js';

/**
 * Authentication through the real HTTP app (#20 items 6, 7, 14): rehash on login, hashed sessions,
 * limits shared by two API processes on one store, TRUST_PROXY, password change, demo mode off.
 */
let services: ReturnType<typeof createTestServices>;
const servers: Server[] = [];

async function serve(s: AppServices): Promise<string> {
  const server = await new Promise<Server>((ok) => { const x = createApp(s).listen(0, '127.0.0.1', () => ok(x)); });
  servers.push(server);
  const a = server.address();
  return `http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}`;
}
const post = (base: string, path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${base}/trpc/${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
const loginAt = async (base: string, username: string, password: string, headers: Record<string, string> = {}) => post(base, 'auth.login', { username, password }, headers);
const cookieOf = (res: Response) => res.headers.get('set-cookie')!.split(';')[0]!;
const csrfOf = async (res: Response) => ((await res.json()) as { result: { data: { csrfToken: string } } }).result.data.csrfToken;

let base: string;
beforeAll(async () => {
  services = createTestServices(200);
  base = await serve(services);
});
afterAll(async () => {
  await Promise.all(servers.map((s) => new Promise((ok) => s.close(ok))));
  services.cleanup();
});

const hashOf = (db: Db, username: string) => db.prepare('SELECT password_hash FROM users WHERE username = ?').pluck().get(username) as string;

describe('passwords and sessions', () => {
  test('a login upgrades an outdated hash to N=2^17 and stores only the SHA-256 of the session token; expired sessions are purged', async () => {
    expect(hashOf(services.db, 'supervisor')).toMatch(/^scrypt\$16384\$/);
    services.db.prepare("INSERT INTO sessions (id, user_id, csrf_token, created_at, expires_at) VALUES ('old', 1, 'x', '2020-01-01T00:00:00.000Z', '2020-01-08T00:00:00.000Z')").run();
    const res = await loginAt(base, 'supervisor', 'Linkage@2026');
    expect(res.status).toBe(200);
    expect(hashOf(services.db, 'supervisor')).toMatch(/^scrypt\$131072\$8\$1\$/);
    const token = cookieOf(res).split('=')[1]!;
    const ids = services.db.prepare('SELECT id FROM sessions').pluck().all() as string[];
    expect(ids).not.toContain(token);
    expect(ids).toContain(storedSessionId(token));
    expect(ids).not.toContain('old');
    // The upgraded hash still opens the account.
    expect((await loginAt(base, 'supervisor', 'Linkage@2026')).status).toBe(200);
  });

  test('self-service password change: the current password, the policy, other sessions end', async () => {
    const first = await loginAt(base, 'planner_sz', 'Linkage@2026');
    const other = await loginAt(base, 'planner_sz', 'Linkage@2026');
    const cookie = cookieOf(first);
    const h = { cookie, 'x-csrf-token': await csrfOf(first) };
    const change = (currentPassword: string, newPassword: string) => post(base, 'auth.changePassword', { currentPassword, newPassword }, h);
    const wrongCurrent = await change('not-it-at-all', 'Harbour-Lights-77');
    expect(wrongCurrent.status).toBe(400);
    expect(await wrongCurrent.text()).toMatch(/current password is wrong/);
    for (const [weak, why] of [['short1!', /at least 10/], ['password123', /common/], ['x-planner_sz-x1', /user name/]] as const) {
      const r = await change('Linkage@2026', weak);
      expect(r.status, weak).toBe(400);
      expect(await r.text(), weak).toMatch(why);
    }
    expect((await change('Linkage@2026', 'Harbour-Lights-77')).status).toBe(200);
    expect((await fetch(`${base}/trpc/auth.me`, { headers: { cookie } }).then((r) => r.json()) as { result: { data: unknown } }).result.data).not.toBeNull();
    expect((await fetch(`${base}/trpc/auth.me`, { headers: { cookie: cookieOf(other) } }).then((r) => r.json()) as { result: { data: unknown } }).result.data).toBeNull();
    expect((await loginAt(base, 'planner_sz', 'Linkage@2026')).status).toBe(401);
    expect((await loginAt(base, 'planner_sz', 'Harbour-Lights-77')).status).toBe(200);
    expect(services.db.prepare("SELECT count(*) FROM audit_log WHERE action = 'user.change_password'").pluck().get()).toBe(1);
  });
});

describe('login limits live in the store', () => {
  test('failures counted by one API process block the account on another; a forged X-Forwarded-For changes nothing', async () => {
    // A second process: its own connection to the same store.
    const db2 = openDb(services.config.DATABASE_URL ?? services.config.DATABASE_PATH);
    try {
      const base2 = await serve({ ...services, db: db2 });
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) statuses.push((await loginAt(i % 2 ? base2 : base, 'trainer', 'wrong-guess', { 'x-forwarded-for': `10.0.0.${i}` })).status);
      expect(statuses).toEqual([401, 401, 401, 401, 401]);
      // The right password is refused too while blocked, on either process, whatever address is claimed.
      expect((await loginAt(base2, 'trainer', 'Linkage@2026', { 'x-forwarded-for': '10.9.9.9' })).status).toBe(429);
      expect((await loginAt(base, 'trainer', 'Linkage@2026')).status).toBe(429);
    } finally {
      db2.close();
    }
  });

  test('TRUST_PROXY names the proxy: then its X-Forwarded-For is the client and X-Forwarded-Proto https makes the cookie Secure', async () => {
    const proxied = await serve({ ...services, config: { ...services.config, trustProxy: ['loopback'] } });
    const res = await loginAt(proxied, 'admin', 'Linkage@2026', { 'x-forwarded-for': '203.0.113.7', 'x-forwarded-proto': 'https' });
    expect(res.status).toBe(200);
    expect(res.headers.get('set-cookie')).toMatch(/;\s*Secure/i);
    const direct = await loginAt(base, 'admin', 'Linkage@2026', { 'x-forwarded-proto': 'https' });
    expect(direct.headers.get('set-cookie')).not.toMatch(/;\s*Secure/i);
  });
});

describe('demo mode', () => {
  test('off: the public demo password opens no account, the login page gets no hint, the dev events key is refused', async () => {
    const prod = await serve({ ...services, config: { ...services.config, demo: false } });
    expect((await loginAt(prod, 'agent', 'Linkage@2026')).status).toBe(401);
    const info = (await fetch(`${prod}/trpc/auth.loginInfo`).then((r) => r.json())) as { result: { data: { demo: boolean } } };
    expect(info.result.data.demo).toBe(false);
    expect(() => loadConfig({ NODE_ENV: 'production', EVENTS_API_KEY: 'dev-events-key' })).toThrow(/EVENTS_API_KEY/);
    expect(loadConfig({ NODE_ENV: 'production' })).toMatchObject({ demo: false, EVENTS_API_KEY: '' });
    expect(loadConfig({ NODE_ENV: 'production', LINKAGE_DEMO: '1' })).toMatchObject({ demo: true, EVENTS_API_KEY: 'dev-events-key' });
    expect(loadConfig({})).toMatchObject({ demo: true, trustProxy: false });
    expect(() => loadConfig({ TRUST_PROXY: 'true' })).toThrow(/TRUST_PROXY/);
    // In demo mode (the default outside production) the same login works.
    expect((await loginAt(base, 'agent', 'Linkage@2026')).status).toBe(200);
  });
});
