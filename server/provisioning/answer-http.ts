import type { Express, Request, Response } from 'express';
import { z } from 'zod';
import { provisionAnswerSchema, provisionServiceSchema } from '../../shared/channels/provisioning-input.js';
import { noHttpBinding, signedRequest, verifySignedBody, type SignedBodyRefusal } from '../channels/bindings/verify-signed-body.js';
import type { AppServices } from '../core/context.js';
import type { Db } from '../db/open.js';
import { applyProvisionAnswer, parseCallKey } from './apply.js';
import { toOperatorAnswer } from './caller.js';
import { loadProvisioningBinding } from './store.js';

export const ANSWER_PATH = '/api/provisioning/:service/answer';

const asyncAnswerSchema = provisionAnswerSchema.extend({ idempotencyKey: z.string().regex(/^\d+:\d+:.+:\d+$/, 'the idempotencyKey Linkage sent the call with') });

export type AnswerReply = SignedBodyRefusal | { http: 200; result: { status: 'applied' | 'duplicate' | 'unknown_key' } };

/**
 * An operator that answers later (202 to the call) posts `{ idempotencyKey, result, reason?, expiresAt? }`
 * here, signed with the service's binding secret (Standard Webhooks). Nothing is said or applied before
 * the signature verifies; the answer is applied once (a repeat is `duplicate`), as a synchronous one is.
 */
export function handleProvisionAnswer(db: Db, service: string, raw: Buffer, headers: Record<string, string>, now = Date.now()): AnswerReply {
  const sv = provisionServiceSchema.safeParse(service);
  if (!sv.success) return noHttpBinding('service');
  const signed = verifySignedBody(() => {
    const b = loadProvisioningBinding(db, sv.data);
    return b.settings.kind === 'http' ? b.settings.http.secret : null;
  }, raw, headers, asyncAnswerSchema, 'service');
  if (signed.http !== 200) return signed;
  const key = parseCallKey(signed.body.idempotencyKey);
  if (!key) return { http: 400, error: 'idempotencyKey: the idempotencyKey Linkage sent the call with' };
  return { http: 200, result: { status: applyProvisionAnswer(db, key, toOperatorAnswer(signed.body), now) } };
}

/** `POST /api/provisioning/:service/answer` (the body kept raw for the signature: mounted ahead of the JSON parser). */
export function registerProvisionAnswerHttp(app: Express, services: AppServices): void {
  app.post(ANSWER_PATH, (req: Request, res: Response) => {
    const { raw, headers } = signedRequest(req);
    const a = handleProvisionAnswer(services.db, String(req.params.service), raw, headers);
    if (a.http === 200) res.status(200).json(a.result);
    else res.status(a.http).json({ error: a.error });
  });
}
