import type { Stage } from '../../shared/catalogue/stages.js';
import type { Machine } from '../../shared/machine/types.js';
import { insertionOrder } from '../db/dialect.js';
import type { Db } from '../db/open.js';
import { CONTROL_STATE, FLAG } from '../engine/core/journey.js';
import { getRun } from '../engine/store/runs.js';

/** Trace codes that mean the customer engaged with the touch being awaited (an event reached its await state). */
export const ENGAGEMENT_CODES = ['response', 'order', 'trial', 'store_visit', 'app_login', 'awaiting_confirmation'] as const;

/** One contact of the log that reached the customer or an agent (sent, or queued for a person). */
export interface TouchRow { state: string; attempt: number; channel: string; stage: Stage; at: number }
/** A traced engagement: the await state the event arrived at, when, and its trace order. */
export interface EngagementRow { awaitState: string; at: number; seq: number }

export type AttributionBasis = 'engaged' | 'last_sent' | 'none';

export interface Attributed {
  customerId: number;
  convertedAt: number;
  basis: AttributionBasis;
  touch: (TouchRow & { node: string }) | null;
}

/**
 * Pick the touch that drove one conversion (pure): the last touch the customer engaged with at or
 * before the conversion — an engagement at an await state belongs to the latest contact of the send
 * leading into it — else the last touch sent before the conversion, else none.
 */
export function attributeOne(
  sendFor: (awaitState: string) => string | undefined,
  touches: readonly TouchRow[],
  engagements: readonly EngagementRow[],
  convertedAt: number,
): { basis: AttributionBasis; touch: TouchRow | null } {
  const byTime = [...touches].sort((a, b) => a.at - b.at || a.attempt - b.attempt);
  const engaged = engagements.filter((e) => e.at <= convertedAt).sort((a, b) => b.at - a.at || b.seq - a.seq);
  for (const e of engaged) {
    const send = sendFor(e.awaitState);
    if (!send) continue;
    let hit: TouchRow | null = null;
    for (const t of byTime) if (t.state === send && t.at <= e.at) hit = t;
    if (hit) return { basis: 'engaged', touch: hit };
  }
  let last: TouchRow | null = null;
  for (const t of byTime) if (t.at <= convertedAt) last = t;
  return last ? { basis: 'last_sent', touch: last } : { basis: 'none', touch: null };
}

/** await state id → the send state whose `next` it is (the touch it waits on). */
export function sendIndex(m: Pick<Machine, 'states'>): Map<string, string> {
  const idx = new Map<string, string>();
  for (const s of Object.values(m.states)) if (s.kind === 'send') idx.set(s.next, s.id);
  return idx;
}

/**
 * Attribute every conversion of a run (treated customers only; the control group's organic orders
 * are nobody's) to the touch that drove it. One row per converted journey, so per-node and
 * per-channel totals add up to the run's conversions.
 */
export function attributeConversions(db: Db, runId: number): Attributed[] {
  const run = getRun(db, runId);
  if (!run) throw new Error(`no run ${runId}`);
  const idx = sendIndex(run.machine);
  const nodeOf = (state: string) => run.machine.states[state]?.node ?? state;
  const converted = db.prepare(`SELECT j.customer_id AS id, coalesce(
      (SELECT min(t.at) FROM traces t WHERE t.run_id = j.run_id AND t.customer_id = j.customer_id AND t.code = 'order' AND t.state <> '${CONTROL_STATE}'),
      j.updated_at) AS at
    FROM journeys j WHERE j.run_id = ? AND (j.flags & ${FLAG.converted}) <> 0 AND j.state <> '${CONTROL_STATE}' ORDER BY j.customer_id`)
    .all(runId) as { id: number; at: number }[];
  if (converted.length === 0) return [];
  const touches = new Map<number, TouchRow[]>();
  for (const r of db.prepare(`SELECT c.customer_id AS id, c.state, c.attempt, c.channel, c.stage, coalesce(c.sent_at, c.created_at) AS at FROM contacts c
      JOIN journeys j ON j.run_id = c.run_id AND j.customer_id = c.customer_id
      WHERE c.run_id = ? AND c.status IN ('sent','queued') AND (j.flags & ${FLAG.converted}) <> 0 AND j.state <> '${CONTROL_STATE}'`)
    .all(runId) as (TouchRow & { id: number })[]) {
    const list = touches.get(r.id) ?? [];
    list.push({ state: r.state, attempt: r.attempt, channel: r.channel, stage: r.stage, at: r.at });
    touches.set(r.id, list);
  }
  const engagements = new Map<number, EngagementRow[]>();
  const codes = ENGAGEMENT_CODES.map((c) => `'${c}'`).join(',');
  // seq: the trace row's place in insertion order, as a number on both stores (PostgreSQL's ctid is not one).
  for (const r of db.prepare(`SELECT t.customer_id AS id, t.state, t.at, row_number() OVER (ORDER BY t.${insertionOrder(db)}) AS seq FROM traces t
      JOIN journeys j ON j.run_id = t.run_id AND j.customer_id = t.customer_id
      WHERE t.run_id = ? AND t.code IN (${codes}) AND (j.flags & ${FLAG.converted}) <> 0 AND j.state <> '${CONTROL_STATE}'`)
    .all(runId) as { id: number; state: string; at: number; seq: number }[]) {
    const list = engagements.get(r.id) ?? [];
    list.push({ awaitState: r.state, at: r.at, seq: r.seq });
    engagements.set(r.id, list);
  }
  return converted.map((c) => {
    const a = attributeOne((s) => idx.get(s), touches.get(c.id) ?? [], engagements.get(c.id) ?? [], c.at);
    return { customerId: c.id, convertedAt: c.at, basis: a.basis, touch: a.touch ? { ...a.touch, node: nodeOf(a.touch.state) } : null };
  });
}

export interface AttributionTotals {
  byNode: Record<string, number>;
  byChannel: Record<string, number>;
  byStage: Record<string, number>;
  /** Conversions with no touch before them (should not happen for treated customers). */
  unattributed: number;
  engaged: number;
  lastSent: number;
}

/** Conversions per node, channel and stage from the attributed rows. */
export function attributionTotals(rows: readonly Attributed[]): AttributionTotals {
  const t: AttributionTotals = { byNode: {}, byChannel: {}, byStage: {}, unattributed: 0, engaged: 0, lastSent: 0 };
  for (const r of rows) {
    if (!r.touch) {
      t.unattributed++;
      continue;
    }
    if (r.basis === 'engaged') t.engaged++;
    else t.lastSent++;
    t.byNode[r.touch.node] = (t.byNode[r.touch.node] ?? 0) + 1;
    t.byChannel[r.touch.channel] = (t.byChannel[r.touch.channel] ?? 0) + 1;
    t.byStage[r.touch.stage] = (t.byStage[r.touch.stage] ?? 0) + 1;
  }
  return t;
}
