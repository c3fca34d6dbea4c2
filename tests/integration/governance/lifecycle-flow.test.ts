import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { onWorkingCopyEdited } from '../../../server/governance/flow-lifecycle.js';
import { fixtureFlow } from './fixture-flow.js';
import { openHarness, type Harness } from './harness.js';

let h: Harness;
beforeAll(() => { h = openHarness(); });
afterAll(() => h.close());

async function createFlow(username: string, id: string, opts: Parameters<typeof fixtureFlow>[2] = {}) {
  const unit = h.db.prepare('SELECT org_unit FROM users WHERE username = ?').pluck().get(username) as string;
  const { id: flowId } = await h.as(username).flows.create({ document: fixtureFlow(id, unit, opts) });
  return flowId;
}
const doc = (flowId: string) => JSON.parse(h.db.prepare('SELECT document FROM flows WHERE id = ?').pluck().get(flowId) as string);
const revision = (flowId: string) => h.db.prepare('SELECT revision FROM flows WHERE id = ?').pluck().get(flowId) as number;

describe('approval and publishing', () => {
  let flowId: string;

  test('a planner submits; the gz supervisor rejects with a comment; the planner fixes and resubmits', async () => {
    flowId = await createFlow('planner', 'gz-upsell', { city: 'gz' });
    const planner = h.as('planner');
    const sup = h.as('supervisor');
    expect((await planner.governance.submit({ flowId })).flow.status).toBe('submitted');
    await expect(sup.governance.reject({ flowId })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('驳回时必须填写意见') });
    expect((await sup.governance.reject({ flowId, comment: '请增加对照组' })).flow.status).toBe('rejected');
    const d = doc(flowId);
    d.nodes[0].data.controlGroupPct = 10;
    await planner.flows.save({ id: flowId, revision: revision(flowId), document: d });
    expect((await planner.governance.get({ flowId })).flow.status).toBe('draft');
    expect((await planner.governance.submit({ flowId })).flow.status).toBe('submitted');
    const detail = await sup.governance.get({ flowId });
    expect(detail.reviews.map((r) => r.decision)).toEqual(['submitted', 'rejected', 'submitted']);
    expect(detail.reviews[1]!.comment).toBe('请增加对照组');
    expect(detail.actions).toEqual(expect.arrayContaining(['approve', 'reject']));
  });

  test('four-eyes and units: the planner cannot approve, other units cannot review', async () => {
    await expect(h.as('planner').governance.approve({ flowId })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    // the province supervisor sees the gz flow but does not approve city flows
    expect((await h.as('supervisor_prov').governance.get({ flowId })).actions).toEqual([]);
    await expect(h.as('supervisor_prov').governance.approve({ flowId })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    // a Shenzhen planner does not even see it
    await expect(h.as('planner_sz').governance.get({ flowId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  test('publishing before approval is refused, naming the status', async () => {
    await expect(h.as('supervisor').governance.publish({ flowId })).rejects.toMatchObject({ code: 'PRECONDITION_FAILED', message: expect.stringContaining('「待审批」') });
  });

  test('approve and publish: an immutable version with the machine, live_version set, the run started', async () => {
    const sup = h.as('supervisor');
    expect((await sup.governance.approve({ flowId, comment: '同意' })).flow.status).toBe('approved');
    const published = await sup.governance.publish({ flowId });
    expect(published.flow).toMatchObject({ status: 'running', runStatus: 'running', liveVersion: 1 });
    const v = h.db.prepare('SELECT version, machine, hash FROM flow_versions WHERE flow_id = ?').get(flowId) as { version: number; machine: string; hash: string };
    expect(v.version).toBe(1);
    expect(JSON.parse(v.machine).hash).toBe(v.hash);
    expect(h.services.runControl.calls).toContainEqual({ op: 'start', flowId, version: 1 });
    expect(() => h.db.prepare("UPDATE flow_versions SET document = '{}' WHERE flow_id = ?").run(flowId)).toThrow(/immutable/);
    expect(() => h.db.prepare('DELETE FROM flow_versions WHERE flow_id = ?').run(flowId)).toThrow(/immutable/);
  });

  test('pause ⇄ resume, with illegal repeats refused', async () => {
    const sup = h.as('supervisor');
    expect((await sup.governance.pause({ flowId })).flow.status).toBe('paused');
    await expect(sup.governance.pause({ flowId })).rejects.toMatchObject({ code: 'PRECONDITION_FAILED', message: expect.stringContaining('已暂停') });
    expect((await sup.governance.resume({ flowId })).flow.status).toBe('running');
    expect(h.services.runControl.calls.map((c) => c.op)).toEqual(expect.arrayContaining(['pause', 'resume']));
  });

  test('editing a published flow starts a draft of v2 while v1 keeps running; the diff shows the change', async () => {
    const d = doc(flowId);
    d.nodes[1].data.script.template = '尊敬的{name}，新版话术：{product} 仅 {price} 元。回复1办理。';
    await h.as('planner').flows.save({ id: flowId, revision: revision(flowId), document: d });
    const g = await h.as('supervisor').governance.get({ flowId });
    expect(g.flow).toMatchObject({ status: 'draft', runStatus: 'running', liveVersion: 1 });
    expect(g.nextVersion).toBe(2);
    const { baseVersion, diff } = await h.as('supervisor').governance.diff({ flowId });
    expect(baseVersion).toBe(1);
    expect(diff.nodes.changed).toEqual([expect.objectContaining({ id: 'sms', fields: [expect.objectContaining({ path: 'data.script.template' })] })]);
    // the live run can still be paused while its next version is drafted
    expect((await h.as('supervisor').governance.pause({ flowId })).flow).toMatchObject({ status: 'draft', runStatus: 'paused' });
    await h.as('supervisor').governance.resume({ flowId });
  });

  test('publishing v2 supersedes the v1 run', async () => {
    await h.as('planner').governance.submit({ flowId });
    await h.as('supervisor').governance.approve({ flowId });
    const p = await h.as('supervisor').governance.publish({ flowId });
    expect(p.flow.liveVersion).toBe(2);
    expect(h.services.runControl.calls.slice(-2)).toEqual([{ op: 'stop', flowId, version: 1 }, { op: 'start', flowId, version: 2 }]);
  });

  test('stop, then archive; an archived flow cannot be edited', async () => {
    const sup = h.as('supervisor');
    await expect(sup.governance.archive({ flowId })).rejects.toMatchObject({ code: 'PRECONDITION_FAILED' });
    expect((await sup.governance.stop({ flowId, comment: '活动提前结束' })).flow.status).toBe('stopped');
    expect((await sup.governance.archive({ flowId })).flow.status).toBe('archived');
    expect(() => onWorkingCopyEdited(h.db, flowId, h.userId('planner'))).toThrow(/已归档/);
  });

  test('every step is in the audit log with who and what', async () => {
    const { rows } = await h.as('admin').audit.list({ entity: 'flow', entityId: flowId, limit: 100, offset: 0 });
    const actions = rows.map((r) => r.action).reverse();
    expect(actions).toEqual(expect.arrayContaining(['flow.submit', 'flow.reject', 'flow.approve', 'flow.publish', 'flow.pause', 'flow.resume', 'flow.stop', 'flow.archive']));
    const reject = rows.find((r) => r.action === 'flow.reject')!;
    expect(reject).toMatchObject({ username: 'supervisor', detail: { from: 'submitted', to: 'rejected', comment: '请增加对照组' } });
    await expect(h.as('planner').audit.list({ limit: 10, offset: 0 })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  test('an invalid flow cannot be submitted', async () => {
    const bad = await createFlow('planner', 'gz-broken');
    const d = doc(bad);
    d.edges = [];
    await h.as('planner').flows.save({ id: bad, revision: revision(bad), document: d });
    await expect(h.as('planner').governance.submit({ flowId: bad })).rejects.toMatchObject({ code: 'PRECONDITION_FAILED', message: expect.stringContaining('无法提交') });
  });
});

describe('visibility and conflicts between province and city flows', () => {
  test('city users see their city and the province flows; not other cities', async () => {
    const sz = await createFlow('planner_sz', 'sz-only');
    const prov = await createFlow('admin', 'prov-flow');
    await expect(h.as('planner').governance.get({ flowId: sz })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await h.as('planner').governance.get({ flowId: prov })).flow.orgUnit).toBe('province');
    expect((await h.as('planner_sz').governance.get({ flowId: prov })).flow.orgUnit).toBe('province');
    expect((await h.as('supervisor_prov').governance.get({ flowId: sz })).flow.orgUnit).toBe('sz');
  });

  test('a province flow overlapping a running gz flow: both see it, priority decides', async () => {
    const h2 = h;
    const gz = await createFlow('planner', 'gz-conflict', { city: 'gz' });
    await h2.as('planner').governance.submit({ flowId: gz });
    await h2.as('supervisor').governance.approve({ flowId: gz });
    await h2.as('supervisor').governance.publish({ flowId: gz });
    // a province flow owned by the province supervisor's unit, created directly (no province planner in the demo data)
    const provDoc = fixtureFlow('prov-5g', 'province', { priority: 80 });
    const now = new Date().toISOString();
    h2.db.prepare(`INSERT INTO flows (id, name, org_unit, owner_id, status, revision, document, created_at, updated_at) VALUES (?, ?, 'province', ?, 'draft', 1, ?, ?, ?)`)
      .run('prov-5g', provDoc.name, h2.userId('trainer'), JSON.stringify(provDoc), now, now);
    const fromProvince = await h2.as('supervisor_prov').governance.conflicts({ flowId: 'prov-5g' });
    expect(fromProvince.scope.cities).toEqual(['gz', 'sz', 'fs', 'dg', 'zh']);
    const c = fromProvince.conflicts.find((x) => x.flowId === gz)!;
    expect(c).toMatchObject({ sharedCities: ['gz'], winner: 'this', orgUnit: 'gz' });
    expect(c.overlapCustomers).toBeGreaterThan(0);
    // equal priority: province wins over city
    const city = fixtureFlow(gz, 'gz', { city: 'gz', priority: 80 });
    h2.db.prepare('UPDATE flows SET document = ? WHERE id = ?').run(JSON.stringify(city), gz);
    const fromCity = await h2.as('supervisor').governance.conflicts({ flowId: gz });
    expect(fromCity.conflicts).toEqual([]); // the province flow is only a draft: not yet a conflict
    h2.db.prepare("UPDATE flows SET status = 'approved' WHERE id = 'prov-5g'").run();
    const again = await h2.as('supervisor').governance.conflicts({ flowId: gz });
    expect(again.conflicts[0]).toMatchObject({ flowId: 'prov-5g', winner: 'other', reason: { en: expect.stringContaining('province flow goes before') } });
    // a Shenzhen-only flow does not overlap the gz flow
    const sz = await createFlow('planner_sz', 'sz-no-overlap', { city: 'sz' });
    const szView = await h2.as('planner_sz').governance.conflicts({ flowId: sz });
    expect(szView.conflicts.map((x) => x.flowId)).toEqual(['prov-5g']);
  });

  test('province flows are approved by province supervisors, not by city supervisors', async () => {
    await h.as('admin').users.create({ username: 'planner_prov', displayName: '省策划', orgUnit: 'province', roles: ['planner'], password: 'Province@2026' });
    const flowId = await createFlow('planner_prov', 'prov-approve');
    await h.as('planner_prov').governance.submit({ flowId });
    expect((await h.as('supervisor').governance.get({ flowId })).actions).toEqual([]);
    await expect(h.as('supervisor').governance.approve({ flowId })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect((await h.as('supervisor_prov').governance.inbox()).map((f) => f.id)).toContain(flowId);
    expect((await h.as('supervisor_prov').governance.approve({ flowId })).flow.status).toBe('approved');
  });

  test('lists are filtered by unit, status and owner', async () => {
    const gzList = await h.as('planner').governance.list({});
    expect(gzList.every((f) => f.orgUnit === 'gz' || f.orgUnit === 'province')).toBe(true);
    const szList = await h.as('planner_sz').governance.list({});
    expect(szList.map((f) => f.orgUnit).sort()).toEqual(expect.arrayContaining(['province', 'sz']));
    expect(szList.some((f) => f.orgUnit === 'gz')).toBe(false);
    const all = await h.as('supervisor_prov').governance.list({});
    expect(new Set(all.map((f) => f.orgUnit))).toEqual(new Set(['gz', 'sz', 'province']));
    const running = await h.as('supervisor_prov').governance.list({ status: ['running'] });
    expect(running.every((f) => f.status === 'running')).toBe(true);
    const mine = await h.as('planner').governance.list({ ownerId: h.userId('planner') });
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((f) => f.ownerId === h.userId('planner'))).toBe(true);
  });
});
