import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createApp } from '../../server/app.js';
import { ROLES, type Access, type Role } from '../../server/trpc/roles.js';
import { appRouter } from '../../server/trpc/routers/_app.js';
import { openHarness, type Harness } from './governance/harness.js';

/**
 * Walks EVERY procedure of appRouter — including ones added later — and calls it as each role and
 * logged out, with minimal input. Denied means UNAUTHORIZED or FORBIDDEN; allowed means anything else
 * (BAD_REQUEST from input validation, NOT_FOUND, success…). The expected answer comes from the
 * procedure's declared `meta.access`, which the server's middleware enforces.
 */
interface ProcedureDef { _def: { type: 'query' | 'mutation' | 'subscription'; meta?: { access?: Access } } }
const procedures = Object.entries(appRouter._def.procedures as unknown as Record<string, ProcedureDef>);

/** The demo account holding exactly one role, per role. */
const ACCOUNT: Record<Role, string> = { planner: 'planner', supervisor: 'supervisor', trainer: 'trainer', agent: 'agent', admin: 'admin' };
const CALLERS: (Role | 'anonymous')[] = ['anonymous', ...ROLES];

const expectedAllowed = (access: Access, who: Role | 'anonymous') =>
  access === 'public' ? true : who === 'anonymous' ? false : access === 'any' ? true : access.includes(who);

let h: Harness;
beforeAll(() => { h = openHarness(50); });
afterAll(() => h.close());

function callByPath(caller: unknown, path: string, input: unknown): Promise<unknown> {
  const fn = path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], caller) as (i: unknown) => Promise<unknown>;
  return Promise.resolve().then(() => fn(input));
}

async function outcome(path: string, who: Role | 'anonymous'): Promise<'allowed' | 'denied'> {
  const caller = h.as(who === 'anonymous' ? null : ACCOUNT[who]);
  try {
    const result = await Promise.race([callByPath(caller, path, {}), new Promise((ok) => setTimeout(() => ok('timeout: still running, so it was let in'), 5000))]);
    const iterator = result as { return?: () => unknown } | null;
    if (iterator && typeof iterator === 'object' && typeof iterator.return === 'function') await iterator.return();
    return 'allowed';
  } catch (e) {
    const code = (e as { code?: string }).code;
    return code === 'UNAUTHORIZED' || code === 'FORBIDDEN' ? 'denied' : 'allowed';
  }
}

describe('permission matrix: every procedure × every role', () => {
  test('the router has procedures and every one declares its access', () => {
    expect(procedures.length).toBeGreaterThan(20);
    const undeclared = procedures.filter(([, p]) => !p._def.meta?.access).map(([path]) => path);
    expect(undeclared).toEqual([]);
  });

  test.each(procedures.map(([path, p]) => [path, p] as const))('%s', async (path, p) => {
    const access = p._def.meta!.access!;
    const got: Record<string, string> = {};
    const want: Record<string, string> = {};
    for (const who of CALLERS) {
      want[who] = expectedAllowed(access, who) ? 'allowed' : 'denied';
      got[who] = await outcome(path, who);
    }
    expect(got).toEqual(want);
  });
});

/** HTTP routes outside tRPC that anyone may call; every other route must refuse a request without a session. */
const PUBLIC_HTTP = new Set(['/api/health', '/{*splat}']);

describe('HTTP routes outside tRPC', () => {
  test('every express route is public by intent or refuses anonymous callers', async () => {
    const app = createApp(h.services);
    const stack = (app as unknown as { router: { stack: { route?: { path: string; methods: Record<string, boolean> } }[] } }).router.stack;
    const routes = stack.filter((l) => l.route).map((l) => ({ path: l.route!.path, methods: Object.keys(l.route!.methods) }));
    expect(routes.map((r) => r.path)).toContain('/api/health');
    const server = app.listen(0, '127.0.0.1');
    await new Promise((ok) => server.once('listening', ok));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      for (const r of routes.filter((x) => !PUBLIC_HTTP.has(x.path))) {
        const url = base + r.path.replace(/:(\w+)/g, '1').replace(/\{?\*\w+\}?/g, 'x');
        for (const method of r.methods) {
          const res = await fetch(url, { method: method.toUpperCase(), headers: { 'content-type': 'application/json' }, body: method === 'get' || method === 'head' ? undefined : '{}' });
          expect({ route: `${method} ${r.path}`, status: [401, 403].includes(res.status) ? 'refused' : res.status }).toEqual({ route: `${method} ${r.path}`, status: 'refused' });
        }
      }
      expect((await fetch(`${base}/api/health`)).status).toBe(200);
      // tRPC over HTTP: a mutation from a logged-out browser is refused too
      const res = await fetch(`${base}/trpc/users.create`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      expect(res.status).toBe(401);
    } finally {
      await new Promise((ok) => server.close(ok));
    }
  });
});
