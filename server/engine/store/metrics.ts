import { attainment, conversionRate, liftOverControl } from '../../../shared/metrics/rates.js';
import { approvedPrice } from '../../../shared/catalogue/snapshot.js';
import type { Db } from '../../db/open.js';
import { CONTROL_STATE, FLAG } from '../core/journey.js';
import { runKpis } from './kpi.js';
import { UNDELIVERED } from '../runtime/outbox.js';
import { getRun } from './runs.js';
import { runGrants, type RunGrants } from './grants.js';

export interface NodeMetrics { entered: number; active: number; waiting: number; completed: number }

export interface RunMetrics {
  runId: number;
  flowId: string;
  status: string;
  stopReason: string | null;
  enrolled: number;
  control: number;
  active: number;
  completed: number;
  states: Record<string, number>;
  nodes: Record<string, NodeMetrics>;
  outcomes: Record<string, number>;
  /** Distinct customers reached (contact delivered) at each stage, and converted. */
  funnel: { publicity: number; experience: number; sales: number; converted: number };
  channels: Record<string, { contacts: number; delivered: number; failed: number; responses: number; cost: number; capacityUsed: number }>;
  suppressed: Record<string, number>;
  /**
   * Journeys held at a send until later — outside the channel's contact hours, or at a frequency cap
   * until the next day — and the earliest time one goes out: why a running run shows no contacts at night.
   */
  deferred: { customers: number; nextAt: number | null };
  /**
   * Outbox (webhook) contacts waiting for their receiver, and those the run ended without delivering
   * (reason `undelivered`: the receiver was down until the run's end or stop).
   */
  outbox: { queued: number; undelivered: number };
  /** Operator service calls of provision states (benefit nodes): granted, failed, already held, and their cost (part of `cost`). */
  grants: RunGrants;
  responses: number;
  conversions: number;
  revenue: number;
  cost: number;
  evaluation: {
    contactRate: number; responseRate: number; conversionRate: number; cost: number; roi: number;
    controlConversionRate: number; lift: number | null;
    goal: { reach: number; responses: number; conversions: number; revenue: number; budget: number };
    attainment: { reach: number; responses: number; conversions: number; revenue: number };
  };
}

/**
 * Metrics of one run from its tables: per node and state, the stage funnel, per channel, suppressions
 * by reason, conversions, revenue, and the evaluation against the goal with lift over control.
 * `active` = in a send/route/provision state, `waiting` = in an await or timer, `completed` = entered and left.
 */
export function runMetrics(db: Db, runId: number): RunMetrics {
  const run = getRun(db, runId);
  if (!run) throw new Error(`no run ${runId}`);
  const m = run.machine;
  const states: Record<string, number> = {};
  for (const r of db.prepare('SELECT state, count(*) AS n FROM journeys WHERE run_id = ? GROUP BY state').all(runId) as { state: string; n: number }[]) states[r.state] = r.n;
  const entered: Record<string, number> = {};
  for (const r of db.prepare('SELECT node, entered FROM node_counts WHERE run_id = ?').all(runId) as { node: string; entered: number }[]) entered[r.node] = r.entered;
  const nodes: Record<string, NodeMetrics> = {};
  const node = (id: string) => (nodes[id] ??= { entered: entered[id] ?? 0, active: 0, waiting: 0, completed: 0 });
  node(m.entryNode);
  for (const s of Object.values(m.states)) {
    const n = node(s.node);
    const here = states[s.id] ?? 0;
    switch (s.kind) {
      case 'send': case 'route': case 'provision': n.active += here; break;
      case 'await': case 'timer': n.waiting += here; break;
      case 'terminal': break;
      default: s satisfies never;
    }
  }
  for (const n of Object.values(nodes)) n.completed = Math.max(0, n.entered - n.active - n.waiting);
  const control = states[CONTROL_STATE] ?? 0;
  const enrolled = Object.values(states).reduce((a, b) => a + b, 0);
  const open = (db.prepare(`SELECT count(*) FROM journeys WHERE run_id = ? AND ended_at IS NULL AND state <> '${CONTROL_STATE}'`).pluck().get(runId) as number);
  const outcomes: Record<string, number> = {};
  for (const r of db.prepare('SELECT outcome, count(*) AS n FROM journeys WHERE run_id = ? AND ended_at IS NOT NULL GROUP BY outcome').all(runId) as { outcome: string; n: number }[]) outcomes[r.outcome] = r.n;

  const funnel = { publicity: 0, experience: 0, sales: 0, converted: 0 };
  for (const r of db.prepare(`SELECT stage, count(DISTINCT customer_id) AS n FROM contacts WHERE run_id = ? AND status = 'sent' GROUP BY stage`).all(runId) as { stage: keyof typeof funnel; n: number }[]) funnel[r.stage] = r.n;
  const k = runKpis(db, runId, m);
  funnel.converted = k.converted;

  const channels: RunMetrics['channels'] = {};
  for (const r of db.prepare(`SELECT channel, count(*) FILTER (WHERE status IN ('sent','queued','failed')) AS contacts, count(*) FILTER (WHERE status = 'sent') AS delivered,
      count(*) FILTER (WHERE status = 'failed') AS failed, coalesce(sum(cost), 0) AS cost FROM contacts WHERE run_id = ? GROUP BY channel`).all(runId) as
      { channel: string; contacts: number; delivered: number; failed: number; cost: number }[]) {
    if (r.contacts === 0) continue;
    channels[r.channel] = { contacts: r.contacts, delivered: r.delivered, failed: r.failed, responses: 0, cost: round2(r.cost), capacityUsed: r.contacts };
  }
  // Responses per channel: journeys that responded after their last delivered contact on that channel.
  // The last delivered attempt per customer in one grouped pass (a correlated max() per journey was
  // quadratic on both stores once a run had tens of thousands of contacts).
  for (const r of db.prepare(`WITH last AS (SELECT customer_id, max(attempt) AS attempt FROM contacts WHERE run_id = ? AND status = 'sent' GROUP BY customer_id)
      SELECT c.channel, count(*) AS n FROM last
      JOIN journeys j ON j.run_id = ? AND j.customer_id = last.customer_id
      JOIN contacts c ON c.run_id = j.run_id AND c.customer_id = last.customer_id AND c.attempt = last.attempt
      WHERE (j.flags & ${FLAG.responded}) <> 0 AND j.state <> '${CONTROL_STATE}' GROUP BY c.channel`).all(runId, runId) as { channel: string; n: number }[]) {
    if (channels[r.channel]) channels[r.channel]!.responses = r.n;
  }
  const suppressed: Record<string, number> = {};
  for (const r of db.prepare(`SELECT reason, count(*) AS n FROM contacts WHERE run_id = ? AND status IN ('suppressed','unreachable') GROUP BY reason`).all(runId) as { reason: string; n: number }[]) {
    const key = r.reason.startsWith('priority:') ? 'priority' : r.reason;
    suppressed[key] = (suppressed[key] ?? 0) + r.n;
  }
  for (const [o, n] of Object.entries(outcomes)) if (o === 'budget_exhausted' || o === 'period_ended' || o === UNDELIVERED) suppressed[o] = (suppressed[o] ?? 0) + n;

  const sendStates = Object.values(m.states).filter((s) => s.kind === 'send').map((s) => s.id);
  const deferred = run.status !== 'running' || sendStates.length === 0 ? { customers: 0, nextAt: null }
    : db.prepare(`SELECT count(*) AS customers, min(due_at) AS "nextAt" FROM journeys WHERE run_id = ? AND state IN (${sendStates.map(() => '?').join(', ')}) AND due_at > ?`)
      .get(runId, ...sendStates, run.clock === 'virtual' ? run.virtualNow ?? 0 : Date.now()) as RunMetrics['deferred'];

  const outbox = db.prepare(`SELECT count(*) FILTER (WHERE c.status = 'queued' AND q.run_id IS NULL) AS queued,
      count(*) FILTER (WHERE c.status = 'failed' AND c.reason = '${UNDELIVERED}') AS undelivered
    FROM contacts c LEFT JOIN agent_queue q ON q.run_id = c.run_id AND q.customer_id = c.customer_id AND q.state = c.state AND q.attempt = c.attempt
    WHERE c.run_id = ? AND c.status IN ('queued', 'failed')`).get(runId) as RunMetrics['outbox'];

  const ctl = db.prepare(`SELECT count(*) AS n, count(*) FILTER (WHERE (flags & ${FLAG.converted}) <> 0) AS conv FROM journeys WHERE run_id = ? AND state = '${CONTROL_STATE}'`).get(runId) as { n: number; conv: number };
  const controlRate = conversionRate(ctl.conv, ctl.n);
  const price = approvedPrice(m);
  const g = m.goal;
  return {
    runId, flowId: run.flowId, status: run.status, stopReason: run.stopReason, enrolled, control, active: open, completed: enrolled - control - open,
    states, nodes, outcomes, funnel, channels, suppressed, deferred, outbox, grants: runGrants(db, runId),
    responses: k.responded, conversions: k.converted, revenue: k.converted * price, cost: round2(k.cost),
    evaluation: {
      contactRate: k.contact_rate, responseRate: k.response_rate, conversionRate: k.conversion_rate, cost: round2(k.cost), roi: k.roi,
      controlConversionRate: controlRate, lift: liftOverControl(k.conversion_rate, controlRate, ctl.n),
      goal: { reach: g.reach, responses: g.responses, conversions: g.conversions, revenue: g.revenue, budget: g.budget },
      attainment: { reach: attainment(k.contacted, g.reach), responses: attainment(k.responded, g.responses), conversions: attainment(k.converted, g.conversions), revenue: attainment(k.revenue, g.revenue) },
    },
  };
}

const round2 = (x: number): number => Math.round(x * 100) / 100;
