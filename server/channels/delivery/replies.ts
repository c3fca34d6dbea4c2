/**
 * Customers' replies move journeys (issue #19 item 5). A reply is matched to its touch — by the
 * service-code extension it was addressed to, else the customer's latest contact on that channel — then
 * to a keyword: the channel's opt-out words (TD / 退订: that channel closes at once), the second
 * confirmation (Y / 是, when the customer's order waits for it), or the touch script's reply keywords
 * (`order` → order intent, answered with the confirmation prompt; `info` / `trial` → a response).
 * Anything else is recorded against its touch, or as unmatched (unknown number, no touch). Every reply
 * is kept in `inbound_replies`; what to send back is returned for the caller to send on the same channel.
 * A reply carrying the gateway's message id (CMPP Msg_Id) is applied once per channel: a gateway that
 * delivers it again gets `duplicate` (migration 026).
 */
import { z } from 'zod';
import { channelIdSchema, type ChannelId } from '../../../shared/catalogue/channels.js';
import { PRODUCT_BY_ID } from '../../../shared/catalogue/products.js';
import { fillTemplate } from '../../../shared/flow/script.js';
import { fieldProblemsMessage } from '../../core/field-problems.js';
import type { Db } from '../../db/open.js';
import { FLAG } from '../../engine/core/journey.js';
import { ingestEvents } from '../../engine/runtime/events.js';
import { changeContactPref, DEFAULT_OPT_OUT_KEYWORDS, replyOptOut, type OptOutKeywords } from '../../engine/store/contact-prefs.js';
import { getRun } from '../../engine/store/runs.js';
import { touchOfExtension } from './extensions.js';

export const replySchema = z.object({
  channel: channelIdSchema,
  from: z.string().trim().regex(/^\+?\d{5,20}$/, 'a phone number (digits)'),
  text: z.string().max(2_000),
  extension: z.string().trim().max(20).optional(),
  at: z.number().int().positive().optional(),
  /** The gateway's id of this message (CMPP DELIVER Msg_Id), unique per gateway; absent where the protocol has none (SMPP MO). */
  msgId: z.string().trim().min(1).max(40).optional(),
});
export type ReplyInput = z.infer<typeof replySchema>;

export type ReplyStatus = 'order_intent' | 'confirmed' | 'interest' | 'opted_out' | 'recorded' | 'unmatched' | 'duplicate' | 'invalid';

export interface ReplyOutcome {
  status: ReplyStatus;
  reason: string;
  /** The `inbound_replies` row (absent for invalid input). */
  replyId?: number;
  customerId?: number;
  runId?: number;
  /** Text to send back to the customer on the same channel (confirmation prompt, opt-out acknowledgement). */
  reply?: { to: string; text: string; extension?: string };
}

export interface ReplyOptions {
  optOutKeywords?: OptOutKeywords;
  /** The second-confirmation prompt; `{product}` and `{price}` are filled. */
  confirmTemplate?: string;
  /** Sent after the confirmed order converts. */
  doneTemplate?: string;
}

export const CONFIRM_KEYWORDS = ['Y', 'YES', '是', '确认'];
const CONFIRM_TEMPLATE = '您正在办理{product}（{price}元/月），回复Y确认办理，回复其他内容不办理。';
const DONE_TEMPLATE = '您已成功办理{product}，感谢您的支持。';

const norm = (s: string): string => s.trim().toUpperCase();
/** Mainland numbers arrive as 861xxxxxxxxxx or +861… from some gateways. */
const localPhone = (p: string): string => p.replace(/^\+?86(?=1\d{10}$)/, '');

interface Touch { runId: number; touch: string }

function matchTouch(db: Db, customerId: number, channel: ChannelId, extension: string | undefined): Touch | null {
  if (extension) {
    const t = touchOfExtension(db, extension);
    if (t && db.prepare('SELECT 1 FROM contacts WHERE run_id = ? AND customer_id = ? AND state = ?').get(t.runId, customerId, t.touch)) return t;
  }
  const last = db.prepare(`SELECT run_id AS "runId", state AS touch FROM contacts WHERE customer_id = ? AND channel = ? AND status IN ('sent', 'failed') AND sent_at IS NOT NULL
    ORDER BY sent_at DESC LIMIT 1`).get(customerId, channel) as Touch | undefined;
  return last ?? null;
}

/** Apply one customer reply (its own transaction). Never throws on bad input. */
export function applyReply(db: Db, input: unknown, now = Date.now(), o: ReplyOptions = {}): ReplyOutcome {
  const p = replySchema.safeParse(input);
  if (!p.success) return { status: 'invalid', reason: fieldProblemsMessage(p.error, 'reply') };
  const r = p.data;
  const phone = localPhone(r.from);
  const at = r.at ?? now;
  return db.transaction((): ReplyOutcome => {
    const customerId = db.prepare('SELECT id FROM subscribers WHERE phone = ?').pluck().get(phone) as number | undefined;
    const touch = customerId === undefined ? null : matchTouch(db, customerId, r.channel, r.extension || undefined);
    // The unique (channel, msg_id) makes a gateway's second delivery of the same message insert nothing.
    const inserted = db.prepare(`INSERT INTO inbound_replies (channel, phone, text, extension, customer_id, run_id, touch, status, at, msg_id) VALUES (?, ?, ?, ?, ?, ?, ?, 'recorded', ?, ?)
      ON CONFLICT DO NOTHING RETURNING id`).pluck().get(r.channel, phone, r.text, r.extension ?? null, customerId ?? null, touch?.runId ?? null, touch?.touch ?? null, at, r.msgId ?? null) as number | bigint | undefined;
    if (inserted === undefined) return { status: 'duplicate', reason: `网关重复投递的消息 ${r.msgId ?? ''}，已处理过 / message ${r.msgId ?? ''} delivered again by the gateway: applied already` };
    const id = Number(inserted);
    const out = decide(db, { ...r, phone }, customerId, touch, id, now, o);
    db.prepare('UPDATE inbound_replies SET status = ?, reason = ?, ack = ? WHERE id = ?').run(out.status, out.reason, out.reply?.text ?? null, id);
    return { ...out, replyId: id, ...(customerId !== undefined ? { customerId } : {}), ...(touch ? { runId: touch.runId } : {}) };
  }).immediate();
}

function decide(db: Db, r: ReplyInput & { phone: string }, customerId: number | undefined, touch: Touch | null, id: number, now: number, o: ReplyOptions): Omit<ReplyOutcome, 'replyId'> {
  if (customerId === undefined) return { status: 'unmatched', reason: `号码 ${r.phone} 不是本网客户 / no subscriber with number ${r.phone}` };
  const said = norm(r.text);
  const back = (text: string) => ({ to: r.phone, text, ...(r.extension ? { extension: r.extension } : {}) });

  // Opt-out first, with or without a touch: the customer asked to hear nothing more on this channel.
  const keywords = o.optOutKeywords ?? DEFAULT_OPT_OUT_KEYWORDS;
  const hit = replyOptOut(db, customerId, r.channel, r.text, keywords);
  if (hit) {
    const ack = keywords[r.channel]?.ack;
    const closes = hit.scope === 'all' ? null : r.channel;
    changeContactPref(db, { customerId, kind: 'opt_out', channel: closes, source: hit.source, detail: `reply "${r.text.trim()}" on ${r.channel}`, ...(ack ? { ack } : {}) }, now);
    return { status: 'opted_out', reason: `已退订${closes ? ` ${closes}` : '全部营销'} / opted out of ${closes ?? 'all marketing'}`, ...(ack ? { reply: back(ack) } : {}) };
  }
  if (!touch) return { status: 'unmatched', reason: `未找到该客户在 ${r.channel} 上的触达 / no touch of this customer on ${r.channel}` };

  const run = getRun(db, touch.runId);
  const send = run?.machine.states[touch.touch];
  const script = send?.kind === 'send' ? run!.machine.scripts[send.script] : undefined;
  const product = run ? PRODUCT_BY_ID[run.machine.productId] : undefined;
  const fill = (t: string) => fillTemplate(t, { product: product?.name.zh ?? run?.machine.productId ?? '', price: product?.price ?? '' });
  const event = (type: 'order' | 'response', suffix: string, secondConfirmed?: boolean) =>
    ingestEvents(db, [{ id: `reply:${id}:${suffix}`, type, customerId, runId: touch.runId, ...(secondConfirmed !== undefined ? { secondConfirmed } : {}) }], now)[0]!;

  if (CONFIRM_KEYWORDS.includes(said)) {
    const flags = db.prepare('SELECT flags FROM journeys WHERE run_id = ? AND customer_id = ?').pluck().get(touch.runId, customerId) as number | undefined;
    if (flags !== undefined && (flags & FLAG.awaitingConfirmation) !== 0) {
      const res = event('order', 'confirm', true);
      if (res.status === 'applied') return { status: 'confirmed', reason: '二次确认，已办理 / second confirmation: order placed', reply: back(fill(o.doneTemplate ?? DONE_TEMPLATE)) };
      return { status: 'recorded', reason: `confirmation not applied: ${res.reason ?? res.status}` };
    }
  }
  const kw = script?.kind === 'message' ? script.replyKeywords.find((k) => norm(k.keyword) === said) : undefined;
  if (kw?.action === 'order') {
    const res = event('order', 'order', false);
    if (res.status === 'awaiting_confirmation') {
      return { status: 'order_intent', reason: '办理意向，待二次确认 / order intent: waiting for the second confirmation', reply: back(fill(o.confirmTemplate ?? CONFIRM_TEMPLATE)) };
    }
    return { status: 'recorded', reason: `order intent not applied: ${res.reason ?? res.status}` };
  }
  if (kw && (kw.action === 'info' || kw.action === 'trial')) {
    const res = event('response', kw.action);
    return { status: res.status === 'applied' ? 'interest' : 'recorded', reason: res.status === 'applied' ? `有兴趣（${kw.action}） / interest (${kw.action})` : `response not applied: ${res.reason ?? res.status}` };
  }
  return { status: 'recorded', reason: '未匹配触达的关键词 / no keyword of the touch matched' };
}
