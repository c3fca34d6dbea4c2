import { Webhook } from 'standardwebhooks';
import { provisionAnswerSchema } from '../../shared/channels/provisioning-input.js';
import type { ProvisionState } from '../../shared/machine/types.js';
import { recordDeadLetter } from '../channels/bindings/dead-letters.js';
import { cannotSend } from '../channels/bindings/resolve.js';
import { signedPost } from '../channels/bindings/signed-post.js';
import { dialectOf } from '../db/dialect.js';
import type { Db } from '../db/open.js';
import { breakerRecorder } from '../engine/channels/breaker-states.js';
import { CircuitBreaker, type BreakerOptions } from '../engine/channels/circuit-breaker.js';
import { retryPause } from '../engine/runtime/outbox.js';
import { getRun } from '../engine/store/runs.js';
import { applyProvisionAnswer, callKeyText, type CallKey, type OperatorAnswer } from './apply.js';
import { loadProvisioningBinding } from './store.js';

export interface ProvisionCallerOptions {
  /** Calls claimed per binding version in one pass. */
  batch?: number;
  /** Calls posted at once per binding version. */
  concurrency?: number;
  /** How long a claimed call is this process's (longer than any timeout). */
  claimMs?: number;
  retryBaseMs?: number;
  retryMaxMs?: number;
  breakers?: BreakerOptions;
}

/** What the operator's provisioning interface receives for one call (JSON, signed with Standard Webhooks). */
export interface ProvisionRequestBody {
  type: 'provision';
  /** The same on every retry of the call; also `webhook-id` and `Idempotency-Key`. */
  idempotencyKey: string;
  service: string;
  /** The customer's mobile number. */
  customer: string;
  benefit: string;
  kind: string;
  product?: string;
  expiryDays?: number;
  runId: number;
  flowId: string;
  customerId: number;
  node: string;
  bindingVersion: number;
}

interface Claimed extends CallKey { service: string; version: number; tries: number }

/** A call's end for this pass: the operator's answer, accepted (the answer comes on the answer endpoint), or try again. */
type Outcome = { kind: 'answer'; answer: OperatorAnswer; dead?: boolean } | { kind: 'accepted' } | { kind: 'retry'; reason: string };

/**
 * How long an operator that answered 202 has to post the answer. Past it the call is answered `failed`
 * with a dead letter: a lost answer must not hold the customer, or keep the run from completing, for ever.
 */
export const ANSWER_WITHIN_MS = 24 * 3600_000;

/** A signature or credentials refused: the binding is wrong, not the customer — a dead letter, like exhausted retries. */
const SETUP_REFUSED = new Set([401, 403]);

/**
 * Posts queued provisioning calls of running live runs to their services' HTTP bindings, beside the
 * engine (run from the delivery loop's passes), and applies each answer once (`applyProvisionAnswer`).
 * The machinery is the channels' outbox's: a claim in the store (`next_try_at`, SKIP LOCKED on
 * PostgreSQL) so several processes never post one call at once, a call keeps the binding version it was
 * queued under, jittered capped back-off, one circuit breaker per binding version, and after the
 * binding's attempts — or a refused signature — a dead letter; the call is then answered `failed` with
 * the reason. Paused runs' calls wait (an answer to one already posted is still applied); calls of runs
 * that ended before going out are answered `failed` and their cost given back.
 */
export class ProvisionCaller {
  private readonly breakers = new Map<string, CircuitBreaker>();
  private readonly hooks = new Map<string, Webhook>();

  constructor(private readonly db: Db, private readonly o: ProvisionCallerOptions = {}) {}

  breaker(service: string, version: number): CircuitBreaker {
    const k = breakerName(service, version);
    let b = this.breakers.get(k);
    // its transitions are written for the admin page, as the channels' senders do
    if (!b) this.breakers.set(k, (b = new CircuitBreaker({ ...this.o.breakers, onChange: breakerRecorder(this.db, k) })));
    return b;
  }

  /** One pass: close calls of ended runs and answers overdue, then post every binding version's due calls side by side; how many were posted. */
  async pass(now = Date.now()): Promise<number> {
    closeEndedRuns(this.db, now);
    closeUnanswered(this.db, now);
    const groups = this.db.prepare(`SELECT DISTINCT service, binding_version AS version FROM provision_calls
      WHERE status = 'queued' AND coalesce(next_try_at, 0) <= ? AND run_id IN (SELECT id FROM runs WHERE status = 'running')`).all(now) as { service: string; version: number }[];
    const counts = await Promise.all(groups.map((g) => this.passGroup(g.service, g.version, now)));
    return counts.reduce((a, b) => a + b, 0);
  }

  private async passGroup(service: string, version: number, now: number): Promise<number> {
    const breaker = this.breaker(service, version);
    const allowance = breaker.allowance(Date.now());
    if (allowance === 0) return 0;
    const calls = claim(this.db, service, version, now, Math.min(allowance, this.o.batch ?? 100), this.o.claimMs ?? 120_000);
    if (calls.length === 0) {
      breaker.release();
      return 0;
    }
    let binding: ReturnType<typeof loadProvisioningBinding>;
    try {
      binding = loadProvisioningBinding(this.db, service, version);
    } catch (err) {
      const reason = cannotSend(err);
      for (const c of calls) this.record(c, { kind: 'retry', reason }, Infinity, version, now);
      breaker.failure(Date.now());
      return 0;
    }
    const s = binding.settings;
    if (s.kind !== 'http') {
      for (const c of calls) this.record(c, { kind: 'answer', answer: { result: 'failed', reason: `binding ${service}@${version} is ${s.kind}` } }, 1, version, now);
      return calls.length;
    }
    const hookKey = `${service}@${version}`;
    let hook = this.hooks.get(hookKey);
    if (!hook) this.hooks.set(hookKey, (hook = new Webhook(s.http.secret)));
    let next = 0;
    const n = Math.max(1, Math.min(this.o.concurrency ?? 8, calls.length));
    await Promise.all(Array.from({ length: n }, async () => {
      while (next < calls.length) {
        const c = calls[next++]!;
        // Once the circuit opens mid-pass, the rest go back to the queue untouched.
        if (breaker.state(Date.now()) !== 'closed' && next > 1) {
          this.unclaim(c);
          continue;
        }
        const out = await this.post(hook, s.http.url, s.http.timeoutMs, c);
        if (out.kind === 'retry' || (out.kind === 'answer' && out.dead)) breaker.failure(Date.now());
        else breaker.success();
        this.record(c, out, s.http.maxAttempts, version, now);
      }
    }));
    return calls.length;
  }

  private async post(hook: Webhook, url: string, timeoutMs: number, c: Claimed): Promise<Outcome> {
    const body = requestBody(this.db, c);
    if (!body) return { kind: 'answer', answer: { result: 'failed', reason: '客户或流程状态已不存在 / the customer or the flow state is gone' } };
    const a = await signedPost(hook, url, body.idempotencyKey, JSON.stringify(body), timeoutMs);
    if (a.kind === 'retry') return a;
    if (a.kind === 'refused') return { kind: 'answer', answer: { result: 'failed', reason: a.reason }, dead: SETUP_REFUSED.has(a.status) };
    let json: unknown = null;
    try {
      json = JSON.parse(a.text);
    } catch { /* judged below */ }
    if (a.status === 202 || (json as { result?: unknown } | null)?.result === 'pending') return { kind: 'accepted' };
    const p = provisionAnswerSchema.safeParse(json);
    // A 2xx without a readable answer may still have granted: ask again with the same key.
    if (!p.success) return { kind: 'retry', reason: `unreadable answer: ${a.text.slice(0, 120) || '(empty)'}` };
    return { kind: 'answer', answer: toOperatorAnswer(p.data) };
  }

  /** Write one call's outcome: applied once, retried later, or after its last attempt a dead letter answered `failed`. */
  private record(c: Claimed, out: Outcome, maxAttempts: number, version: number, now: number): void {
    const db = this.db;
    const key = [c.runId, c.customerId, c.state, c.attempt] as const;
    if (out.kind === 'accepted') {
      // next_try_at of an accepted call is its answer's deadline
      db.prepare(`UPDATE provision_calls SET status = 'accepted', tries = tries + 1, next_try_at = ? WHERE run_id = ? AND customer_id = ? AND state = ? AND attempt = ? AND status = 'queued'`)
        .run(now + ANSWER_WITHIN_MS, ...key);
      return;
    }
    let final = out;
    if (out.kind === 'retry' && c.tries + 1 < maxAttempts) {
      db.prepare(`UPDATE provision_calls SET tries = tries + 1, next_try_at = ?, reason = ? WHERE run_id = ? AND customer_id = ? AND state = ? AND attempt = ? AND status = 'queued'`)
        .run(now + retryPause(c.tries, this.o), out.reason, ...key);
      return;
    }
    if (out.kind === 'retry') final = { kind: 'answer', answer: { result: 'failed', reason: out.reason }, dead: true };
    if (final.kind !== 'answer') return;
    const answer = final.answer;
    db.transaction(() => {
      db.prepare('UPDATE provision_calls SET tries = tries + 1 WHERE run_id = ? AND customer_id = ? AND state = ? AND attempt = ?').run(...key);
      if (final.kind === 'answer' && final.dead) {
        recordDeadLetter(db, { channel: c.service, version, contact: c, key: callKeyText(c), reason: answer.reason ?? 'failed', tries: c.tries + 1, target: 'provision' }, now);
      }
      applyProvisionAnswer(db, c, answer, now);
    })();
  }

  private unclaim(c: Claimed): void {
    this.db.prepare(`UPDATE provision_calls SET next_try_at = NULL WHERE run_id = ? AND customer_id = ? AND state = ? AND attempt = ? AND status = 'queued'`)
      .run(c.runId, c.customerId, c.state, c.attempt);
  }
}

/** A provisioning binding version's breaker, by the name its transitions are stored under. */
export const breakerName = (service: string, version: number): string => `provision:${service}@${version}`;

export function toOperatorAnswer(a: { result: OperatorAnswer['result']; reason?: string | undefined; expiresAt?: number | string | undefined }): OperatorAnswer {
  const expiresAt = typeof a.expiresAt === 'string' ? Date.parse(a.expiresAt) : a.expiresAt;
  return { result: a.result, ...(a.reason ? { reason: a.reason } : {}), ...(expiresAt !== undefined && Number.isFinite(expiresAt) ? { expiresAt } : {}) };
}

/** Claim up to `limit` due calls of one binding version: moving `next_try_at` past the claim is the claim. */
function claim(db: Db, service: string, version: number, now: number, limit: number, claimMs: number): Claimed[] {
  const skip = dialectOf(db) === 'postgres' ? ' FOR UPDATE SKIP LOCKED' : '';
  return db.transaction(() => {
    const rows = db.prepare(`SELECT run_id AS "runId", customer_id AS "customerId", state, attempt, tries FROM provision_calls
      WHERE status = 'queued' AND service = ? AND binding_version = ? AND coalesce(next_try_at, 0) <= ? AND run_id IN (SELECT id FROM runs WHERE status = 'running')
      ORDER BY created_at, run_id, customer_id LIMIT ?${skip}`).all(service, version, now, limit) as Omit<Claimed, 'service' | 'version'>[];
    const mark = db.prepare('UPDATE provision_calls SET next_try_at = ? WHERE run_id = ? AND customer_id = ? AND state = ? AND attempt = ?');
    for (const r of rows) mark.run(now + claimMs, r.runId, r.customerId, r.state, r.attempt);
    return rows.map((r) => ({ ...r, service, version }));
  }).immediate();
}

function requestBody(db: Db, c: Claimed): ProvisionRequestBody | null {
  const run = getRun(db, c.runId);
  const s = run?.machine.states[c.state] as ProvisionState | undefined;
  const phone = db.prepare('SELECT phone FROM subscribers WHERE id = ?').pluck().get(c.customerId) as string | undefined;
  if (!run || s?.kind !== 'provision' || !phone) return null;
  return {
    type: 'provision', idempotencyKey: callKeyText(c), service: c.service, customer: phone, benefit: s.request.benefit, kind: s.request.kind,
    ...(s.request.product ? { product: s.request.product } : {}), ...(s.request.expiryDays !== undefined ? { expiryDays: s.request.expiryDays } : {}),
    runId: c.runId, flowId: run.flowId, customerId: c.customerId, node: s.node, bindingVersion: c.version,
  };
}

/**
 * Calls of runs that ended (stopped, budget, period) and never went out — or whose answer never came —
 * are answered `failed` with the reason and their cost given back: nothing new is sent for an ended run.
 */
function closeEndedRuns(db: Db, now: number): void {
  const rows = db.prepare(`SELECT run_id AS "runId", customer_id AS "customerId", state, attempt, tries FROM provision_calls
    WHERE status = 'queued' AND run_id IN (SELECT id FROM runs WHERE status NOT IN ('running', 'paused')) LIMIT 500`).all() as (CallKey & { tries: number })[];
  for (const r of rows) {
    const reason = r.tries === 0 ? '活动已结束，未调用 / run ended before the call went out' : '活动已结束，未收到答复 / run ended before an answer came';
    applyProvisionAnswer(db, r, { result: 'failed', reason }, now);
  }
}

/** Accepted calls whose answer did not come in time: answered `failed`, each with a dead letter saying so. */
function closeUnanswered(db: Db, now: number): void {
  const rows = db.prepare(`SELECT run_id AS "runId", customer_id AS "customerId", state, attempt, tries, service, binding_version AS version FROM provision_calls
    WHERE status = 'accepted' AND next_try_at <= ? LIMIT 500`).all(now) as (CallKey & { tries: number; service: string; version: number })[];
  const hours = ANSWER_WITHIN_MS / 3600_000;
  const reason = `${hours} 小时内未收到开通结果 / no answer within ${hours} h`;
  for (const r of rows) {
    db.transaction(() => {
      recordDeadLetter(db, { channel: r.service, version: r.version, contact: r, key: callKeyText(r), reason, tries: r.tries, target: 'provision' }, now);
      applyProvisionAnswer(db, r, { result: 'failed', reason }, now);
    })();
  }
}

/** Calls of a run still waiting for an answer (the run must not complete while it has any). */
export const provisionPending = (db: Db, runId: number): number =>
  Number(db.prepare(`SELECT count(*) FROM provision_calls WHERE run_id = ? AND status IN ('queued', 'accepted')`).pluck().get(runId));
