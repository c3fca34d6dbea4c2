import type { Express, Request, Response } from 'express';
import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import { z } from 'zod';
import { provisionAnswerSchema, provisionServiceSchema } from '../../shared/channels/provisioning-input.js';
import { cannotSend } from '../channels/bindings/resolve.js';
import type { AppServices } from '../core/context.js';
import type { Db } from '../db/open.js';
import { applyProvisionAnswer, parseCallKey } from './apply.js';
import { toOperatorAnswer } from './caller.js';
import { loadProvisioningBinding } from './store.js';

export const ANSWER_PATH = '/api/provisioning/:service/answer';

const asyncAnswerSchema = provisionAnswerSchema.extend({ idempotencyKey: z.string().regex(/^\d+:\d+:.+:\d+$/, 'the idempotencyKey Linkage sent the call with') });

export type AnswerReply = { http: 401 | 400; error: string } | { http: 200; result: { status: 'applied' | 'duplicate' | 'unknown_key' } };

/**
 * An operator that answers later (202 to the call) posts `{ idempotencyKey, result, reason?, expiresAt? }`
 * here, signed with the service's binding secret (Standard Webhooks). Nothing is said or applied before
 * the signature verifies; the answer is applied once (a repeat is `duplicate`), as a synchronous one is.
 */
export function handleProvisionAnswer(db: Db, service: string, raw: Buffer, headers: Record<string, string>, now = Date.now()): AnswerReply {
  const sv = provisionServiceSchema.safeParse(service);
  if (!sv.success) return { http: 401, error: 'signature: no HTTP binding for this service' };
  let secret: string;
  try {
    const b = loadProvisioningBinding(db, sv.data);
    if (b.settings.kind !== 'http') return { http: 401, error: 'signature: no HTTP binding for this service' };
    secret = b.settings.http.secret;
  } catch (err) {
    return { http: 401, error: `signature: ${cannotSend(err)}` };
  }
  let body: unknown;
  try {
    body = new Webhook(secret).verify(raw, headers);
  } catch (err) {
    return { http: 401, error: err instanceof WebhookVerificationError ? `signature: ${err.message}` : 'signature: body is not JSON' };
  }
  const p = asyncAnswerSchema.safeParse(body);
  if (!p.success) return { http: 400, error: p.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ') };
  const key = parseCallKey(p.data.idempotencyKey);
  if (!key) return { http: 400, error: 'idempotencyKey: the idempotencyKey Linkage sent the call with' };
  return { http: 200, result: { status: applyProvisionAnswer(db, key, toOperatorAnswer(p.data), now) } };
}

/** `POST /api/provisioning/:service/answer` (the body kept raw for the signature: mounted ahead of the JSON parser). */
export function registerProvisionAnswerHttp(app: Express, services: AppServices): void {
  app.post(ANSWER_PATH, (req: Request, res: Response) => {
    const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : v ?? '']));
    const a = handleProvisionAnswer(services.db, String(req.params.service), raw, headers);
    if (a.http === 200) res.status(200).json(a.result);
    else res.status(a.http).json({ error: a.error });
  });
}
