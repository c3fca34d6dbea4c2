import { randomUUID } from 'node:crypto';
import { CHANNEL_BY_ID, type ChannelId } from '../../shared/catalogue/channels.js';
import type { Lang } from '../../shared/text.js';
import type { Db } from '../db/open.js';
import { agentQueue } from '../engine/channels/agent-queue.js';
import { localHour } from '../engine/core/clock.js';
import { getRun } from '../engine/store/runs.js';
import { toItem, type WorkItem } from '../monitoring/workbench-queue.js';

export interface PullRequest {
  channel: ChannelId;
  /** Agents free now. */
  idleAgents: number;
  /** Numbers asked per idle agent: 1 for a preview/progressive dialer, above 1 for a predictive one. */
  ratio: number;
  /** How long the dialer may hold a number before it must report a result. */
  leaseMs: number;
  lang: Lang;
}

export interface DialerCall extends Omit<WorkItem, 'flowName'> {
  /** The lease: the dialer reports the result with this id. */
  callId: string;
  leasedUntil: number;
}

export interface PullResult {
  calls: DialerCall[];
  /** Leases that had run out unreported and were released by this pull. */
  released: number;
  /** Why fewer calls than asked (outside the channel's contact hours, nothing due). */
  note?: string;
}

/**
 * Hand the dialer up to ⌈idleAgents × ratio⌉ due calls. Only items the engine queued (so contact caps,
 * quiet hours at send time and the channel's and flow's capacity were already applied) and only while
 * the channel's contact hours are open now: a call handed out at 19:59 and dialled at 20:01 would not be.
 * Each call is claimed by a conditional update, so two dialers (or a dialer and a released lease) never
 * get the same number.
 */
export function pullCalls(db: Db, req: PullRequest, now: number): PullResult {
  const released = releaseExpired(db, now);
  const want = Math.min(500, Math.ceil(req.idleAgents * req.ratio));
  const [start, end] = CHANNEL_BY_ID[req.channel].contactHours;
  const h = localHour(now);
  if (h < start || h >= end) return { calls: [], released, note: `outside contact hours ${start}:00–${end}:00` };
  if (want === 0) return { calls: [], released };
  const claim = db.prepare(`UPDATE agent_queue SET lease_token = ?, leased_until = ?
    WHERE id = ? AND status = 'waiting' AND (leased_until IS NULL OR leased_until <= ?)`);
  const sub = db.prepare('SELECT group_id, city, plan, arpu, data_used_mb, data_allowance_mb FROM subscribers WHERE id = ?');
  const products = new Map<number, string>();
  const calls: DialerCall[] = [];
  db.transaction(() => {
    for (const q of agentQueue(db, { channel: req.channel, limit: want, now })) {
      const token = randomUUID();
      const until = now + req.leaseMs;
      if (claim.run(token, until, q.id, now).changes !== 1) continue;
      const s = sub.get(q.customerId) as Parameters<typeof toItem>[1] | undefined;
      if (!s) continue;
      let productId = products.get(q.runId);
      if (productId === undefined) products.set(q.runId, (productId = getRun(db, q.runId)?.machine.productId ?? ''));
      calls.push({ ...toItem(q, s, productId, undefined, req.lang), callId: token, leasedUntil: until });
    }
  })();
  return { calls, released, ...(calls.length < want ? { note: 'no more calls due' } : {}) };
}

/** Leases that ran out unreported go back to waiting (workbench and dialer see them again), counted per item. */
export function releaseExpired(db: Db, now: number): number {
  return db.prepare(`UPDATE agent_queue SET lease_token = NULL, leased_until = NULL, lease_expiries = lease_expiries + 1
    WHERE status = 'waiting' AND leased_until IS NOT NULL AND leased_until <= ?`).run(now).changes;
}
