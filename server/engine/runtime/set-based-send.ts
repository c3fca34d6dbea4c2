import { CHANNEL_BY_ID, type ChannelId } from '../../../shared/catalogue/channels.js';
import { approvedCost } from '../../../shared/catalogue/snapshot.js';
import type { Machine, MachineState, SendState } from '../../../shared/machine/types.js';
import type { Db } from '../../db/open.js';
import { localDay } from '../core/clock.js';
import { channelBit, channelCapacity, flowCaps, nextAllowed } from '../core/policy.js';
import { channelUsage, runChannelUsage } from '../store/channel-usage.js';
import type { Run } from '../store/runs.js';
import type { StepperOptions } from './stepper-options.js';
import { contactChange, journeyChange, type CounterDelta } from '../store/counters.js';

/**
 * Set-based sends: when every journey due at a send state can be decided without looking at the others
 * (no shared resource can run out this tick), the stepper makes their contacts in a few INSERT … SELECT
 * statements rather than one step per customer. The per-customer pass decides the rest.
 */

/** What a set-based pass reads of its stepper. */
export interface PassContext {
  db: Db;
  run: Run;
  now: number;
  m: Machine;
  o: StepperOptions;
  /** ` AND part = <part>` (with a table prefix) when stepping one partition. */
  slice(table?: string): string;
  /** due_at / ended_at / outcome for a journey entering `target` now. */
  entering(target: MachineState): { due: number | null; ended: number | null; outcome: string | null };
}

/** Written once at the end of a set-based pass, with the other shared counters (their lock order). */
export interface SharedCounters { usage: Map<ChannelId, number>; nodeCounts: Map<string, number>; cost: number; counters: CounterDelta }

/**
 * The send states whose contacts can be made set-based this tick. A send decision depends only on the
 * customer (reachability, caps) unless a shared resource can run out: so the channel must deliver
 * after commit (outbox / agent queue — no per-contact answer in the transaction), be inside its
 * contact hours, and have capacity — and the run budget — for every journey due now, even if each
 * went through every send state on the channel. Otherwise the per-customer pass decides, in order.
 */
export function setBasedSendStates(ctx: PassContext, dueStates: Set<string>): Set<string> {
  const { db, m, run, now, o } = ctx;
  const out = new Set<string>();
  if (now >= run.periodEnd) return out;
  const sendStates = Object.values(m.states).filter((s): s is SendState => s.kind === 'send');
  if (sendStates.length === 0) return out;
  const fallback = m.contactPolicy?.fallbackChannel;
  const due = db.prepare(`SELECT count(*) FROM journeys WHERE run_id = ? AND state = ? AND due_at <= ?${ctx.slice()}`).pluck();
  let dueAll = 0;
  for (const s of Object.values(m.states)) if (dueStates.has(s.id)) dueAll += due.get(run.id, s.id, now) as number;
  if (dueAll === 0) return out;
  const today = localDay(now);
  const used = channelUsage(db, today);
  // Every channel a send could use, and the most a journey could spend, this tick.
  const perChannel = new Map<ChannelId, number>();
  let maxCost = 0;
  for (const s of sendStates) {
    const chans = fallback && fallback !== s.channel ? [s.channel, fallback] : [s.channel];
    for (const c of chans) perChannel.set(c, (perChannel.get(c) ?? 0) + 1);
    maxCost += Math.max(...chans.map((c) => approvedCost(m, c)));
  }
  for (const [c, k] of perChannel) if ((used.get(c) ?? 0) + dueAll * k > channelCapacity(o.policy, c)) return out;
  const shares = m.contactPolicy?.channelCapacity;
  if (shares) {
    const mine = runChannelUsage(db, run.id, today);
    for (const [c, k] of perChannel) if (shares[c] !== undefined && (mine.get(c) ?? 0) + dueAll * k > shares[c]) return out;
  }
  if (run.budget > 0 && run.spent + dueAll * maxCost > run.budget + 1e-9) return out;
  for (const s of sendStates) {
    const a = o.adapters[s.channel] ?? o.defaultAdapter;
    if (a.mode === 'inline') continue;
    if (nextAllowed(o.policy, s.channel, now) !== now) continue;
    // A disabled channel's customers go the per-customer way, where they are unreachable (its failure rule).
    if (!CHANNEL_BY_ID[s.channel].enabled) continue;
    out.add(s.id);
  }
  return out;
}

/**
 * Set-based send for the journeys of `s` that every policy check clears in SQL (reachable on the
 * channel, under every cap): the contact log, agent queue, traces, cap counters, channel usage and
 * spend are written with INSERT … SELECT, the journeys moved with one UPDATE — the same rows
 * `step()` would write for each. SQL twin of `decideSend` (core/policy.ts), kept equal by the property test
 * tests/integration/engine/set-based.test.ts. The rest stay due for the per-customer pass.
 */
export function sendSetBased(ctx: PassContext, s: SendState, shared: SharedCounters): number {
  const { db, run, now, m, o } = ctx;
  const c = s.channel;
  const today = localDay(now);
  const caps = flowCaps(o.policy, m);
  const chp = o.policy.channels[c];
  const terms: string[] = [];
  if (Number.isFinite(caps.daily)) terms.push(`coalesce(sum(CASE WHEN cc.day = ${today} THEN cc.n END), 0) >= ${caps.daily}`);
  if (Number.isFinite(caps.weekly)) terms.push(`sum(cc.n) >= ${caps.weekly}`);
  if (chp?.dailyCap !== undefined) terms.push(`coalesce(sum(CASE WHEN cc.day = ${today} AND cc.channel = '${c}' THEN cc.n END), 0) >= ${chp.dailyCap}`);
  if (chp?.weeklyCap !== undefined) terms.push(`coalesce(sum(CASE WHEN cc.channel = '${c}' THEN cc.n END), 0) >= ${chp.weeklyCap}`);
  // The caps as one CASE (PostgreSQL has no integer truth values): no counts at all is under every cap.
  const capped = terms.length
    ? ` AND (SELECT CASE WHEN ${terms.join(' OR ')} THEN 1 ELSE 0 END FROM contact_counts cc WHERE cc.customer_id = j.customer_id AND cc.day BETWEEN ${today - 6} AND ${today}) = 0`
    : '';
  // Unqualified: SQLite looks in `temp` first; PostgreSQL has no `temp` schema name (its INTEGER is
  // 32-bit, enough for customer ids and attempts).
  db.exec('CREATE TEMP TABLE IF NOT EXISTS lk_send (customer_id INTEGER PRIMARY KEY, attempt INTEGER NOT NULL, group_id TEXT NOT NULL)');
  db.exec('DELETE FROM lk_send');
  const n = db.prepare(`INSERT INTO lk_send (customer_id, attempt, group_id)
    SELECT j.customer_id, j.attempt + 1, sub.group_id FROM journeys j JOIN subscribers sub ON sub.id = j.customer_id
    WHERE j.run_id = ? AND j.state = ? AND j.due_at <= ?${ctx.slice('j.')}
      AND sub.dnd = 0 AND (sub.opt_out_mask & ${channelBit(c)}) = 0${CHANNEL_BY_ID[c].needsSmartphone ? ' AND sub.smartphone = 1' : ''}${capped}`)
    .run(run.id, s.id, now).changes;
  if (n === 0) return 0;
  const cost = approvedCost(m, c);
  const agent = (o.adapters[c] ?? o.defaultAdapter).mode === 'agent';
  db.prepare(`INSERT INTO contacts (run_id, customer_id, state, attempt, channel, stage, cost, status, created_at)
    SELECT CAST(? AS BIGINT), customer_id, CAST(? AS TEXT), attempt, CAST(? AS TEXT), CAST(? AS TEXT), CAST(? AS DOUBLE PRECISION), 'queued', CAST(? AS BIGINT)
    FROM lk_send`).run(run.id, s.id, c, s.stage, cost, now);
  if (agent) {
    db.prepare(`INSERT INTO agent_queue (run_id, customer_id, state, attempt, channel, stage, script, status, tries, available_at, created_at)
      SELECT CAST(? AS BIGINT), customer_id, CAST(? AS TEXT), attempt, CAST(? AS TEXT), CAST(? AS TEXT), CAST(? AS TEXT), 'waiting', 0, CAST(? AS BIGINT), CAST(? AS BIGINT)
      FROM lk_send`).run(run.id, s.id, c, s.stage, s.script, now, now);
  }
  db.prepare(`INSERT INTO traces (run_id, customer_id, at, state, code, detail)
    SELECT CAST(? AS BIGINT), customer_id, CAST(? AS BIGINT), CAST(? AS TEXT), 'queued', CAST(? AS TEXT) FROM lk_send`)
    .run(run.id, now, s.id, `${c}/${s.stage}`);
  db.prepare(`INSERT INTO contact_counts (customer_id, day, channel, n, run_id, priority)
    SELECT customer_id, CAST(? AS BIGINT), CAST(? AS TEXT), 1, CAST(? AS BIGINT), CAST(? AS BIGINT) FROM lk_send WHERE true
    ON CONFLICT(customer_id, day, channel) DO UPDATE SET n = contact_counts.n + 1, run_id = excluded.run_id, priority = excluded.priority`).run(today, c, run.id, run.priority);
  const target = m.states[s.next];
  const e = target ? ctx.entering(target) : { due: null, ended: now, outcome: 'invalid_state' };
  db.prepare(`UPDATE journeys SET state = ?, due_at = ?, attempt = attempt + 1, updated_at = ?, ended_at = ?, outcome = ?
    WHERE run_id = ? AND customer_id IN (SELECT customer_id FROM lk_send)`).run(s.next, e.due, now, e.ended, e.outcome, run.id);
  if (target && target.node !== s.node) shared.nodeCounts.set(target.node, (shared.nodeCounts.get(target.node) ?? 0) + n);
  journeyChange(shared.counters, { state: s.id, flags: 0, ended: false, outcome: null, group: '' }, { state: s.next, flags: 0, ended: e.ended !== null, outcome: e.outcome, group: '' }, n);
  // Contact cost per customer group, from the few groups of the sent set.
  for (const g of db.prepare('SELECT group_id AS g, count(*) AS k FROM lk_send GROUP BY group_id').all() as { g: string; k: number }[]) {
    contactChange(shared.counters, null, { createdAt: now, sentAt: null, channel: c, stage: s.stage, state: s.id, status: 'queued', reason: null, cost, agent, group: g.g }, Number(g.k));
  }
  // Usage and spend are written with the other shared counters at the end of the pass (their lock order).
  shared.usage.set(c, (shared.usage.get(c) ?? 0) + n);
  shared.cost += cost * n;
  run.spent += cost * n;
  return n;
}
