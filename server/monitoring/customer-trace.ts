import type { Db } from '../db/open.js';
import type { SessionUser } from '../core/context.js';
import { canSeeCustomer, canSeeUnit } from '../governance/org-rules.js';
import { CONTROL_STATE, ENDED_STATE, FLAG } from '../engine/core/journey.js';
import { getRun } from '../engine/store/runs.js';
import { customerTrace } from '../engine/store/trace.js';
import { maskPhone } from '../../shared/mask-phone.js';
import type { Text } from '../../shared/text.js';
import { nodeTitles } from '../../shared/flow/validate/names.js';
import { runDocument, runInfo, type RunInfo } from './run-info.js';

export interface CustomerCard {
  id: number; phone: string; name: string; group: string; city: string; district: string | null; plan: string; smartphone: boolean; dnd: boolean; optOutMask: number;
}

export type StepKind = 'entered' | 'sent' | 'delivered' | 'queued' | 'suppressed' | 'deferred' | 'unreachable' | 'failed' | 'responded' | 'awaiting_confirmation'
  | 'converted' | 'route' | 'timeout' | 'wake' | 'ended' | 'waiting' | 'granted' | 'grant_failed' | 'already_held' | 'other';

export interface PathStep {
  at: number;
  kind: StepKind;
  node: string | null;
  state: string;
  /** Why: the policy reason (daily_cap, weekly_cap, quiet_hours, dnd, opt_out, feature_phone, priority, capacity…), the channel, or the event. */
  reason: string | null;
  detail: string | null;
  /** For a wait: until when. */
  until?: number;
}

export interface CustomerPath {
  run: RunInfo;
  control: boolean;
  state: string;
  node: string | null;
  outcome: string | null;
  responded: boolean;
  converted: boolean;
  enteredAt: number;
  endedAt: number | null;
  steps: PathStep[];
  /** Node titles as the canvas shows them (numbered where a flow has several of a kind), by node id. */
  titles: Record<string, Text>;
}

const EVENT_KIND: Record<string, StepKind> = { response: 'responded', trial: 'responded', store_visit: 'responded', app_login: 'responded', order: 'converted' };
const DIRECT: Record<string, StepKind> = {
  sent: 'sent', queued: 'queued', suppressed: 'suppressed', deferred: 'deferred', unreachable: 'unreachable', failed: 'failed', route: 'route',
  timeout: 'timeout', wake: 'wake', ended: 'ended', stopped: 'ended', awaiting_confirmation: 'awaiting_confirmation',
  // A gateway's delivery report (server/channels/delivery/receipts.ts).
  delivered: 'delivered', delivery_failed: 'failed',
  // A benefit node's call of the provisioning service (server/engine/core/step.ts).
  granted: 'granted', grant_failed: 'grant_failed', already_held: 'already_held',
  // Queued for the operator's HTTP interface: the customer waits in the node for the answer (server/provisioning).
  provision_queued: 'waiting',
};

/** The reason in a trace detail: `daily_cap until …` → daily_cap, `priority:flow-x until …` → priority, `capacity:sms_hall …` → capacity. */
export function reasonOf(code: string, detail: string | null): string | null {
  if (!detail) return EVENT_KIND[code] ? code : null;
  const head = detail.split(' ')[0] ?? '';
  if (code === 'suppressed' || code === 'deferred') return head.split(':')[0] ?? head;
  if (code === 'sent' || code === 'queued') return head.split('/')[0] ?? head;
  return head;
}

function customerCard(db: Db, by: 'id' | 'phone', key: number | string): CustomerCard | null {
  const r = db.prepare(`SELECT id, phone, name, group_id, city, district, plan, smartphone, dnd, opt_out_mask FROM subscribers WHERE ${by} = ?`).get(key) as
    { id: number; phone: string; name: string; group_id: string; city: string; district: string | null; plan: string; smartphone: number; dnd: number; opt_out_mask: number } | undefined;
  return r ? { id: r.id, phone: r.phone, name: r.name, group: r.group_id, city: r.city, district: r.district, plan: r.plan, smartphone: r.smartphone === 1, dnd: r.dnd === 1, optOutMask: r.opt_out_mask } : null;
}

/** Find a subscriber by id or phone number (11 digits). */
function findCustomer(db: Db, query: string): CustomerCard | null {
  const q = query.trim();
  if (/^1\d{10}$/.test(q)) return customerCard(db, 'phone', q);
  return /^\d{1,9}$/.test(q) ? customerCard(db, 'id', Number(q)) : null;
}

/** The customer's path through every run (visible to the caller) they were enrolled in, newest run first. */
export function customerPaths(db: Db, customerId: number, visible: (orgUnit: string) => boolean, now = Date.now()): CustomerPath[] {
  const runIds = db.prepare('SELECT run_id FROM journeys WHERE customer_id = ? ORDER BY run_id DESC').pluck().all(customerId) as number[];
  const out: CustomerPath[] = [];
  for (const runId of runIds) {
    const run = getRun(db, runId);
    if (!run || !visible(run.machine.orgUnit)) continue;
    const tr = customerTrace(db, runId, customerId);
    const j = tr.journey as { state: string; flags: number; outcome: string | null; entered_at: number; ended_at: number | null; due_at: number | null } | null;
    if (!j) continue;
    const nodeOf = (s: string) => run.machine.states[s]?.node ?? null;
    const steps: PathStep[] = [{ at: j.entered_at, kind: 'entered', node: run.machine.entryNode, state: run.machine.initial, reason: j.state === CONTROL_STATE ? 'control' : null, detail: null }];
    for (const s of tr.steps) {
      const kind = EVENT_KIND[s.code] ?? DIRECT[s.code] ?? 'other';
      steps.push({ at: Date.parse(s.at), kind, node: s.node, state: s.state, reason: reasonOf(s.code, s.detail), detail: s.detail });
    }
    const current = run.machine.states[j.state];
    if (j.ended_at === null && current && (current.kind === 'await' || current.kind === 'timer' || current.kind === 'send')) {
      steps.push({ at: now, kind: 'waiting', node: current.node, state: j.state, reason: current.kind, detail: null, ...(j.due_at !== null ? { until: j.due_at } : {}) });
    }
    out.push({
      run: runInfo(db, run, now), control: j.state === CONTROL_STATE, state: j.state, node: j.state === ENDED_STATE || j.state === CONTROL_STATE ? null : nodeOf(j.state),
      outcome: j.outcome, responded: (j.flags & FLAG.responded) !== 0, converted: (j.flags & FLAG.converted) !== 0, enteredAt: j.entered_at, endedAt: j.ended_at, steps,
      titles: Object.fromEntries(nodeTitles(runDocument(db, runId)?.nodes ?? [])),
    });
  }
  return out;
}

/**
 * A customer, by id, and their path through every run the caller may see. A customer of a unit the caller may not see is answered as an unknown one: no name, no phone, not even that it exists.
 * The phone number goes out masked (139****1234) whatever the caller's role: a trace explains a path, it is not a way to dial.
 * A phone search goes through `lookupCustomer` first: a trace is a GET, and a number must not travel in a URL.
 */
export function traceCustomer(db: Db, user: Pick<SessionUser, 'orgUnit'>, customerId: number): { customer: CustomerCard | null; runs: CustomerPath[] } {
  const customer = customerCard(db, 'id', customerId);
  if (!customer || !canSeeCustomer(user, customer)) return { customer: null, runs: [] };
  return { customer: { ...customer, phone: maskPhone(customer.phone) }, runs: customerPaths(db, customer.id, (unit) => canSeeUnit(user, unit)) };
}

/**
 * Which customer a search (id or phone) names, as far as the caller may see them: only the id, for the
 * page to trace by. A phone search comes here as a POST body, so the number stays out of URLs (the page's,
 * the request's) and with them out of browser history and proxy logs.
 */
export function lookupCustomer(db: Db, user: Pick<SessionUser, 'orgUnit'>, query: string): { customer: { id: number } | null } {
  const customer = findCustomer(db, query);
  return { customer: customer && canSeeCustomer(user, customer) ? { id: customer.id } : null };
}
