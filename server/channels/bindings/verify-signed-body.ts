import type { Request } from 'express';
import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import type { z } from 'zod';
import { fieldProblemsMessage } from '../../core/field-problems.js';
import { cannotSend } from './resolve.js';

/** The answer to a signed post that is refused: 401 before the signature verifies, 400 for a body that does not parse. */
export type SignedBodyRefusal = { http: 401 | 400; error: string };

/** What an HTTP binding's URL names: the channel of the inbound endpoint, the service of the provisioning answer endpoint. */
type Subject = 'channel' | 'service';

export const noHttpBinding = (subject: Subject): SignedBodyRefusal => ({ http: 401, error: `signature: no HTTP binding for this ${subject}` });

/**
 * A post back from an HTTP platform, checked the same way wherever one arrives: nothing is said about the
 * binding before the signature verifies with its current secret (no HTTP binding, a secret that cannot
 * be opened, a bad or missing signature → 401), then the body parsed by `schema` (400 naming each field,
 * 中文 / English).
 * `secretOf` gives the opened secret of the HTTP binding `subject` names, null when there is none; it may
 * throw SecretKeyError.
 */
export function verifySignedBody<S extends z.ZodType>(
  secretOf: () => string | null, raw: Buffer, headers: Record<string, string>, schema: S, subject: Subject,
): { http: 200; body: z.output<S> } | SignedBodyRefusal {
  let secret: string | null;
  try {
    secret = secretOf();
  } catch (err) {
    return { http: 401, error: `signature: ${cannotSend(err)}` };
  }
  if (secret === null) return noHttpBinding(subject);
  let body: unknown;
  try {
    body = new Webhook(secret).verify(raw, headers);
  } catch (err) {
    return { http: 401, error: err instanceof WebhookVerificationError ? `signature: ${err.message}` : 'signature: body is not JSON' };
  }
  const p = schema.safeParse(body);
  if (!p.success) return { http: 400, error: fieldProblemsMessage(p.error, 'body') };
  return { http: 200, body: p.data };
}

/** The exact bytes the signature covers (the route is mounted behind `inboundRawBody`) and the headers as single strings. */
export function signedRequest(req: Request): { raw: Buffer; headers: Record<string, string> } {
  const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
  const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : v ?? '']));
  return { raw, headers };
}
