import { contactRate, conversionRate, liftOverControl, responseRate, roi } from '../../shared/metrics/rates.js';
import { approvedPrice } from '../../shared/catalogue/snapshot.js';
import { STAGES } from '../../shared/catalogue/stages.js';
import type { Db } from '../db/open.js';
import { runMetrics, type RunMetrics } from '../engine/store/metrics.js';
import { CONTROL_STATE } from '../engine/core/journey.js';
import { runCounts } from '../engine/store/counters-read.js';
import { MADE } from '../engine/store/counters.js';
import { ENGAGED_SQL } from '../db/migrations/021-run-counters.js';
import { getRun } from '../engine/store/runs.js';
import { attributeConversions, attributionTotals, ENGAGEMENT_CODES, sendIndex } from './attribution.js';
import { runDocument, runInfo, type RunInfo } from './run-info.js';

export interface BreakdownRow {
  key: string;
  contacts: number;
  delivered: number;
  responses: number;
  /** Attributed conversions (the touch that drove each one). */
  conversions: number;
  cost: number;
  revenue: number;
  responseRate: number;
  conversionRate: number;
  roi: number;
}

export interface GroupRow {
  key: string;
  treated: number;
  contacted: number;
  responded: number;
  converted: number;
  cost: number;
  revenue: number;
  contactRate: number;
  responseRate: number;
  conversionRate: number;
  roi: number;
  control: number;
  controlConversionRate: number;
  lift: number | null;
}

export interface NodeRow { key: string; type: string | null; contacts: number; cost: number; conversions: number; revenue: number }

export interface EvaluationReport {
  run: RunInfo;
  price: number;
  metrics: RunMetrics;
  treated: number;
  byStage: BreakdownRow[];
  byChannel: BreakdownRow[];
  byGroup: GroupRow[];
  byNode: NodeRow[];
  attribution: { engaged: number; lastSent: number; unattributed: number };
}

const round2 = (x: number): number => Math.round(x * 100) / 100;

function row(key: string, r: { contacts: number; delivered: number; responses: number; conversions: number; cost: number }, price: number): BreakdownRow {
  const revenue = r.conversions * price;
  return { key, ...r, cost: round2(r.cost), revenue, responseRate: responseRate(r.responses, r.delivered || r.contacts), conversionRate: conversionRate(r.conversions, r.contacts), roi: roi(revenue, r.cost) };
}

/**
 * The evaluation report of a run against its goal: the engine's KPIs (contact, response and
 * conversion rate, cost, revenue, ROI, lift over control) and the breakdowns by stage, channel,
 * customer group and node, conversions credited to the touch that drove them. Counts come from the
 * run counters; responses per stage and the attribution read the engaged and converted customers only.
 */
export function evaluationReport(db: Db, runId: number, now = Date.now()): EvaluationReport {
  const run = getRun(db, runId);
  if (!run) throw new Error(`no run ${runId}`);
  const m = run.machine;
  // The price the run was approved with, not today's catalogue price (#18).
  const price = approvedPrice(m);
  const counts = runCounts(db, runId);
  const metrics = runMetrics(db, runId, counts);
  const attributed = attributeConversions(db, runId);
  const totals = attributionTotals(attributed);

  // Stage: contacts and cost from the log; responses = customers who engaged with a touch of that stage.
  const idx = sendIndex(m);
  const stageOfAwait = new Map<string, string>();
  for (const [aw, send] of idx) {
    const s = m.states[send];
    if (s?.kind === 'send') stageOfAwait.set(aw, s.stage);
  }
  const stageRows = new Map<string, { contacts: number; delivered: number; cost: number }>();
  const nodeAgg = new Map<string, { contacts: number; cost: number }>();
  for (const c of counts.contacts) {
    const st = stageRows.get(c.stage) ?? { contacts: 0, delivered: 0, cost: 0 };
    if (MADE.has(c.status)) st.contacts += c.n;
    if (c.status === 'sent') st.delivered += c.n;
    st.cost += c.cost;
    stageRows.set(c.stage, st);
    const node = m.states[c.state]?.node ?? c.state;
    const a = nodeAgg.get(node) ?? { contacts: 0, cost: 0 };
    if (MADE.has(c.status)) a.contacts += c.n;
    a.cost += c.cost;
    nodeAgg.set(node, a);
  }
  const codes = ENGAGEMENT_CODES.map((c) => `'${c}'`).join(',');
  const stageResp = new Map<string, Set<number>>();
  for (const r of db.prepare(`SELECT DISTINCT customer_id, state FROM traces WHERE run_id = ? AND ${ENGAGED_SQL} AND code IN (${codes}) AND state <> '${CONTROL_STATE}'`).all(runId) as { customer_id: number; state: string }[]) {
    const st = stageOfAwait.get(r.state);
    if (!st) continue;
    const set = stageResp.get(st) ?? new Set<number>();
    set.add(r.customer_id);
    stageResp.set(st, set);
  }
  const byStage = STAGES.map((s) => {
    const r = stageRows.get(s);
    return row(s, { contacts: r?.contacts ?? 0, delivered: r?.delivered ?? 0, responses: stageResp.get(s)?.size ?? 0, conversions: totals.byStage[s] ?? 0, cost: r?.cost ?? 0 }, price);
  }).filter((r) => r.contacts > 0 || r.conversions > 0);

  const byChannel = Object.entries(metrics.channels).map(([ch, c]) => row(ch, { contacts: c.contacts, delivered: c.delivered, responses: c.responses, conversions: totals.byChannel[ch] ?? 0, cost: c.cost }, price));
  for (const [ch, n] of Object.entries(totals.byChannel)) if (!metrics.channels[ch]) byChannel.push(row(ch, { contacts: 0, delivered: 0, responses: 0, conversions: n, cost: 0 }, price));

  // Per customer group as the customer was when enrolled and contacted (the counters' group).
  const groups = Object.entries(counts.groups).filter(([, g]) => g.treated + g.control > 0)
    .map(([g, c]) => ({ g, treated: c.treated, contacted: c.contacted, responded: c.responded, converted: c.converted, control: c.control, control_converted: c.controlConverted, cost: c.cost }))
    .sort((a, b) => b.treated - a.treated || (a.g < b.g ? -1 : a.g > b.g ? 1 : 0));
  const byGroup: GroupRow[] = groups.map((r) => {
    const cost = round2(r.cost);
    const revenue = r.converted * price;
    const rate = conversionRate(r.converted, r.treated);
    const controlRate = conversionRate(r.control_converted, r.control);
    return {
      key: r.g, treated: r.treated, contacted: r.contacted, responded: r.responded, converted: r.converted, cost, revenue,
      contactRate: contactRate(r.contacted, r.treated), responseRate: responseRate(r.responded, r.contacted), conversionRate: rate, roi: roi(revenue, cost),
      control: r.control, controlConversionRate: controlRate, lift: liftOverControl(rate, controlRate, r.control),
    };
  });

  const doc = runDocument(db, runId);
  const typeOf = new Map((doc?.nodes ?? []).map((n) => [n.id, n.type]));
  // A benefit node's cost is its grants' (it makes no contact).
  for (const [node, g] of Object.entries(metrics.grants.byNode)) {
    const a = nodeAgg.get(node) ?? { contacts: 0, cost: 0 };
    a.cost += g.cost;
    nodeAgg.set(node, a);
  }
  const nodeKeys = new Set([...nodeAgg.keys(), ...Object.keys(totals.byNode)]);
  const byNode: NodeRow[] = [...nodeKeys].map((k) => {
    const a = nodeAgg.get(k) ?? { contacts: 0, cost: 0 };
    const conversions = totals.byNode[k] ?? 0;
    return { key: k, type: typeOf.get(k) ?? null, contacts: a.contacts, cost: round2(a.cost), conversions, revenue: conversions * price };
  });

  const treated = metrics.enrolled - metrics.control;
  return {
    run: runInfo(db, run, now), price, metrics, treated, byStage, byChannel, byGroup, byNode,
    attribution: { engaged: totals.engaged, lastSent: totals.lastSent, unattributed: totals.unattributed },
  };
}
