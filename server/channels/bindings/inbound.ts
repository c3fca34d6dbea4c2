import { z } from 'zod';
import { channelIdSchema, type ChannelId } from '../../../shared/catalogue/channels.js';
import type { Db } from '../../db/open.js';
import { EventApplier } from '../../engine/runtime/event-applier.js';
import { failSentContact } from '../../engine/store/counters.js';
import { statReason } from '../delivery/receipts.js';
import { applyReply, type ReplyOutcome } from '../delivery/replies.js';
import { isDelivered } from '../types.js';
import { HttpAdapter } from './http-adapter.js';
import type { BindingResolver } from './resolve.js';
import { loadBinding } from './store.js';
import { noHttpBinding, verifySignedBody, type SignedBodyRefusal } from './verify-signed-body.js';

/**
 * What an HTTP platform posts back to `POST /api/channels/:channel/inbound`, signed with the binding's
 * Standard Webhooks secret: a delivery report of a message Linkage sent (by the idempotency key it was
 * sent with), or a customer's reply.
 */
export const inboundSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('report'), key: z.string().regex(/^\d+:\d+:[^:]+:\d+$/, 'the key Linkage sent the message with'), status: z.string().trim().min(1).max(16), at: z.number().int().positive().optional() }),
  z.object({ type: z.literal('reply'), from: z.string(), text: z.string(), extension: z.string().optional(), at: z.number().int().positive().optional() }),
]);

export type InboundAnswer =
  | SignedBodyRefusal
  | { http: 200; result: { status: string; reason?: string } };

/**
 * Verify and apply one inbound post. Nothing is applied unless the signature verifies with the
 * channel's current HTTP binding's secret (a bad or missing signature, or no HTTP binding → 401). Replies go to the gateway
 * replies' `applyReply` (keywords, second confirmation, opt-out); what it asks to send back goes out
 * through the same HTTP binding.
 */
export async function handleInbound(db: Db, resolver: BindingResolver, channel: string, raw: Buffer, headers: Record<string, string>, now = Date.now()): Promise<InboundAnswer> {
  const ch = channelIdSchema.safeParse(channel);
  // Nothing is said about the channel's binding before the caller proved it holds its secret.
  if (!ch.success) return noHttpBinding('channel');
  const signed = verifySignedBody(() => {
    const b = loadBinding(db, ch.data);
    return b.settings.kind === 'http' ? b.settings.http.secret : null;
  }, raw, headers, inboundSchema, 'channel');
  if (signed.http !== 200) return signed;
  const msg = signed.body;
  if (msg.type === 'report') return { http: 200, result: applyHttpReport(db, ch.data, msg.key, msg.status, msg.at ?? now) };
  // A report repeated changes nothing; a reply repeated would (a second prompt, a second order): once per webhook-id.
  const webhookId = headers['webhook-id'] ?? '';
  if (!firstDelivery(db, ch.data, webhookId, now)) return { http: 200, result: { status: 'duplicate', reason: 'this webhook-id was applied already' } };
  let out: ReplyOutcome;
  try {
    out = applyReply(db, { channel: ch.data, from: msg.from, text: msg.text, ...(msg.extension ? { extension: msg.extension } : {}), ...(msg.at ? { at: msg.at } : {}) }, now);
  } catch (err) {
    // Not applied: the platform's retry with the same id must be.
    db.prepare('DELETE FROM inbound_webhook_ids WHERE channel = ? AND id = ?').run(ch.data, webhookId);
    throw err;
  }
  if (out.reply) await sendBack(resolver, ch.data, out.reply.to, out.reply.text);
  return { http: 200, result: { status: out.status, reason: out.reason } };
}

/** Whether this signed message is seen for the first time (ids are kept a day: far past the signature's 5-minute window). */
function firstDelivery(db: Db, channel: ChannelId, webhookId: string, now: number): boolean {
  db.prepare('DELETE FROM inbound_webhook_ids WHERE received_at < ?').run(now - 86_400_000);
  return db.prepare('INSERT INTO inbound_webhook_ids (channel, id, received_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING').run(channel, webhookId, now).changes === 1;
}

/**
 * A delivery report of an HTTP-sent contact, found by its key: delivered is traced; a failure marks the
 * contact failed and moves the journey by the touch's failure rule (as a gateway's report does). A
 * repeated report changes nothing.
 */
export function applyHttpReport(db: Db, channel: ChannelId, key: string, status: string, at: number): { status: 'applied' | 'duplicate' | 'unknown_key'; reason?: string } {
  const [runId, customerId, state, attempt] = key.split(':') as [string, string, string, string];
  const stat = status.toUpperCase();
  return db.transaction(() => {
    const c = db.prepare('SELECT status, channel FROM contacts WHERE run_id = ? AND customer_id = ? AND state = ? AND attempt = ?')
      .get(Number(runId), Number(customerId), state, Number(attempt)) as { status: string; channel: string } | undefined;
    if (!c || c.channel !== channel) return { status: 'unknown_key' as const, reason: `no ${channel} message with key ${key}` };
    const reported = db.prepare(`SELECT 1 FROM traces WHERE run_id = ? AND customer_id = ? AND state = ? AND code IN ('delivered', 'delivery_failed')`).get(Number(runId), Number(customerId), state);
    if (reported || c.status !== 'sent') return { status: 'duplicate' as const, reason: `already ${c.status === 'sent' ? 'reported' : c.status}` };
    const reason = `${channel}: ${stat} ${statReason(stat)}`;
    const trace = db.prepare('INSERT INTO traces (run_id, customer_id, at, state, code, detail) VALUES (?, ?, ?, ?, ?, ?)');
    if (isDelivered(stat)) {
      trace.run(Number(runId), Number(customerId), at, state, 'delivered', reason);
      return { status: 'applied' as const };
    }
    failSentContact(db, { runId: Number(runId), customerId: Number(customerId), state, attempt: Number(attempt) }, `delivery report ${stat}`);
    trace.run(Number(runId), Number(customerId), at, state, 'delivery_failed', reason);
    new EventApplier(db).failDelivery(Number(runId), Number(customerId), state, Number(attempt), reason, at);
    return { status: 'applied' as const };
  }).immediate();
}

/** A confirmation prompt or an opt-out acknowledgement, through the channel's HTTP binding. */
async function sendBack(resolver: BindingResolver, channel: ChannelId, to: string, text: string): Promise<void> {
  const sender = resolver.sender(channel, resolver.currentVersion(channel));
  if (!(sender instanceof HttpAdapter)) return;
  await sender.post({ type: 'message', key: `reply:${channel}:${to}:${Date.now()}`, channel, to, text, scriptId: '', touchId: '', runId: null, flowId: null, customerId: null, bindingVersion: resolver.currentVersion(channel) });
}
