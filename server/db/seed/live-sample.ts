import { dialectOf } from '../dialect.js';
import type { Db } from '../open.js';
import { BatchInsert } from './batch.js';
import { deriveSeed, Rng } from './rng.js';

/** Ids per `IN (…)` list: far below SQLite's and PostgreSQL's parameter limits. */
const CHUNK = 500;

export function columnsOf(db: Db, table: string): string[] {
  if (dialectOf(db) === 'postgres') {
    return db.prepare('SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ? ORDER BY ordinal_position').pluck().all(table) as string[];
  }
  return (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name);
}

/** `sql(list)` over `ids` in chunks, `list` being `(?, ?, …)`; the rows of every chunk. */
function inChunks<T>(db: Db, ids: readonly unknown[], sql: (list: string) => string, extra: unknown[] = []): T[] {
  const out: T[] = [];
  for (let i = 0; i < ids.length; i += CHUNK) {
    const part = ids.slice(i, i + CHUNK);
    out.push(...(db.prepare(sql(`(${part.map(() => '?').join(', ')})`)).all(...part, ...extra) as T[]));
  }
  return out;
}

/** Upsert `rows` by their `keys` into `table`, with the columns both stores have. */
export function upsertRows(db: Db, table: string, keys: readonly string[], rows: Record<string, unknown>[]): void {
  if (rows.length === 0) return;
  const own = new Set(columnsOf(db, table));
  const cols = Object.keys(rows[0]!).filter((c) => own.has(c));
  const set = cols.filter((c) => !keys.includes(c)).map((c) => `${c} = excluded.${c}`).join(', ');
  const stmt = db.prepare(`INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')}) ON CONFLICT (${keys.join(', ')}) DO ${set ? `UPDATE SET ${set}` : 'NOTHING'}`);
  for (const r of rows) stmt.run(...cols.map((c) => r[c]));
}

/** Copy `rows` into `table` with the columns both stores have. */
function copyRows(db: Db, table: string, rows: Record<string, unknown>[], override: (r: Record<string, unknown>) => Record<string, unknown> = (r) => r): void {
  if (rows.length === 0) return;
  const own = new Set(columnsOf(db, table));
  const cols = Object.keys(rows[0]!).filter((c) => own.has(c));
  const insert = new BatchInsert(db, `INSERT INTO ${table} (${cols.join(', ')})`, cols.length);
  for (const r of rows) {
    const o = override(r);
    insert.add(...cols.map((c) => o[c]));
  }
  insert.flush();
}

/**
 * Up to `count` ids of the live base, the same for a seed: drawn from the maintained sample (the whole base up
 * to 20,000 rows, ~1% of a province's base) rather than by scanning the subscriber table. A base written without
 * rebuilding its sample (direct writes, not the import) has an empty one: then its first 20,000 ids.
 */
function drawIds(live: Db, count: number, seed: number): number[] {
  let ids = live.prepare('SELECT id FROM subscriber_sample ORDER BY id').pluck().all() as number[];
  if (ids.length === 0) ids = live.prepare('SELECT id FROM subscribers ORDER BY id LIMIT 20000').pluck().all() as number[];
  ids = ids.map(Number);
  const rng = new Rng(deriveSeed(seed, 'live-sample'));
  const n = Math.min(count, ids.length);
  // the first n places of a Fisher–Yates shuffle
  for (let i = 0; i < n; i++) {
    const j = rng.int(i, ids.length - 1);
    [ids[i], ids[j]] = [ids[j]!, ids[i]!];
  }
  return ids.slice(0, n).sort((a, b) => a - b);
}

const PREFIXES = ['134', '135', '136', '137', '138', '139', '150', '151', '152', '157', '158', '159', '182', '183', '187', '188'] as const;
/** Coprime with 10^8: i → (A·i + B) mod 10^8 is a bijection, so the suffixes — and the numbers — are unique. */
const PHONE_A = 48_271_003;
const PHONE_MOD = 100_000_000;

/**
 * One synthetic valid mobile number per customer, none of them a number of the live base: the temporary store
 * never holds the operator's numbers (a candidate the live base has is skipped).
 */
function syntheticPhones(live: Db, count: number, seed: number): string[] {
  const offset = deriveSeed(seed, 'live-phones') % PHONE_MOD;
  const candidate = (i: number): string => `${PREFIXES[i % PREFIXES.length]}${String((PHONE_A * i + offset) % PHONE_MOD).padStart(8, '0')}`;
  const out: string[] = [];
  for (let next = 0; out.length < count;) {
    const batch = Array.from({ length: Math.min(CHUNK, 2 * (count - out.length)) }, () => candidate(next++));
    const taken = new Set(inChunks<{ phone: string }>(live, batch, (list) => `SELECT phone FROM subscribers WHERE phone IN ${list}`).map((r) => r.phone));
    for (const p of batch) if (!taken.has(p) && out.length < count) out.push(p);
  }
  return out;
}

const SURNAMES = ['陈', '李', '黄', '张', '梁', '林', '刘', '吴', '罗', '何'] as const;
const GIVEN = ['伟', '芳', '敏', '静', '强', '磊', '军', '洋', '婷', '杰'] as const;

/**
 * Fill a fresh (simulation) store's customers from the `live` store's base: a deterministic (by seed) draw of up
 * to `count` subscribers with every column both stores have (the operator's attribute columns must exist here
 * already), their product holdings, saved exclusion-list entries, unexpired benefit grants and the contact
 * counts of the 7 days before `fromDay` (the frequency caps' window) — what enrolment and the engine read per
 * customer. Opt-out and DND are columns of the row. Phone numbers and names are replaced by synthetic ones; ids
 * are kept, so the holdings stay attached. Live run ids become negative: they never collide with this store's
 * runs, whose reports count per run id. Returns the number of customers copied (0: the live base is empty).
 */
export function seedLiveCustomers(db: Db, live: Db, opts: { count: number; seed: number; fromDay: number; from: number }): number {
  const ids = drawIds(live, opts.count, opts.seed);
  if (ids.length === 0) return 0;
  const rows = inChunks<Record<string, unknown>>(live, ids, (list) => `SELECT * FROM subscribers WHERE id IN ${list} ORDER BY id`);
  const phones = syntheticPhones(live, rows.length, opts.seed);
  let i = 0;
  copyRows(db, 'subscribers', rows, (r) => {
    const id = Number(r.id);
    return { ...r, phone: phones[i++], name: `${SURNAMES[id % SURNAMES.length]}${GIVEN[Math.floor(id / SURNAMES.length) % GIVEN.length]}` };
  });
  copyRows(db, 'subscriber_products', inChunks(live, ids, (list) => `SELECT * FROM subscriber_products WHERE subscriber_id IN ${list}`));
  copyRows(db, 'exclusion_lists', inChunks(live, ids, (list) => `SELECT * FROM exclusion_lists WHERE subscriber_id IN ${list}`));
  copyRows(db, 'exclusion_list_names', live.prepare('SELECT name, updated_at FROM exclusion_list_names').all() as Record<string, unknown>[]);
  const negRun = (r: Record<string, unknown>) => ({ ...r, run_id: -Number(r.run_id) });
  copyRows(db, 'contact_counts', inChunks(live, ids, (list) => `SELECT * FROM contact_counts WHERE customer_id IN ${list} AND day >= ?`, [opts.fromDay - 6]), negRun);
  copyRows(db, 'grants', inChunks<Record<string, unknown>>(live, ids,
    (list) => `SELECT run_id, customer_id, state, node, attempt, service, benefit, result, reason, cost, expires_at, created_at FROM grants
      WHERE customer_id IN ${list} AND result = 'granted' AND (expires_at IS NULL OR expires_at > ?)`, [opts.from]), negRun);
  return rows.length;
}

/**
 * The simulated world's response rates are what the live store has learned. The simulated gateway's true rate
 * for a cell is `response_priors` where that table has the cell, else `response_estimates` (learning keeps a
 * cell's value before its first update in `response_priors`, so the world a store learns from never moves).
 * Here `response_estimates` gets the live store's current estimates (the posterior, demo cells the live store
 * lacks stay) and `response_priors` stays empty: the true rate of every cell is the live posterior mean, and a
 * learning pass in this store would keep exactly that value as its prior. Routing reads the same estimates, as a
 * run started in the live store now would. `group_channel_fit` (the CP score routing multiplies by) comes along.
 */
export function seedLiveRates(db: Db, live: Db): void {
  db.exec('DELETE FROM response_priors');
  upsertRows(db, 'response_estimates', ['group_id', 'channel_id', 'category'], live.prepare('SELECT * FROM response_estimates').all() as Record<string, unknown>[]);
  upsertRows(db, 'group_channel_fit', ['group_id', 'channel_id'], live.prepare('SELECT * FROM group_channel_fit').all() as Record<string, unknown>[]);
}
