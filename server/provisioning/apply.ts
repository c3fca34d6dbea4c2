import type { MachineState, ProvisionResult, ProvisionState } from '../../shared/machine/types.js';
import type { Db } from '../db/open.js';
import { DAY, HOUR, localDay } from '../engine/core/clock.js';
import { grantExpiry } from '../engine/core/provision.js';
import { dueOnEntry } from '../engine/core/step.js';
import { addSharedCounters } from '../engine/store/batch-write.js';
import { CounterDelta, grantAdded, journeyChange } from '../engine/store/counters.js';
import { getRun } from '../engine/store/runs.js';

/** One provisioning call: (run, customer, state, attempt), also its idempotency key `run:customer:state:attempt`. */
export interface CallKey { runId: number; customerId: number; state: string; attempt: number }

export const callKeyText = (k: CallKey): string => `${k.runId}:${k.customerId}:${k.state}:${k.attempt}`;

export function parseCallKey(key: string): CallKey | null {
  const m = /^(\d+):(\d+):(.+):(\d+)$/.exec(key);
  return m ? { runId: Number(m[1]), customerId: Number(m[2]), state: m[3]!, attempt: Number(m[4]) } : null;
}

export interface OperatorAnswer { result: ProvisionResult; reason?: string; expiresAt?: number }

/** Trace code of each answer, as the inline path writes it (core/step.ts). */
const TRACE = { granted: 'granted', failed: 'grant_failed', already_held: 'already_held' } as const satisfies Record<ProvisionResult, string>;

/**
 * Apply the operator's answer to a queued call, once, as an event in one transaction: the call is
 * answered, its `grants` row written (cost only for a grant; the reserved cost is given back otherwise),
 * and the journey waiting at the state for this attempt leaves through the answer's port — a grant with
 * an expiry notice waits in the node until `notifyBeforeHours` before the grant's own end. A journey
 * no longer waiting (its run was stopped) keeps where it is; the grant is still recorded. A second
 * answer for the same key is `duplicate` and changes nothing.
 */
export function applyProvisionAnswer(db: Db, key: CallKey, a: OperatorAnswer, now: number): 'applied' | 'duplicate' | 'unknown_key' {
  return db.transaction(() => {
    const call = db.prepare('SELECT service, reserved, status FROM provision_calls WHERE run_id = ? AND customer_id = ? AND state = ? AND attempt = ?')
      .get(key.runId, key.customerId, key.state, key.attempt) as { service: string; reserved: number; status: string } | undefined;
    if (!call) return 'unknown_key';
    const answered = db.prepare(`UPDATE provision_calls SET status = 'answered', result = ?, reason = ?, answered_at = ?, next_try_at = NULL
      WHERE run_id = ? AND customer_id = ? AND state = ? AND attempt = ? AND status <> 'answered'`)
      .run(a.result, a.reason ?? null, now, key.runId, key.customerId, key.state, key.attempt).changes;
    if (!answered) return 'duplicate';
    const run = getRun(db, key.runId);
    const s = run?.machine.states[key.state];
    if (!run || s?.kind !== 'provision') return 'unknown_key';
    const granted = a.result === 'granted';
    const expiresAt = granted ? (a.expiresAt ?? grantExpiry(s.request, now)) : null;
    db.prepare(`INSERT INTO grants (run_id, customer_id, state, node, attempt, service, benefit, result, reason, cost, expires_at, created_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`)
      .run(key.runId, key.customerId, key.state, s.node, key.attempt, s.service, s.request.benefit, a.result, a.reason ?? null, granted ? call.reserved : 0, expiresAt, now);
    const detail = `${s.service} ${s.request.benefit}${expiresAt !== null ? ` until ${new Date(expiresAt).toISOString()}` : ''}${a.reason ? ` (${a.reason})` : ''}`;
    const trace = db.prepare('INSERT INTO traces (run_id, customer_id, at, state, code, detail) VALUES (?, ?, ?, ?, ?, ?)');
    trace.run(key.runId, key.customerId, now, s.id, TRACE[a.result], detail);
    const counters = new CounterDelta();
    grantAdded(counters, { node: s.node, result: a.result, cost: granted ? call.reserved : 0, createdAt: now });
    const nodeCounts = new Map<string, number>();
    const target = run.machine.states[s.on[a.result]];
    const waiting = db.prepare(`SELECT j.flags, s.group_id AS "group" FROM journeys j JOIN subscribers s ON s.id = j.customer_id
      WHERE j.run_id = ? AND j.customer_id = ? AND j.state = ? AND j.attempt = ? AND j.due_at IS NULL AND j.ended_at IS NULL`)
      .get(key.runId, key.customerId, s.id, key.attempt) as { flags: number; group: string } | undefined;
    if (target && waiting) {
      const ended = target.kind === 'terminal';
      const outcome = ended ? target.outcome : null;
      db.prepare(`UPDATE journeys SET state = ?, due_at = ?, updated_at = ?, ended_at = ?, outcome = ? WHERE run_id = ? AND customer_id = ?`)
        .run(target.id, dueAfter(s, target, now, expiresAt), now, ended ? now : null, outcome, key.runId, key.customerId);
      journeyChange(counters, { state: s.id, flags: waiting.flags, ended: false, outcome: null, group: waiting.group }, { state: target.id, flags: waiting.flags, ended, outcome, group: waiting.group });
      if (target.node !== s.node) nodeCounts.set(target.node, 1);
    }
    // Shared counters last, in their fixed order (see addSharedCounters).
    addSharedCounters(db, key.runId, { today: localDay(now), nodeCounts, cost: granted ? 0 : -call.reserved, counters });
    return 'applied';
  }).immediate();
}

/**
 * When a journey entering `target` from the provision state is due. The expiry notice (a timer of the
 * same node that wakes `expiryDays × 24 − notifyBeforeHours` after the grant) is measured from the
 * grant's own end when the operator said when that is.
 */
function dueAfter(s: ProvisionState, target: MachineState, now: number, expiresAt: number | null): number | null {
  const due = dueOnEntry(target, now);
  const days = s.request.expiryDays;
  if (expiresAt === null || days === undefined || target.kind !== 'timer' || target.node !== s.node || target.wake.mode !== 'duration') return due;
  const noticeBefore = days * DAY - target.wake.hours * HOUR;
  return Math.max(now, Math.round(expiresAt - noticeBefore));
}
