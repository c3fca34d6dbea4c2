import { CHANNEL_BY_ID } from '../../../shared/catalogue/channels.js';
import type { ProductCategory } from '../../../shared/catalogue/products.js';
import type { Stage } from '../../../shared/catalogue/stages.js';
import type { Db } from '../../db/open.js';
import { HOUR } from '../core/clock.js';
import { dice } from '../core/hash.js';
import type { ContactRequest, DeliveryResult, ScheduledEvent } from '../core/journey.js';
import type { ChannelAdapter } from './adapter.js';

/** How likely a contact at each stage draws a response, relative to the CPC prior. */
const STAGE_RESPONSE: Record<Stage, number> = { publicity: 1, experience: 1.2, sales: 0.9 };
/** Share of responses that are orders, by stage (publicity mostly asks for information). */
const STAGE_ORDER: Record<Stage, number> = { publicity: 0.1, experience: 0.25, sales: 0.55 };
/** Customers who confirm an order a second time when asked (二次确认). */
const CONFIRM_RATE = 0.85;

export interface SimulatedOptions {
  seed: number;
  category: ProductCategory;
  /** Share of message contacts that fail delivery (agent channels: no answer is modelled as no response). */
  failureRate?: number;
  /** Scale every response probability (tests use it to force outcomes). */
  responseScale?: number;
}

/**
 * The simulated gateway, one for all channels: delivery failures, response delay around the channel's
 * median, and response / order probabilities from the CPC prior (the seeded Beta prior for group ×
 * channel × product category: response_priors once learning has moved the cell, else
 * response_estimates) scaled by stage. Every draw is a hash of (seed, run, customer, state, attempt, purpose), so outcomes do not depend on processing order or batch size.
 */
export class SimulatedGateway implements ChannelAdapter {
  readonly name = 'simulated';
  readonly mode = 'inline' as const;
  private readonly rates = new Map<string, number>();

  constructor(db: Db, private readonly opts: SimulatedOptions) {
    // The simulated world's true rates are the seeded priors (kept in response_priors once learning has
    // updated a cell), never the learned estimates: learning must not shift the world it learns from.
    const rows = db.prepare(`SELECT e.group_id, e.channel_id, coalesce(p.alpha, e.alpha) AS alpha, coalesce(p.beta, e.beta) AS beta
      FROM response_estimates e LEFT JOIN response_priors p ON p.group_id = e.group_id AND p.channel_id = e.channel_id AND p.category = e.category
      WHERE e.category = ?`).all(opts.category) as {
      group_id: string; channel_id: string; alpha: number; beta: number;
    }[];
    for (const r of rows) this.rates.set(`${r.group_id}|${r.channel_id}`, r.alpha / (r.alpha + r.beta));
  }

  responseRate(group: string, channel: string): number {
    return this.rates.get(`${group}|${channel}`) ?? 0.01;
  }

  decide(req: ContactRequest): DeliveryResult {
    const { seed } = this.opts;
    const d = (purpose: string) => dice(seed, req.runId, req.customerId, req.state, req.attempt, purpose);
    const ch = CHANNEL_BY_ID[req.channel];
    const failureRate = this.opts.failureRate ?? (ch.kind === 'agent' ? 0 : 0.02);
    if (d('fail') < failureRate) return { status: 'failed', reason: 'delivery_failed' };
    const providerId = `sim-${req.runId}-${req.customerId}-${req.attempt}`;
    const p = Math.min(0.95, this.responseRate(req.group, req.channel) * STAGE_RESPONSE[req.stage] * (this.opts.responseScale ?? 1));
    if (d('respond') >= p) return { status: 'sent', providerId };
    const delay = Math.max(0.05, ch.responseDelayHours * (0.3 + 1.4 * d('delay'))) * HOUR;
    const order = d('order') < STAGE_ORDER[req.stage];
    const event: ScheduledEvent = order
      ? { type: 'order', at: req.now + delay, secondConfirmed: d('confirm') < CONFIRM_RATE }
      : { type: 'response', at: req.now + delay };
    return { status: 'sent', providerId, outcomes: [event] };
  }
}
