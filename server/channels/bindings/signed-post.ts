import type { Webhook } from 'standardwebhooks';

/**
 * The answer of one signed POST, classified the way every HTTP binding (channels, provisioning) retries:
 * 2xx → `ok` with the body; 408, 429, 5xx, timeouts and network errors → `retry` (the receiver may be
 * back soon; the same key goes again); any other 4xx → `refused` (the receiver said no to this request).
 */
export type SignedPostAnswer =
  | { kind: 'ok'; status: number; text: string }
  | { kind: 'refused'; status: number; reason: string }
  | { kind: 'retry'; reason: string };

/**
 * POST `body` to `url`, signed with Standard Webhooks (`webhook-id` = the idempotency key, also sent as
 * `Idempotency-Key`, `webhook-timestamp`, `webhook-signature`), giving up after `timeoutMs`.
 */
export async function signedPost(hook: Webhook, url: string, key: string, body: string, timeoutMs: number): Promise<SignedPostAnswer> {
  const at = new Date();
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'idempotency-key': key,
        'webhook-id': key,
        'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
        'webhook-signature': hook.sign(key, at, body),
      },
      body,
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await res.text();
    if (res.ok) return { kind: 'ok', status: res.status, text };
    const reason = `HTTP ${res.status}${text ? `: ${text.slice(0, 120)}` : ''}`;
    return res.status < 500 && res.status !== 429 && res.status !== 408 ? { kind: 'refused', status: res.status, reason } : { kind: 'retry', reason };
  } catch (err) {
    const e = err instanceof Error ? err : new Error(String(err));
    return { kind: 'retry', reason: e.name === 'TimeoutError' ? `timeout after ${timeoutMs} ms` : `${networkError(e)} (${url})` };
  }
}

/** fetch says only "fetch failed"; the socket's own code (ECONNREFUSED, ENOTFOUND …) is in its cause. */
function networkError(e: Error): string {
  const c = e.cause as { code?: string; message?: string; errors?: { code?: string }[] } | undefined;
  return c?.code ?? c?.errors?.[0]?.code ?? c?.message ?? e.message;
}
