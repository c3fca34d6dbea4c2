import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ZodError } from 'zod';
import { PLAN_BY_ID } from '../../../shared/catalogue/plans.js';
import { fieldById } from '../../../shared/catalogue/subscriber-fields.js';
import { scriptVars } from '../../../shared/flow/script-vars.js';
import { DATASET_FIELDS } from '../../../server/data/fields.js';
import { runImport } from '../../../server/data/import.js';
import { openHarness, type Harness } from '../governance/harness.js';

/** Tariff plans in the catalogue and subscribers' districts through the import (#18 item 1), on SQLite and (pg project) PostgreSQL. */
let h: Harness;
let dir: string;
beforeAll(() => {
  h = openHarness(500);
  dir = mkdtempSync(join(tmpdir(), 'linkage-plans-'));
  const id = h.db.prepare(`INSERT INTO users (username, display_name, password_hash, org_unit, disabled, created_at) VALUES ('admin_gz', '广州管理员', 'x', 'gz', 0, '2026-01-01') RETURNING id`).pluck().get() as number;
  h.db.prepare("INSERT INTO user_roles (user_id, role) VALUES (?, 'admin')").run(id);
});
afterAll(() => { h.close(); rmSync(dir, { recursive: true, force: true }); });

const plan = { id: 'plan_39_5g', name: { zh: '5G 39 元青春卡', en: '5G Youth 39' }, monthlyFee: 39, dataAllowanceMb: 30720, onSale: true };
const one = (sql: string, ...p: unknown[]): number => Number(h.db.prepare(sql).pluck().get(...p));

async function zodPaths(p: Promise<unknown>): Promise<Record<string, string>> {
  const e = await p.then(() => null, (err: unknown) => err as { cause?: unknown });
  expect(e?.cause).toBeInstanceOf(ZodError);
  return Object.fromEntries((e!.cause as ZodError).issues.map((i) => [i.path.join('.'), i.message]));
}

describe('tariff plans', () => {
  test('the seeded plans are catalogue rows everyone reads; the plan attribute offers them', async () => {
    const got = (await h.as('planner').catalogue.get()).catalogue.plans;
    expect(got).toHaveLength(8);
    expect(got.find((p) => p.id === 'plan_58')).toEqual({ id: 'plan_58', name: { zh: '58 元畅聊套餐', en: 'Talk 58' }, monthlyFee: 58, dataAllowanceMb: 10240, onSale: true });
    expect(fieldById('plan')!.options!.map((o) => o.value).sort()).toEqual(got.map((p) => p.id).sort());
    // every subscriber's plan is one of them
    expect(one('SELECT count(*) FROM subscribers WHERE plan NOT IN (SELECT id FROM tariff_plans)')).toBe(0);
  });

  test('bad input is refused field by field in both languages; duplicates and unknown plans are named; city admins and planners cannot edit', async () => {
    const bad = await zodPaths(h.as('admin').catalogue.savePlan({ mode: 'create', plan: { ...plan, id: 'Plan 39', name: { zh: '', en: 'x' }, monthlyFee: -1, dataAllowanceMb: 10.5 } }));
    expect(bad['plan.id']).toMatch(/小写字母.* \/ .*lowercase/);
    expect(bad['plan.name.zh']).toBe('请填写中文名称 / Enter the Chinese name');
    expect(bad['plan.monthlyFee']).toBe('月费不能为负 / The monthly fee cannot be negative');
    expect(bad['plan.dataAllowanceMb']).toBe('流量须为整数 MB / The data allowance is a whole number of MB');
    await expect(h.as('admin').catalogue.savePlan({ mode: 'create', plan: { ...plan, id: 'plan_58' } })).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('plan_58') });
    await expect(h.as('admin').catalogue.savePlan({ mode: 'update', plan: { ...plan, id: 'no_such_plan' } })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(h.as('admin_gz').catalogue.savePlan({ mode: 'create', plan })).rejects.toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('省公司') });
    await expect(h.as('planner').catalogue.savePlan({ mode: 'create', plan })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(PLAN_BY_ID[plan.id]).toBeUndefined();
  });

  test('a new plan is audited, versioned and read at once: the plan attribute, the script variable and the import accept it', async () => {
    const before = (await h.as('planner').catalogue.get()).version;
    await h.as('admin').catalogue.savePlan({ mode: 'create', plan });
    const after = await h.as('planner').catalogue.get();
    expect(after.version).toBe(before + 1);
    expect(after.catalogue.plans.find((p) => p.id === plan.id)).toEqual(plan);
    expect(h.db.prepare("SELECT entity_id FROM audit_log WHERE action = 'catalogue.plan.create'").pluck().all()).toEqual([`plan:${plan.id}`]);
    expect(fieldById('plan')!.options!.find((o) => o.value === plan.id)?.label).toEqual(plan.name);
    expect(scriptVars({ name: '陈一', city: 'gz', plan: plan.id, arpu: 40, data_used_mb: 100, data_allowance_mb: 30720 }, 'dp_10g', 'zh').plan).toBe('5G 39 元青春卡');
    expect(DATASET_FIELDS.subscribers.fields.find((f) => f.key === 'plan')!.options).toContain(plan.id);
    await h.as('admin').catalogue.savePlan({ mode: 'update', plan: { ...plan, name: { zh: '5G 39 元校园卡', en: '5G Campus 39' }, onSale: false } });
    expect(scriptVars({ name: 'Chen', city: 'gz', plan: plan.id, arpu: 40, data_used_mb: 100, data_allowance_mb: 30720 }, 'dp_10g', 'en').plan).toBe('5G Campus 39');
    expect(PLAN_BY_ID[plan.id]!.onSale).toBe(false);
  });

  test('a plan customers are on cannot be deleted (the count is named); an unused one can', async () => {
    const users = one("SELECT count(*) FROM subscribers WHERE plan = 'plan_58'");
    expect(users).toBeGreaterThan(0);
    await expect(h.as('admin').catalogue.deletePlan({ id: 'plan_58' })).rejects.toMatchObject({
      code: 'PRECONDITION_FAILED', message: `套餐「58 元畅聊套餐」还有 ${users} 位客户在用，不能删除；可改为停售 / Plan "Talk 58" is used by ${users} customers and cannot be deleted; take it off sale instead`,
    });
    expect(one("SELECT count(*) FROM tariff_plans WHERE id = 'plan_58'")).toBe(1);
    expect(one("SELECT count(*) FROM audit_log WHERE action = 'catalogue.plan.delete'")).toBe(0);
    await h.as('admin').catalogue.deletePlan({ id: plan.id });
    expect((await h.as('planner').catalogue.get()).catalogue.plans.map((p) => p.id)).not.toContain(plan.id);
    expect(PLAN_BY_ID[plan.id]).toBeUndefined();
    await expect(h.as('admin').catalogue.deletePlan({ id: plan.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('districts through the subscriber import', () => {
  const phone = (i: number): string => `199${String(80_000_000 + i).padStart(8, '0')}`;
  const importCsv = (name: string, lines: string[]) => {
    const file = join(dir, name);
    writeFileSync(file, `${['phone,city,district,plan', ...lines].join('\n')}\n`);
    return runImport(h.db, { dataset: 'subscribers', file, mode: 'upsert', dryRun: false, encoding: 'utf8', maxBadPercent: 0, reportFile: `${file}.bad.csv`, scopeCity: null, jobId: name }).then(
      (s) => ({ ok: true as const, summary: s, report: '' }),
      () => ({ ok: false as const, summary: null, report: readFileSync(`${file}.bad.csv`, 'utf8') }),
    );
  };

  test('a district must lie in the row\'s city: a mismatch is a bad row naming both, and nothing is applied', async () => {
    const before = one('SELECT count(*) FROM subscribers');
    const r = await importCsv('wrong-city.csv', [`${phone(1)},gz,gz_tianhe,plan_58`, `${phone(2)},sz,gz_tianhe,plan_58`, `${phone(3)},gz,mars,plan_58`]);
    expect(r.ok).toBe(false);
    expect(r.report).toContain('3,district,区县 gz_tianhe 不属于地市 sz,district gz_tianhe is not in city sz');
    expect(r.report).toMatch(/4,district,"?""mars"" 不是可选值之一/);
    expect(one('SELECT count(*) FROM subscribers')).toBe(before);
  });

  test('districts are stored, an empty cell is no district, and the district user sees exactly those customers', async () => {
    const r = await importCsv('districts.csv', [`${phone(11)},gz,gz_tianhe,plan_58`, `${phone(12)},gz,,lite_38`, `${phone(13)},sz,sz_nanshan,plan_88`]);
    expect(r.ok, r.report).toBe(true);
    const stored = h.db.prepare('SELECT phone, city, district FROM subscribers WHERE phone IN (?, ?, ?) ORDER BY phone').all(phone(11), phone(12), phone(13));
    expect(stored).toEqual([{ phone: phone(11), city: 'gz', district: 'gz_tianhe' }, { phone: phone(12), city: 'gz', district: null }, { phone: phone(13), city: 'sz', district: 'sz_nanshan' }]);
    // a phone is looked up by POST (findCustomer), then traced by id
    const traced = async (user: string, p: string) => {
      const found = await h.as(user).monitoring.findCustomer({ query: p });
      return found.customer && (await h.as(user).monitoring.trace({ customerId: found.customer.id })).customer;
    };
    expect(await traced('planner_th', phone(11))).toMatchObject({ district: 'gz_tianhe' });
    expect(await traced('planner_th', phone(12))).toBeNull();
    expect(await traced('planner', phone(12))).toMatchObject({ city: 'gz', district: null });
  });
});
