import type { ChannelId } from '../../../shared/catalogue/channels.js';
import type { GroupId } from '../../../shared/catalogue/groups.js';
import type { Machine, MachineState, RouteState, SendState } from '../../../shared/machine/types.js';
import type { Db } from '../../db/open.js';
import { HOUR, localDay } from '../core/clock.js';
import { attributesSelect, type Attributes } from '../core/conditions.js';
import { type ContactRequest, type Customer, type DeliveryResult, type Effect, type Journey } from '../core/journey.js';
import { runKpis, type RunKpis } from '../store/kpi.js';
import { approvedCost } from '../../../shared/catalogue/snapshot.js';
import { CustomerCounts, decideSend, flowCaps, unreachableReason, type CountRow } from '../core/policy.js';
import type { Run } from '../store/runs.js';
import { dueOnEntry, step, type SendDecision, type StepContext } from '../core/step.js';
import { PRODUCT_BY_ID } from '../../../shared/catalogue/products.js';
import { routingFitTable } from '../core/routing-fit.js';
import { guardSql, usesAttrs } from '../core/guard-sql.js';
import type { StepperOptions } from './stepper-options.js';
import { selectIn } from '../store/bulk.js';
import { refreshActive } from '../../core/active-catalogue.js';
import { addSharedCounters, writeBatch } from '../store/batch-write.js';
import { CounterDelta, journeyChange } from '../store/counters.js';
import { channelUsage, runChannelUsage } from '../store/channel-usage.js';
import { sendSetBased, setBasedSendStates, type PassContext, type SharedCounters } from './set-based-send.js';
import { simulatedProvisioning, type ProvisioningService } from '../core/provision.js';
import { claimBenefits, noHoldings, queueProvisionCalls, readHoldings, steppedAgainIfTaken, type BenefitClaim, type QueuedProvisionCall } from './provisioning.js';

export interface Row {
  customer_id: number; state: string; due_at: number; flags: number; attempt: number; lane: string | null; entered_at: number;
  group_id: string; smartphone: number; dnd: number; opt_out_mask: number; [k: string]: unknown;
}

/**
 * Advance one run to `now`: set-based moves for everything that does not depend on the individual
 * customer (timers, await timeouts, `first` routes whose guards are SQL), then the per-customer pass
 * (sends under the contact policy, best-fit routes) in key-ordered batches, one transaction per batch.
 * Both read before they write, so their transactions begin IMMEDIATE: on SQLite a deferred one fails its
 * first write (SQLITE_BUSY_SNAPSHOT) when another process (an import) committed after its first read;
 * immediate takes the write lock at BEGIN, waiting (busy_timeout) for that process instead.
 */
export class RunStepper {
  /** Contacts made by set-based sends so far (the per-customer pass reports its own). */
  setBasedContacts = 0;
  private kpiCache: RunKpis | null = null;
  private readonly m: Machine;
  private flowIdCache: Map<number, string> | null = null;
  private fitCache: Map<string, number> | null = null;
  private provisioningCache: ProvisioningService | null = null;
  /** The run counters of the set-based pass under way (written with its other shared counters). */
  private moved = new CounterDelta();

  /** What the set-based send reads of this stepper. */
  private readonly pass: PassContext;

  constructor(private readonly db: Db, private readonly run: Run, private readonly now: number, private readonly o: StepperOptions) {
    this.m = run.machine;
    this.pass = { db, run, now, m: this.m, o, slice: (table) => this.slice(table), entering: (target) => this.entering(target) };
    // Guards read attributes another process may have defined since this one last looked (enrolment may have run elsewhere).
    refreshActive(db);
  }

  /** Flow of every run, for cross-flow caps; read when the first contact counts are. */
  private flowIds = (): Map<number, string> =>
    (this.flowIdCache ??= new Map((this.db.prepare('SELECT id, flow_id FROM runs').all() as { id: number; flow_id: string }[]).map((r) => [r.id, r.flow_id])));

  /** Routing scores, read once per stepper (that is, per tick). */
  private fit = (): Map<string, number> => (this.fitCache ??= routingFitTable(this.db, PRODUCT_BY_ID[this.m.productId]?.category ?? 'data_pack'));

  /** The operator's provisioning service for this run (the simulated one unless the options name another). */
  private provisioning = (): ProvisioningService => (this.provisioningCache ??= this.o.provisioning ?? simulatedProvisioning({ seed: this.run.seed }));

  private kpi = (): RunKpis => (this.kpiCache ??= runKpis(this.db, this.run.id, this.m));

  /** due_at / ended_at / outcome for a journey entering `target` now. */
  private entering(target: MachineState): { due: number | null; ended: number | null; outcome: string | null } {
    const terminal = target.kind === 'terminal';
    return { due: dueOnEntry(target, this.now), ended: terminal ? this.now : null, outcome: terminal ? target.outcome : null };
  }

  /** ` AND part = <part>` when stepping one partition (engine workers); an integer from our own options. */
  private slice(table = ''): string {
    const p = this.o.partition;
    return p ? ` AND ${table}part = ${p.part}` : '';
  }

  /** One set-based move: every journey of `from` matching `where` and due goes to `to`. */
  private move(from: MachineState, to: string, code: string, where: string, params: unknown[], lane: string | null, nodeCounts: Map<string, number>, detail: string | null): number {
    const target = this.m.states[to];
    if (!target) return 0;
    const e = this.entering(target);
    const cond = `run_id = ? AND state = ? AND due_at <= ?${this.slice()}${where ? ` AND ${where}` : ''}`;
    const args = [this.run.id, from.id, this.now, ...params];
    if (this.o.traces === 'all') {
      this.db.prepare(`INSERT INTO traces (run_id, customer_id, at, state, code, detail)
        SELECT run_id, customer_id, CAST(? AS BIGINT), state, CAST(? AS TEXT), CAST(? AS TEXT) FROM journeys WHERE ${cond}`)
        .run(this.now, code, detail, ...args);
    }
    const n = this.db
      .prepare(`UPDATE journeys SET state = ?, due_at = ?, updated_at = ?, ended_at = ?, outcome = ?${lane ? ', lane = ?' : ''} WHERE ${cond}`)
      .run(to, e.due, this.now, e.ended, e.outcome, ...(lane ? [lane] : []), ...args).changes;
    if (n > 0 && target.node !== from.node) nodeCounts.set(target.node, (nodeCounts.get(target.node) ?? 0) + n);
    // Flags and group do not change here: only the state and, into a terminal, the outcome.
    if (n > 0) journeyChange(this.moved, { state: from.id, flags: 0, ended: false, outcome: null, group: '' }, { state: to, flags: 0, ended: e.ended !== null, outcome: e.outcome, group: '' }, n);
    return n;
  }

  /**
   * The non-terminal states with a journey due now, in one statement of index seeks: most states have
   * nothing due at a given instant, and on PostgreSQL every statement skipped is a round trip saved.
   */
  private dueStates(): Set<string> {
    const states = Object.values(this.m.states).filter((s) => s.kind !== 'terminal').map((s) => s.id);
    if (states.length === 0) return new Set();
    const list = states.map((_, i) => (i === 0 ? 'SELECT CAST(? AS TEXT) AS s' : 'SELECT ?')).join(' UNION ALL ');
    const found = this.db.prepare(`SELECT st.s FROM (${list}) AS st
      WHERE EXISTS (SELECT 1 FROM journeys WHERE run_id = ? AND state = st.s AND due_at <= ?${this.slice()})`)
      .pluck().all(...states, this.run.id, this.now) as string[];
    return new Set(found);
  }

  /** Set-based pass, repeated until nothing moves (chains of zero-length timers and routes). */
  setBased(): number {
    let total = 0;
    const nodeCounts = new Map<string, number>();
    let due = this.dueStates();
    if (due.size === 0) return 0;
    this.db.transaction(() => {
      const shared = { today: localDay(this.now), usage: new Map<ChannelId, number>(), nodeCounts, cost: 0, counters: (this.moved = new CounterDelta()) };
      const sends = this.o.setBasedSends === false || due.size === 0 ? null : setBasedSendStates(this.pass, due);
      for (let pass = 0; pass < 16 && due.size > 0; pass++) {
        let moved = 0;
        for (const s of Object.values(this.m.states)) {
          if (!due.has(s.id)) continue;
          // trace details as `step()` writes them, so both paths leave the same trace
          switch (s.kind) {
            case 'timer': moved += this.move(s, s.next, 'wake', '', [], null, nodeCounts, null); break;
            case 'await': moved += this.move(s, s.timeout, 'timeout', '', [], null, nodeCounts, `${s.timeoutHours}h`); break;
            case 'route': if (s.mode === 'first') moved += this.routeSetBased(s, nodeCounts); break;
            case 'send': if (sends?.has(s.id)) moved += this.sendSetBasedCounted(s, shared); break;
            // Per customer only: a service's answer differs by customer.
            case 'provision': break;
            case 'terminal': break;
            default: s satisfies never;
          }
        }
        total += moved;
        if (moved === 0) break;
        due = this.dueStates();
      }
      addSharedCounters(this.db, this.run.id, shared);
    }).immediate();
    return total;
  }

  private sendSetBasedCounted(s: SendState, shared: SharedCounters): number {
    const n = sendSetBased(this.pass, s, shared);
    this.setBasedContacts += n;
    return n;
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
      if (g.sql === 'FALSE') return;
      n += this.move(s, b.target, 'route', g.sql === 'TRUE' ? '' : g.sql, g.params, b.channel ?? null, nodeCounts, `${b.target} (${b.guard.kind})`);
    });
    if (s.otherwise) n += this.move(s, s.otherwise, 'route', '', [], null, nodeCounts, `${s.otherwise} (otherwise)`);
    return n;
  }

  /** Per-customer pass over every due journey, in batches; returns the number stepped and a stop reason. */
  perCustomer(): { stepped: number; contacts: number; stop: string | null } {
    const attrs = usesAttrs(this.m);
    // One keyset cursor per state over the (run_id, state, due_at) index, merged in JS into the global
    // (due_at, customer_id) order the policy grants capacity and budget in.
    const select = this.db.prepare(`SELECT j.customer_id, j.state, j.due_at, j.flags, j.attempt, j.lane, j.entered_at,
        s.group_id, s.smartphone, s.dnd, s.opt_out_mask${attrs ? `, ${attributesSelect()}` : ''}
      FROM journeys j JOIN subscribers s ON s.id = j.customer_id
      WHERE j.run_id = ? AND j.state = ? AND j.due_at <= ?${this.slice('j.')} AND (j.due_at, j.customer_id) > (?, ?)
      ORDER BY j.due_at, j.customer_id LIMIT ?`);
    // Only states with something due now: a step never leaves a journey due now (immediate states are
    // stepped through, deferred sends wait for a later time), so no other state becomes due meanwhile.
    const cursors = [...this.dueStates()].map((state) => ({ state, due: Number.MIN_SAFE_INTEGER, customer: -1, done: false }));
    const byState = new Map(cursors.map((c) => [c.state, c]));
    let stepped = 0;
    let contacts = 0;
    let stop: string | null = null;
    for (;;) {
      let rows: Row[] = [];
      for (const c of cursors) {
        if (c.done) continue;
        const got = select.all(this.run.id, c.state, this.now, c.due, c.customer, this.o.batchSize) as Row[];
        if (got.length === 0) c.done = true;
        else rows = rows.length === 0 ? got : rows.concat(got);
      }
      if (rows.length === 0) break;
      rows.sort((a, b) => a.due_at - b.due_at || a.customer_id - b.customer_id);
      if (rows.length > this.o.batchSize) rows.length = this.o.batchSize;
      for (const r of rows) {
        const c = byState.get(r.state)!;
        c.due = r.due_at;
        c.customer = r.customer_id;
      }
      const r = steppedAgainIfTaken(() => this.db.transaction(() => this.batch(rows, attrs)).immediate());
      stepped += rows.length;
      contacts += r.contacts;
      if (r.stop) {
        stop = r.stop;
        break;
      }
    }
    return { stepped, contacts, stop };
  }

  private batch(rows: Row[], attrs: boolean): { contacts: number; stop: string | null } {
    const { db, run, now, m, o } = this;
    const today = localDay(now);
    const fit = this.fit();
    const caps = flowCaps(o.policy, m);
    const usage = channelUsage(db, today);
    const usageDelta = new Map<ChannelId, number>();
    const shares = m.contactPolicy?.channelCapacity;
    const runUsage = shares ? runChannelUsage(db, run.id, today) : null;
    const batchCounts = this.readCounts(rows, today);
    const holdings = readHoldings(db, m, rows.map((r) => r.customer_id), now);
    const service = this.provisioning();
    let spent = run.spent;
    let stop: string | null = null;
    const nodeCounts = new Map<string, number>();
    const updates: { j: Journey; from: Row }[] = [];
    const effectsByCustomer: { j: Journey; effects: Effect[]; group: GroupId }[] = [];
    const countWrites: { customer: number; channel: ChannelId }[] = [];
    const provisionCalls: QueuedProvisionCall[] = [];
    const grantedInline: BenefitClaim[] = [];

    for (const row of rows) {
      const customer: Customer = {
        id: row.customer_id, group: row.group_id as GroupId, smartphone: row.smartphone === 1, dnd: row.dnd === 1, optOutMask: row.opt_out_mask,
      };
      if (attrs) {
        const a: Attributes = {};
        for (const k of Object.keys(row)) if (k.startsWith('a_')) a[k.slice(2)] = row[k] as Attributes[string];
        customer.attrs = a;
      }
      let counts: CustomerCounts | undefined;
      let granted: SendDecision | null = null;
      const getCounts = (): CustomerCounts => (counts ??= batchCounts.get(row.customer_id) ?? new CustomerCounts());
      const ctx: StepContext = {
        now,
        customer,
        decideSend: (s, j) => {
          if (stop) return { kind: 'stop', reason: stop };
          granted = decideSend({
            now, policy: o.policy, caps, runId: run.id, periodEnd: run.periodEnd, budget: run.budget, spent, costOf: (c) => approvedCost(m, c),
            ...(m.contactPolicy?.fallbackChannel ? { fallback: m.contactPolicy.fallbackChannel } : {}),
            used: (c) => (usage.get(c) ?? 0) + (usageDelta.get(c) ?? 0),
            ...(shares ? { flowCapacity: shares, runUsed: (c: ChannelId) => (runUsage?.get(c) ?? 0) + (usageDelta.get(c) ?? 0) } : {}),
          }, s, j, customer, getCounts());
          return granted;
        },
        deliver: (req: ContactRequest): DeliveryResult => {
          const a = o.adapters[req.channel] ?? o.defaultAdapter;
          const res: DeliveryResult = a.mode === 'inline' && a.decide ? a.decide(req) : { status: 'queued' };
          // Count the contact now, not after the step: a chain of immediate sends in one step (zero
          // timeouts) must see the earlier contact against caps, capacity and budget.
          if (res.status !== 'failed') {
            spent += granted?.kind === 'send' ? granted.cost : 0;
            usageDelta.set(req.channel, (usageDelta.get(req.channel) ?? 0) + 1);
            getCounts().add(today, req.channel, run.id, run.priority, run.flowId);
            countWrites.push({ customer: row.customer_id, channel: req.channel });
          }
          return res;
        },
        provision: (s, j, attempt) => {
          if (stop) return { kind: 'stop', reason: stop };
          if (run.budget > 0 && spent + s.cost > run.budget + 1e-9) return { kind: 'stop', reason: 'budget_exhausted' };
          let h = holdings.get(j.customerId);
          if (!h) holdings.set(j.customerId, (h = noHoldings()));
          const a = service.provision({ runId: run.id, customerId: j.customerId, state: s.id, attempt, service: s.service, request: s.request, holdings: h, now });
          if (a.result === 'queued') {
            // The cost is reserved under the budget now (given back if the answer is no grant): calls in flight cannot overshoot it.
            spent += s.cost;
            provisionCalls.push({ customerId: j.customerId, state: s.id, attempt, service: s.service, benefit: s.request.benefit, bindingVersion: a.bindingVersion, reserved: s.cost });
            return { kind: 'queued' };
          }
          if (a.result === 'granted') {
            spent += s.cost;
            h.benefits.add(s.request.benefit);
            grantedInline.push({ customerId: j.customerId, benefit: s.request.benefit });
          }
          return { kind: 'answer', ...a };
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
        if (e.kind === 'enter') nodeCounts.set(e.node, (nodeCounts.get(e.node) ?? 0) + 1);
        else if (e.kind === 'trace' && e.code === 'stopped') stop = e.detail ?? 'stopped';
      }
      if (j.endedAt === null && j.dueAt !== null && j.dueAt <= now && !stop) {
        // A cycle of immediate states (a compiler bug) must not spin the engine: look again in an hour.
        res.effects.push({ kind: 'trace', state: j.state, code: 'error', detail: 'too many immediate steps; retrying in 1h' });
        j = { ...j, dueAt: now + HOUR };
      }
      updates.push({ j, from: row });
      effectsByCustomer.push({ j, effects: res.effects, group: customer.group });
    }

    // First of the batch's writes: another run's batch may have given these benefits to these customers since `readHoldings`.
    claimBenefits(this.db, run.id, [...grantedInline, ...provisionCalls], now);
    queueProvisionCalls(this.db, run.id, provisionCalls, now);
    writeBatch(this.db, run, now, o, { updates, fx: effectsByCustomer, countWrites, usageDelta, nodeCounts, cost: spent - run.spent, today });
    run.spent = spent;
    return { contacts: countWrites.length, stop };
  }

  /**
   * The contact counts (last 7 local days) of every customer of a batch, in a few statements rather
   * than one per customer; in key order, as `CustomerCounts.takenBy` breaks priority ties by row order.
   */
  private readCounts(rows: Row[], today: number): Map<number, CustomerCounts> {
    const out = new Map<number, CustomerCounts>();
    const found = selectIn<CountRow & { customer_id: number }>(this.db, (list) => `SELECT customer_id, day, channel, n, run_id AS "runId", priority
      FROM contact_counts WHERE customer_id IN ${list} AND day >= ? ORDER BY customer_id, day, channel`, rows.map((r) => r.customer_id), [today - 6]);
    for (const r of found) {
      let c = out.get(r.customer_id);
      if (!c) out.set(r.customer_id, (c = new CustomerCounts()));
      // An object literal, not rest/spread: ~10× cheaper per row, which shows at thousands of rows a batch.
      c.rows.push({ day: r.day, channel: r.channel, n: r.n, runId: r.runId, priority: r.priority, flowId: this.flowIds().get(r.runId) });
    }
    return out;
  }
}
