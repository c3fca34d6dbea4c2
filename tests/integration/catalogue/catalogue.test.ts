import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ZodError } from 'zod';
import { CHANNEL_BY_ID } from '../../../shared/catalogue/channels.js';
import { PRODUCT_BY_ID } from '../../../shared/catalogue/products.js';
import type { ChannelInput } from '../../../shared/catalogue/schema.js';
import { validateFlow } from '../../../shared/flow/validate.js';
import { compileFlow } from '../../../shared/machine/compile.js';
import type { Machine } from '../../../shared/machine/types.js';
import { dateStart, DAY } from '../../../server/engine/core/clock.js';
import { Engine } from '../../../server/engine/runtime/engine.js';
import { engineRunControl } from '../../../server/engine/runtime/run-control.js';
import { runKpis } from '../../../server/engine/store/kpi.js';
import { startRun, stopRun } from '../../../server/engine/store/runs.js';
import { fixtureFlow } from '../governance/fixture-flow.js';
import { openHarness, type Harness } from '../governance/harness.js';
import { driveVirtual } from '../monitoring/support.js';

/** The catalogue in the store, edited by admins through tRPC (#18 item 1), on SQLite and (pg project) PostgreSQL. */
let h: Harness;
let engine: Engine;
beforeAll(() => {
  h = openHarness(600);
  engine = new Engine(h.db);
  (h.services as { runControl: unknown }).runControl = engineRunControl(engine);
  // A city admin: reads the catalogue, may not edit it.
  const id = h.db.prepare(`INSERT INTO users (username, display_name, password_hash, org_unit, disabled, created_at) VALUES ('admin_gz', '广州管理员', 'x', 'gz', 0, '2026-01-01') RETURNING id`).pluck().get() as number;
  h.db.prepare("INSERT INTO user_roles (user_id, role) VALUES (?, 'admin')").run(id);
});
afterAll(() => h.close());

const newProduct = { id: 'dp_5g_30', name: { zh: '5G 30GB 畅游包', en: '5G 30 GB pack' }, category: 'data_pack' as const, price: 45, validFrom: '2026-12-01', validTo: null };
const channel = async (id: string): Promise<ChannelInput> => (await h.as('admin').catalogue.get()).catalogue.channels.find((c) => c.id === id)!;
const audits = (action: string) => h.db.prepare('SELECT entity, entity_id AS "entityId", detail FROM audit_log WHERE action = ? ORDER BY id').all(action) as { entity: string; entityId: string; detail: string }[];

async function zodIssues(p: Promise<unknown>): Promise<{ path: string; message: string }[]> {
  const e = await p.then(() => null, (err: unknown) => err as { cause?: unknown });
  expect(e?.cause).toBeInstanceOf(ZodError);
  return (e!.cause as ZodError).issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
}

async function publish(doc: ReturnType<typeof fixtureFlow>): Promise<string> {
  const { id: flowId } = await h.as('planner').flows.create({ document: doc });
  await h.as('planner').governance.submit({ flowId });
  await h.as('supervisor').governance.approve({ flowId });
  await h.as('supervisor').governance.publish({ flowId });
  return flowId;
}

describe('catalogue edits', () => {
  test('everyone logged in reads the seeded catalogue; only admins of the province edit it', async () => {
    const got = await h.as('planner').catalogue.get();
    expect(got.catalogue.channels).toHaveLength(12);
    expect(got.catalogue.products.map((p) => p.id)).toContain('dp_10g');
    expect(got.catalogue.orgUnits.map((u) => u.id)).toEqual(expect.arrayContaining(['province', 'gz', 'sz']));
    await expect(h.as(null).catalogue.get()).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    await expect(h.as('planner').catalogue.saveProduct({ mode: 'create', product: newProduct })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(h.as('admin_gz').catalogue.saveProduct({ mode: 'create', product: newProduct })).rejects.toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('省公司') });
    expect(PRODUCT_BY_ID['dp_5g_30']).toBeUndefined();
  });

  test('bad input is refused field by field, in both languages', async () => {
    const issues = await zodIssues(h.as('admin').catalogue.saveProduct({ mode: 'create', product: { ...newProduct, id: 'Bad Id', name: { zh: '', en: 'x' }, price: -1, validFrom: '2026-12-31', validTo: '2026-12-01' } }));
    const byPath = Object.fromEntries(issues.map((i) => [i.path, i.message]));
    expect(byPath['product.id']).toMatch(/小写字母.* \/ .*lowercase/);
    expect(byPath['product.name.zh']).toBe('请填写中文名称 / Enter the Chinese name');
    expect(byPath['product.price']).toBe('价格不能为负 / The price cannot be negative');
    const sms = await channel('sms_hall');
    const chIssues = await zodIssues(h.as('admin').catalogue.saveChannel({ channel: { ...sms, dailyCapacity: 1.5, contactHours: [21, 8], smsSignature: '中国移动' } }));
    expect(chIssues.map((i) => i.path).sort()).toEqual(['channel.contactHours', 'channel.dailyCapacity', 'channel.smsSignature']);
    await expect(h.as('admin').catalogue.saveProduct({ mode: 'create', product: { ...newProduct, id: 'dp_10g' } })).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  test('a new product shows in catalogue.get at once, is audited, and a flow offering it validates and submits', async () => {
    const before = (await h.as('planner').catalogue.get()).version;
    await h.as('admin').catalogue.saveProduct({ mode: 'create', product: newProduct });
    const after = await h.as('planner').catalogue.get();
    expect(after.version).toBe(before + 1);
    expect(after.catalogue.products.find((p) => p.id === 'dp_5g_30')).toEqual(newProduct);
    expect(audits('catalogue.product.create')).toEqual([expect.objectContaining({ entity: 'catalogue', entityId: 'product:dp_5g_30' })]);
    const { id: flowId } = await h.as('planner').flows.create({ document: { ...fixtureFlow('offers-new-product', 'gz', { city: 'gz' }), productId: 'dp_5g_30' } });
    await h.as('planner').governance.submit({ flowId });
    expect((await h.as('planner').governance.get({ flowId })).flow.status).toBe('submitted');
  });

  test('a channel edit (capacity) reaches the active catalogue other readers see; another process sees it at its next request', async () => {
    const call = await channel('outbound_call');
    await h.as('admin').catalogue.saveChannel({ channel: { ...call, dailyCapacity: 9000 } });
    expect(CHANNEL_BY_ID.outbound_call.dailyCapacity).toBe(9000);
    expect(audits('catalogue.channel.update').at(-1)).toMatchObject({ entityId: 'channel:outbound_call' });
    // Another process: its active catalogue is stale until the version row moves under it.
    h.db.prepare("UPDATE channels SET daily_capacity = 7000 WHERE id = 'outbound_call'").run();
    h.db.prepare("UPDATE catalogue_versions SET version = version + 1 WHERE name = 'catalogue'").run();
    expect((await h.as('planner').catalogue.get()).catalogue.channels.find((c) => c.id === 'outbound_call')!.dailyCapacity).toBe(7000);
  });
});

describe('a published flow keeps the values it was approved with', () => {
  test('after a cost and price change its contacts cost the approved value, its revenue counts the approved price, and the drift is shown', async () => {
    const flowId = await publish(fixtureFlow('keeps-approved', 'gz', { city: 'gz' }));
    const machine = JSON.parse(h.db.prepare('SELECT machine FROM runs WHERE flow_id = ?').pluck().get(flowId) as string) as Machine & { catalogue?: unknown };
    expect(machine.catalogue).toMatchObject({ product: { id: 'dp_10g', price: 30 }, channels: { sms_hall: { costPerContact: 0.05 } } });
    // The live run of the publish is not stepped here: the same machine runs in virtual time, beside a run of
    // the same flow compiled after the change (no snapshot), to compare.
    stopRun(h.db, h.db.prepare('SELECT id FROM runs WHERE flow_id = ?').pluck().get(flowId) as number, Date.now(), 'test', 'stopped');

    const sms = await channel('sms_hall');
    await h.as('admin').catalogue.saveChannel({ channel: { ...sms, costPerContact: 0.2 } });
    const dp = (await h.as('admin').catalogue.get()).catalogue.products.find((p) => p.id === 'dp_10g')!;
    await h.as('admin').catalogue.saveProduct({ mode: 'update', product: { ...dp, price: 99 } });

    const drift = await h.as('supervisor').catalogue.drift({ flowId });
    expect(drift).toEqual({});
    const start = dateStart(machine.period.start);
    const approved = startRun(h.db, { flowId, version: 1, machine, clock: 'virtual', now: start, seed: 3 });
    const fresh = compileFlow(fixtureFlow('keeps-approved', 'gz', { city: 'gz' }));
    if (!fresh.ok) throw new Error('fixture does not compile');
    const current = startRun(h.db, { flowId, version: 1, machine: fresh.machine, clock: 'virtual', now: start, seed: 3 });
    expect(Object.keys(await h.as('supervisor').catalogue.drift({ flowId }))).toEqual([flowId]);
    const items = (await h.as('supervisor').catalogue.drift({ flowId }))[flowId]!;
    expect(items.map((i) => `${i.subject}.${i.field}`).sort()).toEqual(['product.price', 'sms_hall.costPerContact']);
    expect(items.find((i) => i.field === 'costPerContact')!.text.zh).toContain('0.05 → 0.20');

    driveVirtual(engine, approved, start + 3 * DAY);
    driveVirtual(engine, current, start + 3 * DAY);
    const costs = (runId: number) => h.db.prepare("SELECT DISTINCT cost FROM contacts WHERE run_id = ? AND channel = 'sms_hall' AND cost > 0").pluck().all(runId);
    expect(costs(approved)).toEqual([0.05]);
    expect(costs(current)).toEqual([0.2]);
    const spent = h.db.prepare('SELECT spent FROM runs WHERE id = ?').pluck().get(approved) as number;
    const contacts = h.db.prepare("SELECT count(*) FROM contacts WHERE run_id = ? AND cost > 0").pluck().get(approved) as number;
    expect(contacts).toBeGreaterThan(0);
    expect(spent).toBeCloseTo(contacts * 0.05, 6);
    const k = runKpis(h.db, approved, machine);
    expect(k.revenue).toBe(k.converted * 30);
  });
});

describe('a flow naming a product or channel that is gone', () => {
  test('a deleted product and a disabled channel are validation issues naming the field and node, not crashes; a running flow keeps going', async () => {
    const doc = { ...fixtureFlow('gone-things', 'gz', { city: 'gz' }), productId: 'dp_5g_30' };
    const runningId = await publish({ ...fixtureFlow('runs-on', 'gz', { city: 'gz' }), productId: 'dp_5g_30' });
    const { id: draftId } = await h.as('planner').flows.create({ document: doc });

    await h.as('admin').catalogue.deleteProduct({ id: 'dp_5g_30' });
    expect(audits('catalogue.product.delete')).toHaveLength(1);
    const sms = await channel('sms_hall');
    await h.as('admin').catalogue.saveChannel({ channel: { ...sms, enabled: false } });

    const issues = validateFlow(doc);
    expect(issues.find((i) => i.code === 'UNKNOWN_PRODUCT')).toMatchObject({ path: ['productId'], severity: 'error' });
    expect(issues.find((i) => i.code === 'CHANNEL_DISABLED')).toMatchObject({ nodeId: 'sms', path: ['channel'], severity: 'error' });
    await expect(h.as('planner').governance.submit({ flowId: draftId })).rejects.toMatchObject({ code: 'PRECONDITION_FAILED', message: expect.stringMatching(/停用.*disabled/s) });

    const drift = (await h.as('supervisor').catalogue.drift({ flowId: runningId }))[runningId]!;
    expect(drift.map((i) => `${i.subject}.${i.field}`)).toEqual(expect.arrayContaining(['product.deleted', 'sms_hall.disabled']));
    // The running flow's engine steps on without the product in the catalogue; its only touch is on the disabled
    // channel, so its customers reach nobody: they take the touch's failure rule, traced with the reason, and the run ends.
    const runId = h.db.prepare("SELECT id FROM runs WHERE flow_id = ? AND status = 'running'").pluck().get(runningId) as number;
    expect(() => engine.tickSync(Date.now(), 'live')).not.toThrow();
    // Unreachable sends are in the contact log as such, at no cost, with the reason.
    const log = h.db.prepare("SELECT status, reason, count(*) AS n, sum(cost) AS cost FROM contacts WHERE run_id = ? AND channel = 'sms_hall' GROUP BY status, reason").all(runId) as { status: string; reason: string; n: number; cost: number }[];
    expect(log.map(({ status, reason, cost }) => ({ status, reason, cost: Number(cost) }))).toEqual([{ status: 'unreachable', reason: 'channel_disabled', cost: 0 }]);
    expect(h.db.prepare("SELECT count(*) FROM traces WHERE run_id = ? AND detail LIKE '%channel_disabled%'").pluck().get(runId)).toBeGreaterThan(0);
    expect(h.db.prepare('SELECT status FROM runs WHERE id = ?').pluck().get(runId)).toBe('completed');
    await h.as('admin').catalogue.saveChannel({ channel: { ...sms, enabled: true } });
  });

  test('organisation: admins add a district under a city; a unit cannot move or nest below a district', async () => {
    await h.as('admin').catalogue.saveOrgUnit({ mode: 'create', unit: { id: 'gz_baiyun', name: { zh: '白云区', en: 'Baiyun' }, parent: 'gz' } });
    expect((await h.as('planner').catalogue.get()).catalogue.orgUnits.find((u) => u.id === 'gz_baiyun')).toMatchObject({ parent: 'gz' });
    await expect(h.as('admin').catalogue.saveOrgUnit({ mode: 'create', unit: { id: 'gz_baiyun_x', name: { zh: '街道', en: 'Street' }, parent: 'gz_baiyun' } })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(h.as('admin').catalogue.saveOrgUnit({ mode: 'update', unit: { id: 'gz_baiyun', name: { zh: '白云', en: 'Baiyun' }, parent: 'sz' } })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('parent') });
    await h.as('admin').catalogue.saveGroup({ group: { id: 'senior', name: { zh: '银发客户', en: 'Silver customers' } } });
    expect((await h.as('planner').catalogue.get()).catalogue.groups.find((g) => g.id === 'senior')!.name.zh).toBe('银发客户');
  });
});
