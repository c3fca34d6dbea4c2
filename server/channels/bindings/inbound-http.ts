import express, { type Express, type Request, type RequestHandler, type Response } from 'express';
import type { AppServices } from '../../core/context.js';
import { handleInbound } from './inbound.js';
import { resolverOf } from './shared-resolver.js';
import { signedRequest } from './verify-signed-body.js';

export const INBOUND_PATH = '/api/channels/:channel/inbound';

/** The signature covers the exact bytes: the body is kept raw (mounted ahead of the JSON parser). */
export const inboundRawBody: RequestHandler = express.raw({ type: () => true, limit: '64kb' });

/**
 * `POST /api/channels/:channel/inbound`: delivery reports and replies from an HTTP platform, signed with
 * the channel's binding secret (Standard Webhooks headers). 401 and nothing applied on a bad signature.
 */
export function registerChannelInboundHttp(app: Express, services: AppServices): void {
  app.post(INBOUND_PATH, (req: Request, res: Response, next) => {
    const { raw, headers } = signedRequest(req);
    handleInbound(services.db, resolverOf(services), String(req.params.channel), raw, headers)
      .then((a) => void (a.http === 200 ? res.status(200).json(a.result) : res.status(a.http).json({ error: a.error })))
      .catch(next);
  });
}
