import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { fixtureFlow } from '../governance/fixture-flow.js';
import { openHarness, type Harness } from '../governance/harness.js';

let h: Harness;
beforeAll(() => { h = openHarness(200); });
afterAll(() => h.close());

const exclusions = { optedOut: false, doNotDisturb: false, ownsOffer: false, inOtherActiveFlow: false, exclusionList: '' };
const smartphones = { combinator: 'and' as const, rules: [{ field: 'smartphone', op: 'is', value: true }], groups: [] };

describe('savedSegments.usedBy (tRPC): who uses a saved segment, as far as the caller may know', () => {
  test('flows in units the caller cannot see are counted, never named; the caller\'s own and visible ones are listed', async () => {
    const seg = await h.as('admin').savedSegments.create({ name: '全省智能机用户', orgUnit: 'province', conditions: smartphones, exclusions });
    const linked = (id: string, unit: string, name: string) => {
      const doc = fixtureFlow(id, unit, { name });
      doc.nodes[0]!.data = { conditions: smartphones, exclusions, controlGroupPct: 0, entry: { mode: 'once' }, reentry: { mode: 'never' }, savedSegmentId: seg.id };
      return doc;
    };
    await h.as('planner').flows.create({ document: linked('use-gz', 'gz', '广州智能机关怀') });
    await h.as('planner_sz').flows.create({ document: linked('use-sz', 'sz', '深圳智能机关怀') });

    // the district planner sees Guangzhou's flow (their city's); Shenzhen's is only a count
    const th = await h.as('planner_th').savedSegments.usedBy({ id: seg.id });
    expect(th.flows.map((f) => f.name)).toEqual(['广州智能机关怀']);
    expect(th.hidden).toBe(1);
    expect(JSON.stringify(th)).not.toMatch(/深圳|use-sz/);

    // Shenzhen's planner: their flow listed, Guangzhou's counted
    const sz = await h.as('planner_sz').savedSegments.usedBy({ id: seg.id });
    expect(sz.flows.map((f) => f.name)).toEqual(['深圳智能机关怀']);
    expect(sz.hidden).toBe(1);
    expect(JSON.stringify(sz)).not.toMatch(/广州|use-gz/);

    // a flow of the district itself: listed for its planner, one more hidden for Shenzhen
    await h.as('planner_th').flows.create({ document: linked('use-th', 'gz_tianhe', '天河智能机关怀') });
    expect((await h.as('planner_th').savedSegments.usedBy({ id: seg.id })).flows.map((f) => f.name).sort()).toEqual(['天河智能机关怀', '广州智能机关怀'].sort());
    expect(await h.as('planner_sz').savedSegments.usedBy({ id: seg.id })).toMatchObject({ hidden: 2 });

    // the province sees every one of them; nothing is hidden
    const prov = await h.as('supervisor_prov').savedSegments.usedBy({ id: seg.id });
    expect(prov.flows).toHaveLength(3);
    expect(prov.hidden).toBe(0);
  });

  test('a segment the caller cannot see says nothing about its users', async () => {
    const gzOnly = await h.as('planner').savedSegments.create({ name: '广州专用', conditions: smartphones, exclusions });
    await expect(h.as('planner_sz').savedSegments.usedBy({ id: gzOnly.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
