import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Condition } from '../../../shared/flow/conditions.js';
import { segmentNode, type SegmentData } from '../../../shared/nodes/segment/definition.js';
import { rebuildSample } from '../../../server/data/sample-rebuild.js';
import { openHarness, type Harness } from '../governance/harness.js';

let h: Harness;

/** 100,000 seeded customers: the sample keeps 20,000 of them (20%), so the estimate is a real estimate. */
beforeAll(() => {
  h = openHarness(100_000);
});
afterAll(() => h.close());

const seg = (rules: Condition[], exclusions: Partial<SegmentData['exclusions']> = {}, combinator: 'and' | 'or' = 'and'): SegmentData => {
  const d = segmentNode.defaults();
  return { ...d, conditions: { combinator, rules, groups: [] }, exclusions: { ...d.exclusions, ...exclusions } };
};

const SEGMENTS: [string, SegmentData, string][] = [
  ['3 conditions', seg([{ field: 'arpu', op: 'gte', value: 50 }, { field: 'smartphone', op: 'is', value: true }, { field: 'age', op: 'between', value: [25, 45] }]), 'province'],
  ['4 conditions + dnd + blacklist', seg([{ field: 'group', op: 'in', value: ['young_pro', 'family', 'business'] }, { field: 'tenureMonths', op: 'gt', value: 12 },
    { field: 'churnRisk', op: 'lt', value: 40 }, { field: 'hasBroadband', op: 'is', value: false }], { doNotDisturb: true, exclusionList: 'blacklist' }), 'province'],
  ['5 conditions, one city, owns-offer', seg([{ field: 'plan', op: 'not_in', value: ['senior_18'] }, { field: 'dataUsagePct', op: 'gte', value: 60 },
    { field: 'dormantDays', op: 'lt', value: 30 }, { field: 'age', op: 'gte', value: 18 }, { field: 'arpu', op: 'lt', value: 150 }], { ownsOffer: true, doNotDisturb: true }), 'gz'],
  ['6 conditions, a rare segment', seg([{ field: 'group', op: 'in', value: ['senior'] }, { field: 'smartphone', op: 'is', value: true }, { field: 'arpu', op: 'gt', value: 20 },
    { field: 'tenureMonths', op: 'gte', value: 24 }, { field: 'churnRisk', op: 'gte', value: 10 }, { field: 'dormantDays', op: 'gte', value: 0 }], { doNotDisturb: true }), 'province'],
];

describe('segment.estimate: the sample estimate and its interval beside the exact count', () => {
  test.each(SEGMENTS)('%s: the exact count is the full query, and the estimate’s 95 percent interval covers it', async (_, segment, orgUnit) => {
    const planner = h.as(orgUnit === 'gz' ? 'planner' : 'supervisor_prov');
    const exact = await planner.segment.audience({ segment, orgUnit, productId: 'bb_300m' });
    const direct = h.db.prepare(`SELECT count(*) FROM subscribers WHERE ${orgUnit === 'gz' ? "city = 'gz'" : '1 = 1'}`).pluck().get();
    expect(exact.total).toBe(Number(direct));
    const e = (await planner.segment.estimate({ segment, orgUnit, productId: 'bb_300m' }))!;
    expect(e.total).toBe(exact.total);
    expect(e.sampled / e.total).toBeGreaterThan(0.15);
    expect(e.sampled / e.total).toBeLessThan(0.25);
    expect(e.low).toBeLessThanOrEqual(exact.count);
    expect(e.high).toBeGreaterThanOrEqual(exact.count);
    expect(e.low).toBeLessThanOrEqual(e.estimate);
    expect(e.estimate).toBeLessThanOrEqual(e.high);
    // an interval that says something: within ±10% of the base
    expect(e.high - e.low).toBeLessThan(exact.total * 0.1);
  });

  test('a base of at most 20,000 is sampled whole: the estimate is the count, with no error bar', async () => {
    const small = openHarness(3_000);
    try {
      const segment = SEGMENTS[1]![1];
      const exact = await small.as('supervisor_prov').segment.audience({ segment, orgUnit: 'province' });
      expect(await small.as('supervisor_prov').segment.estimate({ segment, orgUnit: 'province' })).toEqual({ estimate: exact.count, low: exact.count, high: exact.count, sampled: 3_000, total: 3_000 });
    } finally {
      small.close();
    }
  });

  test('a city planner cannot estimate another city', async () => {
    await expect(h.as('planner').segment.estimate({ segment: SEGMENTS[0]![1], orgUnit: 'sz' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  test('the sample follows the base when it is rebuilt (the import does it in its applying transaction)', () => {
    h.db.prepare('DELETE FROM subscriber_products WHERE subscriber_id > 90000').run();
    h.db.prepare('DELETE FROM exclusion_lists WHERE subscriber_id > 90000').run();
    h.db.prepare('DELETE FROM subscribers WHERE id > 90000').run();
    rebuildSample(h.db);
    const meta = h.db.prepare('SELECT sum(total) AS total, sum(sampled) AS sampled FROM subscriber_sample_meta').get() as { total: number; sampled: number };
    expect(Number(meta.total)).toBe(90_000);
    expect(Number(h.db.prepare('SELECT max(id) FROM subscriber_sample').pluck().get())).toBeLessThanOrEqual(90_000);
  });
});
