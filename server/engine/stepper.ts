import type { ChannelId } from '../../shared/catalogue/channels.js';
import type { GroupId } from '../../shared/catalogue/groups.js';
import type { Guard, Machine, MachineState, RouteState } from '../../shared/machine/types.js';
import type { Db } from '../db/open.js';
import { HOUR, localDay } from './clock.js';
import { attributesSelect, conditionSql, groupSql, type Attributes } from './conditions.js';
import { bucketSql } from './hash.js';
import { FLAG, type ContactRequest, type Customer, type DeliveryResult, type Effect, type Journey } from './journey.js';
import { runKpis, type KpiMetric, type RunKpis } from './kpi.js';
import { CustomerCounts, decideSend, flowCaps, unreachableReason, type ContactPolicy, type CountRow } from './policy.js';
import type { Run } from './runs.js';
import { step, timerWake, type StepContext } from './step.js';
import type { AdapterMap, ChannelAdapter } from './channels/adapter.js';

export interface StepperOptions {
  policy: ContactPolicy;
  adapters: AdapterMap;
  /** Adapter for channels not in `adapters`. */
  defaultAdapter: ChannelAdapter;
  /** Journeys read and written per transaction. */
  batchSize: number;
  /** 'all': every move is traced, set-based ones too; 'decisions': only per-customer decisions and events. */
  traces: 'all' | 'decisions';
}

export interface StepStats {
  setBased: number;
  perCustomer: number;
  contacts: number;
  stop: string | null;
}

/** CPC fit scores by `${group}|${channel}`, loaded once per database. */
const fitCache = new WeakMap<Db, Map<string, number>>();
function fitTable(db: Db): Map<string, number> {
  let m = fitCache.get(db);
  if (!m) {
    m = new Map();
    for (const r of db.prepare('SELECT group_id, channel_id, score FROM group_channel_fit').all() as { group_id: string; channel_id: string; score: number }[]) {
      m.set(`${r.group_id}|${r.channel_id}`, r.score);
    }
    fitCache.set(db, m);
  }
  return m;
}

const usesAttrs = (m: Machine): boolean =>
  Object.values(m.states).some((s) => s.kind === 'route' && s.branches.some((b) => b.guard.kind === 'attribute' || b.guard.kind === 'rule'));

/** SQL for a guard over `journeys` (flags, customer_id), or null when it needs JS. */
function guardSql(g: Guard, s: RouteState, kpi: () => RunKpis, params: unknown[]): string | null {
  switch (g.kind) {
    case 'always': return '1';
    case 'converted': return `(flags & ${FLAG.converted}) <> 0`;
    case 'responded': return `(flags & ${FLAG.responded}) <> 0`;
    case 'bucket': return `${bucketSql('customer_id', s.node)} >= ${g.from} AND ${bucketSql('customer_id', s.node)} < ${g.to}`;
    case 'kpi': {
      const v = kpi()[g.metric as KpiMetric];
      return (g.op === 'gte' ? v >= g.threshold : v <= g.threshold) ? '1' : '0';
    }
    case 'attribute': return `EXISTS (SELECT 1 FROM subscribers s WHERE s.id = journeys.customer_id AND ${conditionSql(g.condition, params)})`;
    case 'rule': return `EXISTS (SELECT 1 FROM subscribers s WHERE s.id = journeys.customer_id AND ${groupSql(g.group, params)})`;
  }
}

interface Row {
  customer_id: number; state: string; due_at: number; flags: number; attempt: number; lane: string | null; entered_at: number;
  group_id: string; smartphone: number; dnd: number; opt_out_mask: number; [k: string]: unknown;
}

/**
 * Advance one run to `now`: set-based moves for everything that does not depend on the individual
 * customer (timers, await timeouts, `first` routes whose guards are SQL), then the per-customer pass
 * (sends under the contact policy, best-fit routes) in key-ordered batches, one transaction per batch.
 */
export class RunStepper {
  private kpiCache: RunKpis | null = null;
  private readonly m: Machine;
  private readonly flowIds: Map<number, string>;

  constructor(private readonly db: Db, private readonly run: Run, private readonly now: number, private readonly o: StepperOptions) {
    this.m = run.machine;
    this.flowIds = new Map((db.prepare('SELECT id, flow_id FROM runs').all() as { id: number; flow_id: string }[]).map((r) => [r.id, r.flow_id]));
  }

  private kpi = (): RunKpis => (this.kpiCache ??= runKpis(this.db, this.run.id, this.m.productId));

  /** due_at / ended_at / outcome for a journey entering `target` now. */
  private entering(target: MachineState): { due: number | null; ended: number | null; outcome: string | null } {
    const now = this.now;
    switch (target.kind) {
      case 'send':
      case 'route': return { due: now, ended: null, outcome: null };
      case 'await': return { due: now + Math.max(0, target.timeoutHours) * HOUR, ended: null, outcome: null };
      case 'timer': return { due: timerWake(target, now), ended: null, outcome: null };
      case 'terminal': return { due: null, ended: now, outcome: target.outcome };
    }
  }

  /** One set-based move: every journey of `from` matching `where` and due goes to `to`. */
  private move(from: MachineState, to: string, code: string, where: string, params: unknown[], lane: string | null, nodeCounts: Map<string, number>): number {
    const target = this.m.states[to];
    if (!target) return 0;
    const e = this.entering(target);
    const cond = `run_id = ? AND state = ? AND due_at <= ?${where ? ` AND ${where}` : ''}`;
    const args = [this.run.id, from.id, this.now, ...params];
    if (this.o.traces === 'all') {
      this.db.prepare(`INSERT INTO traces (run_id, customer_id, at, state, code, detail) SELECT run_id, customer_id, ?, state, ?, ? FROM journeys WHERE ${cond}`)
        .run(this.now, code, to, ...args);
    }
    const n = this.db
      .prepare(`UPDATE journeys SET state = ?, due_at = ?, updated_at = ?, ended_at = ?, outcome = ?${lane ? ', lane = ?' : ''} WHERE ${cond}`)
      .run(to, e.due, this.now, e.ended, e.outcome, ...(lane ? [lane] : []), ...args).changes;
    if (n > 0 && target.node !== from.node) nodeCounts.set(target.node, (nodeCounts.get(target.node) ?? 0) + n);
    return n;
  }

  /** Set-based pass, repeated until nothing moves (chains of zero-length timers and routes). */
  setBased(): number {
    let total = 0;
    const nodeCounts = new Map<string, number>();
    this.db.transaction(() => {
      for (let pass = 0; pass < 16; pass++) {
        let moved = 0;
        for (const s of Object.values(this.m.states)) {
          if (s.kind === 'timer') moved += this.move(s, s.next, 'wake', '', [], null, nodeCounts);
          else if (s.kind === 'await') moved += this.move(s, s.timeout, 'timeout', '', [], null, nodeCounts);
          else if (s.kind === 'route' && s.mode === 'first') moved += this.routeSetBased(s, nodeCounts);
        }
        total += moved;
        if (moved === 0) break;
      }
      this.writeNodeCounts(nodeCounts);
    })();
    return total;
  }

  private routeSetBased(s: RouteState, nodeCounts: Map<string, number>): number {
    const sqls: { sql: string; params: unknown[] }[] = [];
    for (const b of s.branches) {
      const params: unknown[] = [];
      const sql = guardSql(b.guard, s, this.kpi, params);
      if (sql === null) return 0;
      sqls.push({ sql, params });
    }
    let n = 0;
    s.branches.forEach((b, i) => {
      const g = sqls[i]!;
      if (g.sql === '0') return;
      n += this.move(s, b.target, 'route', g.sql === '1' ? '' : g.sql, g.params, b.channel ?? null, nodeCounts);
    });
    if (s.otherwise) n += this.move(s, s.otherwise, 'route', '', [], null, nodeCounts);
    return n;
  }

  private writeNodeCounts(counts: Map<string, number>): void {
    if (counts.size === 0) return;
    const up = this.db.prepare('INSERT INTO node_counts (run_id, node, entered) VALUES (?, ?, ?) ON CONFLICT(run_id, node) DO UPDATE SET entered = entered + excluded.entered');
    for (const [node, n] of counts) up.run(this.run.id, node, n);
  }

  /** Per-customer pass over every due journey, in batches; returns the number stepped and a stop reason. */
  perCustomer(): { stepped: number; contacts: number; stop: string | null } {
    const attrs = usesAttrs(this.m);
    const select = this.db.prepare(`SELECT j.customer_id, j.state, j.due_at, j.flags, j.attempt, j.lane, j.entered_at,
        s.group_id, s.smartphone, s.dnd, s.opt_out_mask${attrs ? `, ${attributesSelect()}` : ''}
      FROM journeys j JOIN subscribers s ON s.id = j.customer_id
      WHERE j.run_id = ? AND j.due_at <= ? AND (j.due_at, j.customer_id) > (?, ?)
      ORDER BY j.due_at, j.customer_id LIMIT ?`);
    let cursor: [number, number] = [-Infinity, -1];
    let stepped = 0;
    let contacts = 0;
    let stop: string | null = null;
    for (;;) {
      const rows = select.all(this.run.id, this.now, cursor[0] === -Infinity ? Number.MIN_SAFE_INTEGER : cursor[0], cursor[1], this.o.batchSize) as Row[];
      if (rows.length === 0) break;
      const last = rows[rows.length - 1]!;
      cursor = [last.due_at, last.customer_id];
      const r = this.db.transaction(() => this.batch(rows, attrs))();
      stepped += rows.length;
      contacts += r.contacts;
      if (r.stop) {
        stop = r.stop;
        break;
      }
      if (rows.length < this.o.batchSize) break;
    }
    return { stepped, contacts, stop };
  }

  private batch(rows: Row[], attrs: boolean): { contacts: number; stop: string | null } {
    const { db, run, now, m, o } = this;
    const today = localDay(now);
    const fit = fitTable(db);
    const caps = flowCaps(o.policy, m);
    const usage = new Map<ChannelId, number>(
      (db.prepare('SELECT channel, used FROM channel_usage WHERE day = ?').all(today) as { channel: ChannelId; used: number }[]).map((r) => [r.channel, r.used]),
    );
    const usageDelta = new Map<ChannelId, number>();
    const countsStmt = db.prepare('SELECT day, channel, n, run_id AS runId, priority FROM contact_counts WHERE customer_id = ? AND day >= ?');
    let spent = run.spent;
    let stop: string | null = null;
    const nodeCounts = new Map<string, number>();
    const updates: Journey[] = [];
    const effectsByCustomer: { j: Journey; effects: Effect[]; group: GroupId }[] = [];
    const countWrites: { customer: number; channel: ChannelId }[] = [];

    for (const row of rows) {
      const customer: Customer = {
        id: row.customer_id, group: row.group_id as GroupId, smartphone: row.smartphone === 1, dnd: row.dnd === 1, optOutMask: row.opt_out_mask,
      };
      if (attrs) {
        const a: Attributes = {};
        for (const k of Object.keys(row)) if (k.startsWith('a_')) a[k.slice(2)] = row[k] as Attributes[string];
        customer.attrs = a;
      }
      let counts: CustomerCounts | null = null;
      const getCounts = (): CustomerCounts => {
        if (!counts) {
          const cr = countsStmt.all(row.customer_id, today - 6) as CountRow[];
          for (const c of cr) c.flowId = this.flowIds.get(c.runId);
          counts = new CustomerCounts(cr);
        }
        return counts;
      };
      const ctx: StepContext = {
        now,
        customer,
        decideSend: (s, j) => {
          if (stop) return { kind: 'stop', reason: stop };
          return decideSend({
            now, policy: o.policy, caps, runId: run.id, periodEnd: run.periodEnd, budget: run.budget, spent,
            ...(m.contactPolicy?.fallbackChannel ? { fallback: m.contactPolicy.fallbackChannel } : {}),
            used: (c) => (usage.get(c) ?? 0) + (usageDelta.get(c) ?? 0),
          }, s, j, customer, getCounts());
        },
        deliver: (req: ContactRequest): DeliveryResult => {
          const a = o.adapters[req.channel] ?? o.defaultAdapter;
          if (a.mode === 'inline' && a.decide) return a.decide(req);
          return { status: 'queued' };
        },
        unreachable: (c) => unreachableReason(c, customer),
        fit: (c) => fit.get(`${customer.group}|${c}`) ?? 0,
        kpi: (metric) => this.kpi()[metric],
      };
      const j0: Journey = {
        runId: run.id, customerId: row.customer_id, state: row.state, dueAt: row.due_at, flags: row.flags, attempt: row.attempt,
        lane: row.lane, enteredAt: row.entered_at, endedAt: null, outcome: null,
      };
      // Effects that change shared counters are applied as they happen, so the next step sees them.
      const res = step(m, j0, { kind: 'due' }, ctx);
      let j = res.journey;
      for (const e of res.effects) {
        if (e.kind === 'contact' && (e.status === 'sent' || e.status === 'queued')) {
          spent += e.cost;
          usageDelta.set(e.channel, (usageDelta.get(e.channel) ?? 0) + 1);
          getCounts().add(today, e.channel, run.id, run.priority, run.flowId);
          countWrites.push({ customer: row.customer_id, channel: e.channel });
        } else if (e.kind === 'enter') nodeCounts.set(e.node, (nodeCounts.get(e.node) ?? 0) + 1);
        else if (e.kind === 'trace' && e.code === 'stopped') stop = e.detail ?? 'stopped';
      }
      if (j.endedAt === null && j.dueAt !== null && j.dueAt <= now && !stop) {
        // A cycle of immediate states (a compiler bug) must not spin the engine: look again in an hour.
        res.effects.push({ kind: 'trace', state: j.state, code: 'error', detail: 'too many immediate steps; retrying in 1h' });
        j = { ...j, dueAt: now + HOUR };
      }
      updates.push(j);
      effectsByCustomer.push({ j, effects: res.effects, group: customer.group });
    }

    this.write(updates, effectsByCustomer, countWrites, usageDelta, nodeCounts, spent - run.spent, today);
    run.spent = spent;
    return { contacts: countWrites.length, stop };
  }

  private write(
    updates: Journey[], fx: { j: Journey; effects: Effect[] }[], countWrites: { customer: number; channel: ChannelId }[],
    usageDelta: Map<ChannelId, number>, nodeCounts: Map<string, number>, cost: number, today: number,
  ): void {
    const { db, run, now } = this;
    updates.sort((a, b) => a.customerId - b.customerId);
    const upd = db.prepare('UPDATE journeys SET state = ?, due_at = ?, flags = ?, attempt = ?, lane = ?, updated_at = ?, ended_at = ?, outcome = ? WHERE run_id = ? AND customer_id = ?');
    for (const j of updates) upd.run(j.state, j.dueAt, j.flags, j.attempt, j.lane, now, j.endedAt, j.outcome, run.id, j.customerId);
    const contact = db.prepare(`INSERT INTO contacts (run_id, customer_id, state, attempt, channel, stage, cost, status, reason, provider_id, created_at, sent_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    const trace = db.prepare('INSERT INTO traces (run_id, customer_id, at, state, code, detail) VALUES (?, ?, ?, ?, ?, ?)');
    const sched = db.prepare(`INSERT INTO events (idem_key, type, customer_id, run_id, at, available_at, status, data, received_at)
      VALUES (?, ?, ?, ?, ?, ?, 'pending', ?, ?) ON CONFLICT(idem_key) DO NOTHING`);
    const agent = db.prepare(`INSERT INTO agent_queue (run_id, customer_id, state, attempt, channel, stage, script, status, tries, available_at, created_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, 'waiting', 0, ?, ?)`);
    fx.sort((a, b) => a.j.customerId - b.j.customerId);
    for (const { j, effects } of fx) {
      let lastContact: Extract<Effect, { kind: 'contact' }> | null = null;
      for (const e of effects) {
        if (e.kind === 'contact') {
          lastContact = e;
          contact.run(run.id, j.customerId, e.state, e.attempt, e.channel, e.stage, e.cost, e.status, e.reason ?? null, e.providerId ?? null, now, e.status === 'sent' ? now : null);
          if (e.status === 'queued' && (this.o.adapters[e.channel] ?? this.o.defaultAdapter).mode === 'agent') {
            agent.run(run.id, j.customerId, e.state, e.attempt, e.channel, e.stage, e.script, now, now);
          }
        } else if (e.kind === 'trace') trace.run(run.id, j.customerId, now, e.state, e.code, e.detail ?? null);
        else if (e.kind === 'schedule' && lastContact) {
          const ev = e.event;
          sched.run(`sim:${run.id}:${j.customerId}:${lastContact.state}:${lastContact.attempt}:${ev.type}`, ev.type, j.customerId, run.id, Math.round(ev.at), Math.round(ev.at),
            ev.secondConfirmed === undefined ? null : JSON.stringify({ secondConfirmed: ev.secondConfirmed }), now);
        }
      }
    }
    const cnt = db.prepare(`INSERT INTO contact_counts (customer_id, day, channel, n, run_id, priority) VALUES (?, ?, ?, 1, ?, ?)
      ON CONFLICT(customer_id, day, channel) DO UPDATE SET n = n + 1, run_id = excluded.run_id, priority = excluded.priority`);
    countWrites.sort((a, b) => a.customer - b.customer);
    for (const c of countWrites) cnt.run(c.customer, today, c.channel, run.id, run.priority);
    const use = db.prepare('INSERT INTO channel_usage (channel, day, used) VALUES (?, ?, ?) ON CONFLICT(channel, day) DO UPDATE SET used = used + excluded.used');
    for (const [c, n] of usageDelta) use.run(c, today, n);
    this.writeNodeCounts(nodeCounts);
    if (cost !== 0) db.prepare('UPDATE runs SET spent = spent + ? WHERE id = ?').run(cost, run.id);
  }
}
