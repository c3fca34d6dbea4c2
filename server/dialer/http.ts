import { timingSafeEqual } from 'node:crypto';
import type { Express, Request, Response } from 'express';
import { z } from 'zod';
import type { ChannelId } from '../../shared/catalogue/channels.js';
import { loadBinding } from '../channels/bindings/store.js';
import type { AppServices } from '../core/context.js';
import { fieldProblems } from '../core/field-problems.js';
import { HUMAN_CHANNELS } from '../monitoring/workbench-queue.js';
import { pullCalls } from './pull.js';
import { callResultSchema, dialerStats, reportCall } from './report.js';

const pullSchema = z.object({
  channel: z.enum(HUMAN_CHANNELS).default('outbound_call'),
  idleAgents: z.number().int().min(0).max(1000),
  ratio: z.number().min(1).max(5).default(1),
  /** Overrides the binding's lease for this pull. */
  leaseSeconds: z.number().int().min(10).max(3600).optional(),
  lang: z.enum(['zh', 'en']).default('zh'),
}).strict();

const resultsSchema = z.object({ results: z.array(callResultSchema).min(1).max(1000) }).strict();

/** The lease of a channel bound to the dialer by an admin (系统设置 › 渠道绑定); null when it is not. */
function dialerLeaseSeconds(services: AppServices, channel: ChannelId): number | null {
  const b = loadBinding(services.db, channel);
  return b.settings.kind === 'dialer' ? b.settings.dialer.leaseSeconds : null;
}

const sameKey = (given: string, key: string): boolean => {
  const a = Buffer.from(given);
  const b = Buffer.from(key);
  return key.length > 0 && a.length === b.length && timingSafeEqual(a, b);
};

/**
 * The CTI-facing dialer API (issue #19 item 7). The call centre's dialer pulls due calls when agents are
 * free and posts the results back; the agent workbench keeps working beside it on the same queue.
 * Auth: `Authorization: Bearer <DIALER_API_KEY>`.
 * - `POST /api/dialer/pull` `{ channel, idleAgents, ratio?, leaseSeconds?, lang? }` → `{ calls, released, note? }`;
 *   409 unless an admin bound the channel to the dialer (its binding sets the lease)
 * - `POST /api/dialer/results` `{ results: [{ callId, result, secondConfirmed?, callbackAt? }] }` → `{ results }`
 * - `GET /api/dialer/stats` → per channel: waiting, leased, expired leases
 */
export function registerDialerHttp(app: Express, services: AppServices): void {
  const clock = services.now ?? Date.now;
  const authorized = (req: Request, res: Response): boolean => {
    const given = (req.get('authorization') ?? '').replace(/^Bearer /, '');
    if (sameKey(given, services.config.DIALER_API_KEY)) return true;
    res.status(401).json({ error: 'unauthorized: Authorization: Bearer <DIALER_API_KEY>' });
    return false;
  };
  app.post('/api/dialer/pull', (req, res) => {
    if (!authorized(req, res)) return;
    const p = pullSchema.safeParse(req.body);
    if (!p.success) return void res.status(400).json({ error: 'invalid pull request', problems: fieldProblems(p.error, 'body') });
    const { leaseSeconds, ...rest } = p.data;
    const bound = dialerLeaseSeconds(services, rest.channel);
    if (bound === null) return void res.status(409).json({ error: `channel ${rest.channel} is not bound to the dialer: an admin binds it in Settings › Channel bindings (渠道绑定), kind dialer` });
    res.json(pullCalls(services.db, { ...rest, leaseMs: (leaseSeconds ?? bound) * 1000 }, clock()));
  });
  app.post('/api/dialer/results', (req, res) => {
    if (!authorized(req, res)) return;
    const p = resultsSchema.safeParse(req.body);
    if (!p.success) return void res.status(400).json({ error: 'invalid results', problems: fieldProblems(p.error, 'body') });
    const now = clock();
    // `connected` renews a call's lease by its channel's binding (the dialer's channels: outbound call and the like).
    const lease = (channel: ChannelId) => (dialerLeaseSeconds(services, channel) ?? 120) * 1000;
    res.json({ results: p.data.results.map((r) => reportCall(services.db, r, lease, now)) });
  });
  app.get('/api/dialer/stats', (req, res) => {
    if (!authorized(req, res)) return;
    res.json({ channels: dialerStats(services.db, clock()) });
  });
}
