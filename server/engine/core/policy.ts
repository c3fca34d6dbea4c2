import { CHANNEL_BY_ID, CHANNEL_IDS, type ChannelId } from '../../../shared/catalogue/channels.js';
import type { Machine, SendState } from '../../../shared/machine/types.js';
import { dayStart, HOUR, localDay, localHour } from './clock.js';
import type { Customer, Journey } from './journey.js';
import type { SendDecision } from './step.js';

/**
 * The global contact policy (across every running flow). A flow's `contactPolicy` can only tighten the caps.
 *
 * Arbitration rule: within one tick the engine grants sends run by run in descending flow priority
 * (ties: the older run first), so when two flows want the same customer on the same day, the
 * higher-priority flow takes the day's cap and the other records `suppressed` with reason
 * `priority:<flow id>` and retries on the next day. A contact already made is never revoked.
 */
export interface ContactPolicy {
  /** Marketing contacts per customer per local day, all flows and channels together. */
  dailyCap: number;
  /** …per rolling 7 local days. */
  weeklyCap: number;
  channels: Partial<Record<ChannelId, { dailyCap?: number; weeklyCap?: number; contactHours?: readonly [number, number]; capacity?: number }>>;
}

export const DEFAULT_POLICY: ContactPolicy = { dailyCap: 1, weeklyCap: 3, channels: {} };

export const channelIndex = (c: ChannelId): number => CHANNEL_IDS.indexOf(c);
export const channelBit = (c: ChannelId): number => 2 ** channelIndex(c);

export interface EffectiveCaps {
  daily: number;
  weekly: number;
}

/** Caps for a flow: the global ones, tightened (never loosened) by the flow's override. */
export function flowCaps(policy: ContactPolicy, machine: Pick<Machine, 'contactPolicy'>): EffectiveCaps {
  const o = machine.contactPolicy ?? {};
  return {
    daily: Math.min(policy.dailyCap, o.dailyCap ?? Infinity),
    weekly: Math.min(policy.weeklyCap, o.weeklyCap ?? Infinity),
  };
}

export const contactHours = (policy: ContactPolicy, c: ChannelId): readonly [number, number] =>
  policy.channels[c]?.contactHours ?? CHANNEL_BY_ID[c].contactHours;

export const channelCapacity = (policy: ContactPolicy, c: ChannelId): number => policy.channels[c]?.capacity ?? CHANNEL_BY_ID[c].dailyCapacity;

/**
 * Next instant at or after `t` inside the channel's contact hours and outside its quiet hours (the catalogue's
 * silent window inside the contact hours, e.g. lunch at the call centre; #18).
 */
export function nextAllowed(policy: ContactPolicy, c: ChannelId, t: number): number {
  const [start, end] = contactHours(policy, c);
  const q = CHANNEL_BY_ID[c].quietHours;
  // A quiet window covering all the contact hours (possible under a flow's own hours) would never let a send through: ignored.
  const quiet = q && !(q[0] <= start && q[1] >= end) ? q : null;
  const h = localHour(t);
  if (end - start < 24 && (h < start || h >= end)) {
    const day = localDay(t) + (h >= end ? 1 : 0);
    return nextAllowed(policy, c, dayStart(day) + Math.round(start * HOUR)); // due_at is an integer column
  }
  if (quiet && h >= quiet[0] && h < quiet[1]) {
    const after = dayStart(localDay(t)) + Math.round(quiet[1] * HOUR);
    return quiet[1] >= end && end - start < 24 ? nextAllowed(policy, c, dayStart(localDay(t) + 1) + Math.round(start * HOUR)) : after;
  }
  return t;
}

/** First allowed instant of the next local day on the channel. */
export const nextDay = (policy: ContactPolicy, c: ChannelId, t: number): number => nextAllowed(policy, c, dayStart(localDay(t) + 1));

/** Why a customer cannot be reached on a channel, or null. */
export function unreachableReason(c: ChannelId, cu: Customer): string | null {
  // An admin disabled the channel in the catalogue while this run was live: its touches take their failure rule (#18).
  if (!CHANNEL_BY_ID[c].enabled) return 'channel_disabled';
  if (cu.dnd) return 'dnd';
  if ((cu.optOutMask & channelBit(c)) !== 0) return 'opt_out';
  if (CHANNEL_BY_ID[c].needsSmartphone && !cu.smartphone) return 'feature_phone';
  return null;
}

/** One row of `contact_counts`. */
export interface CountRow {
  day: number;
  channel: ChannelId;
  n: number;
  runId: number;
  priority: number;
  flowId?: string;
}

/** A customer's contact counts for the last 7 local days, updated in memory as the batch sends. */
export class CustomerCounts {
  constructor(readonly rows: CountRow[] = []) {}
  total(fromDay: number, toDay: number, channel?: ChannelId): number {
    let n = 0;
    for (const r of this.rows) if (r.day >= fromDay && r.day <= toDay && (!channel || r.channel === channel)) n += r.n;
    return n;
  }
  /** The highest-priority other run that contacted the customer today, for the arbitration reason. */
  takenBy(day: number, runId: number): CountRow | undefined {
    let best: CountRow | undefined;
    for (const r of this.rows) if (r.day === day && r.runId !== runId && (!best || r.priority > best.priority)) best = r;
    return best;
  }
  add(day: number, channel: ChannelId, runId: number, priority: number, flowId?: string): void {
    const r = this.rows.find((x) => x.day === day && x.channel === channel);
    if (r) {
      r.n++;
      r.runId = runId;
      r.priority = priority;
      if (flowId) r.flowId = flowId;
    } else this.rows.push({ day, channel, n: 1, runId, priority, ...(flowId ? { flowId } : {}) });
  }
}

export interface PolicyInputs {
  now: number;
  policy: ContactPolicy;
  caps: EffectiveCaps;
  runId: number;
  periodEnd: number;
  budget: number;
  spent: number;
  fallback?: ChannelId;
  /** Contacts already used today per channel (global), including this batch. */
  used(channel: ChannelId): number;
  /** The flow's own share of a channel's daily capacity (`contactPolicy.channelCapacity`). */
  flowCapacity?: Partial<Record<ChannelId, number>>;
  /** This run's contacts today per channel, including this batch (read only where a share is set). */
  runUsed?(channel: ChannelId): number;
  /** Cost per contact the run was approved with (its catalogue snapshot); the catalogue's when absent. */
  costOf?(channel: ChannelId): number;
}

/** Why `c` has no capacity left for this run today: the channel's own capacity, or the flow's share of it; null when it has. */
function capacityLeft(p: PolicyInputs, c: ChannelId): string | null {
  if (p.used(c) >= channelCapacity(p.policy, c)) return `capacity:${c}`;
  const share = p.flowCapacity?.[c];
  if (share !== undefined && (p.runUsed?.(c) ?? 0) >= share) return `flow_capacity:${c}`;
  return null;
}

function capCheck(p: PolicyInputs, c: ChannelId, counts: CustomerCounts, today: number): string | null {
  const chp = p.policy.channels[c];
  if (counts.total(today, today) >= p.caps.daily) {
    const other = counts.takenBy(today, p.runId);
    return other ? `priority:${other.flowId ?? `run ${other.runId}`}` : 'daily_cap';
  }
  if (counts.total(today - 6, today) >= p.caps.weekly) return 'weekly_cap';
  if (chp?.dailyCap !== undefined && counts.total(today, today, c) >= chp.dailyCap) return 'channel_daily_cap';
  if (chp?.weeklyCap !== undefined && counts.total(today - 6, today, c) >= chp.weeklyCap) return 'channel_weekly_cap';
  return null;
}

/**
 * JS twin of the stepper's set-based send (`sendSetBased` in runtime/stepper.ts), kept equal by the property test
 * tests/integration/engine/set-based.test.ts. The policy verdict for one send (pure): reachability (dnd, opt-out, handset) → unreachable; period
 * over or budget spent → stop; outside contact hours → deferred to the next allowed time; caps →
 * suppressed until the next day; channel capacity (or the flow's share of it) spent → the flow's
 * fallback channel, else deferred to the next day. Nothing is dropped silently: every outcome is traced and, except quiet hours, logged.
 */
export function decideSend(p: PolicyInputs, s: SendState, j: Journey, cu: Customer, counts: CustomerCounts): SendDecision {
  const c = s.channel;
  const why = unreachableReason(c, cu);
  if (why) return { kind: 'unreachable', reason: why };
  if (p.now >= p.periodEnd) return { kind: 'stop', reason: 'period_ended' };
  const allowed = nextAllowed(p.policy, c, p.now);
  if (allowed > p.now) return { kind: 'defer', until: allowed, reason: 'quiet_hours', suppressed: false };
  const today = localDay(p.now);
  const capped = capCheck(p, c, counts, today);
  if (capped) return { kind: 'defer', until: nextDay(p.policy, c, p.now), reason: capped, suppressed: true };
  let channel = c;
  let fallback = false;
  const full = capacityLeft(p, c);
  if (full) {
    const f = p.fallback;
    const fOk = f && f !== c && CHANNEL_BY_ID[f].stages.includes(s.stage) && !unreachableReason(f, cu) && nextAllowed(p.policy, f, p.now) === p.now
      && !capacityLeft(p, f) && !capCheck(p, f, counts, today);
    if (!fOk) return { kind: 'defer', until: nextDay(p.policy, c, p.now), reason: full, suppressed: true };
    channel = f;
    fallback = true;
  }
  const cost = p.costOf?.(channel) ?? CHANNEL_BY_ID[channel].costPerContact;
  if (p.budget > 0 && p.spent + cost > p.budget + 1e-9) return { kind: 'stop', reason: 'budget_exhausted' };
  void j;
  return { kind: 'send', channel, cost, ...(fallback ? { fallback } : {}) };
}
