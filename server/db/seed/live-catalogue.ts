import { columnType } from '../../attributes/store.js';
import type { AttributeDef } from '../../../shared/catalogue/subscriber-fields.js';
import type { Db } from '../open.js';
import { rebuildSample } from '../../data/sample-rebuild.js';
import { seedReference, type SeedOptions } from './index.js';
import { columnsOf, seedLiveCustomers, seedLiveRates, upsertRows } from './live-sample.js';
import { deriveSeed, Rng } from './rng.js';
import { seedSubscribers } from './subscribers.js';

/** The operator-edited catalogue tables, in foreign-key order (org units among themselves: parents first, below). */
const TABLES = ['org_units', 'channels', 'products', 'customer_groups', 'tariff_plans'] as const;

interface AttributeRow { key: string; type: AttributeDef['type']; column_name: string | null; options: string | null; options_from: string | null }

/** Org units parents first, whatever order the store lists them in (org_units.parent is a foreign key). */
function parentsFirst(rows: Record<string, unknown>[]): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  const placed = new Set<unknown>();
  let pending = rows;
  while (pending.length > 0) {
    const level = pending.filter((r) => r.parent === null || placed.has(r.parent));
    if (level.length === 0) break;
    for (const r of level) placed.add(r.id);
    out.push(...level);
    pending = pending.filter((r) => !placed.has(r.id));
  }
  return out;
}

/**
 * The value each synthetic customer gets for an operator attribute (the live base is empty, so there are no
 * values to follow), deterministic for the seed: an enum spread over its values, a boolean half and half, a
 * number over 0–100; text and dates none.
 */
function valueDraw(a: AttributeRow, seed: number): (() => unknown) | null {
  const rng = new Rng(deriveSeed(seed, `attribute:${a.key}`));
  if (a.type === 'enum') {
    const values = a.options ? (JSON.parse(a.options) as { value: string }[]).map((o) => o.value) : [];
    return values.length ? () => rng.pick(values) : null;
  }
  if (a.type === 'boolean') return () => (rng.chance(0.5) ? 1 : 0);
  if (a.type === 'integer') return () => rng.int(0, 100);
  if (a.type === 'number') return () => Math.round(rng.range(0, 100) * 100) / 100;
  return null;
}

/**
 * Copy the live store's attribute definitions; an operator's own attribute gets its column on `subscribers` (as
 * the attributes store adds it). Returns the operator attributes whose column this store did not have.
 */
function copyAttributes(db: Db, live: Db): AttributeRow[] {
  const rows = live.prepare('SELECT * FROM attributes').all() as (AttributeRow & Record<string, unknown>)[];
  const have = new Set(columnsOf(db, 'subscribers'));
  const added = rows.filter((a) => a.column_name && !a.options_from && !have.has(a.column_name));
  for (const a of added) db.exec(`ALTER TABLE subscribers ADD COLUMN ${a.column_name} ${columnType(db, a.type)}`);
  upsertRows(db, 'attributes', ['key'], rows);
  return added;
}

function fillAttributes(db: Db, attributes: AttributeRow[], seed: number): void {
  const ids = db.prepare('SELECT id FROM subscribers ORDER BY id').pluck().all() as number[];
  for (const a of attributes) {
    const draw = valueDraw(a, seed);
    if (!draw) continue;
    const stmt = db.prepare(`UPDATE subscribers SET ${a.column_name} = ? WHERE id = ?`);
    for (const id of ids) stmt.run(draw(), id);
  }
}

/**
 * Seed a fresh (simulation) store like `seedIfEmpty`, but from the `live` store: its products, channels (cost,
 * capacity, hours), groups, org units and tariff plans replace or join the demo rows (demo rows the live store
 * lacks stay), the operator's own attributes get their columns, the customers are a draw of the live base (see
 * `seedLiveCustomers`) and the response rates are what the live store learned (`seedLiveRates`). A live store
 * without subscribers (a fresh install) gets synthetic customers, its operator attributes filled with drawn
 * values. `from` is when the simulation starts (the live contact counts and grants that matter then). One
 * transaction.
 */
export function seedWithLiveCatalogue(db: Db, live: Db, opts: SeedOptions & { from: number; fromDay: number }): void {
  db.transaction(() => {
    seedReference(db, opts.seed);
    for (const table of TABLES) {
      const rows = live.prepare(`SELECT * FROM ${table}`).all() as Record<string, unknown>[];
      upsertRows(db, table, ['id'], table === 'org_units' ? parentsFirst(rows) : rows);
    }
    const added = copyAttributes(db, live);
    seedLiveRates(db, live);
    if (seedLiveCustomers(db, live, { count: opts.subscribers, seed: opts.seed, from: opts.from, fromDay: opts.fromDay }) === 0) {
      seedSubscribers(db, new Rng(deriveSeed(opts.seed, 'subscribers')), opts.subscribers);
      fillAttributes(db, added, opts.seed);
    }
    rebuildSample(db);
  }).immediate();
  db.exec('ANALYZE');
}
