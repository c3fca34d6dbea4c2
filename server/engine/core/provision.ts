import type { ProvisionRequest, ProvisionResult } from '../../../shared/machine/types.js';
import { DAY } from './clock.js';
import { dice } from './hash.js';

/** What the customer already holds, as the stepper read it for the batch: products, and benefits granted and not expired. */
export interface Holdings {
  products: ReadonlySet<string>;
  benefits: ReadonlySet<string>;
  /** Benefits with a call queued or awaiting its answer (any run): a second call could grant the benefit twice. */
  pending: ReadonlySet<string>;
}

/** One call of an operator service for one customer; (run, customer, state, attempt) is its idempotency key. */
export interface ProvisionCall {
  runId: number;
  customerId: number;
  state: string;
  attempt: number;
  service: string;
  request: ProvisionRequest;
  holdings: Holdings;
  now: number;
}

export interface ProvisionAnswer {
  result: ProvisionResult;
  /** Why (failed: the service's reason; already_held: what the customer holds). */
  reason?: string;
}

/** The call goes out later through the service's HTTP binding (this version of it); the journey waits for the answer. */
export interface ProvisionQueued {
  result: 'queued';
  bindingVersion: number;
}

/**
 * The operator's provisioning interface, asked inside the stepper's batch transaction. Two modes:
 * - `inline`: the answer is deterministic and I/O-free (the simulated service), written with the journey's move;
 * - `bound` (live runs): per service, as admins bound it (系统设置 › 权益开通): a simulated service answers
 *   inline, an `http` one answers `queued` — the stepper writes a `provision_calls` row (the outbox, with the
 *   cost reserved under the budget) and parks the journey; `server/provisioning` posts the call and applies
 *   the operator's answer once.
 */
export interface ProvisioningService {
  readonly name: string;
  readonly mode: 'inline' | 'bound';
  provision(call: ProvisionCall): ProvisionAnswer | ProvisionQueued;
}

/** Share of calls the simulated service fails (the operator's system refusing or timing out). */
const SIMULATED_FAILURE_RATE = 0.03;

/**
 * The simulated provisioning service: already held when the customer holds the product the benefit
 * leads to, holds the benefit from an earlier grant or has a call for it pending; otherwise granted, except a failure drawn from
 * a die of (seed, run, customer, state, attempt) — deterministic, whatever order customers come in.
 */
export function simulatedProvisioning(o: { seed: number; failureRate?: number }): ProvisioningService {
  const failureRate = o.failureRate ?? SIMULATED_FAILURE_RATE;
  return {
    name: 'simulated',
    mode: 'inline',
    provision(c) {
      const held = alreadyHeld(c);
      if (held) return { result: 'already_held', reason: held };
      if (dice(o.seed, c.runId, c.customerId, c.state, c.attempt, 'provision') < failureRate) return { result: 'failed', reason: 'provisioning_failed' };
      return { result: 'granted' };
    },
  };
}

/**
 * What makes a call needless, as its `already_held` reason (null: nothing): the product the benefit
 * leads to, an unexpired grant of the benefit, or a call for it still queued or unanswered.
 */
export function alreadyHeld(c: ProvisionCall): string | null {
  if (c.request.product !== undefined && c.holdings.products.has(c.request.product)) return `product ${c.request.product}`;
  if (c.holdings.benefits.has(c.request.benefit)) return `benefit ${c.request.benefit}`;
  if (c.holdings.pending.has(c.request.benefit)) return `benefit ${c.request.benefit} (call pending)`;
  return null;
}

/** When a grant made at `now` expires (null: it does not). */
export const grantExpiry = (request: ProvisionRequest, now: number): number | null =>
  request.expiryDays === undefined ? null : now + Math.round(request.expiryDays * DAY);
