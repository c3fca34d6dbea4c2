import type { SegmentData } from '../../../shared/nodes/segment/definition.js';
import type { Machine } from '../../../shared/machine/types.js';
import type { Db } from '../../db/open.js';
import { DAY } from '../core/clock.js';
import { groupSql } from '../core/conditions.js';
import { refreshActive } from '../../core/active-catalogue.js';
import { customerScopeSql } from '../../governance/org-rules.js';
// Registers the attribute catalogue's loader: an engine worker reads attributes defined by another process.
import '../../attributes/store.js';
import { bucketSql } from '../core/hash.js';
import { dueOnEntry } from '../core/step.js';
import { CONTROL_STATE, FLAG } from '../core/journey.js';
import { channelBit } from '../core/policy.js';
import { insertRows } from '../store/bulk.js';
import { addNodeCounts } from '../store/batch-write.js';
import { addCounters, CounterDelta, journeyChange } from '../store/counters.js';

/** Opt-out mask of the channels a machine sends on (0 when it sends on none). */
export function machineChannelMask(machine: Pick<Machine, 'states'>): number {
  let m = 0;
  for (const s of Object.values(machine.states)) {
    if (s.kind === 'send') m |= channelBit(s.channel);
    if (s.kind === 'route') for (const b of s.branches) if (b.channel) m |= channelBit(b.channel);
  }
  return m;
}

/**
 * WHERE clause over `subscribers s` for a segment: conditions, org unit (a city flow only targets its
 * city's customers, a district flow its district's), and exclusions — optedOut: opted out of every channel the flow uses (a customer reachable on
 * one of them stays in; the send-time check handles the rest); doNotDisturb: on the dnd list;
 * ownsOffer: already has the flow's product; inOtherActiveFlow: has an unfinished journey in another
 * running or paused run; exclusionList: on the named saved list.
 */
export function segmentWhere(seg: SegmentData, scope: { orgUnit: string; productId: string; channelMask: number; runId?: number }): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const parts = [groupSql(seg.conditions, params)];
  const unit = scope.orgUnit ? customerScopeSql(scope.orgUnit) : null;
  if (unit) {
    parts.push(unit.sql);
    params.push(...unit.params);
  }
  const x = seg.exclusions;
  if (x.optedOut && scope.channelMask) parts.push(`(s.opt_out_mask & ${scope.channelMask}) <> ${scope.channelMask}`);
  if (x.doNotDisturb) parts.push('s.dnd = 0');
  if (x.ownsOffer) {
    parts.push('NOT EXISTS (SELECT 1 FROM subscriber_products sp WHERE sp.subscriber_id = s.id AND sp.product_id = ?)');
    params.push(scope.productId);
  }
  if (x.inOtherActiveFlow) {
    parts.push(`NOT EXISTS (SELECT 1 FROM journeys oj JOIN runs orr ON orr.id = oj.run_id
      WHERE oj.customer_id = s.id AND oj.run_id <> ? AND orr.status IN ('running','paused') AND oj.ended_at IS NULL AND oj.state <> '${CONTROL_STATE}')`);
    params.push(scope.runId ?? -1);
  }
  if (x.exclusionList) {
    parts.push('NOT EXISTS (SELECT 1 FROM exclusion_lists el WHERE el.name = ? AND el.subscriber_id = s.id)');
    params.push(x.exclusionList);
  }
  return { sql: parts.join(' AND '), params };
}

export const controlSql = (flowId: string, pct: number): string => (pct > 0 ? `(${bucketSql('s.id', `control:${flowId}`)} < ${Number(pct)})` : 'FALSE');

/** Audience size before enrolment: matching customers, all customers in scope, and the control hold-out. */
export function audiencePreview(db: Db, seg: SegmentData, orgUnit: string, opts: { flowId?: string; productId?: string; channelMask?: number } = {}): { count: number; total: number; control: number } {
  refreshActive(db);
  const w = segmentWhere(seg, { orgUnit, productId: opts.productId ?? '', channelMask: opts.channelMask ?? 0 });
  const unit = orgUnit ? customerScopeSql(orgUnit) : null;
  const total = db.prepare(`SELECT count(*) FROM subscribers s ${unit ? `WHERE ${unit.sql}` : ''}`).pluck().get(...(unit?.params ?? [])) as number;
  const row = db
    .prepare(`SELECT count(*) AS n, count(*) FILTER (WHERE ${controlSql(opts.flowId ?? 'preview', seg.controlGroupPct)}) AS c FROM subscribers s WHERE ${w.sql}`)
    .get(...w.params) as { n: number; c: number };
  return { count: row.n, total, control: row.c };
}

export interface EnrolTarget {
  runId: number;
  machine: Machine;
  now: number;
  /** Restrict to these customers (event-triggered entry); their ids are in temp table `lk_candidates`. */
  candidates?: boolean;
  /** Extra SQL condition on `s` (the usage threshold of a usage trigger). */
  extra?: string;
}

/**
 * Set-based enrolment (INSERT … SELECT): new customers enter the machine's initial state (due now) or the
 * control hold-out; customers who left the run re-enter only under `after_exit` once the cooldown has
 * passed. Returns how many entered the flow (treated) and the control hold-out.
 */
export function enrol(db: Db, t: EnrolTarget): { treated: number; control: number } {
  refreshActive(db);
  const m = t.machine;
  const w = segmentWhere(m.entry, { orgUnit: m.orgUnit, productId: m.productId, channelMask: machineChannelMask(m), runId: t.runId });
  const cand = t.candidates ? ' AND s.id IN (SELECT id FROM lk_candidates)' : '';
  const extra = t.extra ? ` AND (${t.extra})` : '';
  const ctl = controlSql(m.flowId, m.entry.controlGroupPct);
  // Customers already in the run are skipped by the key, not by NOT EXISTS on journeys: on PostgreSQL
  // that anti-join, planned against a still-empty journeys table, re-scans the rows this very statement
  // inserts for every subscriber (quadratic: 100,000 customers took 120 s).
  const ins = db.prepare(`INSERT INTO journeys (run_id, part, customer_id, state, due_at, flags, attempt, lane, entered_at, updated_at, ended_at, outcome, entries)
    SELECT r.id, s.id % r.parts, s.id, CASE WHEN ${ctl} THEN '${CONTROL_STATE}' ELSE CAST(? AS TEXT) END, CASE WHEN ${ctl} THEN NULL ELSE CAST(? AS BIGINT) END,
           CASE WHEN ${ctl} THEN ${FLAG.control} ELSE 0 END, 0, NULL, CAST(? AS BIGINT), CAST(? AS BIGINT), NULL, NULL, 1
    FROM subscribers s JOIN runs r ON r.id = CAST(? AS BIGINT)
    WHERE ${w.sql}${cand}${extra}
    ON CONFLICT (run_id, customer_id) DO NOTHING`);
  // The run counters per customer group of who enters now (a read of the same rows, before they are written).
  const counters = new CounterDelta();
  for (const g of db.prepare(`SELECT s.group_id AS g, CASE WHEN ${ctl} THEN 1 ELSE 0 END AS k, count(*) AS n FROM subscribers s
      WHERE ${w.sql}${cand}${extra} AND NOT EXISTS (SELECT 1 FROM journeys j WHERE j.run_id = ? AND j.customer_id = s.id) GROUP BY 1, 2`).all(...w.params, t.runId) as { g: string; k: number; n: number }[]) {
    const control = Number(g.k) === 1;
    journeyChange(counters, null, { state: control ? CONTROL_STATE : m.initial, flags: control ? FLAG.control : 0, ended: false, outcome: null, group: g.g }, Number(g.n));
  }
  const before = db.prepare(`SELECT count(*) FROM journeys WHERE run_id = ? AND state = '${CONTROL_STATE}'`).pluck();
  const c0 = before.get(t.runId) as number;
  const first = m.states[m.initial];
  const due = first ? dueOnEntry(first, t.now) : t.now;
  const r = ins.run(m.initial, due, t.now, t.now, t.runId, ...w.params);
  const control = (before.get(t.runId) as number) - c0;
  let reentered = 0;
  if (m.entry.reentry.mode === 'after_exit') {
    const cooldown = m.entry.reentry.cooldownDays * DAY;
    const re = db.prepare(`UPDATE journeys SET state = ?, due_at = ?, flags = 0, lane = NULL, entered_at = ?, updated_at = ?, ended_at = NULL, outcome = NULL, entries = entries + 1
      WHERE run_id = ? AND ended_at IS NOT NULL AND ended_at + ? <= ? AND state <> '${CONTROL_STATE}'
        AND customer_id IN (SELECT s.id FROM subscribers s WHERE ${w.sql}${cand}${extra})`);
    const leaving = db.prepare(`SELECT j.state, j.outcome, sub.group_id AS g, j.flags AS f, count(*) AS n FROM journeys j JOIN subscribers sub ON sub.id = j.customer_id
      WHERE j.run_id = ? AND j.ended_at IS NOT NULL AND j.ended_at + ? <= ? AND j.state <> '${CONTROL_STATE}'
        AND j.customer_id IN (SELECT s.id FROM subscribers s WHERE ${w.sql}${cand}${extra}) GROUP BY 1, 2, 3, 4`).all(t.runId, cooldown, t.now, ...w.params) as
      { state: string; outcome: string | null; g: string; f: number; n: number }[];
    for (const l of leaving) {
      journeyChange(counters, { state: l.state, flags: Number(l.f), ended: true, outcome: l.outcome, group: l.g }, { state: m.initial, flags: 0, ended: false, outcome: null, group: l.g }, Number(l.n));
    }
    reentered = re.run(m.initial, due, t.now, t.now, t.runId, cooldown, t.now, ...w.params).changes;
  }
  const treated = r.changes - control + reentered;
  const entered: [number, string, number][] = [[t.runId, m.entryNode, r.changes + reentered]];
  if (first) entered.push([t.runId, first.node, treated]);
  addNodeCounts(db, entered);
  addCounters(db, t.runId, counters);
  return { treated, control };
}

/**
 * Fill temp table `lk_candidates` with customer ids (event-triggered entry). Unqualified: SQLite looks
 * in `temp` first, PostgreSQL has no `temp` schema name (its INTEGER is 32-bit, enough for customer ids).
 */
export function setCandidates(db: Db, ids: readonly number[]): void {
  db.exec('CREATE TEMP TABLE IF NOT EXISTS lk_candidates (id INTEGER PRIMARY KEY)');
  db.exec('DELETE FROM lk_candidates');
  insertRows(db, 'lk_candidates', ['id'], ids, 'ON CONFLICT DO NOTHING');
}
