import type { Machine, ProvisionState } from '../../../shared/machine/types.js';
import type { Db } from '../../db/open.js';
import type { Holdings } from '../core/provision.js';
import { dialectOf } from '../../db/dialect.js';
import { insertRows, selectIn } from '../store/bulk.js';
import { getRun } from '../store/runs.js';

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
  pending: Set<string>;
}

export const noHoldings = (): MutableHoldings => ({ products: new Set(), benefits: new Set(), pending: new Set() });

/**
 * What each customer of a batch holds that a provision state of the machine asks about: the products
 * its benefits lead to (`subscriber_products`), its benefits granted in any run and not expired
 * (`grants`), and those with a call queued or unanswered in any run (`provision_calls`). A few
 * statements for the whole batch, as the contact counts are read.
 */
export function readHoldings(db: Db, m: Machine, customerIds: number[], now: number): Map<number, MutableHoldings> {
  const out = new Map<number, MutableHoldings>();
  const states = provisionStates(m);
  if (states.length === 0 || customerIds.length === 0) return out;
  const of = (id: number): MutableHoldings => {
    let h = out.get(id);
    if (!h) out.set(id, (h = noHoldings()));
    return h;
  };
  const products = [...new Set(states.flatMap((s) => (s.request.product === undefined ? [] : [s.request.product])))];
  if (products.length > 0) {
    const rows = selectIn<{ id: number; product: string }>(db, (list) => `SELECT subscriber_id AS id, product_id AS product FROM subscriber_products
      WHERE subscriber_id IN ${list} AND product_id IN (${products.map(() => '?').join(', ')})`, customerIds, products);
    for (const r of rows) of(r.id).products.add(r.product);
  }
  const { pending, granted } = benefitsTaken(db, customerIds, [...new Set(states.map((s) => s.request.benefit))], now);
  for (const r of pending) of(r.id).pending.add(r.benefit);
  for (const r of granted) of(r.id).benefits.add(r.benefit);
  return out;
}

type Taken = { id: number; benefit: string }[];

/**
 * Which of `benefits` each customer has a call pending for (queued or awaiting its answer, any run), or
 * holds from a grant not expired. Pending calls are read first: a call answered in between has its
 * grant written in the same transaction, so it is seen one way or the other.
 */
function benefitsTaken(db: Db, customerIds: readonly number[], benefits: readonly string[], now: number): { pending: Taken; granted: Taken } {
  const pending = pendingCalls(db, customerIds, new Set(benefits));
  const granted = selectIn<{ id: number; benefit: string }>(db, (list) => `SELECT DISTINCT customer_id AS id, benefit FROM grants
    WHERE customer_id IN ${list} AND result = 'granted' AND benefit IN (${benefits.map(() => '?').join(', ')}) AND (expires_at IS NULL OR expires_at > ?)`,
  customerIds, [...benefits, now]);
  return { pending, granted };
}

/**
 * Calls of `benefits` queued or awaiting their answer for these customers, in any run (by the partial
 * index `provision_calls_pending`, migration 028). A call names its run and state, not the benefit: the
 * run's machine says which benefit each state grants.
 */
function pendingCalls(db: Db, customerIds: readonly number[], benefits: ReadonlySet<string>): Taken {
  const rows = selectIn<{ id: number; run: number; state: string }>(db, (list) => `SELECT customer_id AS id, run_id AS run, state FROM provision_calls
    WHERE customer_id IN ${list} AND status IN ('queued', 'accepted')`, customerIds, []);
  return rows.flatMap((r) => {
    const benefit = stateBenefits(db, r.run).get(r.state);
    return benefit !== undefined && benefits.has(benefit) ? [{ id: r.id, benefit }] : [];
  });
}

const benefitsByRun = new WeakMap<Db, Map<number, Map<string, string>>>();

/** The benefit each provision state of a run grants (a run keeps its machine, so this is read once). */
function stateBenefits(db: Db, runId: number): Map<string, string> {
  let runs = benefitsByRun.get(db);
  if (!runs) benefitsByRun.set(db, (runs = new Map()));
  let out = runs.get(runId);
  if (!out) {
    const m = getRun(db, runId)?.machine;
    runs.set(runId, (out = new Map(m ? provisionStates(m).map((s) => [s.id, s.request.benefit]) : [])));
  }
  return out;
}

/** A call a batch queued for a service's HTTP binding; its key is (run, customer, state, attempt). */
export interface QueuedProvisionCall {
  customerId: number;
  state: string;
  attempt: number;
  service: string;
  /** The benefit the state grants: no customer has two calls of one benefit pending. */
  benefit: string;
  bindingVersion: number;
  /** The state's cost, counted in the run's spend now and given back if the answer is no grant. */
  reserved: number;
}

/**
 * Another run's batch granted, or queued a call of, one of the batch's benefits for one of its customers
 * after the batch read their holdings; the batch rolls back whole and is stepped again, then it sees that.
 */
export class BenefitTaken extends Error {
  constructor(runId: number, customers: number) {
    super(`run ${runId}: ${customers} customer(s) got a grant or call of the same benefit from another run meanwhile`);
    this.name = 'BenefitTaken';
  }
}

/** Any number: the class (first key) of the advisory locks that order writers of one benefit's grants and calls. */
export const BENEFIT_LOCK = 7_346_522;

/** A benefit code's lock key (FNV-1a, as a signed 32-bit number); two codes sharing a key only wait for each other. */
function benefitKey(benefit: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < benefit.length; i++) h = Math.imul(h ^ benefit.charCodeAt(i), 0x01000193);
  return h | 0;
}

/**
 * PostgreSQL: wait for, and hold until the transaction ends, the advisory locks of these benefits. In key
 * order, so two batches waiting for the same benefits cannot wait for each other.
 */
export function lockBenefits(db: Db, benefits: readonly string[]): void {
  const lock = db.prepare('SELECT pg_advisory_xact_lock(CAST(? AS INTEGER), CAST(? AS INTEGER))');
  for (const k of [...new Set(benefits.map(benefitKey))].sort((a, b) => a - b)) lock.get(BENEFIT_LOCK, k);
}

/** A benefit a batch is about to give a customer: a grant the service answered inline, or a call queued for it. */
export interface BenefitClaim {
  customerId: number;
  benefit: string;
}

/**
 * Before a batch writes its grants and queued calls (in its transaction, before any other write): check
 * that no customer got a grant or a pending call of the same benefit since the batch read holdings at
 * its start — another run's batch may have. On PostgreSQL (several engine workers) the batch first takes
 * the benefits' advisory locks, which every batch writing their grants or calls takes, so the check sees
 * every one committed before and none can be committed until this transaction ends (an operator's answer
 * only turns a pending call into its grant, seen either way: `benefitsTaken`); a customer found
 * taken throws `BenefitTaken` and the batch is stepped again (`steppedAgainIfTaken`). On SQLite the
 * batch's transaction began IMMEDIATE, holding the write lock from before that read: nothing can have
 * been committed since, so there is nothing to check.
 */
export function claimBenefits(db: Db, runId: number, claims: readonly BenefitClaim[], now: number): void {
  if (claims.length === 0 || dialectOf(db) !== 'postgres') return;
  const benefits = [...new Set(claims.map((c) => c.benefit))];
  lockBenefits(db, benefits);
  const { pending, granted } = benefitsTaken(db, [...new Set(claims.map((c) => c.customerId))], benefits, now);
  const taken = new Set([...pending, ...granted].map((t) => `${t.id}|${t.benefit}`));
  const lost = claims.filter((c) => taken.has(`${c.customerId}|${c.benefit}`)).length;
  if (lost > 0) throw new BenefitTaken(runId, lost);
}

/** Write a batch's queued calls, in its transaction (with the journeys that wait for them), after `claimBenefits`. */
export function queueProvisionCalls(db: Db, runId: number, calls: readonly QueuedProvisionCall[], now: number): void {
  insertRows(db, 'provision_calls', ['run_id', 'customer_id', 'state', 'attempt', 'service', 'binding_version', 'reserved', 'status', 'created_at'],
    calls.flatMap((c) => [runId, c.customerId, c.state, c.attempt, c.service, c.bindingVersion, c.reserved, 'queued', now]));
}

/** How often a batch is stepped again after losing customers' benefits to other runs before the error goes up (the worker retries the partition). */
const TAKEN_RETRIES = 4;

/** Run a batch (its own transaction), again when it lost a benefit to another run's batch (`BenefitTaken`). */
export function steppedAgainIfTaken<T>(batch: () => T): T {
  for (let tries = 1; ; tries++) {
    try {
      return batch();
    } catch (err) {
      if (!(err instanceof BenefitTaken) || tries >= TAKEN_RETRIES) throw err;
    }
  }
}
