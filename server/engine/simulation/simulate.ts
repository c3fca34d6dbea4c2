import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PRODUCT_BY_ID } from '../../../shared/catalogue/products.js';
import type { FlowDocument } from '../../../shared/flow/document.js';
import { compileFlow } from '../../../shared/machine/compile.js';
import type { Machine } from '../../../shared/machine/types.js';
import { dialectOf } from '../../db/dialect.js';
import { openDb, type Db } from '../../db/open.js';
import { seedIfEmpty } from '../../db/seed/index.js';
import { seedWithLiveCatalogue } from '../../db/seed/live-catalogue.js';
import { auditPolicy } from '../store/audit.js';
import { dateStart, DAY, localDay } from '../core/clock.js';
import { Engine } from '../runtime/engine.js';
import { dice } from '../core/hash.js';
import { CONTROL_STATE } from '../core/journey.js';
import { runMetrics } from '../store/metrics.js';
import { DEFAULT_POLICY, type ContactPolicy } from '../core/policy.js';
import { getRun, startRun } from '../store/runs.js';
import { nextVirtualTime, VIRTUAL_QUANTUM } from './virtual-clock.js';
import { ingestEvents } from '../runtime/events.js';
import { insertRows } from '../store/bulk.js';
import { dailyFigures, type DailyRow } from '../../monitoring/daily.js';

export interface SimulateOptions {
  customers: number;
  seed: number;
  days: number;
  policy?: ContactPolicy;
  /** Virtual-time resolution: the clock jumps to the next due time rounded up to this step. */
  quantumMs?: number;
  onProgress?: (fraction: number) => void;
  /** Use this database (already seeded) instead of a temporary one; it is not deleted. */
  db?: Db;
  /**
   * The operator's store: the temporary one is seeded with its catalogue and attributes (prices, costs, products
   * and attribute columns added since the demo), a draw of its customers (synthetic ones when it has none) and
   * its learned response rates as the simulated world's truth. Without it (the CLI) the demo store.
   */
  catalogue?: Db;
}

export interface SimulationSummary {
  flowId: string;
  customers: number;
  seed: number;
  days: number;
  enrolled: number;
  control: number;
  completed: number;
  active: number;
  nodes: Record<string, { entered: number; completed: number }>;
  stages: { publicity: number; experience: number; sales: number };
  channels: Record<string, { contacts: number; cost: number }>;
  /** Benefits granted by provision states (benefit nodes), in total and per node; their cost is part of `cost`. */
  grants: ReturnType<typeof runMetrics>['grants'];
  responses: number;
  conversions: number;
  revenue: number;
  cost: number;
  suppressed: Record<string, number>;
  outcomes: Record<string, number>;
  evaluation: ReturnType<typeof runMetrics>['evaluation'];
  policyViolations: number;
  /** Per local day, in total and per channel (see `dailyFigures`): they add up to the totals above. */
  daily: DailyRow[];
  ticks: number;
  transitions: number;
  elapsedMs: number;
}

/** Share of subscribers who produce the trigger event of an event-entry flow during the simulation. */
const TRIGGER_RATE = 0.08;

/** Trigger events of the simulated world (event-entry flows), in time order. */
function triggerEvents(db: Db, machine: Machine, seed: number, from: number, days: number): Record<string, unknown>[] {
  const e = machine.entry.entry;
  if (e.mode !== 'event') return [];
  const rows = db.prepare('SELECT id, data_allowance_mb FROM subscribers').all() as { id: number; data_allowance_mb: number }[];
  const out: Record<string, unknown>[] = [];
  for (const r of rows) {
    if (dice(seed, r.id, 'trigger') >= TRIGGER_RATE) continue;
    const at = from + Math.floor(dice(seed, r.id, 'trigger-at') * days * DAY);
    const base = { id: `sim-trigger:${r.id}`, customerId: r.id, at };
    if (e.event === 'usage_threshold') out.push({ ...base, type: 'usage', dataUsedMb: Math.ceil(r.data_allowance_mb * ((e.threshold ?? 80) + 1 + 10 * dice(seed, r.id, 'usage')) / 100) });
    else out.push({ ...base, type: e.event });
  }
  return out.sort((a, b) => (a.at as number) - (b.at as number));
}

/** Share of control customers who buy anyway during the campaign (the baseline lift is measured against). */
const ORGANIC_RATE = 0.01;

export function toMachine(input: FlowDocument | Machine): Machine {
  if ('states' in input && 'initial' in input) return input;
  const r = compileFlow(input);
  if (!r.ok) throw new Error(`flow does not compile: ${r.issues.map((i) => `${i.code}${i.nodeId ? ` (${i.nodeId})` : ''}`).join(', ')}`);
  return r.machine;
}

/** Organic orders of control customers, scheduled as future events so lift has a baseline. */
function scheduleOrganic(db: Db, runId: number, seed: number, from: number, days: number): void {
  const ids = db.prepare(`SELECT customer_id FROM journeys WHERE run_id = ? AND state = '${CONTROL_STATE}'`).pluck().all(runId) as number[];
  const rows: unknown[] = [];
  for (const id of ids) {
    if (dice(seed, runId, id, 'organic') >= ORGANIC_RATE) continue;
    const at = from + Math.floor(dice(seed, runId, id, 'organic-at') * days * DAY);
    rows.push(`organic:${runId}:${id}`, 'order', id, runId, at, at, 'pending', '{"secondConfirmed":true}', from);
  }
  db.transaction(() => insertRows(db, 'events', ['idem_key', 'type', 'customer_id', 'run_id', 'at', 'available_at', 'status', 'data', 'received_at'], rows, 'ON CONFLICT DO NOTHING'))();
}

/**
 * Run a whole campaign in virtual time on a temporary database seeded with up to `customers` subscribers
 * (the operator's, see `catalogue`, or synthetic ones): the clock starts at the period start and jumps to the next due journey, pending event
 * or (for daily entry) day boundary. Deterministic for a seed. Yields to the event loop between ticks.
 */
export async function simulate(input: FlowDocument | Machine, opts: SimulateOptions): Promise<SimulationSummary> {
  const t0 = performance.now();
  const machine = toMachine(input);
  if (!PRODUCT_BY_ID[machine.productId]) throw new Error(`unknown product ${machine.productId}`);
  const dir = opts.db ? null : mkdtempSync(join(tmpdir(), 'linkage-sim-'));
  const db = opts.db ?? openDb(join(dir!, 'sim.db'));
  try {
    const start = dateStart(machine.period.start);
    if (!opts.db) {
      if (dialectOf(db) === 'sqlite') db.pragma('synchronous = OFF');
      if (opts.catalogue) seedWithLiveCatalogue(db, opts.catalogue, { subscribers: opts.customers, seed: opts.seed, from: start, fromDay: localDay(start) });
      else seedIfEmpty(db, { subscribers: opts.customers, seed: opts.seed });
    }
    // fewer than asked for when the live base is smaller: the summary's sample is what was simulated
    const customers = db.prepare('SELECT count(*) FROM subscribers').pluck().get() as number;
    const policy = opts.policy ?? DEFAULT_POLICY;
    const engine = new Engine(db, { policy, traces: 'all' });
    const end = start + opts.days * DAY;
    const runId = startRun(db, { flowId: machine.flowId, version: 0, machine, seed: opts.seed, clock: 'virtual', now: start });
    const quantum = opts.quantumMs ?? VIRTUAL_QUANTUM;
    let now = start;
    let ticks = 0;
    let transitions = 0;
    let organic = false;
    const triggers = triggerEvents(db, machine, opts.seed, start, opts.days);
    let ti = 0;
    while (now < end) {
      const batch: Record<string, unknown>[] = [];
      while (ti < triggers.length && (triggers[ti]!.at as number) <= now) batch.push(triggers[ti++]!);
      if (batch.length) ingestEvents(db, batch, now);
      const s = engine.tickSync(now, 'virtual');
      ticks++;
      transitions += s.setBased + s.perCustomer + s.events + s.enrolled;
      if (!organic && s.enrolled > 0) {
        scheduleOrganic(db, runId, opts.seed, now, opts.days);
        organic = true;
      }
      const status = db.prepare('SELECT status FROM runs WHERE id = ?').pluck().get(runId) as string;
      if (status !== 'running') break;
      const next = nextVirtualTime(db, getRun(db, runId)!, now, quantum, ti < triggers.length ? [triggers[ti]!.at as number] : []);
      if (next === null) break;
      now = Math.min(next, end);
      if (ticks % 8 === 0) {
        opts.onProgress?.(Math.min(0.99, (now - start) / (end - start)));
        await new Promise((r) => setImmediate(r));
      }
    }
    const m = runMetrics(db, runId);
    const audit = auditPolicy(db, policy);
    opts.onProgress?.(1);
    const nodes: SimulationSummary['nodes'] = {};
    for (const [id, n] of Object.entries(m.nodes)) nodes[id] = { entered: n.entered, completed: n.completed };
    const channels: SimulationSummary['channels'] = {};
    for (const [id, c] of Object.entries(m.channels)) channels[id] = { contacts: c.contacts, cost: c.cost };
    return {
      flowId: machine.flowId, customers, seed: opts.seed, days: opts.days,
      enrolled: m.enrolled, control: m.control, completed: m.completed, active: m.active, nodes,
      stages: { publicity: m.funnel.publicity, experience: m.funnel.experience, sales: m.funnel.sales },
      channels, grants: m.grants, responses: m.responses, conversions: m.conversions, revenue: m.revenue, cost: m.cost,
      suppressed: m.suppressed, outcomes: m.outcomes, evaluation: m.evaluation, policyViolations: audit.total,
      daily: dailyFigures(db, runId), ticks, transitions, elapsedMs: Math.round(performance.now() - t0),
    };
  } finally {
    if (!opts.db) {
      db.close();
      rmSync(dir!, { recursive: true, force: true });
    }
  }
}
