import { CHANNEL_IDS, type ChannelId } from '../../../shared/catalogue/channels.js';
import type { Db } from '../../db/open.js';
import { getRun } from './runs.js';
import { stmt } from './stmt.js';
import { channelBit } from '../core/policy.js';
import { sendLeadingTo } from '../core/step.js';

/** What an opt-out keyword closes: the channel it was sent on, or every marketing channel. */
export type OptOutScope = 'channel' | 'all';

export interface ChannelOptOut {
  /** Reply keywords (matched trimmed, case-insensitive) and what each closes. */
  keywords: Readonly<Record<string, OptOutScope>>;
  /** The acknowledgement sent back on the channel (its confirmation template), when it has one. */
  ack?: string;
}
export type OptOutKeywords = Partial<Record<ChannelId, ChannelOptOut>>;

const SMS: ChannelOptOut = {
  keywords: { TD: 'channel', T: 'channel', 退订: 'channel', TDALL: 'all', 全部退订: 'all' },
  ack: '您已成功退订本渠道营销信息，回复"全部退订"可退订全部营销信息。【中国移动】',
};

/** Default opt-out keywords per channel (工信部: commercial SMS must honour TD / 退订); the engine takes others by option. */
export const DEFAULT_OPT_OUT_KEYWORDS: OptOutKeywords = {
  sms_hall: SMS,
  bulk_sms: SMS,
  wechat: { keywords: { 退订: 'channel', TD: 'channel', 全部退订: 'all' }, ack: '已为您退订营销消息。' },
  app: { keywords: { 退订: 'channel', TD: 'channel', 全部退订: 'all' } },
};

/** Every channel's bit: "all marketing". */
export const ALL_CHANNELS_MASK = CHANNEL_IDS.reduce((m, c) => m | channelBit(c), 0);

export type PrefKind = 'opt_out' | 'opt_in' | 'dnd_on' | 'dnd_off';
export type PrefSource = 'reply' | 'event' | 'script' | 'admin';

export interface PrefChange {
  customerId: number;
  kind: PrefKind;
  /** null: every marketing channel (opt-out / opt-in), or not a channel matter (DND). */
  channel: ChannelId | null;
  source: PrefSource;
  detail: string;
  ack?: string;
}

export interface ContactPrefs { dnd: boolean; optOut: ChannelId[] }

/** A customer's current preferences, or null when there is no such subscriber. */
export function contactPrefs(db: Db, customerId: number): ContactPrefs | null {
  const r = db.prepare('SELECT dnd, opt_out_mask FROM subscribers WHERE id = ?').get(customerId) as { dnd: number; opt_out_mask: number } | undefined;
  return r ? { dnd: r.dnd === 1, optOut: CHANNEL_IDS.filter((c) => (r.opt_out_mask & channelBit(c)) !== 0) } : null;
}

/**
 * Change a customer's preferences now (the caller's transaction): `subscribers` is what every run's
 * contact policy reads at its next send, so no later contact goes out on a closed channel. The change
 * is kept in `contact_pref_changes` and traced on each open journey of the customer. Statements are
 * cached: an opt-out list import makes one change per row.
 */
export function changeContactPref(db: Db, c: PrefChange, now: number): void {
  const bits = c.channel ? channelBit(c.channel) : ALL_CHANNELS_MASK;
  if (c.kind === 'opt_out') stmt(db, 'UPDATE subscribers SET opt_out_mask = opt_out_mask | ? WHERE id = ?').run(bits, c.customerId);
  else if (c.kind === 'opt_in') stmt(db, 'UPDATE subscribers SET opt_out_mask = opt_out_mask & ? WHERE id = ?').run(ALL_CHANNELS_MASK & ~bits, c.customerId);
  else stmt(db, 'UPDATE subscribers SET dnd = ? WHERE id = ?').run(c.kind === 'dnd_on' ? 1 : 0, c.customerId);
  stmt(db, 'INSERT INTO contact_pref_changes (customer_id, kind, channel, source, detail, ack, at) VALUES (?, ?, ?, ?, ?, ?, ?)')
    .run(c.customerId, c.kind, c.channel, c.source, c.detail, c.ack ?? null, now);
  const what = `${c.kind} ${c.channel ?? 'all'} (${c.source}: ${c.detail})${c.ack ? `; acknowledged: ${c.ack}` : ''}`;
  stmt(db, `INSERT INTO traces (run_id, customer_id, at, state, code, detail)
    SELECT run_id, customer_id, CAST(? AS BIGINT), state, CAST(? AS TEXT), CAST(? AS TEXT) FROM journeys WHERE customer_id = ? AND ended_at IS NULL`)
    .run(now, c.kind, what, c.customerId);
}

const norm = (s: string): string => s.trim().toUpperCase();

/** The opt-out a reply asks for: the channel's keywords first, then an `optout` reply keyword of a script the customer is answering. */
export function replyOptOut(db: Db, customerId: number, channel: ChannelId, text: string, keywords: OptOutKeywords): { scope: OptOutScope; source: PrefSource } | null {
  const said = norm(text);
  for (const [k, scope] of Object.entries(keywords[channel]?.keywords ?? {})) if (norm(k) === said) return { scope, source: 'reply' };
  const open = db.prepare('SELECT run_id, state FROM journeys WHERE customer_id = ? AND ended_at IS NULL').all(customerId) as { run_id: number; state: string }[];
  for (const j of open) {
    const m = getRun(db, j.run_id)?.machine;
    const send = m && m.states[j.state]?.kind === 'await' ? sendLeadingTo(m, j.state) : undefined;
    const script = send && send.channel === channel ? m!.scripts[send.script] : undefined;
    if (script?.kind === 'message' && script.replyKeywords.some((k) => k.action === 'optout' && norm(k.keyword) === said)) return { scope: 'channel', source: 'script' };
  }
  return null;
}

/** The contact-preference events of the events API: `reply` (text on a channel), `optout`, `dnd`. */
export interface PrefEvent { type: 'reply' | 'optout' | 'dnd'; customerId: number; channel?: ChannelId | undefined; text?: string | undefined }

/** Apply one contact-preference event in the caller's transaction: the status the events API answers. */
export function applyPrefEvent(db: Db, e: PrefEvent, now: number, keywords: OptOutKeywords): { status: 'applied' | 'recorded'; reason: string } {
  const base = { customerId: e.customerId, source: 'event' as const };
  if (e.type === 'dnd') {
    changeContactPref(db, { ...base, kind: 'dnd_on', channel: null, detail: 'dnd event' }, now);
    return { status: 'applied', reason: 'do-not-disturb on' };
  }
  if (e.type === 'optout') {
    changeContactPref(db, { ...base, kind: 'opt_out', channel: e.channel ?? null, detail: 'optout event' }, now);
    return { status: 'applied', reason: `opted out of ${e.channel ?? 'all marketing'}` };
  }
  const channel = e.channel!;
  const hit = replyOptOut(db, e.customerId, channel, e.text ?? '', keywords);
  if (!hit) return { status: 'recorded', reason: 'no opt-out keyword' };
  const ack = keywords[channel]?.ack;
  const closes = hit.scope === 'all' ? null : channel;
  changeContactPref(db, { customerId: e.customerId, kind: 'opt_out', channel: closes, source: hit.source, detail: `reply "${(e.text ?? '').trim()}" on ${channel}`, ...(ack ? { ack } : {}) }, now);
  return { status: 'applied', reason: `opted out of ${closes ?? 'all marketing'}${ack ? '; acknowledged' : ''}` };
}
