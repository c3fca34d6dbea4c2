import { attainment, conversionRate, liftOverControl } from '../../../shared/metrics/rates.js';
import { approvedPrice } from '../../../shared/catalogue/snapshot.js';
import type { Db } from '../../db/open.js';
import { CONTROL_STATE, FLAG } from '../core/journey.js';
import { runKpis } from './kpi.js';
import { UNDELIVERED } from '../runtime/outbox.js';
import { getRun } from './runs.js';
import { runGrants, type RunGrants } from './grants.js';
import { groupTotals, journeyTotals, runCounts, type RunCounts } from './counters-read.js';
import { MADE } from './counters.js';

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
 * Metrics of one run: per node and state, the stage funnel, per channel, suppressions by reason,
 * conversions, revenue, and the evaluation against the goal with lift over control.
 * `active` = in a send/route/provision state, `waiting` = in an await or timer, `completed` = entered and left.
 * Counts come from the run counters (`counts`); the per-customer figures (funnel, responses per channel)
 * and the deferred sends read index ranges bounded by the contacts delivered and the journeys held.
 */
export function runMetrics(db: Db, runId: number, counts: RunCounts = runCounts(db, runId)): RunMetrics {
  const run = getRun(db, runId);
  if (!run) throw new Error(`no run ${runId}`);
  const m = run.machine;
  const states = counts.states;
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
  const { enrolled, control, open } = journeyTotals(counts);
  const outcomes = counts.outcomes;

  const funnel = { publicity: 0, experience: 0, sales: 0, converted: 0 };
  for (const r of db.prepare(`SELECT stage, count(DISTINCT customer_id) AS n FROM contacts WHERE run_id = ? AND status = 'sent' GROUP BY stage`).all(runId) as { stage: keyof typeof funnel; n: number }[]) funnel[r.stage] = r.n;
  const k = runKpis(db, runId, m, counts);
  funnel.converted = k.converted;

  const perChannel = new Map<string, { contacts: number; delivered: number; failed: number; cost: number }>();
  const suppressed: Record<string, number> = {};
  const outbox = { queued: 0, undelivered: 0 };
  for (const c of counts.contacts) {
    let p = perChannel.get(c.channel);
    if (!p) perChannel.set(c.channel, (p = { contacts: 0, delivered: 0, failed: 0, cost: 0 }));
    p.cost += c.cost;
    if (MADE.has(c.status)) p.contacts += c.n;
    if (c.status === 'sent') p.delivered += c.n;
    if (c.status === 'failed') p.failed += c.n;
    if (c.status === 'suppressed' || c.status === 'unreachable') suppressed[c.reason] = (suppressed[c.reason] ?? 0) + c.n;
    if (c.status === 'queued' && !c.agent) outbox.queued += c.n;
    if (c.status === 'failed' && c.reason === UNDELIVERED) outbox.undelivered += c.n;
  }
  const channels: RunMetrics['channels'] = {};
  for (const [ch, r] of [...perChannel].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (r.contacts === 0) continue;
    channels[ch] = { contacts: r.contacts, delivered: r.delivered, failed: r.failed, responses: 0, cost: round2(r.cost), capacityUsed: r.contacts };
  }
  // Responses per channel: journeys that responded after their last delivered contact on that channel.
  // The last delivered attempt per customer in one grouped pass (a correlated max() per journey was
  // quadratic on both stores once a run had tens of thousands of contacts), over the delivered contacts
  // only: materialized, so SQLite reads them through (status, run_id) rather than every contact of the run
  // in key order for the GROUP BY (117 ms at 200,000 queued contacts, none delivered).
  for (const r of db.prepare(`WITH sent AS MATERIALIZED (SELECT customer_id, attempt, channel FROM contacts WHERE status = 'sent' AND run_id = ?),
      last AS (SELECT customer_id, max(attempt) AS attempt FROM sent GROUP BY customer_id)
      SELECT s.channel, count(*) AS n FROM last
      JOIN sent s ON s.customer_id = last.customer_id AND s.attempt = last.attempt
      JOIN journeys j ON j.run_id = ? AND j.customer_id = last.customer_id
      WHERE (j.flags & ${FLAG.responded}) <> 0 AND j.state <> '${CONTROL_STATE}' GROUP BY s.channel`).all(runId, runId) as { channel: string; n: number }[]) {
    if (channels[r.channel]) channels[r.channel]!.responses = r.n;
  }
  for (const [o, n] of Object.entries(outcomes)) if (o === 'budget_exhausted' || o === 'period_ended' || o === UNDELIVERED) suppressed[o] = (suppressed[o] ?? 0) + n;

  const sendStates = Object.values(m.states).filter((s) => s.kind === 'send').map((s) => s.id);
  const deferred = run.status !== 'running' || sendStates.length === 0 ? { customers: 0, nextAt: null }
    : db.prepare(`SELECT count(*) AS customers, min(due_at) AS "nextAt" FROM journeys WHERE run_id = ? AND state IN (${sendStates.map(() => '?').join(', ')}) AND due_at > ?`)
      .get(runId, ...sendStates, run.clock === 'virtual' ? run.virtualNow ?? 0 : Date.now()) as RunMetrics['deferred'];

  const ctl = { n: control, conv: groupTotals(counts).controlConverted };
  const controlRate = conversionRate(ctl.conv, ctl.n);
  const price = approvedPrice(m);
  const g = m.goal;
  return {
    runId, flowId: run.flowId, status: run.status, stopReason: run.stopReason, enrolled, control, active: open, completed: enrolled - control - open,
    states, nodes, outcomes, funnel, channels, suppressed, deferred, outbox, grants: runGrants(counts),
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
