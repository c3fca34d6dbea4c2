import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { Engine } from '../../server/engine/runtime/engine.js';
import { engineRunControl } from '../../server/engine/runtime/run-control.js';
import { appRouter } from '../../server/trpc/routers/_app.js';
import { createTestServices } from '../support/test-services.js';
import { fixtureFlow } from './governance/fixture-flow.js';
import { callFlow, callerAs, publishAndStart } from './monitoring/support.js';
import { maskPhone } from '../../shared/mask-phone.js';

/**
 * Object-level access through tRPC on the real store (#20 items 1–3): run control only through the
 * unit-checked, audited lifecycle; reads scoped to the caller's unit; four-eyes over every author.
 */
let s: ReturnType<typeof createTestServices> & { engine: Engine };
let gzRun: number;
let szRun: number;
let provRun: number;
const as = (user: string) => callerAs(s, user);
const customerOf = (city: string) => s.db.prepare('SELECT id, phone FROM subscribers WHERE city = ? ORDER BY id LIMIT 1').get(city) as { id: number; phone: string };

beforeAll(() => {
  const base = createTestServices(2000);
  const engine = new Engine(base.db);
  s = Object.assign(base, { engine, runControl: engineRunControl(engine) });
  gzRun = publishAndStart(s.db, callFlow('gz', 'live-gz'), 'live').runId;
  szRun = publishAndStart(s.db, callFlow('sz', 'live-sz'), 'live').runId;
  provRun = publishAndStart(s.db, { ...callFlow('gz', 'live-prov'), orgUnit: 'province', priority: 80 }, 'live').runId;
  // The province run reaches a Guangzhou customer: a journey there, as enrolment would write it.
  const c = customerOf('gz');
  const initial = s.db.prepare('SELECT machine FROM runs WHERE id = ?').pluck().get(provRun) as string;
  s.db.prepare('INSERT INTO journeys (run_id, customer_id, state, entered_at, updated_at, due_at) VALUES (?, ?, ?, ?, ?, ?)')
    .run(provRun, c.id, (JSON.parse(initial) as { initial: string }).initial, Date.now(), Date.now(), Date.now());
});
afterAll(() => s.cleanup());

const status = (runId: number) => s.db.prepare('SELECT status FROM runs WHERE id = ?').pluck().get(runId);

describe('run control', () => {
  test('no engine-level pause/resume/stop bypasses the lifecycle', () => {
    const paths = Object.keys(appRouter._def.procedures);
    expect(paths.filter((p) => /^engine\.(pause|resume|stop)$/.test(p))).toEqual([]);
  });

  test('another unit\'s supervisor cannot pause or stop a live run; its own can, and it is audited', async () => {
    for (const who of ['supervisor_prov', 'planner_sz']) {
      await expect(as(who).governance.pause({ flowId: 'live-gz' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(as(who).governance.stop({ flowId: 'live-gz', comment: 'x' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
    expect(status(gzRun)).toBe('running');
    await as('supervisor').governance.pause({ flowId: 'live-gz' });
    expect(status(gzRun)).toBe('paused');
    await as('supervisor').governance.resume({ flowId: 'live-gz' });
    expect(status(gzRun)).toBe('running');
    const audited = s.db.prepare(`SELECT action FROM audit_log WHERE entity_id = 'live-gz' ORDER BY id`).pluck().all();
    expect(audited).toEqual(['flow.pause', 'flow.resume']);
  });
});

describe('reads are scoped by unit', () => {
  test('engine.runs lists only runs of units the caller sees; province sees all', async () => {
    const sz = (await as('planner_sz').engine.runs({})).map((r) => r.id).sort();
    expect(sz).toEqual([szRun, provRun].sort());
    const prov = (await as('supervisor_prov').engine.runs({})).map((r) => r.id);
    expect(prov).toEqual(expect.arrayContaining([gzRun, szRun, provRun]));
  });

  test('engine.metrics and engine.trace refuse another unit\'s run', async () => {
    await expect(as('planner_sz').engine.metrics({ runId: gzRun })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(as('planner_sz').engine.trace({ runId: gzRun, customerId: customerOf('gz').id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(as('planner').engine.metrics({ runId: gzRun })).resolves.toBeTruthy();
  });

  test('a city user cannot trace another city\'s customer, even inside a province run', async () => {
    const gz = customerOf('gz');
    await expect(as('planner_sz').engine.trace({ runId: provRun, customerId: gz.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const trace = await as('planner').engine.trace({ runId: provRun, customerId: gz.id });
    expect(trace.journey).not.toBeNull();
  });

  test('monitoring.trace and findCustomer answer another city\'s customer as unknown; its own city and the province see them', async () => {
    const gz = customerOf('gz');
    expect(await as('planner_sz').monitoring.findCustomer({ query: gz.phone })).toEqual({ customer: null });
    expect(await as('planner_sz').monitoring.trace({ customerId: gz.id })).toEqual({ customer: null, runs: [] });
    for (const user of ['planner', 'supervisor_prov']) {
      const found = await as(user).monitoring.findCustomer({ query: gz.phone });
      expect(found).toEqual({ customer: { id: gz.id } });
      expect((await as(user).monitoring.trace({ customerId: found.customer!.id })).customer).toMatchObject({ id: gz.id, phone: maskPhone(gz.phone) });
    }
  });

  test('flows.list filters by unit before its limit: 600 newer Guangzhou flows do not hide Shenzhen\'s', async () => {
    const planner = s.db.prepare("SELECT id FROM users WHERE username = 'planner'").pluck().get() as number;
    const plannerSz = s.db.prepare("SELECT id FROM users WHERE username = 'planner_sz'").pluck().get() as number;
    const doc = JSON.stringify(fixtureFlow('x', 'gz'));
    const insert = s.db.prepare(`INSERT INTO flows (id, name, org_unit, owner_id, status, document, created_at, updated_at) VALUES (?, ?, ?, ?, 'draft', ?, ?, ?)`);
    s.db.transaction(() => {
      insert.run('sz-old', 'Shenzhen draft', 'sz', plannerSz, doc, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z');
      for (let i = 0; i < 600; i++) insert.run(`gz-${i}`, `GZ ${i}`, 'gz', planner, doc, '2026-06-01T00:00:00.000Z', `2026-06-01T00:00:${String(i % 60).padStart(2, '0')}.${String(i).padStart(3, '0')}Z`);
    })();
    const ids = (await as('planner_sz').flows.list()).map((f) => f.id);
    expect(ids).toContain('sz-old');
    expect(ids.some((id) => id.startsWith('gz-'))).toBe(false);
  });
});

describe('four-eyes over every author since the last approval', () => {
  test('an editor who is planner and supervisor cannot approve a colleague\'s submission of their edit', async () => {
    await as('admin').users.create({ username: 'ps_gz', displayName: '双角色', orgUnit: 'gz', roles: ['planner', 'supervisor'], password: 'Dual-Role-2026x' });
    const { id } = await as('planner').flows.create({ document: fixtureFlow('four-eyes', 'gz', { city: 'gz' }) });
    const got = await as('ps_gz').flows.get({ id });
    await as('ps_gz').flows.save({ id, revision: got.revision, document: { ...got.document, name: 'edited by ps_gz' } });
    await as('planner').governance.submit({ flowId: id });
    await expect(as('ps_gz').governance.approve({ flowId: id })).rejects.toMatchObject({ code: 'FORBIDDEN', message: expect.stringMatching(/Four-eyes/) });
    const approved = await as('supervisor').governance.approve({ flowId: id });
    expect(approved.flow.status).toBe('approved');
  });
});
