import { CHANNELS, type ChannelId } from '../../../shared/catalogue/channels.js';
import type { Db } from '../../db/open.js';
import { breakerStateOf } from '../../engine/channels/breaker-states.js';
import { deadLetterCounts } from './dead-letters.js';
import { BoundChannel, cannotSend, type BindingResolver } from './resolve.js';

export interface BindingStatus {
  channel: ChannelId;
  /** up / down: a gateway link's state or an HTTP binding's circuit; `na` for channels that need no link. */
  link: 'up' | 'down' | 'connecting' | 'na';
  /** Why it is down, in words (the gateway's error, the circuit's last failures, a secret that does not open). */
  detail: string | null;
  /** Sending paused on this binding: its circuit is open after repeated failures, in any process that sends. */
  paused: boolean;
  /** Contacts of running live runs queued for this channel (dead letters included). */
  waiting: number;
  deadLetters: number;
}

/** What this process knows of the engine's delivery: its resolver (links; circuits are read from the store, written by every sender). */
export interface DeliveryView {
  bindings: BindingResolver;
}

interface LinkLike { status(): { state: string; error?: string | undefined } }
const hasLink = (a: unknown): a is LinkLike => typeof (a as LinkLike | null)?.status === 'function';

/** Per channel: link up or down, paused on errors, contacts waiting, dead letters (the admin page's status). */
export function bindingStatuses(db: Db, delivery: DeliveryView | null): BindingStatus[] {
  const waiting = Object.fromEntries((db.prepare(`SELECT c.channel, count(*) AS n FROM contacts c JOIN runs r ON r.id = c.run_id
      WHERE c.status = 'queued' AND r.status IN ('running', 'paused') AND r.clock = 'live' GROUP BY c.channel`).all() as { channel: string; n: number }[]).map((r) => [r.channel, r.n]));
  const dead = deadLetterCounts(db);
  return CHANNELS.map((c) => {
    const base = { channel: c.id, waiting: waiting[c.id] ?? 0, deadLetters: dead[c.id] ?? 0 };
    const bound = delivery?.bindings.adapterFor(c.id);
    if (!delivery || !(bound instanceof BoundChannel)) return { ...base, link: 'na' as const, detail: null, paused: false };
    const breaker = breakerStateOf(db, bound.name);
    const paused = breaker !== 'closed';
    let link: BindingStatus['link'] = paused ? 'down' : 'up';
    let detail: string | null = paused ? lastFailure(db, c.id) : null;
    try {
      const sender = delivery.bindings.sender(c.id, bound.version);
      if (hasLink(sender)) {
        const s = sender.status();
        link = s.state === 'connected' || s.state === 'throttled' ? (paused ? 'down' : 'up') : s.state === 'connecting' ? 'connecting' : 'down';
        detail = s.error ?? detail;
      }
    } catch (err) {
      link = 'down';
      detail = cannotSend(err);
    }
    return { ...base, link, detail, paused };
  });
}

/** What the receiver last answered a waiting contact of the channel (retries and dead letters write it). */
function lastFailure(db: Db, channel: string): string | null {
  return (db.prepare(`SELECT reason FROM contacts WHERE channel = ? AND status = 'queued' AND reason IS NOT NULL LIMIT 1`).pluck().get(channel) as string | undefined) ?? null;
}
