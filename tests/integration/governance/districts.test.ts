import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { Engine } from '../../../server/engine/runtime/engine.js';
import { audiencePreview, machineChannelMask } from '../../../server/engine/runtime/enrolment.js';
import { fixtureFlow } from './fixture-flow.js';
import { openHarness, type Harness } from './harness.js';
import { publishAndStart } from '../monitoring/support.js';

/**
 * The organisation rules over province → city → district (#18 item 1), through the tRPC procedures on a real
 * store (SQLite here, PostgreSQL in the pg project): which flows a user sees, who reviews and authors them,
 * which customers a user sees, and which customers a flow reaches.
 */
let h: Harness;
const flow: Record<string, string> = {};

const addUser = (username: string, role: string, unit: string): void => {
  const id = h.db.prepare(`INSERT INTO users (username, display_name, password_hash, org_unit, disabled, created_at) VALUES (?, ?, 'x', ?, 0, '2026-01-01') RETURNING id`)
    .pluck().get(username, username, unit) as number;
  h.db.prepare('INSERT INTO user_roles (user_id, role) VALUES (?, ?)').run(id, role);
};

/** One customer id of each kind: in the Tianhe district, in Guangzhou without a district, in Yuexiu, in Shenzhen. */
const customer = (where: string): number => Number(h.db.prepare(`SELECT min(id) FROM subscribers WHERE ${where}`).pluck().get());

beforeAll(async () => {
  h = openHarness(1500);
  addUser('supervisor_th', 'supervisor', 'gz_tianhe');
  addUser('planner_yx', 'planner', 'gz_yuexiu');
  addUser('planner_prov', 'planner', 'province');
  addUser('supervisor_sz', 'supervisor', 'sz');
  for (const [key, user, unit] of [['th', 'planner_th', 'gz_tianhe'], ['yx', 'planner_yx', 'gz_yuexiu'], ['gz', 'planner', 'gz'], ['sz', 'planner_sz', 'sz'], ['prov', 'planner_prov', 'province']] as const) {
    flow[key] = (await h.as(user).flows.create({ document: fixtureFlow(`rules-${key}`, unit) })).id;
  }
});
afterAll(() => h.close());

const seen = async (user: string): Promise<string[]> => {
  const ids = new Set((await h.as(user).governance.list({})).map((f) => f.id));
  return Object.keys(flow).filter((k) => ids.has(flow[k]!)).sort();
};

describe('flows across the tree', () => {
  test('a unit sees its own flows, those of every unit above it and (city, province) below it; sibling districts and other cities stay hidden', async () => {
    expect(await seen('planner_th')).toEqual(['gz', 'prov', 'th']);
    expect(await seen('planner_yx')).toEqual(['gz', 'prov', 'yx']);
    expect(await seen('planner')).toEqual(['gz', 'prov', 'th', 'yx']);
    expect(await seen('supervisor')).toEqual(['gz', 'prov', 'th', 'yx']);
    expect(await seen('planner_sz')).toEqual(['prov', 'sz']);
    expect(await seen('supervisor_prov')).toEqual(['gz', 'prov', 'sz', 'th', 'yx']);
    await expect(h.as('planner_th').governance.get({ flowId: flow.yx! })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(h.as('planner_th').governance.get({ flowId: flow.sz! })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await h.as('planner').flows.get({ id: flow.th! })).document.orgUnit).toBe('gz_tianhe');
  });

  test('a district supervisor reviews the district\'s flows; the city and province supervisors see them but do not approve them', async () => {
    await h.as('planner_th').governance.submit({ flowId: flow.th! });
    await expect(h.as('supervisor').governance.approve({ flowId: flow.th! })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(h.as('supervisor_prov').governance.approve({ flowId: flow.th! })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(h.as('supervisor_th').governance.approve({ flowId: flow.gz! })).rejects.toMatchObject({ code: expect.stringMatching(/FORBIDDEN|NOT_FOUND/) });
    await h.as('supervisor_th').governance.approve({ flowId: flow.th! });
    expect((await h.as('planner').governance.get({ flowId: flow.th! })).flow.status).toBe('approved');
  });

  test('a district flow and its city\'s flow are in conflict over the district\'s customers; a flow of another city is not', async () => {
    await h.as('planner').governance.submit({ flowId: flow.gz! });
    await h.as('supervisor').governance.approve({ flowId: flow.gz! });
    await h.as('planner_sz').governance.submit({ flowId: flow.sz! });
    await h.as('supervisor_sz').governance.approve({ flowId: flow.sz! });
    const found = await h.as('planner_th').governance.conflicts({ flowId: flow.th! });
    const gz = found.conflicts.find((c) => c.flowId === flow.gz);
    expect(gz?.sharedCities).toEqual(['gz']);
    expect(gz?.overlapCustomers).toBeGreaterThan(0);
    expect(gz!.overlapCustomers).toBeLessThanOrEqual(found.audience);
    expect(found.conflicts.map((c) => c.flowId)).not.toContain(flow.sz);
  });

  test('planners author in their own unit only: the city planner cannot edit a district flow, nor the district planner the city\'s', async () => {
    const yx = await h.as('planner').flows.get({ id: flow.yx! });
    await expect(h.as('planner').flows.save({ id: flow.yx!, revision: yx.revision, document: yx.document })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const gz = await h.as('planner_th').flows.get({ id: flow.gz! });
    await expect(h.as('planner_th').flows.save({ id: flow.gz!, revision: gz.revision, document: gz.document })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(h.as('planner_yx').flows.save({ id: flow.yx!, revision: yx.revision, document: { ...yx.document, name: '越秀的流程' } })).resolves.toBeTruthy();
  });
});

describe('customers across the tree', () => {
  test('a district user sees their district\'s customers, a city user the city\'s (districts included), the province all', async () => {
    const who = {
      th: customer("district = 'gz_tianhe'"),
      gzOnly: customer("city = 'gz' AND district IS NULL"),
      yx: customer("district = 'gz_yuexiu'"),
      sz: customer("city = 'sz'"),
    };
    for (const id of Object.values(who)) expect(id).toBeGreaterThan(0);
    const visible = async (user: string) => {
      const out: string[] = [];
      for (const [k, id] of Object.entries(who)) if ((await h.as(user).monitoring.trace({ customerId: id })).customer) out.push(k);
      return out.sort();
    };
    expect(await visible('planner_th')).toEqual(['th']);
    expect(await visible('supervisor_th')).toEqual(['th']);
    expect(await visible('planner_yx')).toEqual(['yx']);
    expect(await visible('planner')).toEqual(['gzOnly', 'th', 'yx']);
    expect(await visible('planner_sz')).toEqual(['sz']);
    expect(await visible('supervisor_prov')).toEqual(['gzOnly', 'sz', 'th', 'yx']);
    expect((await h.as('planner_th').monitoring.trace({ customerId: who.th })).customer).toMatchObject({ city: 'gz', district: 'gz_tianhe' });
  });
});

describe('reach: enrolment and counts', () => {
  const base = fixtureFlow('x', 'gz').nodes[0]!.data as Parameters<typeof audiencePreview>[1];
  const count = (where: string) => Number(h.db.prepare(`SELECT count(*) FROM subscribers WHERE ${where}`).pluck().get());

  test('the audience of a district counts only its customers; of a city all of the city\'s; a district user may not count another city', async () => {
    const th = await h.as('planner_th').segment.audience({ segment: base, orgUnit: 'gz_tianhe' });
    expect(th.total).toBe(count("district = 'gz_tianhe'"));
    expect(th.count).toBeGreaterThan(0);
    expect(th.count).toBeLessThan(th.total);
    const gz = await h.as('planner').segment.audience({ segment: base, orgUnit: 'gz' });
    expect(gz.total).toBe(count("city = 'gz'"));
    expect(gz.count).toBeGreaterThan(th.count);
    await expect(h.as('planner_th').segment.audience({ segment: base, orgUnit: 'sz' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    // The estimate from the sample scales by the district's own totals (the base here is sampled whole: exact).
    const est = await h.as('planner_th').segment.estimate({ segment: base, orgUnit: 'gz_tianhe' });
    expect(est).toMatchObject({ total: th.total, estimate: th.count });
  });

  test('a district flow enrols only its district\'s customers; a city flow reaches its districts\' too; runs are seen as flows are', async () => {
    const engine = new Engine(h.db);
    const th = publishAndStart(h.db, fixtureFlow('district-run', 'gz_tianhe'), 'virtual');
    const gz = publishAndStart(h.db, fixtureFlow('city-run', 'gz'), 'virtual');
    const start = Number(h.db.prepare('SELECT virtual_now FROM runs WHERE id = ?').pluck().get(th.runId));
    engine.tickSync(start, 'virtual');
    const homes = (runId: number) => h.db.prepare(`SELECT s.city, s.district, count(*) AS n FROM journeys j JOIN subscribers s ON s.id = j.customer_id
        WHERE j.run_id = ? GROUP BY s.city, s.district ORDER BY s.city, s.district`).all(runId) as { city: string; district: string | null; n: number }[];
    const inTh = homes(th.runId);
    expect(inTh.map((r) => `${r.city}/${r.district}`)).toEqual(['gz/gz_tianhe']);
    expect(Number(inTh[0]!.n)).toBe(audiencePreview(h.db, base, 'gz_tianhe', { productId: 'dp_10g', channelMask: machineChannelMask(th.machine) }).count);
    const inGz = homes(gz.runId);
    expect(new Set(inGz.map((r) => r.city))).toEqual(new Set(['gz']));
    expect(inGz.map((r) => r.district)).toEqual(expect.arrayContaining([null, 'gz_tianhe', 'gz_yuexiu', 'gz_haizhu']));
    const runs = async (user: string) => (await h.as(user).monitoring.runs()).map((r) => r.id).filter((id) => id === th.runId || id === gz.runId).sort();
    expect(await runs('planner_th')).toEqual([th.runId, gz.runId].sort());
    expect(await runs('planner_yx')).toEqual([gz.runId]);
    expect(await runs('planner_sz')).toEqual([]);
  });
});
