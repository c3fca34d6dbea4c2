import { contactKey, type ChannelAdapter, type OutboxContact, type OutboxResult } from './adapter.js';

export interface WebhookOptions {
  url: string;
  /** Per attempt. */
  timeoutMs?: number;
  /**
   * Attempts per delivery (default 1: the outbox retries later, with back-off and the receiver's circuit
   * breaker, rather than this call holding a slice of contacts while it waits).
   */
  attempts?: number;
  /** First backoff between attempts of one delivery; doubles each retry, with jitter. */
  backoffMs?: number;
  headers?: Record<string, string>;
  /** Contacts posted at once (one request each, this many in flight). */
  concurrency?: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * POSTs each contact as JSON to a provider URL with a timeout and an `Idempotency-Key` header
 * (run:customer:state:attempt) so the receiver can drop re-deliveries after a crash. 2xx → sent
 * (provider id from `{id}` in the reply or the key); other 4xx → failed; network errors, timeouts, 5xx,
 * 408 and 429 → retry: the contact stays queued and the outbox tries it again after a back-off.
 */
export class WebhookAdapter implements ChannelAdapter {
  readonly name = 'webhook';
  readonly mode = 'outbox' as const;
  constructor(private readonly o: WebhookOptions) {}

  async postOne(c: OutboxContact): Promise<OutboxResult> {
    const key = contactKey(c);
    const attempts = this.o.attempts ?? 1;
    let last = '';
    for (let i = 0; i < attempts; i++) {
      if (i > 0) await sleep((this.o.backoffMs ?? 200) * 2 ** (i - 1) * (0.5 + Math.random() / 2));
      try {
        const res = await fetch(this.o.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'idempotency-key': key, ...this.o.headers },
          body: JSON.stringify({ key, ...c }),
          signal: AbortSignal.timeout(this.o.timeoutMs ?? 5000),
        });
        const text = await res.text();
        if (res.ok) {
          let id = key;
          try {
            const body = JSON.parse(text) as { id?: unknown };
            if (typeof body.id === 'string' || typeof body.id === 'number') id = String(body.id);
          } catch { /* not JSON: keep the key */ }
          return { status: 'sent', providerId: id };
        }
        last = `HTTP ${res.status}`;
        if (res.status < 500 && res.status !== 429 && res.status !== 408) return { status: 'failed', reason: last };
      } catch (err) {
        last = err instanceof Error ? err.name === 'TimeoutError' ? 'timeout' : err.message : String(err);
      }
    }
    return { status: 'retry', reason: last };
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
