import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ConditionGroup } from '../../../shared/flow/conditions.js';
import { fixtureFlow } from '../governance/fixture-flow.js';
import { openHarness, type Harness } from '../governance/harness.js';

let h: Harness;
beforeAll(() => { h = openHarness(300); });
afterAll(() => h.close());

const exclusions = { optedOut: false, doNotDisturb: false, ownsOffer: false, inOtherActiveFlow: false, exclusionList: '' };
const olderThan = (age: number): ConditionGroup => ({ combinator: 'and', rules: [{ field: 'age', op: 'gte', value: age }], groups: [] });
const stored = (flowId: string) => {
  const r = h.db.prepare('SELECT document, revision, submitted_revision FROM flows WHERE id = ?').get(flowId) as { document: string; revision: number; submitted_revision: number | null };
  const seg = (JSON.parse(r.document) as { nodes: { id: string; data: { conditions: ConditionGroup; exclusions: typeof exclusions } }[] }).nodes.find((n) => n.id === 'seg')!;
  return { conditions: seg.data.conditions, exclusions: seg.data.exclusions, revision: Number(r.revision), submittedRevision: r.submitted_revision === null ? null : Number(r.submitted_revision) };
};
const machineEntry = (flowId: string) =>
  (JSON.parse(h.db.prepare('SELECT machine FROM flow_versions WHERE flow_id = ? ORDER BY version DESC').pluck().get(flowId) as string) as { entry: { conditions: ConditionGroup } }).entry.conditions;

describe('a draft takes its saved segment’s edits at validate, compile and submit; later stages keep their copy (real store)', () => {
  test('an edit reaches the unopened draft’s forecast and submit (and so its approved machine); the published flow keeps its conditions; used-by says which take it', async () => {
    const planner = h.as('planner');
    const sup = h.as('supervisor');
    const seg = await planner.savedSegments.create({ name: '草稿跟随', conditions: olderThan(40), exclusions });
    const linked = (id: string) => {
      const doc = fixtureFlow(id, 'gz');
      doc.nodes[0]!.data = { conditions: seg.conditions, exclusions: seg.exclusions, controlGroupPct: 0, entry: { mode: 'once' }, reentry: { mode: 'never' }, savedSegmentId: seg.id };
      return doc;
    };
    const { id: published } = await planner.flows.create({ document: linked('follow-published') });
    await planner.governance.submit({ flowId: published });
    await sup.governance.approve({ flowId: published });
    await sup.governance.publish({ flowId: published });
    const { id: draft } = await planner.flows.create({ document: linked('follow-draft') });

    const edited = await planner.savedSegments.update({ id: seg.id, revision: seg.revision, name: seg.name, conditions: olderThan(50), exclusions: { ...exclusions, doNotDisturb: true } });
    const { flows: users } = await planner.savedSegments.usedBy({ id: seg.id });
    expect(users.map((f) => [f.id, f.status, f.takesChanges]).sort()).toEqual([[draft, 'draft', true], [published, 'running', false]].sort());

    // nobody opened the draft: its stored copy is the old one, yet the review screens read the saved segment's
    expect(stored(draft).conditions).toEqual(olderThan(40));
    const gzOver50 = Number(h.db.prepare("SELECT count(*) FROM subscribers WHERE city = 'gz' AND age >= 50 AND dnd = 0").pluck().get());
    expect(gzOver50).toBeGreaterThan(0);
    expect(await sup.governance.forecast({ flowId: draft })).toMatchObject({ audience: { count: gzOver50 } });

    // submit validates and compiles the current conditions and stores them as a new revision: what is reviewed
    const before = stored(draft).revision;
    await planner.governance.submit({ flowId: draft });
    expect(stored(draft)).toEqual({ conditions: olderThan(50), exclusions: { ...exclusions, doNotDisturb: true }, revision: before + 1, submittedRevision: before + 1 });
    await sup.governance.approve({ flowId: draft });

    // once submitted a flow keeps its copy: a further edit reaches neither it nor the published one
    await planner.savedSegments.update({ id: seg.id, revision: edited.revision, name: seg.name, conditions: olderThan(60), exclusions });
    await sup.governance.publish({ flowId: draft });
    expect(machineEntry(draft)).toEqual(olderThan(50));
    expect(machineEntry(published)).toEqual(olderThan(40));
    expect((await planner.savedSegments.usedBy({ id: seg.id })).flows.every((f) => !f.takesChanges)).toBe(true);
  });

  test('a draft whose saved segment now names an attribute that is gone is refused at submit with the issue; nothing is written', async () => {
    const planner = h.as('planner');
    const seg = await planner.savedSegments.create({ name: '失效客群', conditions: olderThan(30), exclusions });
    const doc = fixtureFlow('follow-broken', 'gz');
    doc.nodes[0]!.data = { conditions: seg.conditions, exclusions, controlGroupPct: 0, entry: { mode: 'once' }, reentry: { mode: 'never' }, savedSegmentId: seg.id };
    const { id } = await planner.flows.create({ document: doc });
    const before = stored(id);
    // what the row holds once an attribute it named was dropped (the API refuses to write such a segment)
    h.db.prepare('UPDATE saved_segments SET conditions = ? WHERE id = ?').run(JSON.stringify({ combinator: 'and', rules: [{ field: 'shoeSize', op: 'gt', value: 1 }], groups: [] }), seg.id);
    await expect(planner.governance.submit({ flowId: id })).rejects.toMatchObject({ code: 'PRECONDITION_FAILED', message: expect.stringContaining('shoeSize') });
    expect(stored(id)).toEqual(before);
    expect(h.db.prepare('SELECT status FROM flows WHERE id = ?').pluck().get(id)).toBe('draft');
  });
});
