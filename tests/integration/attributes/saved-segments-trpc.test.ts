import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ConditionGroup } from '../../../shared/flow/conditions.js';
import { Engine } from '../../../server/engine/runtime/engine.js';
import { engineRunControl } from '../../../server/engine/runtime/run-control.js';
import { fixtureFlow } from '../governance/fixture-flow.js';
import { openHarness, type Harness } from '../governance/harness.js';

let h: Harness;
let engine: Engine;
beforeAll(() => {
  h = openHarness(300);
  engine = new Engine(h.db);
  (h.services as { runControl: unknown }).runControl = engineRunControl(engine);
});
afterAll(() => h.close());

const exclusions = { optedOut: false, doNotDisturb: false, ownsOffer: false, inOtherActiveFlow: false, exclusionList: '' };
const olderThan = (age: number): ConditionGroup => ({ combinator: 'and', rules: [{ field: 'age', op: 'gte', value: age }], groups: [] });
const count = (sql: string, ...p: unknown[]) => Number(h.db.prepare(sql).pluck().get(...p));

describe('savedSegments.* (tRPC): named condition sets reused by flows', () => {
  test('create, list, count, edit with a revision, refuse bad conditions and a taken name; audited', async () => {
    const planner = h.as('planner');
    const s = await planner.savedSegments.create({ name: '中老年客户', conditions: olderThan(40), exclusions });
    expect(s).toMatchObject({ orgUnit: 'gz', revision: 1, editable: true });
    expect((await planner.savedSegments.list()).map((x) => x.name)).toContain('中老年客户');
    const n = await planner.savedSegments.count({ id: s.id, orgUnit: 'gz' });
    expect(n.count).toBe(count("SELECT count(*) FROM subscribers WHERE city = 'gz' AND age >= 40"));
    const edited = await planner.savedSegments.update({ id: s.id, revision: 1, name: '中老年客户', conditions: olderThan(45), exclusions });
    expect(edited.revision).toBe(2);
    await expect(planner.savedSegments.update({ id: s.id, revision: 1, name: 'x', conditions: olderThan(50), exclusions })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(planner.savedSegments.create({ name: '中老年客户', conditions: olderThan(40), exclusions })).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('name') });
    await expect(planner.savedSegments.create({ name: '错', conditions: { combinator: 'and', rules: [{ field: 'shoeSize', op: 'gt', value: 1 }], groups: [] }, exclusions })).rejects.toThrow(/conditions[\s\S]*shoeSize/);
    expect(count("SELECT count(*) FROM audit_log WHERE entity = 'saved_segment' AND entity_id = ?", String(s.id))).toBe(2);
  });

  test('unit scoping: another city neither sees nor edits it; the province sees it; a province segment is visible to cities, editable by the province only', async () => {
    const gz = (await h.as('planner').savedSegments.list()).find((x) => x.name === '中老年客户')!;
    expect((await h.as('planner_sz').savedSegments.list()).some((x) => x.id === gz.id)).toBe(false);
    await expect(h.as('planner_sz').savedSegments.get({ id: gz.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(h.as('planner_sz').savedSegments.update({ id: gz.id, revision: gz.revision, name: 'x', conditions: olderThan(1), exclusions })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await h.as('supervisor_prov').savedSegments.list()).some((x) => x.id === gz.id)).toBe(true);
    await expect(h.as('supervisor').savedSegments.create({ name: 'sup', conditions: olderThan(1), exclusions })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(h.as('planner').savedSegments.create({ name: '给深圳', orgUnit: 'sz', conditions: olderThan(1), exclusions })).rejects.toMatchObject({ code: 'FORBIDDEN' });

    const prov = await h.as('admin').savedSegments.create({ name: '全省智能机', orgUnit: 'province', conditions: { combinator: 'and', rules: [{ field: 'smartphone', op: 'is', value: true }], groups: [] }, exclusions });
    const seenBySz = (await h.as('planner_sz').savedSegments.list()).find((x) => x.id === prov.id);
    expect(seenBySz).toMatchObject({ editable: false });
    await expect(h.as('planner_sz').savedSegments.update({ id: prov.id, revision: 1, name: 'x', conditions: olderThan(1), exclusions })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  test('two flows reuse it (used-by list); a published flow keeps the conditions it was approved with after the segment is edited; deleting a used one is refused', async () => {
    const planner = h.as('planner');
    const seg = (await planner.savedSegments.list()).find((x) => x.name === '中老年客户')!;
    const withSaved = (id: string) => {
      const doc = fixtureFlow(id, 'gz');
      doc.nodes[0]!.data = { conditions: seg.conditions, exclusions: seg.exclusions, controlGroupPct: 0, entry: { mode: 'once' }, reentry: { mode: 'never' }, savedSegmentId: seg.id };
      return doc;
    };
    const { id: a } = await planner.flows.create({ document: withSaved('saved-a') });
    await planner.flows.create({ document: withSaved('saved-b') });
    expect((await planner.savedSegments.usedBy({ id: seg.id })).flows.map((f) => f.name).sort()).toEqual(['测试流程 saved-a', '测试流程 saved-b']);

    await planner.governance.submit({ flowId: a });
    await h.as('supervisor').governance.approve({ flowId: a });
    await h.as('supervisor').governance.publish({ flowId: a });
    // edited after approval: the running flow's machine keeps age ≥ 45
    await planner.savedSegments.update({ id: seg.id, revision: seg.revision, name: seg.name, conditions: olderThan(20), exclusions });
    engine.tickSync(Date.now(), 'live');
    const runId = h.db.prepare('SELECT id FROM runs WHERE flow_id = ?').pluck().get(a);
    expect(count('SELECT count(*) FROM journeys WHERE run_id = ?', runId)).toBe(count("SELECT count(*) FROM subscribers WHERE city = 'gz' AND age >= 45"));
    const machine = JSON.parse(h.db.prepare('SELECT machine FROM flow_versions WHERE flow_id = ?').pluck().get(a) as string) as { entry: { conditions: ConditionGroup } };
    expect(machine.entry.conditions).toEqual(olderThan(45));

    await expect(planner.savedSegments.remove({ id: seg.id })).rejects.toThrow(/测试流程 saved-a[\s\S]*测试流程 saved-b/);
    const unused = await planner.savedSegments.create({ name: '临时', conditions: olderThan(30), exclusions });
    await planner.savedSegments.remove({ id: unused.id });
    expect((await planner.savedSegments.list()).some((x) => x.id === unused.id)).toBe(false);
  });
});
