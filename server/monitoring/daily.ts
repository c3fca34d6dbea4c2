import { CHANNEL_BY_ID, type ChannelId } from '../../shared/catalogue/channels.js';
import type { Machine } from '../../shared/machine/types.js';
import type { Db } from '../db/open.js';
import { dayIso, localDay } from '../engine/core/clock.js';
import { CONTROL_STATE } from '../engine/core/journey.js';
import { getRun } from '../engine/store/runs.js';
import { runCounts, type RunCounts } from '../engine/store/counters-read.js';
import { ENGAGED_SQL } from '../db/migrations/021-run-counters.js';
import { ENGAGEMENT_CODES } from './attribution.js';

/** One local day's figures, for the whole run or one channel. */
export interface DayFigures {
  /** Contacts made (sent, queued for delivery or an agent, or failed in delivery): the contact log's count. */
  contacts: number;
  /** Sends held to a later day by a cap, the channel's capacity, the flow's share of it or another flow's priority. */
  deferred: number;
  /** Contacts not made, by reason (unreachable: dnd, opt_out, feature_phone…; held: daily_cap, capacity:…, flow_capacity:…, priority). */
  suppressed: Record<string, number>;
  /** Customers whose first engagement fell on the day (each counted once in the run). */
  responses: number;
  /** Customers whose order was applied that day (each counted once). */
  conversions: number;
  /** Yuan: contacts, and on the run's rows (not a channel's) the benefits granted that day. */
  cost: number;
}

export interface ChannelDayFigures extends DayFigures {
  /** The run's contacts on the channel that day against what it may use: the flow's share when set, else the channel's capacity. */
  capacity: { used: number; cap: number; flowShare: boolean };
}

export interface DailyRow extends DayFigures {
  /** Local date (UTC+8), YYYY-MM-DD. */
  day: string;
  channels: Record<string, ChannelDayFigures>;
}

const empty = (): DayFigures => ({ contacts: 0, deferred: 0, suppressed: {}, responses: 0, conversions: 0, cost: 0 });
const round2 = (x: number): number => Math.round(x * 100) / 100;

/** The channel of each await state: where a response or order traced at that state came from. */
function awaitChannels(m: Machine): Map<string, ChannelId> {
  const out = new Map<string, ChannelId>();
  for (const s of Object.values(m.states)) if (s.kind === 'send' && !out.has(s.next)) out.set(s.next, s.channel);
  return out;
}

/**
 * A run's figures per local day, in total and per channel: contacts, holds, suppressions and cost from
 * the run counters of the contact log (the day it was decided, as the capacity counters count it) and
 * of grants; first responses and conversions from the engaged customers' traces (control group left
 * out). The days run without gaps from the first to the last, so they sum to the run's totals and chart evenly.
 */
export function dailyFigures(db: Db, runId: number, counts: RunCounts = runCounts(db, runId)): DailyRow[] {
  const run = getRun(db, runId);
  if (!run) throw new Error(`no run ${runId}`);
  const m = run.machine;
  const shares = m.contactPolicy?.channelCapacity ?? {};
  const days = new Map<number, DailyRow>();
  const row = (day: number): DailyRow => {
    let r = days.get(day);
    if (!r) days.set(day, (r = { day: dayIso(day), ...empty(), channels: {} }));
    return r;
  };
  const channel = (day: number, c: string): ChannelDayFigures => {
    const r = row(day);
    const share = shares[c as ChannelId];
    return (r.channels[c] ??= { ...empty(), capacity: { used: 0, cap: share ?? CHANNEL_BY_ID[c as ChannelId]?.dailyCapacity ?? 0, flowShare: share !== undefined } });
  };
  for (const l of counts.contacts) {
    const day = Math.floor(l.hour / 24);
    const targets: DayFigures[] = [row(day), channel(day, l.channel)];
    for (const f of targets) {
      f.cost += l.cost;
      if (l.status === 'sent' || l.status === 'queued' || l.status === 'failed') f.contacts += l.n;
      else {
        const why = l.reason || l.status;
        f.suppressed[why] = (f.suppressed[why] ?? 0) + l.n;
        if (l.status === 'suppressed') f.deferred += l.n;
      }
    }
    // The engine's usage counters count what was sent or queued, not failed deliveries.
    if (l.status === 'sent' || l.status === 'queued') channel(day, l.channel).capacity.used += l.n;
  }
  const fromAwait = awaitChannels(m);
  const firsts = (codes: readonly string[]) => db.prepare(`SELECT customer_id AS id, state, at FROM traces
    WHERE run_id = ? AND ${ENGAGED_SQL} AND code IN (${codes.map((c) => `'${c}'`).join(',')}) AND state <> '${CONTROL_STATE}' ORDER BY customer_id, at`).all(runId) as { id: number; state: string; at: number }[];
  const tally = (codes: readonly string[], key: 'responses' | 'conversions') => {
    let last = -1;
    for (const t of firsts(codes)) {
      if (t.id === last) continue; // the customer's first only
      last = t.id;
      const day = localDay(t.at);
      row(day)[key]++;
      const c = fromAwait.get(t.state);
      if (c) channel(day, c)[key]++;
    }
  };
  tally(ENGAGEMENT_CODES, 'responses'); // an order held for its confirmation is a response too (the engine flags it so)
  tally(['order'], 'conversions');
  for (const [day, cost] of counts.grantCostByDay) row(day).cost += cost;
  if (days.size === 0) return [];
  const keys = [...days.keys()];
  const out: DailyRow[] = [];
  for (let d = Math.min(...keys); d <= Math.max(...keys) && out.length < 1000; d++) {
    const r = days.get(d) ?? { day: dayIso(d), ...empty(), channels: {} };
    r.cost = round2(r.cost);
    for (const c of Object.values(r.channels)) c.cost = round2(c.cost);
    out.push(r);
  }
  return out;
}
