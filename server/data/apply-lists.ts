import { CHANNEL_IDS, type ChannelId } from '../../shared/catalogue/channels.js';
import type { Db } from '../db/open.js';
import { ALL_CHANNELS_MASK, changeContactPref, type PrefChange } from '../engine/store/contact-prefs.js';
import { channelBit } from '../engine/core/policy.js';
import type { ImportScope } from './scope.js';
import type { Stage } from './stage.js';

export interface ListChanges { added: number; removed: number }

const scoped = (scope: ImportScope | null): string => (scope ? ` AND ${scope.inside}` : '');
const args = (scope: ImportScope | null): string[] => scope?.params ?? [];

/** Product holdings: upsert adds the file's, replace makes the scope's holdings exactly the file's. */
export function applyProducts(db: Db, stage: Stage, replace: boolean, scope: ImportScope | null): ListChanges {
  const removed = replace ? db.prepare(`DELETE FROM subscriber_products WHERE subscriber_id IN (SELECT s.id FROM subscribers s WHERE 1 = 1${scoped(scope)})`).run(...args(scope)).changes : 0;
  const added = db.prepare(`INSERT INTO subscriber_products (subscriber_id, product_id) SELECT s.id, x.product_id FROM ${stage.table} x JOIN subscribers s ON s.phone = x.phone
    WHERE NOT EXISTS (SELECT 1 FROM subscriber_products p WHERE p.subscriber_id = s.id AND p.product_id = x.product_id)`).run().changes;
  return { added, removed };
}

/**
 * Opt-out and DND lists go through the contact-preference functions of #16, so each change is in
 * `contact_pref_changes` (source admin, the file named) and traced on the customer's open journeys, as
 * if an admin had set it by hand. Only real changes are written: a customer already opted out stays as is.
 */
export function applyOptOuts(db: Db, stage: Stage, replace: boolean, scope: ImportScope | null, detail: string, now: number): ListChanges {
  const wanted = new Map<number, number>();
  const current = new Map<number, number>();
  for (const r of db.prepare(`SELECT s.id, s.opt_out_mask, x.channel FROM ${stage.table} x JOIN subscribers s ON s.phone = x.phone`).iterate() as IterableIterator<{ id: number; opt_out_mask: number; channel: string }>) {
    const id = Number(r.id);
    wanted.set(id, (wanted.get(id) ?? 0) | (r.channel === 'all' ? ALL_CHANNELS_MASK : channelBit(r.channel as ChannelId)));
    current.set(id, Number(r.opt_out_mask));
  }
  const change = (c: Omit<PrefChange, 'source' | 'detail'>) => changeContactPref(db, { ...c, source: 'admin', detail }, now);
  let added = 0;
  let removed = 0;
  for (const [id, want] of wanted) {
    const add = want & ~current.get(id)!;
    if (add === 0) continue;
    added++;
    if (add === ALL_CHANNELS_MASK) change({ customerId: id, kind: 'opt_out', channel: null });
    else for (const c of CHANNEL_IDS) if (add & channelBit(c)) change({ customerId: id, kind: 'opt_out', channel: c });
  }
  if (replace) {
    const holders = db.prepare(`SELECT s.id, s.opt_out_mask FROM subscribers s WHERE s.opt_out_mask <> 0${scoped(scope)}`).all(...args(scope)) as { id: number; opt_out_mask: number }[];
    for (const h of holders) {
      const drop = Number(h.opt_out_mask) & ~(wanted.get(Number(h.id)) ?? 0);
      if (drop === 0) continue;
      removed++;
      if (drop === ALL_CHANNELS_MASK) change({ customerId: Number(h.id), kind: 'opt_in', channel: null });
      else for (const c of CHANNEL_IDS) if (drop & channelBit(c)) change({ customerId: Number(h.id), kind: 'opt_in', channel: c });
    }
  }
  return { added, removed };
}

export function applyDnd(db: Db, stage: Stage, replace: boolean, scope: ImportScope | null, detail: string, now: number): ListChanges {
  const on = db.prepare(`SELECT DISTINCT s.id FROM ${stage.table} x JOIN subscribers s ON s.phone = x.phone WHERE s.dnd = 0`).pluck().all() as number[];
  for (const id of on) changeContactPref(db, { customerId: Number(id), kind: 'dnd_on', channel: null, source: 'admin', detail }, now);
  let removed = 0;
  if (replace) {
    const off = db.prepare(`SELECT s.id FROM subscribers s WHERE s.dnd = 1${scoped(scope)} AND NOT EXISTS (SELECT 1 FROM ${stage.table} x WHERE x.phone = s.phone)`).pluck().all(...args(scope)) as number[];
    for (const id of off) changeContactPref(db, { customerId: Number(id), kind: 'dnd_off', channel: null, source: 'admin', detail }, now);
    removed = off.length;
  }
  return { added: on.length, removed };
}

/** A saved exclusion list (enrolment reads `exclusion_lists` by name): upsert adds members, replace makes it exactly the file (within the scope). */
export function applyExclusion(db: Db, stage: Stage, list: string, replace: boolean, scope: ImportScope | null, jobId: string, now: number): ListChanges {
  const removed = replace ? db.prepare(`DELETE FROM exclusion_lists WHERE name = ? AND subscriber_id IN (SELECT s.id FROM subscribers s WHERE 1 = 1${scoped(scope)})`).run(list, ...args(scope)).changes : 0;
  const added = db.prepare(`INSERT INTO exclusion_lists (name, subscriber_id) SELECT DISTINCT ?, s.id FROM ${stage.table} x JOIN subscribers s ON (x.phone <> '' AND s.phone = x.phone) OR (x.subscriber_id <> 0 AND s.id = x.subscriber_id)
    WHERE NOT EXISTS (SELECT 1 FROM exclusion_lists e WHERE e.name = ? AND e.subscriber_id = s.id)`).run(list, list).changes;
  db.prepare(`INSERT INTO exclusion_list_names (name, updated_at, job_id) VALUES (?, ?, ?) ON CONFLICT (name) DO UPDATE SET updated_at = excluded.updated_at, job_id = excluded.job_id`).run(list, now, jobId);
  return { added, removed };
}
