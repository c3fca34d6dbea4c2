import type { ProvisionRequest, ProvisionResult } from '../../../shared/machine/types.js';
import { DAY } from './clock.js';
import { dice } from './hash.js';

/** What the customer already holds, as the stepper read it for the batch: products, and benefits granted and not expired. */
export interface Holdings {
  products: ReadonlySet<string>;
  benefits: ReadonlySet<string>;
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

/**
 * The operator's provisioning interface. `inline`: the answer is deterministic and I/O-free (the
 * simulated service), so the stepper asks inside the batch transaction and writes the grant with the
 * journey's move. An HTTP binding (an outbox of calls, like the webhook channels) is the next mode.
 */
export interface ProvisioningService {
  readonly name: string;
  readonly mode: 'inline';
  provision(call: ProvisionCall): ProvisionAnswer;
}

/** Share of calls the simulated service fails (the operator's system refusing or timing out). */
const SIMULATED_FAILURE_RATE = 0.03;

/**
 * The simulated provisioning service: already held when the customer holds the product the benefit
 * leads to, or holds the benefit from an earlier grant; otherwise granted, except a failure drawn from
 * a die of (seed, run, customer, state, attempt) — deterministic, whatever order customers come in.
 */
export function simulatedProvisioning(o: { seed: number; failureRate?: number }): ProvisioningService {
  const failureRate = o.failureRate ?? SIMULATED_FAILURE_RATE;
  return {
    name: 'simulated',
    mode: 'inline',
    provision(c) {
      if (c.request.product !== undefined && c.holdings.products.has(c.request.product)) return { result: 'already_held', reason: `product ${c.request.product}` };
      if (c.holdings.benefits.has(c.request.benefit)) return { result: 'already_held', reason: `benefit ${c.request.benefit}` };
      if (dice(o.seed, c.runId, c.customerId, c.state, c.attempt, 'provision') < failureRate) return { result: 'failed', reason: 'provisioning_failed' };
      return { result: 'granted' };
    },
  };
}

/** When a grant made at `now` expires (null: it does not). */
export const grantExpiry = (request: ProvisionRequest, now: number): number | null =>
  request.expiryDays === undefined ? null : now + Math.round(request.expiryDays * DAY);
