import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { compileStoredDocument } from '../../../server/governance/compile-for-publish.js';
import { loadTemplates } from '../../../server/governance/load-templates.js';
import { fixtureFlow } from './fixture-flow.js';
import { openHarness, type Harness } from './harness.js';

let h: Harness;
let sourceFlow: string;
beforeAll(async () => {
  h = openHarness();
  ({ id: sourceFlow } = await h.as('trainer').flows.create({ document: fixtureFlow('best-upsell', 'province', { name: '{{city}}流量加油包', smsText: '尊敬的{name}，{{city}}专享：{product}仅{price}元，回复1办理。{{slogan}}' }) }));
});
afterAll(() => h.close());

describe('template library', () => {
  let templateId: string;

  test('a trainer publishes a flow as a template with category, tags and parameters', async () => {
    const tpl = await h.as('trainer').templates.publish({
      flowId: sourceFlow, name: '流量加油包模板', category: '流量经营', description: '高流量用户加油包', tags: ['流量', '短信'],
      parameters: [{ key: 'product', label: '产品', kind: 'product' }, { key: 'city', label: '地市', kind: 'segment' }, { key: 'slogan', label: '口号', kind: 'text' }],
    });
    templateId = tpl.id;
    expect(tpl).toMatchObject({ category: '流量经营', partial: false, usageCount: 0, nodeCount: 5, source: 'user' });
    await expect(h.as('planner').templates.publish({ flowId: sourceFlow, name: 'x', category: 'x', description: '', tags: [], parameters: [] })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    // The category is one of the list, not free text (the gallery's filter must not splinter into spellings).
    await expect(h.as('trainer').templates.publish({ flowId: sourceFlow, name: 'x', category: '流量 经营', description: '', tags: [], parameters: [] }))
      .rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('不在模板分类列表中') });
  });

  test('a part of a flow (selected nodes and the edges between them) can be a template', async () => {
    const part = await h.as('trainer').templates.publish({ flowId: sourceFlow, nodeIds: ['sms', 'won', 'done'], name: '短信话术片段', category: '话术测试', description: '', tags: [], parameters: [] });
    expect(part).toMatchObject({ partial: true, nodeCount: 3 });
    const full = await h.as('planner').templates.get({ templateId: part.id });
    expect(full.document.edges.map((e) => e.id).sort()).toEqual(['e2', 'e3']);
  });

  test('the gallery searches and filters by category', async () => {
    const planner = h.as('planner');
    expect((await planner.templates.list({ search: '加油包' })).map((t) => t.id)).toEqual([templateId]);
    expect((await planner.templates.list({ category: '话术测试' })).map((t) => t.name)).toEqual(['短信话术片段']);
    expect((await planner.templates.categories()).map((c) => c.category)).toEqual(['流量经营', '话术测试']);
  });

  test('a planner instantiates a template into a new draft by filling its parameters', async () => {
    await expect(h.as('planner').templates.instantiate({ templateId, name: 'x', values: { product: 'nope', city: 'gz', slogan: 'a' } })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('未知产品') });
    const { flowId } = await h.as('planner').templates.instantiate({ templateId, name: '广州加油包', values: { product: 'dp_night', city: 'gz', slogan: '限时优惠' } });
    const got = await h.as('planner').flows.get({ id: flowId });
    expect(got).toMatchObject({ status: 'draft', orgUnit: 'gz', fromTemplate: templateId });
    const doc = got.document;
    expect(doc).toMatchObject({ id: flowId, name: '广州加油包', productId: 'dp_night', orgUnit: 'gz' });
    expect(doc.template).toBeUndefined();
    const seg = doc.nodes.find((n) => n.type === 'segment')!.data as { conditions: { rules: { field: string; value: unknown }[] } };
    expect(seg.conditions.rules).toContainEqual({ field: 'city', op: 'in', value: ['gz'] });
    const sms = doc.nodes.find((n) => n.id === 'sms')!.data as { script: { template: string } };
    expect(sms.script.template).toBe('尊敬的{name}，广州分公司专享：{product}仅{price}元，回复1办理。限时优惠');
    expect((await h.as('planner').templates.get({ templateId })).usageCount).toBe(1);
    // and the instantiated draft goes through the normal lifecycle
    expect((await h.as('planner').governance.submit({ flowId })).flow.status).toBe('submitted');
  });

  test('a completed run of an instantiated flow adds a case to its template', async () => {
    const { flowId } = await h.as('planner').templates.instantiate({ templateId, name: '广州加油包 2', values: { product: 'dp_10g', city: 'gz', slogan: '' + '回复1' } });
    await expect(h.as('planner').templates.addCase({ flowId, note: '效果好' })).rejects.toMatchObject({ code: 'PRECONDITION_FAILED' });
    await h.as('planner').governance.submit({ flowId });
    await h.as('supervisor').governance.approve({ flowId });
    await h.as('supervisor').governance.publish({ flowId });
    await h.as('supervisor').governance.complete({ flowId });
    const c = await h.as('trainer').templates.addCase({ flowId, note: '转化率 4.2%，高于均值' });
    expect(c.templateId).toBe(templateId);
    const cases = await h.as('planner').templates.cases({ templateId });
    expect(cases[0]).toMatchObject({ flowId, note: '转化率 4.2%，高于均值', orgUnit: 'gz' });
    expect((await h.as('planner').templates.get({ templateId })).caseCount).toBe(1);
  });

  test('templates in flows/ are loaded at start, idempotently, keeping usage counts', () => {
    const dir = mkdtempSync(join(tmpdir(), 'flows-'));
    const doc = { ...fixtureFlow('shipped-upsell', 'province'), template: { category: 'data_pack', tags: ['示例'], parameters: [{ key: 'product', label: '产品', kind: 'product' }] } };
    writeFileSync(join(dir, 'shipped-upsell.json'), JSON.stringify(doc));
    writeFileSync(join(dir, 'plain.json'), JSON.stringify(fixtureFlow('plain', 'gz')));
    writeFileSync(join(dir, 'broken.json'), '{ nope');
    const first = loadTemplates(h.db, dir);
    expect(first.loaded).toEqual(['shipped-upsell']);
    expect(first.skipped.map((s) => s.file)).toEqual(['broken.json']);
    h.db.prepare("UPDATE templates SET usage_count = 3 WHERE id = 'shipped-upsell'").run();
    writeFileSync(join(dir, 'shipped-upsell.json'), JSON.stringify({ ...doc, name: '改名后' }));
    loadTemplates(h.db, dir);
    const row = h.db.prepare("SELECT name, usage_count, source FROM templates WHERE id = 'shipped-upsell'").get();
    expect(row).toEqual({ name: '改名后', usage_count: 3, source: 'file' });
    expect(h.db.prepare('SELECT count(*) FROM templates WHERE id = ?').pluck().get('shipped-upsell')).toBe(1);
  });

  test('every shipped template in flows/ instantiates into a draft that validates and compiles', async () => {
    const { loaded } = loadTemplates(h.db, 'flows');
    expect(loaded.length).toBeGreaterThan(0);
    for (const id of loaded) {
      const { flowId } = await h.as('planner').templates.instantiate({ templateId: id, name: `来自 ${id}`, values: { product: 'dp_10g' } });
      const json = h.db.prepare('SELECT document FROM flows WHERE id = ?').pluck().get(flowId) as string;
      const out = compileStoredDocument(json);
      expect({ id, issues: out.ok ? [] : out.issues.map((i) => i.message.en) }).toEqual({ id, issues: [] });
    }
  });

  test('template actions are audited', async () => {
    const { rows } = await h.as('supervisor').audit.list({ entity: 'template', limit: 50, offset: 0 });
    expect(new Set(rows.map((r) => r.action))).toEqual(new Set(['template.publish', 'template.instantiate', 'template.case']));
  });
});
