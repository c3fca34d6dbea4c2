import type { Machine, ProvisionState } from '../../../shared/machine/types.js';
import type { Db } from '../../db/open.js';
import type { Holdings } from '../core/provision.js';
import { insertRows, selectIn } from '../store/bulk.js';

const byMachine = new WeakMap<Machine, ProvisionState[]>();

/** The machine's provision states (none in most flows: then the stepper reads nothing for them). */
export function provisionStates(m: Machine): ProvisionState[] {
  let out = byMachine.get(m);
  if (!out) byMachine.set(m, (out = Object.values(m.states).filter((s): s is ProvisionState => s.kind === 'provision')));
  return out;
}

export interface MutableHoldings extends Holdings {
  products: Set<string>;
  benefits: Set<string>;
}

/**
 * What each customer of a batch holds that a provision state of the machine asks about: the products
 * its benefits lead to (`subscriber_products`) and its benefits granted in any run and not expired
 * (`grants`). A few statements for the whole batch, as the contact counts are read.
 */
export function readHoldings(db: Db, m: Machine, customerIds: number[], now: number): Map<number, MutableHoldings> {
  const out = new Map<number, MutableHoldings>();
  const states = provisionStates(m);
  if (states.length === 0 || customerIds.length === 0) return out;
  const of = (id: number): MutableHoldings => {
    let h = out.get(id);
    if (!h) out.set(id, (h = { products: new Set(), benefits: new Set() }));
    return h;
  };
  const products = [...new Set(states.flatMap((s) => (s.request.product === undefined ? [] : [s.request.product])))];
  if (products.length > 0) {
    const rows = selectIn<{ id: number; product: string }>(db, (list) => `SELECT subscriber_id AS id, product_id AS product FROM subscriber_products
      WHERE subscriber_id IN ${list} AND product_id IN (${products.map(() => '?').join(', ')})`, customerIds, products);
    for (const r of rows) of(r.id).products.add(r.product);
  }
  const benefits = [...new Set(states.map((s) => s.request.benefit))];
  const held = selectIn<{ id: number; benefit: string }>(db, (list) => `SELECT DISTINCT customer_id AS id, benefit FROM grants
    WHERE customer_id IN ${list} AND result = 'granted' AND benefit IN (${benefits.map(() => '?').join(', ')}) AND (expires_at IS NULL OR expires_at > ?)`,
  customerIds, [...benefits, now]);
  for (const r of held) of(r.id).benefits.add(r.benefit);
  return out;
}


/** A call a batch queued for a service's HTTP binding; its key is (run, customer, state, attempt). */
export interface QueuedProvisionCall {
  customerId: number;
  state: string;
  attempt: number;
  service: string;
  bindingVersion: number;
  /** The state's cost, counted in the run's spend now and given back if the answer is no grant. */
  reserved: number;
}

/** Write a batch's queued calls (in its transaction: with the journeys that wait for them). */
export function queueProvisionCalls(db: Db, runId: number, calls: QueuedProvisionCall[], now: number): void {
  insertRows(db, 'provision_calls', ['run_id', 'customer_id', 'state', 'attempt', 'service', 'binding_version', 'reserved', 'status', 'created_at'],
    calls.flatMap((c) => [runId, c.customerId, c.state, c.attempt, c.service, c.bindingVersion, c.reserved, 'queued', now]));
}
