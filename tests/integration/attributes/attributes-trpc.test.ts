import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { FIELD_BY_ID } from '../../../shared/catalogue/subscriber-fields.js';
import type { ConditionGroup } from '../../../shared/flow/conditions.js';
import { Engine } from '../../../server/engine/runtime/engine.js';
import { engineRunControl } from '../../../server/engine/runtime/run-control.js';
import { fixtureFlow } from '../governance/fixture-flow.js';
import { openHarness, type Harness } from '../governance/harness.js';

type Caller = ReturnType<Harness['as']>;
let h: Harness;
let dir: string;
let engine: Engine;

beforeAll(() => {
  h = openHarness(300);
  dir = mkdtempSync(join(tmpdir(), 'linkage-attrs-'));
  h.services.config = { ...h.services.config, DATABASE_PATH: join(dir, 'store.db') };
  engine = new Engine(h.db);
  (h.services as { runControl: unknown }).runControl = engineRunControl(engine);
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  h.close();
});

const L = (zh: string, en: string) => ({ zh, en });
const noExclusions = { optedOut: false, doNotDisturb: false, ownsOffer: false, inOtherActiveFlow: false, exclusionList: '' };
const segment = (conditions: ConditionGroup) => ({ conditions, exclusions: noExclusions, controlGroupPct: 0, entry: { mode: 'once' as const }, reentry: { mode: 'never' as const } });
const ids = (sql: string, ...params: unknown[]): number[] => (h.db.prepare(sql).pluck().all(...params) as (number | string)[]).map(Number).sort((a, b) => a - b);

async function importCsv(as: Caller, text: string, mapping: Record<string, string>) {
  const { uploadId } = await as.data.upload({ chunkBase64: Buffer.from(text).toString('base64') });
  const { jobId } = await as.data.start({ dataset: 'subscribers', uploadId, mapping: { columns: mapping } });
  return vi.waitFor(async () => {
    const s = await as.data.status({ jobId });
    expect(s.status).not.toBe('running');
    return s;
  }, { timeout: 30_000, interval: 30 });
}

describe('attributes.* (tRPC): the attribute catalogue in the store', () => {
  test('the seeded set is the demo fields; everyone logged in reads it, nobody logged out', async () => {
    const list = await h.as('planner').attributes.list();
    expect(list.map((a) => a.id)).toEqual(expect.arrayContaining(['group', 'city', 'plan', 'arpu', 'dataUsagePct', 'smartphone', 'churnRisk', 'joinedOn']));
    expect(list.find((a) => a.id === 'dataUsagePct')).toMatchObject({ type: 'number', builtin: true });
    expect(list.find((a) => a.id === 'dataUsagePct')!.column).toBeUndefined();
    await expect(h.as(null).attributes.list()).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });

  test('an admin defines one attribute of each type: a column each, an audit row each; others are refused', async () => {
    const admin = h.as('admin');
    await admin.attributes.define({ key: 'creditScore', type: 'integer', label: L('信用分', 'Credit score'), unit: L('分', 'pts') });
    await admin.attributes.define({ key: 'balance', type: 'number', label: L('余额', 'Balance'), unit: L('元', 'CNY') });
    await admin.attributes.define({ key: 'isStaff', type: 'boolean', label: L('内部员工', 'Staff') });
    await admin.attributes.define({ key: 'vipLevel', type: 'enum', label: L('会员等级', 'VIP level'), options: [{ value: 'gold', label: L('金卡', 'Gold') }, { value: 'silver', label: L('银卡', 'Silver') }] });
    await admin.attributes.define({ key: 'tags', type: 'text', label: L('标签', 'Tags'), description: L('数仓标签', 'warehouse tags') });
    await admin.attributes.define({ key: 'lastRechargeOn', type: 'date', label: L('最近充值日', 'Last recharge') });
    const cols = Object.keys(h.db.prepare('SELECT * FROM subscribers LIMIT 1').get() as object);
    expect(cols).toEqual(expect.arrayContaining(['attr_credit_score', 'attr_balance', 'attr_is_staff', 'attr_vip_level', 'attr_tags', 'attr_last_recharge_on']));
    expect(h.db.prepare("SELECT count(*) FROM audit_log WHERE action = 'attribute.define'").pluck().get()).toBe(6);
    // the process's live list (validator, condition SQL) has them at once
    expect(FIELD_BY_ID.vipLevel?.options?.map((o) => o.value)).toEqual(['gold', 'silver']);
    await expect(h.as('planner').attributes.define({ key: 'nope', type: 'text', label: L('无', 'No') })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  test('bad input is refused naming the field, in both languages', async () => {
    const admin = h.as('admin');
    await expect(admin.attributes.define({ key: 'Credit-Score', type: 'integer', label: L('x', 'x') })).rejects.toThrow(/key|属性键/);
    await expect(admin.attributes.define({ key: 'score2', type: 'float' as 'number', label: L('x', 'x') })).rejects.toThrow(/type|类型/);
    await expect(admin.attributes.define({ key: 'level2', type: 'enum', label: L('x', 'x') })).rejects.toThrow(/枚举属性至少需要一个取值（options） \/ options: an enum/);
    await expect(admin.attributes.define({ key: 'creditScore', type: 'integer', label: L('x', 'x') })).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('key') });
    await expect(admin.attributes.define({ key: 'noLabel', type: 'text', label: L('', 'x') })).rejects.toThrow(/中文名称/);
    await expect(admin.attributes.remove({ key: 'age' })).rejects.toMatchObject({ code: 'PRECONDITION_FAILED' });
  });

  test('an import fills the new attributes; a segment counts on them; a published flow enrols exactly those customers', async () => {
    const admin = h.as('admin');
    const base = h.db.prepare("SELECT phone, city FROM subscribers ORDER BY id LIMIT 120").all() as { phone: string; city: string }[];
    const lines = ['手机号码,地市,信用分,会员,最近充值,标签,员工,余额'];
    base.forEach((s, i) => lines.push([s.phone, s.city, 500 + i * 3, i % 3 ? 'silver' : 'gold', `2026-${String(1 + (i % 12)).padStart(2, '0')}-15`, i % 4 ? '"流量,夜猫"' : '家庭', i % 10 ? '否' : '是', (i * 1.5).toFixed(1)].join(',')));
    const s = await importCsv(admin, lines.join('\n') + '\n', { 手机号码: 'phone', 地市: 'city', 信用分: 'creditScore', 会员: 'vipLevel', 最近充值: 'lastRechargeOn', 标签: 'tags', 员工: 'isStaff', 余额: 'balance' });
    expect(s).toMatchObject({ status: 'succeeded', badRows: 0 });
    expect(Number(h.db.prepare('SELECT count(*) FROM subscribers WHERE attr_credit_score IS NOT NULL').pluck().get())).toBe(120);

    // a bad enum value in the new attribute is a bad row naming it
    const bad = await importCsv(admin, `手机号码,地市,会员\n${base[0]!.phone},${base[0]!.city},platinum\n`, { 手机号码: 'phone', 地市: 'city', 会员: 'vipLevel' });
    expect(bad.status).toBe('failed');

    const planner = h.as('planner');
    const cases: [ConditionGroup, string, unknown[]][] = [
      [{ combinator: 'and', rules: [{ field: 'creditScore', op: 'gte', value: 700 }], groups: [] }, 'attr_credit_score >= ?', [700]],
      [{ combinator: 'and', rules: [{ field: 'vipLevel', op: 'in', value: ['gold'] }, { field: 'isStaff', op: 'is', value: false }], groups: [] }, "attr_vip_level = 'gold' AND attr_is_staff = 0", []],
      [{ combinator: 'and', rules: [{ field: 'tags', op: 'contains', value: '夜猫' }], groups: [] }, "attr_tags LIKE '%夜猫%'", []],
      [{ combinator: 'and', rules: [{ field: 'tags', op: 'eq', value: '家庭' }], groups: [] }, "attr_tags = '家庭'", []],
      [{ combinator: 'and', rules: [{ field: 'lastRechargeOn', op: 'between', value: ['2026-03-01', '2026-06-30'] }], groups: [] }, "attr_last_recharge_on BETWEEN '2026-03-01' AND '2026-06-30'", []],
      [{ combinator: 'or', rules: [{ field: 'lastRechargeOn', op: 'before', value: '2026-02-01' }, { field: 'balance', op: 'between', value: [10, 20] }], groups: [] }, "(attr_last_recharge_on < '2026-02-01' OR attr_balance BETWEEN 10 AND 20)", []],
      [{ combinator: 'and', rules: [{ field: 'lastRechargeOn', op: 'within_days', value: 400 }], groups: [] }, 'attr_last_recharge_on IS NOT NULL', []],
    ];
    for (const [conditions, where, params] of cases) {
      const r = await planner.segment.audience({ segment: segment(conditions), orgUnit: 'gz' });
      expect(r.count, where).toBe(ids(`SELECT id FROM subscribers WHERE city = 'gz' AND ${where}`, ...params).length);
      expect(r.count, where).toBeGreaterThan(0);
    }

    // a flow on the new attribute: enrolment picks exactly the matching customers of its city
    const doc = fixtureFlow('on-credit', 'gz');
    doc.nodes[0]!.data = segment({ combinator: 'and', rules: [{ field: 'creditScore', op: 'gte', value: 700 }, { field: 'vipLevel', op: 'in', value: ['silver'] }], groups: [] });
    const { id: flowId } = await planner.flows.create({ document: doc });
    await planner.governance.submit({ flowId });
    await h.as('supervisor').governance.approve({ flowId });
    await h.as('supervisor').governance.publish({ flowId });
    engine.tickSync(Date.now(), 'live');
    const runId = h.db.prepare('SELECT id FROM runs WHERE flow_id = ?').pluck().get(flowId);
    const enrolled = ids('SELECT customer_id FROM journeys WHERE run_id = ?', runId);
    expect(enrolled.length).toBeGreaterThan(0);
    expect(enrolled).toEqual(ids("SELECT id FROM subscribers WHERE city = 'gz' AND attr_credit_score >= 700 AND attr_vip_level = 'silver'"));

    // the validator knows the new attribute's type: an integer wants a whole number, an enum its values
    const wrong = fixtureFlow('wrong-credit', 'gz');
    wrong.nodes[0]!.data = segment({ combinator: 'and', rules: [{ field: 'creditScore', op: 'gte', value: 700.5 }, { field: 'vipLevel', op: 'in', value: ['platinum'] }, { field: 'tags', op: 'gt', value: 3 }], groups: [] });
    const { id: wrongId } = await planner.flows.create({ document: wrong });
    await expect(planner.governance.submit({ flowId: wrongId })).rejects.toThrow(/整数[\s\S]*platinum[\s\S]*gt/);

    // deleting an attribute a flow uses is refused, naming the flow
    await expect(admin.attributes.remove({ key: 'creditScore' })).rejects.toThrow(/测试流程 on-credit/);
    expect((await admin.attributes.usage({ key: 'vipLevel' })).flows.map((f) => f.name)).toContain('测试流程 on-credit');
  });

  test('an unused attribute is deleted with its column; labels and enum values are edited; each change is audited', async () => {
    const admin = h.as('admin');
    await admin.attributes.update({ key: 'tags', label: L('客户标签', 'Customer tags'), description: L('来自数仓', 'from the warehouse') });
    expect((await admin.attributes.list()).find((a) => a.id === 'tags')?.label).toEqual(L('客户标签', 'Customer tags'));
    await expect(admin.attributes.update({ key: 'tags', label: L('x', 'x'), options: [{ value: 'a', label: L('a', 'a') }] })).rejects.toThrow(/options/);
    await admin.attributes.define({ key: 'scratch', type: 'text', label: L('临时', 'Scratch') });
    await admin.attributes.remove({ key: 'scratch' });
    expect((await admin.attributes.list()).some((a) => a.id === 'scratch')).toBe(false);
    expect(Object.keys(h.db.prepare('SELECT * FROM subscribers LIMIT 1').get() as object)).not.toContain('attr_scratch');
    expect(h.db.prepare("SELECT action FROM audit_log WHERE entity = 'attribute' AND entity_id IN ('tags', 'scratch') ORDER BY id").pluck().all()).toEqual(['attribute.define', 'attribute.update', 'attribute.define', 'attribute.delete']);
  });

  test('the CLI import (another process) maps a file column to an attribute defined over the API', async () => {
    await h.as('admin').attributes.define({ key: 'cliScore', type: 'integer', label: L('命令行分', 'CLI score') });
    const rows = h.db.prepare('SELECT phone, city FROM subscribers ORDER BY id LIMIT 50').all() as { phone: string; city: string }[];
    const file = join(dir, 'cli.csv');
    writeFileSync(file, ['手机号码,地市,分数', ...rows.map((r, i) => `${r.phone},${r.city},${i}`)].join('\n') + '\n');
    const mapping = join(dir, 'cli-mapping.json');
    writeFileSync(mapping, JSON.stringify({ columns: { 手机号码: 'phone', 地市: 'city', 分数: 'cliScore' } }));
    const env = { ...process.env, LOG_LEVEL: 'silent', ...(h.db.name.startsWith('postgres') ? { DATABASE_URL: h.db.name } : { DATABASE_PATH: h.db.name, DATABASE_URL: '' }) };
    if (!env.DATABASE_URL) delete (env as Record<string, string | undefined>).DATABASE_URL;
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli/data.ts', 'import', 'subscribers', file, '--mapping', mapping], { env, cwd: process.cwd() });
    let err = '';
    child.stderr.on('data', (d: Buffer) => { err += d.toString(); });
    const code = await new Promise<number>((ok) => child.on('close', (c) => ok(c ?? -1)));
    expect(code, err).toBe(0);
    expect(Number(h.db.prepare('SELECT sum(attr_cli_score) FROM subscribers').pluck().get())).toBe((49 * 50) / 2);
  });

  test('another process sees a new attribute at its next request (version counter), without a restart', async () => {
    // what a second API process would do: define the attribute in the store directly, as another process's transaction
    h.db.exec('ALTER TABLE subscribers ADD COLUMN attr_other_proc INTEGER');
    h.db.prepare(`INSERT INTO attributes (key, label_zh, label_en, type, sql, column_name, builtin, position, updated_at) VALUES ('otherProc', '他处', 'Elsewhere', 'integer', 's.attr_other_proc', 'attr_other_proc', 0, 99, 0)`).run();
    h.db.prepare("UPDATE catalogue_versions SET version = version + 1 WHERE name = 'attributes'").run();
    const r = await h.as('planner').segment.audience({ segment: segment({ combinator: 'and', rules: [{ field: 'otherProc', op: 'eq', value: 1 }], groups: [] }), orgUnit: 'gz' });
    expect(r.count).toBe(0);
    expect((await h.as('planner').attributes.list()).some((a) => a.id === 'otherProc')).toBe(true);
  });
});
