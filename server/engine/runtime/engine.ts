import { PRODUCT_BY_ID } from '../../../shared/catalogue/products.js';
import { dialectOf } from '../../db/dialect.js';
import type { Db } from '../../db/open.js';
import type { Logger } from '../../logger.js';
import { localDay } from '../core/clock.js';
import { enrol } from './enrolment.js';
import { disposeItem } from '../channels/agent-queue.js';
import { BindingResolver } from '../../channels/bindings/resolve.js';
import type { AdapterMap, ChannelAdapter } from '../channels/adapter.js';
import { SimulatedGateway } from '../channels/simulated.js';
import { DeliveryLoop, type DeliveryLoopOptions } from '../channels/delivery-loop.js';
import { abandonOutbox, holdForDelivery, outboxPending } from './outbox.js';
import { applyDueEvents, ingestEvents, type EventResult } from './events.js';
import type { OptOutKeywords } from '../store/contact-prefs.js';
import { DEFAULT_POLICY, type ContactPolicy } from '../core/policy.js';
import { activeRuns, completeRun, getRun, pauseRun, resumeRun, startRun, stopRun, type Run, type StartRunInput } from '../store/runs.js';
import { RunStepper } from './stepper.js';
import { refreshTableStats } from '../store/table-stats.js';
import type { Partition } from './stepper-options.js';
import { simulatedProvisioning, type ProvisioningService } from '../core/provision.js';
import { boundProvisioning } from '../../provisioning/bound-service.js';
import { ProvisionCaller, provisionPending, type ProvisionCallerOptions } from '../../provisioning/caller.js';

export interface EngineOptions {
  policy?: ContactPolicy;
  /** Adapters for a run's channels; default: the simulated gateway, human channels via the agent queue (live) or simulated agents (virtual). */
  channels?: (run: Run) => { adapters: AdapterMap; defaultAdapter: ChannelAdapter };
  batchSize?: number;
  traces?: 'all' | 'decisions';
  /** Set-based sends where no customer's outcome depends on another's (default true; false: every send through `step()`). */
  setBasedSends?: boolean;
  /** Outbox delivery beside the engine (breakers, back-off, batch sizes). */
  delivery?: DeliveryLoopOptions;
  log?: Logger;
  /** The operator service a run's provision states call (default: as bound for live runs, else the simulated one, seeded by the run). */
  provisioning?: (run: Run) => ProvisioningService;
  /** Posting provisioning calls to HTTP bindings (batch, back-off, breakers). */
  provisionCalls?: ProvisionCallerOptions;
  /** Reply keywords that opt a customer out, per channel (default: TD / T / 退订 on SMS, …). */
  optOutKeywords?: OptOutKeywords;
}

export interface TickStats {
  runs: number;
  events: number;
  setBased: number;
  perCustomer: number;
  contacts: number;
  enrolled: number;
  ms: number;
}

/**
 * The engine service: `tickSync(now)` advances every running run to `now` (events that became available,
 * enrolment, set-based moves, the per-customer pass), and the lifecycle hooks (start / pause / resume /
 * stop) governance calls. Live runs are ticked by `startLoop`, whose outbox (webhook) contacts the
 * delivery loop posts beside the ticks; virtual runs by the simulator with its own clock.
 */
export class Engine {
  readonly policy: ContactPolicy;
  private readonly channelCache = new Map<number, { adapters: AdapterMap; defaultAdapter: ChannelAdapter; bindings: number }>();
  /** Live runs send through the channels' bindings, resolved at each pass (a change applies to the next send). */
  readonly bindings: BindingResolver;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;
  /** Posts live runs' outbox contacts beside the tick (started with the loop, or by an engine worker). */
  readonly delivery: DeliveryLoop;
  /** Posts live runs' queued provisioning calls in the delivery loop's passes. */
  readonly provisionCalls: ProvisionCaller;

  constructor(readonly db: Db, private readonly opts: EngineOptions = {}) {
    this.policy = opts.policy ?? DEFAULT_POLICY;
    this.bindings = new BindingResolver(db, opts.log ? { log: opts.log } : {});
    this.provisionCalls = new ProvisionCaller(db, opts.provisionCalls);
    this.delivery = new DeliveryLoop(db, (run) => this.channelsFor(run), { ...opts.delivery, ...(opts.log ? { log: opts.log } : {}), alsoPass: (now) => this.provisionCalls.pass(now) });
  }

  private channelsFor(run: Run): { adapters: AdapterMap; defaultAdapter: ChannelAdapter } {
    // Virtual runs (simulations) never send through a binding; live ones re-resolve when a binding changed.
    const bound = run.clock === 'live' && !this.opts.channels;
    const stamp = bound ? this.bindings.version() : 0;
    let c = this.channelCache.get(run.id);
    if (!c || c.bindings !== stamp) {
      if (this.opts.channels) c = { ...this.opts.channels(run), bindings: 0 };
      else {
        const sim = c?.defaultAdapter ?? new SimulatedGateway(this.db, { seed: run.seed, category: PRODUCT_BY_ID[run.machine.productId]?.category ?? 'data_pack' });
        c = { adapters: bound ? this.bindings.adapters() : {}, defaultAdapter: sim, bindings: stamp };
      }
      this.channelCache.set(run.id, c);
    }
    return c;
  }

  /**
   * Enrol a run's segment: once at the first tick in its period, daily at each new local day. Immediate:
   * the pre-count of who enters is read before the insert, and must count the rows it inserts.
   */
  private enrolRun(run: Run, now: number): number {
    const entry = run.machine.entry.entry;
    const today = localDay(now);
    const due = run.enrolledAt === null ? entry.mode !== 'event' : entry.mode === 'daily' && (run.lastEntryDay ?? -1) < today;
    if (!due && run.enrolledAt !== null) return 0;
    return this.db.transaction(() => {
      const r = due ? enrol(this.db, { runId: run.id, machine: run.machine, now }) : { treated: 0, control: 0 };
      // PostgreSQL plans from table statistics, which a first enrolment makes stale (an empty journeys
      // table planned as such turns every batch lookup into a full scan until autoanalyze comes by).
      if (r.treated + r.control > 0 && dialectOf(this.db) === 'postgres') this.db.exec('ANALYZE journeys, contact_counts');
      this.db.prepare('UPDATE runs SET enrolled_at = coalesce(enrolled_at, ?), last_entry_day = ? WHERE id = ?').run(now, today, run.id);
      run.enrolledAt ??= now;
      run.lastEntryDay = today;
      return r.treated + r.control;
    }).immediate();
  }

  /** Advance runs (of one clock kind, or all) to `now` without the outbox (synchronous). */
  tickSync(now: number, clock?: 'live' | 'virtual'): TickStats {
    const t0 = performance.now();
    const stats: TickStats = { runs: 0, events: 0, setBased: 0, perCustomer: 0, contacts: 0, enrolled: 0, ms: 0 };
    stats.events = applyDueEvents(this.db, now);
    for (const run of activeRuns(this.db, clock)) {
      stats.runs++;
      const level = this.stepRunLevel(run, now);
      if (!level.steppable) continue;
      stats.enrolled += level.enrolled;
      const p = this.stepPartition(run, now, null);
      stats.setBased += p.setBased;
      stats.perCustomer += p.perCustomer;
      stats.contacts += p.contacts;
      if (p.stopped) continue;
      // Not while its outbox holds contacts: their journeys wait for the delivery to start their timeout.
      if (run.machine.entry.entry.mode === 'once' && nextDue(this.db, run.id) === null && outboxPending(this.db, run.id, this.channelsFor(run)) === 0
        && provisionPending(this.db, run.id) === 0) {
        completeRun(this.db, run.id, now);
      }
    }
    stats.ms = Math.round(performance.now() - t0);
    return stats;
  }

  /** The run-wide part of stepping a run to `now`: the period's end, enrolment. Not steppable before the period or after its end. */
  stepRunLevel(run: Run, now: number): { steppable: boolean; enrolled: number } {
    if (now >= run.periodEnd) {
      abandonOutbox(this.db, run, this.channelsFor(run), now);
      stopRun(this.db, run.id, now, 'period_ended', 'completed');
      return { steppable: false, enrolled: 0 };
    }
    if (now < run.periodStart) return { steppable: false, enrolled: 0 };
    return { steppable: true, enrolled: this.enrolRun(run, now) };
  }

  /**
   * Step the journeys of a run — all, or one partition's customers (engine workers) — to `now`: that
   * partition's due events, set-based moves, the per-customer pass, set-based moves again. `between`
   * runs between phases (workers renew their lease there). A budget stop stops the whole run.
   */
  stepPartition(run: Run, now: number, partition: Partition | null, between?: () => void): { setBased: number; perCustomer: number; contacts: number; stopped: boolean } {
    if (now < run.periodStart || now >= run.periodEnd) return { setBased: 0, perCustomer: 0, contacts: 0, stopped: false };
    if (partition) {
      applyDueEvents(this.db, now, { run, partition });
      between?.();
    }
    refreshTableStats(this.db);
    const { adapters, defaultAdapter } = this.channelsFor(run);
    const stepper = new RunStepper(this.db, run, now, {
      policy: this.policy, adapters, defaultAdapter, batchSize: this.opts.batchSize ?? 5000, traces: this.opts.traces ?? 'all',
      setBasedSends: this.opts.setBasedSends ?? true, ...(partition ? { partition } : {}),
      ...(this.provisioningFor(run)),
    });
    let setBased = stepper.setBased();
    between?.();
    const pc = stepper.perCustomer();
    between?.();
    if (pc.stop) {
      abandonOutbox(this.db, run, this.channelsFor(run), now);
      stopRun(this.db, run.id, now, pc.stop, 'completed');
      this.opts.log?.info({ run: run.id, reason: pc.stop }, 'run stopped sending');
      return { setBased, perCustomer: pc.stepped, contacts: pc.contacts + stepper.setBasedContacts, stopped: true };
    }
    setBased += stepper.setBased();
    holdForDelivery(this.db, run, { adapters, defaultAdapter }, now, partition?.part ?? null);
    return { setBased, perCustomer: pc.stepped, contacts: pc.contacts + stepper.setBasedContacts, stopped: false };
  }

  /**
   * Step, then one delivery pass over each run's outbox, awaited: for tests and tools that want a
   * tick's contacts posted before they look. The live loop does not do this (see `startLoop`).
   */
  async tick(now: number, clock?: 'live' | 'virtual'): Promise<TickStats> {
    const stats = this.tickSync(now, clock);
    for (const run of activeRuns(this.db, clock)) await this.deliverOutbox(run, now);
    if (clock !== 'virtual') await this.provisionCalls.pass(now);
    return stats;
  }

  /** Live runs' provision states go where admins bound their service (HTTP: queued calls); virtual runs never leave Linkage. */
  private provisioningFor(run: Run): { provisioning?: ProvisioningService } {
    if (this.opts.provisioning) return { provisioning: this.opts.provisioning(run) };
    return run.clock === 'live' ? { provisioning: boundProvisioning(this.db, simulatedProvisioning({ seed: run.seed })) } : {};
  }

  /** One delivery pass over a run's outbox (webhooks); how many contacts were posted. */
  deliverOutbox(run: Run, now: number): Promise<number> {
    return this.delivery.deliverRun(run, now);
  }

  /**
   * The live loop: step live runs every `ms` on the wall clock (ticks never overlap), with outbox
   * delivery beside it: a receiver that is slow or down delays its own contacts, never a tick.
   */
  startLoop(ms: number): void {
    if (ms <= 0 || this.timer) return;
    this.delivery.start();
    const loop = async () => {
      try {
        this.running = Promise.resolve(this.tickSync(Date.now(), 'live'));
        await this.running;
      } catch (err) {
        this.opts.log?.error({ err }, 'engine tick failed');
      } finally {
        this.running = null;
        if (this.timer) this.timer = setTimeout(() => void loop(), ms);
      }
    };
    this.timer = setTimeout(() => void loop(), ms);
  }

  async stopLoop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await Promise.all([this.running, this.delivery.stop()]);
  }

  startRun(input: StartRunInput): number {
    return startRun(this.db, input);
  }
  pauseRun(runId: number): boolean {
    return pauseRun(this.db, runId);
  }
  resumeRun(runId: number): boolean {
    return resumeRun(this.db, runId);
  }
  /** Stop a run: status `stopped` (the default) or `completed`, with the reason recorded as its stop_reason. */
  stopRun(runId: number, now = Date.now(), reason = 'stopped', status: 'stopped' | 'completed' = 'stopped'): boolean {
    // Contacts still in its outbox will not go out now: counted as undelivered, not left queued.
    const run = getRun(this.db, runId);
    if (run && (run.status === 'running' || run.status === 'paused')) abandonOutbox(this.db, run, this.channelsFor(run), now);
    return stopRun(this.db, runId, now, reason, status);
  }

  /** Ingest events; an agent's `accepted` disposition sent as an event converts only with an explicit `secondConfirmed: true`. */
  ingest(events: unknown[], now = Date.now()): EventResult[] {
    return ingestEvents(this.db, events, now, { disposition: (e, at) => (e.queueId && e.disposition
      ? disposeItem(this.db, { queueId: e.queueId, disposition: e.disposition, ...(e.callbackAt ? { callbackAt: e.callbackAt } : {}), secondConfirmed: e.secondConfirmed === true }, at)
      : { status: 'invalid', reason: 'disposition needs queueId and disposition' }), ...(this.opts.optOutKeywords ? { optOutKeywords: this.opts.optOutKeywords } : {}) });
  }
}

/** Earliest due time of an open journey of the run (null: nothing scheduled). */
export function nextDue(db: Db, runId: number): number | null {
  // Skip-scan of the (run_id, state, due_at) index: one seek per distinct state, one for its earliest due time.
  return (db.prepare(`WITH RECURSIVE st(s) AS (
      SELECT (SELECT min(state) FROM journeys WHERE run_id = @run)
      UNION ALL SELECT (SELECT min(state) FROM journeys WHERE run_id = @run AND state > st.s) FROM st WHERE st.s IS NOT NULL)
    SELECT min((SELECT min(due_at) FROM journeys WHERE run_id = @run AND state = st.s AND due_at IS NOT NULL)) FROM st WHERE st.s IS NOT NULL`)
    .pluck().get({ run: runId }) as number | null) ?? null;
}
