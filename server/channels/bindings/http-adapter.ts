import { Webhook } from 'standardwebhooks';
import type { Db } from '../../db/open.js';
import { contactKey, type ChannelAdapter, type OutboxContact, type OutboxResult } from '../../engine/channels/adapter.js';
import { recordDeadLetter } from './dead-letters.js';
import { renderContact, type RenderContact } from './render.js';
import { signedPost } from './signed-post.js';
import type { HttpSettings } from './types.js';

export interface HttpAdapterOptions extends HttpSettings {
  channel: string;
  /** The binding version these settings are (written on dead letters, sent in the payload). */
  version: number;
  /** Contacts posted at once (one request each, this many in flight). */
  concurrency?: number;
  render?: RenderContact;
}

/** What the operator's platform receives for one contact (JSON, signed with Standard Webhooks). */
export interface HttpMessage {
  type: 'message' | 'test';
  /** Idempotency key: the same on every retry of a contact; also the `webhook-id` header. */
  key: string;
  channel: string;
  to: string;
  text: string;
  scriptId: string;
  touchId: string;
  runId: number | null;
  flowId: string | null;
  customerId: number | null;
  bindingVersion: number;
}

export type HttpAnswer = { status: 'sent'; providerId: string } | { status: 'failed' | 'retry'; reason: string };

/**
 * An operator's HTTP platform (app push, WeChat service account, 5G message, a cloud SMS API): one POST
 * per contact with the recipient, the rendered text, the script and touch ids and the idempotency key,
 * signed with the binding's Standard Webhooks secret. 2xx → sent (the platform's id from `{id}`, else
 * the key); other 4xx → failed (the journey follows the touch's failure rule); network errors,
 * timeouts, 5xx, 408 and 429 → retried by the outbox after a jittered, capped back-off, and after
 * `maxAttempts` parked in the dead-letter list (still queued) until an admin retries it. The outbox's
 * circuit breaker is per adapter, and there is one adapter per binding version.
 */
export class HttpAdapter implements ChannelAdapter {
  readonly name: string;
  readonly mode = 'outbox' as const;
  private readonly hook: Webhook;

  constructor(private readonly db: Db, private readonly o: HttpAdapterOptions) {
    this.name = `http:${o.channel}@${o.version}`;
    this.hook = new Webhook(o.secret);
  }

  /** POST one signed message; the answer as the outbox understands it. */
  async post(msg: HttpMessage): Promise<HttpAnswer> {
    const a = await signedPost(this.hook, this.o.url, msg.key, JSON.stringify(msg), this.o.timeoutMs);
    if (a.kind === 'refused') return { status: 'failed', reason: a.reason };
    if (a.kind === 'retry') return { status: 'retry', reason: a.reason };
    let id = msg.key;
    try {
      const reply = JSON.parse(a.text) as { id?: unknown };
      if (typeof reply.id === 'string' || typeof reply.id === 'number') id = String(reply.id);
    } catch { /* not JSON: keep the key */ }
    return { status: 'sent', providerId: id };
  }

  async postOne(c: OutboxContact): Promise<OutboxResult> {
    const r = (this.o.render ?? renderContact)(this.db, c);
    if (!r) return { status: 'failed', reason: '无可发送内容（客户或话术已不存在）/ nothing to send (the customer or the touch\'s script is gone)' };
    const key = contactKey(c);
    const answer = await this.post({
      type: 'message', key, channel: c.channel, to: r.phone, text: r.text, scriptId: r.scriptId, touchId: r.touchId,
      runId: c.runId, flowId: c.flowId, customerId: c.customerId, bindingVersion: this.o.version,
    });
    if (answer.status !== 'retry') return answer;
    // Attempts are counted on the contact (`tries`, before this one), so the cap holds across processes and restarts.
    if ((c.tries ?? 0) + 1 >= this.o.maxAttempts) {
      recordDeadLetter(this.db, { channel: this.o.channel, version: this.o.version, contact: c, key, reason: answer.reason, tries: (c.tries ?? 0) + 1 });
      return { status: 'dead', reason: answer.reason };
    }
    return answer;
  }

  async deliver(batch: OutboxContact[]): Promise<OutboxResult[]> {
    const out: OutboxResult[] = new Array(batch.length);
    const n = Math.max(1, this.o.concurrency ?? 8);
    let next = 0;
    await Promise.all(Array.from({ length: Math.min(n, batch.length) }, async () => {
      while (next < batch.length) {
        const i = next++;
        out[i] = await this.postOne(batch[i]!);
      }
    }));
    return out;
  }
}
