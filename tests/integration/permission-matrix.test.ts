import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { segmentNode } from '../../shared/nodes/segment/definition.js';
import { loadUser } from '../../server/auth/sessions.js';
import { createApp } from '../../server/app.js';
import { createInnerContext } from '../../server/trpc/create-context.js';
import { ROLES, type Role } from '../../shared/roles.js';
import { appRouter } from '../../server/trpc/routers/_app.js';
import { createCallerFactory } from '../../server/trpc/trpc.js';
import { fixtureFlow } from './governance/fixture-flow.js';
import { openHarness, type Harness } from './governance/harness.js';
import { callFlow, publishAndStart } from './monitoring/support.js';

/**
 * Walks EVERY procedure the router has at runtime × every role × three units (a city that owns the
 * objects, another city, the province) and logged out. The expected answers are the policy table below,
 * written here by hand — not read from the procedures' own declarations — so a procedure added without a
 * row, or a rule that drifts from the policy, fails.
 *
 * Objects belong to Guangzhou (gz): a flow, a live run, a customer. `scope` says who may reach them:
 * 'see' = users whose unit sees gz (gz and the province), 'act' = gz users only (lifecycle actions:
 * city companies own their campaigns). `admin: 'all'` = admins reach them from any unit.
 * Outcomes: denied (UNAUTHORIZED/FORBIDDEN), hidden (NOT_FOUND, or a customer answered as unknown),
 * allowed (anything else: success, a precondition, a validation error…).
 */
interface Objects { flowId: string; runId: number; customerId: number }
interface Rule { roles: 'public' | 'any' | readonly Role[]; scope?: 'see' | 'act'; admin?: 'all'; input?: (o: Objects) => unknown }

const DESIGN = ['planner', 'supervisor', 'trainer', 'admin'] as const;
const onFlow = (o: Objects) => ({ flowId: o.flowId });
const onRun = (o: Objects) => ({ runId: o.runId });
const act = (roles: readonly Role[]): Rule => ({ roles, scope: 'act', input: (o) => ({ flowId: o.flowId, comment: 'matrix' }) });

const POLICY: Record<string, Rule> = {
  'auth.login': { roles: 'public' },
  'auth.loginInfo': { roles: 'public' },
  'auth.me': { roles: 'public' },
  'auth.logout': { roles: 'any' },
  'auth.changePassword': { roles: 'any' },

  'flows.list': { roles: DESIGN },
  'flows.get': { roles: DESIGN, scope: 'see', admin: 'all', input: (o) => ({ id: o.flowId }) },
  'flows.create': { roles: ['planner', 'trainer', 'admin'] },
  'flows.save': { roles: ['planner', 'trainer', 'admin'], scope: 'act', admin: 'all', input: (o) => ({ id: o.flowId, revision: 1, document: {} }) },
  'flows.samples': { roles: DESIGN },
  'flows.fit': { roles: DESIGN },
  'flows.templates': { roles: DESIGN },

  'governance.list': { roles: DESIGN },
  'governance.owners': { roles: DESIGN },
  'governance.inbox': { roles: ['supervisor'] },
  'governance.get': { roles: DESIGN, scope: 'see', input: onFlow },
  'governance.diff': { roles: DESIGN, scope: 'see', input: onFlow },
  'governance.forecast': { roles: DESIGN, scope: 'see', input: onFlow },
  'governance.conflicts': { roles: DESIGN, scope: 'see', input: onFlow },
  'governance.submit': act(['planner']),
  'governance.withdraw': act(['planner']),
  'governance.approve': act(['supervisor']),
  'governance.reject': act(['supervisor']),
  'governance.publish': act(['supervisor']),
  'governance.pause': act(['supervisor']),
  'governance.resume': act(['supervisor']),
  'governance.stop': act(['supervisor']),
  'governance.complete': act(['supervisor']),
  'governance.archive': act(['planner', 'supervisor']),

  'templates.list': { roles: DESIGN },
  'templates.categories': { roles: DESIGN },
  'templates.get': { roles: DESIGN },
  'templates.cases': { roles: DESIGN },
  'templates.publish': { roles: ['trainer'] },
  'templates.instantiate': { roles: ['planner'] },
  'templates.addCase': { roles: ['planner', 'supervisor', 'trainer'] },

  'users.list': { roles: ['admin'] },
  'users.create': { roles: ['admin'] },
  'users.setRoles': { roles: ['admin'] },
  'users.setDisabled': { roles: ['admin'] },
  'users.setOrgUnit': { roles: ['admin'] },
  'users.resetPassword': { roles: ['admin'] },

  'audit.list': { roles: ['supervisor', 'admin'] },
  'audit.actions': { roles: ['supervisor', 'admin'] },
  'audit.users': { roles: ['supervisor', 'admin'] },

  'engine.runs': { roles: DESIGN },
  'engine.metrics': { roles: DESIGN, scope: 'see', input: onRun },
  'engine.trace': { roles: ['planner', 'supervisor', 'admin'], scope: 'see', input: (o) => ({ runId: o.runId, customerId: o.customerId }) },
  'events.ingest': { roles: ['admin'] },
  'contactPrefs.get': { roles: ['admin'], scope: 'see', input: (o) => ({ customerId: o.customerId }) },
  'contactPrefs.set': { roles: ['admin'], scope: 'see', input: (o) => ({ customerId: o.customerId, dnd: false }) },
  // import jobs are checked against the caller's unit in tests/integration/data-import/import-trpc.test.ts
  'data.upload': { roles: ['admin'] },
  'data.start': { roles: ['admin'] },
  'data.status': { roles: ['admin'] },
  'data.jobs': { roles: ['admin'] },
  'data.cancel': { roles: ['admin'] },
  'data.report': { roles: ['admin'] },
  'data.preview': { roles: ['admin'] },

  'attributes.list': { roles: 'any' },
  'attributes.usage': { roles: ['admin'] },
  'attributes.define': { roles: ['admin'] },
  'attributes.update': { roles: ['admin'] },
  'attributes.remove': { roles: ['admin'] },
  'savedSegments.list': { roles: DESIGN },
  'savedSegments.get': { roles: DESIGN },
  'savedSegments.usedBy': { roles: DESIGN },
  'savedSegments.count': { roles: DESIGN },
  'savedSegments.create': { roles: ['planner', 'admin'] },
  'savedSegments.update': { roles: ['planner', 'admin'] },
  'savedSegments.remove': { roles: ['planner', 'admin'] },

  // Edits are refused to city admins in the domain (FORBIDDEN); with an empty input the schema answers first.
  'catalogue.get': { roles: 'any' },
  'catalogue.saveProduct': { roles: ['admin'] },
  'catalogue.deleteProduct': { roles: ['admin'] },
  'catalogue.saveChannel': { roles: ['admin'] },
  'catalogue.saveGroup': { roles: ['admin'] },
  'catalogue.saveOrgUnit': { roles: ['admin'] },
  'catalogue.savePlan': { roles: ['admin'] },
  'catalogue.deletePlan': { roles: ['admin'] },
  'catalogue.drift': { roles: ['planner', 'supervisor', 'admin', 'trainer'] },

  // Any admin reads the bindings; changes, test sends and retries are refused to city admins in the domain (empty input: the schema answers first).
  'channelBindings.list': { roles: ['admin'] },
  'channelBindings.save': { roles: ['admin'] },
  'channelBindings.test': { roles: ['admin'] },
  'channelBindings.deadLetters': { roles: ['admin'] },
  'channelBindings.retryDeadLetter': { roles: ['admin'] },
  'channelBindings.provisioning': { roles: ['admin'] },
  'channelBindings.saveProvisioning': { roles: ['admin'] },

  'segment.audience': { roles: DESIGN, scope: 'see', input: () => ({ segment: segmentNode.defaults(), orgUnit: 'gz' }) },
  'segment.estimate': { roles: DESIGN, scope: 'see', input: () => ({ segment: segmentNode.defaults(), orgUnit: 'gz' }) },
  'sim.start': { roles: DESIGN },
  'sim.status': { roles: DESIGN },

  'monitoring.runs': { roles: DESIGN },
  'monitoring.dashboard': { roles: DESIGN, scope: 'see', input: onRun },
  'monitoring.document': { roles: DESIGN, scope: 'see', input: onRun },
  'monitoring.report': { roles: DESIGN, scope: 'see', input: onRun },
  'monitoring.reportCsv': { roles: DESIGN, scope: 'see', input: onRun },
  'monitoring.trace': { roles: ['planner', 'supervisor', 'admin'], scope: 'see', input: (o) => ({ customerId: o.customerId }) },
  'monitoring.findCustomer': { roles: ['planner', 'supervisor', 'admin'], scope: 'see', input: (o) => ({ query: String(o.customerId) }) },

  'workbench.counts': { roles: ['agent', 'admin'] },
  'workbench.queue': { roles: ['agent', 'admin'] },
  'workbench.dispose': { roles: ['agent', 'admin'] },

  'learning.matrix': { roles: DESIGN },
  'learning.learn': { roles: ['supervisor', 'admin'], scope: 'see', input: onRun },
};

const UNITS = ['gz', 'sz', 'province'] as const;
type Unit = (typeof UNITS)[number];
type Caller = { role: Role; unit: Unit } | 'anonymous';
const CALLERS: Caller[] = ['anonymous', ...ROLES.flatMap((role) => UNITS.map((unit) => ({ role, unit })))];
const nameOf = (c: Caller) => (c === 'anonymous' ? c : `${c.role}@${c.unit}`);

type Outcome = 'allowed' | 'denied' | 'hidden';
function expected(rule: Rule, c: Caller): Outcome | 'refused' {
  if (rule.roles !== 'public') {
    if (c === 'anonymous') return 'denied';
    if (rule.roles !== 'any' && !rule.roles.includes(c.role)) return 'denied';
  }
  if (!rule.scope || c === 'anonymous') return 'allowed';
  if (rule.admin === 'all' && c.role === 'admin') return 'allowed';
  const reaches = rule.scope === 'see' ? c.unit !== 'sz' : c.unit === 'gz';
  return reaches ? 'allowed' : 'refused';
}

/** The procedures as the router has them at runtime (nested routers flattened by tRPC). */
const procedures = Object.keys(appRouter._def.procedures as Record<string, unknown>).sort();
const factory = createCallerFactory(appRouter);

let h: Harness;
let objects: Objects;
const users = new Map<string, ReturnType<typeof loadUser>>();

beforeAll(async () => {
  h = openHarness(80);
  // One user per role × unit, holding exactly that role.
  const insert = h.db.prepare(`INSERT INTO users (username, display_name, password_hash, org_unit, disabled, created_at) VALUES (?, ?, 'x', ?, 0, '2026-01-01') RETURNING id`);
  for (const c of CALLERS) {
    if (c === 'anonymous') continue;
    const id = insert.pluck().get(`m_${c.role}_${c.unit}`, nameOf(c), c.unit) as number;
    h.db.prepare('INSERT INTO user_roles (user_id, role) VALUES (?, ?)').run(id, c.role);
    users.set(nameOf(c), loadUser(h.db, id));
  }
  const flow = await h.as('planner').flows.create({ document: fixtureFlow('matrix-gz', 'gz', { city: 'gz' }) });
  const runId = publishAndStart(h.db, callFlow('gz', 'matrix-live-gz'), 'live').runId;
  const customerId = h.db.prepare("SELECT id FROM subscribers WHERE city = 'gz' ORDER BY id LIMIT 1").pluck().get() as number;
  objects = { flowId: flow.id, runId, customerId };
});
afterAll(() => h.close());

async function outcome(path: string, c: Caller, input: unknown): Promise<Outcome> {
  const caller = factory(createInnerContext(h.services, c === 'anonymous' ? null : users.get(nameOf(c))!));
  const fn = path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], caller) as (i: unknown) => Promise<unknown>;
  try {
    const result = await Promise.race([Promise.resolve().then(() => fn(input)), new Promise((ok) => setTimeout(() => ok('timeout: still running, so it was let in'), 5000))]);
    if (result && typeof result === 'object' && 'customer' in result && (result as { customer: unknown }).customer === null) return 'hidden';
    return 'allowed';
  } catch (e) {
    const code = (e as { code?: string }).code;
    return code === 'UNAUTHORIZED' || code === 'FORBIDDEN' ? 'denied' : code === 'NOT_FOUND' ? 'hidden' : 'allowed';
  }
}

describe('permission matrix: every procedure × role × unit', () => {
  test('every procedure of the router has a row in the policy, and every row a procedure', () => {
    expect(procedures.length).toBeGreaterThan(20);
    expect(procedures.filter((p) => !POLICY[p])).toEqual([]);
    expect(Object.keys(POLICY).filter((p) => !procedures.includes(p))).toEqual([]);
  });

  test.each(procedures.filter((p) => POLICY[p]))('%s', async (path) => {
    const rule = POLICY[path]!;
    const got: Record<string, string> = {};
    const want: Record<string, string> = {};
    for (const c of CALLERS) {
      const w = expected(rule, c);
      const o = await outcome(path, c, rule.input ? rule.input(objects) : {});
      want[nameOf(c)] = w;
      got[nameOf(c)] = w === 'refused' && o !== 'allowed' ? 'refused' : o;
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
