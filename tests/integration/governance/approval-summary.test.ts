import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { fixtureFlow } from './fixture-flow.js';
import { openHarness, type Harness } from './harness.js';

let h: Harness;
beforeAll(() => { h = openHarness(400); });
afterAll(() => h.close());

const doc = (flowId: string) => JSON.parse(h.db.prepare('SELECT document FROM flows WHERE id = ?').pluck().get(flowId) as string);
const revision = (flowId: string) => h.db.prepare('SELECT revision FROM flows WHERE id = ?').pluck().get(flowId) as number;
/** The supervisor's forecast, which nothing here supersedes. */
async function forecastOf(flowId: string) {
  const f = await h.as('supervisor').governance.forecast({ flowId });
  if ('superseded' in f) throw new Error('the forecast was superseded');
  return f;
}
const shanghaiHour = (ms: number) => Number(new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', hourCycle: 'h23' }).format(ms));

describe('what a supervisor sees before deciding', () => {
  let flowId: string;

  test('the submitter\'s note and the approver\'s comment are stored with the revision and in the audit log', async () => {
    ({ id: flowId } = await h.as('planner').flows.create({ document: fixtureFlow('gz-note', 'gz', { city: 'gz' }) }));
    await h.as('planner').governance.submit({ flowId, comment: '首版：广州智能机用户，短信营业厅推送' });
    await h.as('supervisor').governance.approve({ flowId, comment: '内容合规，同意' });
    const { reviews, flow } = await h.as('supervisor').governance.get({ flowId });
    expect(reviews.map((r) => [r.decision, r.revision, r.comment])).toEqual([
      ['approved', flow.revision, '内容合规，同意'],
      ['submitted', flow.revision, '首版：广州智能机用户，短信营业厅推送'],
    ]);
    const audit = await h.as('admin').audit.list({ entityId: flowId, limit: 10, offset: 0 });
    const approved = audit.rows.find((r) => r.action === 'flow.approve')!;
    expect(JSON.stringify(approved.detail)).toContain('内容合规，同意');
  });

  test('a note or comment longer than 2000 characters is refused with a clear error, not stored', async () => {
    const { id } = await h.as('planner').flows.create({ document: fixtureFlow('gz-long-note', 'gz', { city: 'gz' }) });
    await expect(h.as('planner').governance.submit({ flowId: id, comment: 'x'.repeat(2001) })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    expect((await h.as('planner').governance.get({ flowId: id })).flow.status).toBe('draft');
  });

  test('the readable diff against the published version shows the changed message text and condition as old → new', async () => {
    await h.as('supervisor').governance.publish({ flowId });
    const d = doc(flowId);
    d.nodes[1].data.script.template = '限时：10GB 流量包 25 元，回复 1 订购';
    d.nodes[0].data.conditions.rules.push({ field: 'age', op: 'gte', value: 30 });
    await h.as('planner').flows.save({ id: flowId, revision: revision(flowId), document: d });
    await h.as('planner').governance.submit({ flowId, comment: '降价并只针对 30 岁以上' });
    const { readable, baseVersion } = await h.as('supervisor').governance.diff({ flowId });
    expect(baseVersion).toBe(1);
    const fields = readable.nodes.flatMap((n) => n.fields.map((f) => ({ node: n.title.zh, label: f.label.zh, before: f.before?.zh, after: f.after?.zh })));
    expect(fields).toContainEqual(expect.objectContaining({ node: '话术步骤', label: '话术 · 消息内容', after: '限时：10GB 流量包 25 元，回复 1 订购' }));
    expect(fields).toContainEqual(expect.objectContaining({ node: '目标客群', label: '筛选条件', after: '智能机：是 且 地市 属于 广州分公司 且 年龄 大于等于 30 岁' }));
  });

  test('the forecast: audience in the store, the first send inside contact hours, cost and channel load from a simulation', async () => {
    let f = await forecastOf(flowId);
    expect(f.audience.treated).toBe(f.audience.count - f.audience.control);
    expect(f.audience.treated).toBeGreaterThan(0);
    expect(f.firstSend?.channel).toBe('sms_hall');
    const hour = shanghaiHour(f.firstSend!.at!);
    expect(hour).toBeGreaterThanOrEqual(8);
    expect(hour).toBeLessThan(21);
    // the simulation runs in the background: wait for it to finish (bounded by the test timeout)
    while (f.simulation.state === 'running') {
      await new Promise((r) => setImmediate(r));
      f = await forecastOf(flowId);
    }
    expect(f.simulation.state).toBe('done');
    expect(f.simulation.cost).toBeGreaterThan(0);
    expect(f.simulation.channels[0]).toMatchObject({ channel: 'sms_hall', contacts: expect.any(Number) });
    expect(f.simulation.channels[0]!.contacts).toBeGreaterThan(0);
  }, 120_000);

  test('units and roles are checked', async () => {
    await expect(h.as('planner_sz').governance.forecast({ flowId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(h.as('agent').governance.forecast({ flowId })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(h.as('supervisor').governance.forecast({ flowId: '' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });
});
