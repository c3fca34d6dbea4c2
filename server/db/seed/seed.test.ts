import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNELS } from '../../../shared/catalogue/channels.js';
import { GROUP_IDS } from '../../../shared/catalogue/groups.js';
import { PLAN_BY_ID } from '../../../shared/catalogue/plans.js';
import { PRODUCT_CATEGORIES, PRODUCTS } from '../../../shared/catalogue/products.js';
import { verifyPassword } from '../../auth/password.js';
import { ROLES } from '../../../shared/roles.js';
import { openDb, type Db } from '../open.js';
import { FIT_WEIGHTS, PRIOR_STRENGTH } from './catalogue.js';
import { seedIfEmpty } from './index.js';
import { BLACKLIST, REFERENCE_DATE } from './subscribers.js';
import { DEMO_PASSWORD, DEMO_USERS } from './users.js';

const N = 20_000;
const SEED = 20261123;

let dir: string;
const dbs: Db[] = [];
function seeded(name: string, subscribers: number, seed: number): { db: Db; result: { seeded: boolean; ms: number } } {
  const db = openDb(join(dir, `${name}.db`));
  dbs.push(db);
  return { db, result: seedIfEmpty(db, { subscribers, seed }) };
}

/** sha256 of each seeded table's full contents, rows in a total order (every column). */
function tableHashes(db: Db): Record<string, string> {
  const names = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'schema_migrations' ORDER BY name")
    .pluck()
    .all() as string[];
  const out: Record<string, string> = {};
  for (const t of names) {
    const cols = (db.prepare('SELECT count(*) FROM pragma_table_info(?)').pluck().get(t) as number);
    const order = Array.from({ length: cols }, (_, i) => i + 1).join(', ');
    const h = createHash('sha256');
    for (const row of db.prepare(`SELECT * FROM "${t}" ORDER BY ${order}`).raw().iterate()) h.update(JSON.stringify(row) + '\n');
    out[t] = h.digest('hex');
  }
  return out;
}

const one = <T = number>(db: Db, sql: string, ...params: unknown[]): T => db.prepare(sql).pluck().get(...params) as T;

let db: Db;
let firstResult: { seeded: boolean; ms: number };

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'linkage-seed-'));
  ({ db, result: firstResult } = seeded('a', N, SEED));
});
afterAll(() => {
  for (const d of dbs) if (d.open) d.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('seedIfEmpty', () => {
  it('seeds a fresh database once, then leaves it alone', () => {
    expect(firstResult.seeded).toBe(true);
    expect(firstResult.ms).toBeGreaterThanOrEqual(0);
    const before = one(db, 'SELECT count(*) FROM subscribers');
    expect(seedIfEmpty(db, { subscribers: 50, seed: 1 }).seeded).toBe(false);
    expect(one(db, 'SELECT count(*) FROM subscribers')).toBe(before);
  });

  it('loads the catalogue', () => {
    expect(one(db, 'SELECT count(*) FROM channels')).toBeGreaterThanOrEqual(12);
    expect(one(db, 'SELECT count(*) FROM products')).toBeGreaterThanOrEqual(12);
    expect(one(db, 'SELECT count(*) FROM products')).toBe(PRODUCTS.length);
    expect(one(db, 'SELECT count(*) FROM customer_groups')).toBe(10);
    expect(one(db, 'SELECT count(*) FROM org_units WHERE parent IS NOT NULL')).toBeGreaterThanOrEqual(4);
    const idx = db.prepare('SELECT id, idx, stages FROM channels ORDER BY idx').all() as { id: string; idx: number; stages: string }[];
    expect(idx.map((c) => c.id)).toEqual(CHANNELS.map((c) => c.id));
    expect(JSON.parse(idx[0]!.stages)).toEqual(CHANNELS[0]!.stages);
  });

  it('builds the CP fit table: 10 groups × 12 channels, sensible for the groups', () => {
    expect(one(db, 'SELECT count(*) FROM group_channel_fit')).toBe(120);
    const rows = db.prepare('SELECT * FROM group_channel_fit').all() as { group_id: string; channel_id: string; awareness: number; acceptance: number; ease: number; ordering: number; score: number }[];
    const fit = (g: string, c: string) => rows.find((r) => r.group_id === g && r.channel_id === c)!;
    for (const r of rows) {
      for (const v of [r.awareness, r.acceptance, r.ease, r.ordering, r.score]) expect(v >= 0 && v <= 1).toBe(true);
      const expected = FIT_WEIGHTS.awareness * r.awareness + FIT_WEIGHTS.acceptance * r.acceptance + FIT_WEIGHTS.ease * r.ease + FIT_WEIGHTS.ordering * r.ordering;
      expect(r.score).toBeCloseTo(expected, 3);
    }
    const best = (g: string) => [...rows].filter((r) => r.group_id === g).sort((a, b) => b.score - a.score).slice(0, 3).map((r) => r.channel_id);
    expect(best('student')).toEqual(expect.arrayContaining(['app', 'wechat']));
    expect(best('young_pro')).toEqual(expect.arrayContaining(['app', 'wechat']));
    expect(best('business')).toEqual(expect.arrayContaining(['outbound_call', 'app']));
    expect(best('senior')).toEqual(expect.arrayContaining(['store', 'ivr_10086']));
    expect(best('farmer')).toEqual(expect.arrayContaining(['dealer', 'store']));
    expect(best('homemaker')).toContain('wechat');
    for (const c of ['app', 'wechat', 'online_mall']) expect(fit('senior', c).score).toBeLessThan(0.2);
  });

  it('stores Beta response priors with strength 50 and clamped means', () => {
    expect(one(db, 'SELECT count(*) FROM response_estimates')).toBe(10 * 12 * PRODUCT_CATEGORIES.length);
    expect(one(db, `SELECT count(*) FROM response_estimates WHERE abs(alpha + beta - ${PRIOR_STRENGTH}) > 1e-6`)).toBe(0);
    expect(one(db, 'SELECT min(alpha / (alpha + beta)) FROM response_estimates')).toBeGreaterThanOrEqual(0.005 - 1e-9);
    expect(one(db, 'SELECT max(alpha / (alpha + beta)) FROM response_estimates')).toBeLessThanOrEqual(0.6);
    const mean = (g: string, c: string, cat: string) => one(db, 'SELECT alpha / (alpha + beta) FROM response_estimates WHERE group_id = ? AND channel_id = ? AND category = ?', g, c, cat);
    expect(mean('senior', 'store', 'handset')).toBeGreaterThan(mean('senior', 'app', 'handset'));
    expect(mean('family', 'store', 'broadband')).toBeGreaterThan(mean('student', 'store', 'broadband'));
    expect(mean('student', 'wechat', 'data_pack')).toBeGreaterThan(mean('senior', 'wechat', 'data_pack'));
  });

  it('creates a demo user for every role; the demo password verifies', () => {
    const users = db.prepare('SELECT u.username, u.display_name, u.org_unit, u.password_hash, group_concat(r.role) AS roles FROM users u JOIN user_roles r ON r.user_id = u.id GROUP BY u.id').all() as { username: string; display_name: string; org_unit: string; password_hash: string; roles: string }[];
    expect(users).toHaveLength(DEMO_USERS.length);
    for (const role of ROLES) expect(users.some((u) => u.roles.split(',').includes(role)), role).toBe(true);
    for (const demo of DEMO_USERS) {
      const u = users.find((x) => x.username === demo.username)!;
      expect(u.org_unit).toBe(demo.orgUnit);
      expect(u.display_name).toBe(demo.displayName);
      expect(u.roles.split(',').sort()).toEqual([...demo.roles].sort());
      expect(verifyPassword(DEMO_PASSWORD, u.password_hash)).toBe(true);
      expect(verifyPassword('wrong', u.password_hash)).toBe(false);
    }
    expect(DEMO_USERS.find((u) => u.username === 'supervisor')!.orgUnit).toBe('gz');
  });

  it('creates the requested subscribers in every city, with unique well-formed phones', () => {
    expect(one(db, 'SELECT count(*) FROM subscribers')).toBe(N);
    const empty = db.prepare("SELECT o.id FROM org_units o WHERE o.parent = 'province' AND NOT EXISTS (SELECT 1 FROM subscribers s WHERE s.city = o.id)").pluck().all();
    expect(empty).toEqual([]);
    // Every demo district has customers, each district lies in its customer's city, and the cities keep some without one.
    const districts = db.prepare("SELECT o.id FROM org_units o JOIN org_units c ON c.id = o.parent WHERE c.parent = 'province'").pluck().all() as string[];
    expect(districts.length).toBeGreaterThan(0);
    for (const d of districts) expect(one(db, `SELECT count(*) FROM subscribers WHERE district = '${d}'`)).toBeGreaterThan(0);
    expect(one(db, 'SELECT count(*) FROM subscribers s WHERE s.district IS NOT NULL AND NOT EXISTS (SELECT 1 FROM org_units o WHERE o.id = s.district AND o.parent = s.city)')).toBe(0);
    expect(one(db, "SELECT count(*) FROM subscribers WHERE city = 'gz' AND district IS NULL")).toBeGreaterThan(0);
    expect(one(db, 'SELECT count(*) FROM subscribers WHERE city NOT IN (SELECT id FROM org_units)')).toBe(0);
    expect(one(db, 'SELECT count(*) FROM subscribers WHERE group_id NOT IN (SELECT id FROM customer_groups)')).toBe(0);
    expect(one(db, 'SELECT count(DISTINCT group_id) FROM subscribers')).toBe(GROUP_IDS.length);
    expect(one(db, 'SELECT count(DISTINCT phone) FROM subscribers')).toBe(N);
    const phones = db.prepare('SELECT phone FROM subscribers').pluck().all() as string[];
    expect(phones.every((p) => /^1[358]\d{9}$/.test(p))).toBe(true);
    expect(one(db, "SELECT count(*) FROM subscribers WHERE length(name) < 2 OR name GLOB '*[A-Za-z0-9]*'")).toBe(0);
  });

  it('has correlated, realistic attributes', () => {
    const share = (where: string, of = '1') => one(db, `SELECT avg(CASE WHEN ${where} THEN 1.0 ELSE 0 END) FROM subscribers WHERE ${of}`);
    // Seniors mostly on feature phones, students almost all on smartphones.
    expect(share('smartphone = 1', "group_id = 'senior'")).toBeLessThan(0.4);
    expect(share('smartphone = 1', "group_id = 'student'")).toBeGreaterThan(0.95);
    // 15–20% above 80% of their allowance (the data-pack upsell segment).
    const heavy = share('data_used_mb > 0.8 * data_allowance_mb');
    expect(heavy).toBeGreaterThan(0.15);
    expect(heavy).toBeLessThan(0.2);
    // Plans follow the group; the allowance is the plan's.
    expect(share("plan = 'campus_29'", "group_id = 'student'")).toBeGreaterThan(0.6);
    expect(one(db, "SELECT count(*) FROM subscribers WHERE group_id = 'senior' AND plan NOT IN ('senior_18', 'basic_18', 'lite_38')")).toBe(0);
    expect(share("plan IN ('plan_128_5g', 'plan_198_5g')", "group_id = 'business'")).toBeGreaterThan(0.5);
    const allowances = db.prepare('SELECT DISTINCT plan, data_allowance_mb FROM subscribers').all() as { plan: string; data_allowance_mb: number }[];
    for (const a of allowances) expect(a.data_allowance_mb).toBe(PLAN_BY_ID[a.plan]!.dataAllowanceMb);
    // Ages fit the group; ARPU near the plan fee.
    expect(one(db, "SELECT min(age) FROM subscribers WHERE group_id = 'senior'")).toBeGreaterThanOrEqual(60);
    expect(one(db, "SELECT max(age) FROM subscribers WHERE group_id IN ('student', 'youth')")).toBeLessThan(30);
    expect(one(db, "SELECT avg(arpu) FROM subscribers WHERE plan = 'plan_198_5g'")).toBeGreaterThan(one(db, "SELECT avg(arpu) FROM subscribers WHERE plan = 'basic_18'") * 5);
    // Contact policy flags.
    const dnd = share('dnd = 1');
    expect(dnd).toBeGreaterThan(0.02);
    expect(dnd).toBeLessThan(0.045);
    const bulkBit = 2 ** CHANNELS.findIndex((c) => c.id === 'bulk_sms');
    const bulk = share(`(opt_out_mask & ${bulkBit}) <> 0`);
    expect(bulk).toBeGreaterThan(0.035);
    expect(bulk).toBeLessThan(0.065);
    expect(one(db, `SELECT count(*) FROM subscribers WHERE (opt_out_mask & ${2 ** CHANNELS.findIndex((c) => c.id === 'outbound_call')}) <> 0`)).toBeGreaterThan(0);
    expect(one(db, 'SELECT count(*) FROM subscribers WHERE churn_risk NOT BETWEEN 0 AND 100')).toBe(0);
  });

  it('dates joins consistently with tenure, including some daily newcomers', () => {
    expect(one(db, `SELECT count(*) FROM subscribers WHERE abs(tenure_months - (julianday('${REFERENCE_DATE}') - julianday(joined_on)) / 30.4375) >= 1`)).toBe(0);
    expect(one(db, `SELECT count(*) FROM subscribers WHERE joined_on > '${REFERENCE_DATE}'`)).toBe(0);
    expect(one(db, `SELECT count(*) FROM subscribers WHERE joined_on >= date('${REFERENCE_DATE}', '-6 days')`)).toBeGreaterThan(5);
  });

  it('records owned products and the saved blacklist', () => {
    const owners = one(db, 'SELECT count(DISTINCT subscriber_id) FROM subscriber_products') / N;
    expect(owners).toBeGreaterThan(0.07);
    expect(owners).toBeLessThan(0.15);
    expect(one(db, 'SELECT count(*) FROM subscriber_products WHERE product_id NOT IN (SELECT id FROM products)')).toBe(0);
    expect(one(db, "SELECT count(*) FROM subscribers s WHERE has_broadband = 1 AND NOT EXISTS (SELECT 1 FROM subscriber_products p WHERE p.subscriber_id = s.id AND p.product_id IN ('bb_300m', 'bb_family'))")).toBe(0);
    expect(one(db, 'SELECT count(*) FROM exclusion_lists WHERE name = ?', BLACKLIST)).toBe(500);
    expect(one(db, 'SELECT count(*) FROM exclusion_lists WHERE subscriber_id NOT IN (SELECT id FROM subscribers)')).toBe(0);
  });

  it('is deterministic: the same seed gives identical tables, another seed different subscribers', () => {
    const same = seeded('b', N, SEED).db;
    const a = tableHashes(db);
    expect(tableHashes(same)).toEqual(a);
    const other = tableHashes(seeded('c', N, SEED + 1).db);
    expect(other.subscribers).not.toBe(a.subscribers);
    expect(other.group_channel_fit).not.toBe(a.group_channel_fit);
    // The catalogue and users draw from their own streams: independent of the subscriber count.
    const small = tableHashes(seeded('d', 1_000, SEED).db);
    for (const t of ['channels', 'products', 'group_channel_fit', 'response_estimates', 'users', 'user_roles']) expect(small[t], t).toBe(a[t]);
  });

  it('never uses Math.random in seeding', () => {
    const here = new URL('.', import.meta.url).pathname;
    for (const f of readdirSync(here).filter((n) => n.endsWith('.ts') && !n.endsWith('.test.ts'))) {
      expect(readFileSync(join(here, f), 'utf8'), f).not.toMatch(/Math\.random/);
    }
  });
});
