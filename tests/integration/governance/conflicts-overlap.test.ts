import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import type { FlowDocument } from '../../../shared/flow/document.js';
import { parseFlowDocument } from '../../../shared/flow/migrations.js';
import { audienceScope } from '../../../server/governance/conflicts.js';
import { fixtureFlow } from './fixture-flow.js';
import { openHarness, type Harness } from './harness.js';

let h: Harness;
let ids: number[];
beforeAll(() => {
  h = openHarness(400);
  // A known world: everybody in Guangzhou, reachable, on a smartphone, ages 0..99 by id; a few own the offer.
  h.db.prepare("UPDATE subscribers SET city = 'gz', smartphone = 1, dnd = 0, opt_out_mask = 0, age = id % 100").run();
  ids = h.db.prepare('SELECT id FROM subscribers ORDER BY id').pluck().all() as number[];
  h.db.prepare("DELETE FROM subscriber_products WHERE product_id = 'dp_10g'").run();
  for (const id of ids.filter((i) => i % 100 === 45)) h.db.prepare("INSERT INTO subscriber_products (subscriber_id, product_id) VALUES (?, 'dp_10g')").run(id);
});
afterAll(() => h.close());

/** A gz flow for customers whose age is in [min, max], no control group, owners of the offer excluded. */
function ageFlow(id: string, min: number, max: number, priority: number): FlowDocument {
  const d = fixtureFlow(id, 'gz', { priority });
  const seg = d.nodes[0]!.data as { conditions: unknown; controlGroupPct: number };
  seg.conditions = { combinator: 'and', rules: [{ field: 'age', op: 'between', value: [min, max] }], groups: [] };
  seg.controlGroupPct = 0;
  return d;
}

const inAges = (min: number, max: number) => ids.filter((i) => i % 100 >= min && i % 100 <= max && i % 100 !== 45).length;

describe('conflict preview counts the customers both flows would enrol', () => {
  test('two gz flows with overlapping age bands: the overlap is the shared band minus exclusions, and the higher priority wins', async () => {
    const { id: other } = await h.as('planner').flows.create({ document: ageFlow('ages-40-69', 40, 69, 50) });
    await h.as('planner').governance.submit({ flowId: other, comment: '40–69 岁' });
    await h.as('supervisor').governance.approve({ flowId: other });
    const { id: mine } = await h.as('planner').flows.create({ document: ageFlow('ages-20-49', 20, 49, 60) });
    await h.as('planner').governance.submit({ flowId: mine });

    const r = await h.as('supervisor').governance.conflicts({ flowId: mine });
    expect(r.audience).toBe(inAges(20, 49));
    expect(r.conflicts).toHaveLength(1);
    const c = r.conflicts[0]!;
    expect(c.flowId).toBe(other);
    // ages 40..49, less the owners of the offer (age 45): not the 400 customers of the whole city
    expect(c.overlapCustomers).toBe(inAges(40, 49));
    expect(c.overlapCustomers).toBeLessThan(ids.length / 5);
    expect(c).toMatchObject({ winner: 'this', reason: { zh: '优先级 60 高于 50' } });

    // only approved or live flows count as competitors: mine is merely submitted
    expect((await h.as('supervisor').governance.conflicts({ flowId: other })).conflicts).toEqual([]);
    // once approved, the other flow sees the same customers, and it loses
    await h.as('supervisor').governance.approve({ flowId: mine });
    const back = await h.as('supervisor').governance.conflicts({ flowId: other });
    expect(back.conflicts[0]).toMatchObject({ flowId: mine, overlapCustomers: inAges(40, 49), winner: 'other' });
  });

  test('a flow that grants a benefit (the trial-pack template) is found by its segment like any other', async () => {
    const parsed = parseFlowDocument(readFileSync('flows/trial-pack-upsell.json', 'utf8'));
    if (!parsed.ok) throw new Error('the trial-pack template does not parse');
    const base = fixtureFlow('trial-60-79', 'gz', { priority: 40 });
    const doc: FlowDocument = { ...parsed.doc, id: 'trial-60-79', orgUnit: 'gz', priority: 40, productId: base.productId, period: base.period };
    const seg = doc.nodes.find((n) => n.type === 'segment')!.data as { conditions: unknown; controlGroupPct: number; exclusions: { inOtherActiveFlow: boolean } };
    seg.conditions = { combinator: 'and', rules: [{ field: 'age', op: 'between', value: [60, 79] }, { field: 'city', op: 'in', value: ['gz'] }], groups: [] };
    seg.controlGroupPct = 0;
    seg.exclusions.inOtherActiveFlow = false;
    expect(doc.nodes.some((n) => n.type === 'benefit')).toBe(true);
    const { id } = await h.as('planner').flows.create({ document: doc });
    const r = await h.as('planner').governance.conflicts({ flowId: id });
    expect(r.scope.cities).toEqual(['gz']);
    // The entry's audience (its type's hook) narrows a province flow's cities by its city rule.
    expect(audienceScope(doc, 'province').cities).toEqual(['gz']);
    expect(r.audience).toBe(inAges(60, 79));
    // Only the approved 40–69 flow overlaps (ages 60–69), and its priority 50 beats 40.
    expect(r.conflicts).toEqual([expect.objectContaining({ name: expect.any(String), overlapCustomers: inAges(60, 69), winner: 'other' })]);
  });

  test('disjoint bands in the same city are not a conflict', async () => {
    const { id } = await h.as('planner').flows.create({ document: ageFlow('ages-80-99', 80, 99, 50) });
    const r = await h.as('planner').governance.conflicts({ flowId: id });
    expect(r.audience).toBe(inAges(80, 99));
    expect(r.conflicts).toEqual([]);
  });

  test('units are checked: a Shenzhen planner cannot read a Guangzhou flow\'s conflicts', async () => {
    const { id } = await h.as('planner').flows.create({ document: ageFlow('ages-10-19', 10, 19, 50) });
    await expect(h.as('planner_sz').governance.conflicts({ flowId: id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(h.as('agent').governance.conflicts({ flowId: id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
