import { hostname } from 'node:os';
import type { Db } from '../../db/open.js';
import type { Logger } from '../../logger.js';
import { Engine, type EngineOptions } from '../runtime/engine.js';
import { applyDueEvents } from '../runtime/events.js';
import { completeRun, getRun } from '../store/runs.js';
import { nextVirtualTime } from '../simulation/virtual-clock.js';
import { abandonPartition, claimPartition, ensurePartitions, partitionsBehind, releasePartition, renewLease, RUN_LEVEL, type Claim } from './leases.js';

export interface WorkerOptions extends EngineOptions {
  /** Unique per process; defaults to host:pid. */
  id?: string;
  /** How long a claimed partition stays ours without renewal; a dead worker's partition is taken over after it. */
  leaseMs?: number;
  /** Live runs are stepped to the wall clock rounded down to this tick. */
  tickMs?: number;
  /**
   * Longest pause between passes when nothing was claimable. The pause starts at 2 ms and doubles up to
   * this: a worker waiting at an instant's barrier for another's partition polls soon after it ends.
   */
  idleMs?: number;
  log?: Logger;
}

export interface PassResult {
  claimed: Claim | null;
  /** The run's virtual clock moved on after this pass (the last partition of an instant finished). */
  advanced: boolean;
}

/**
 * An engine worker: claims one partition of a running run at a time (the run-level step of an instant
 * first, then its customer slices), steps it with the set-based engine, and releases it. Several
 * workers — processes on one machine or many, over one PostgreSQL database — share a run this way; a
 * killed worker's lease expires and another takes the partition over. Nothing is sent twice: the
 * contact log's key is unique and a batch whose journeys moved under it rolls back whole.
 */
export class EngineWorker {
  readonly id: string;
  readonly engine: Engine;
  private stopped = false;
  private readonly leaseMs: number;
  private readonly tickMs: number;
  private partitionsChecked = 0;

  constructor(readonly db: Db, private readonly o: WorkerOptions = {}) {
    this.id = o.id ?? `${hostname()}:${process.pid}`;
    this.engine = new Engine(db, o);
    this.leaseMs = o.leaseMs ?? 30_000;
    this.tickMs = o.tickMs ?? 2_000;
  }

  /**
   * Claim and step one partition, if any is due. Outbox (webhook) contacts are not delivered here: the
   * worker's delivery loop (`engine.delivery`, started by `loop()`) posts them beside the passes, so a
   * receiver that is down holds up no partition and no other run.
   */
  async pass(wallNow = Date.now()): Promise<PassResult> {
    // New runs get their partitions at most once a second (a round trip saved on every other pass).
    if (wallNow - this.partitionsChecked >= 1000) {
      ensurePartitions(this.db);
      this.partitionsChecked = wallNow;
    }
    const liveTick = Math.floor(wallNow / this.tickMs) * this.tickMs;
    const c = claimPartition(this.db, this.id, wallNow, liveTick, this.leaseMs);
    if (!c) return { claimed: null, advanced: false };
    const run = getRun(this.db, c.runId);
    if (!run || run.status !== 'running') {
      releasePartition(this.db, c, this.id);
      return { claimed: c, advanced: false };
    }
    // Renew once a third of the lease has gone by, not at every phase: each renewal is a round trip.
    let renewed = wallNow;
    const renew = () => {
      const t = Date.now();
      if (t - renewed < this.leaseMs / 3) return;
      if (!renewLease(this.db, c, this.id, t, this.leaseMs)) throw new LeaseLost(c);
      renewed = t;
    };
    const t0 = performance.now();
    try {
      if (c.part === RUN_LEVEL) {
        applyDueEvents(this.db, c.target, { orphans: true });
        this.engine.stepRunLevel(run, c.target);
      }
      else this.engine.stepPartition(run, c.target, { part: c.part, parts: c.parts }, renew);
    } catch (err) {
      try {
        if (!(err instanceof LeaseLost)) abandonPartition(this.db, c, this.id);
      } catch {
        // The store is unreachable: the lease then expires, and the step's own error is the one to report.
      }
      throw err;
    }
    if (!releasePartition(this.db, c, this.id)) throw new LeaseLost(c);
    this.o.log?.debug({ worker: this.id, run: c.runId, part: c.part, at: c.target, ms: Math.round(performance.now() - t0) }, 'partition stepped');
    return { claimed: c, advanced: run.clock === 'virtual' && this.advanceVirtualClock(c) };
  }

  /** Move a virtual run's clock on once every partition reached it; completes the run when nothing is left. */
  private advanceVirtualClock(c: Claim): boolean {
    if (partitionsBehind(this.db, c.runId, c.target) > 0) return false;
    const run = getRun(this.db, c.runId);
    if (!run || run.status !== 'running' || run.virtualNow !== c.target) return false;
    const next = nextVirtualTime(this.db, run, c.target);
    // Compare-and-set: of several workers finishing the instant together, one moves the clock.
    if (next === null) return completeRun(this.db, c.runId, c.target, c.target);
    return this.db.prepare('UPDATE runs SET virtual_now = ? WHERE id = ? AND virtual_now = ?').run(next, c.runId, c.target).changes > 0;
  }

  /** Pass after pass until stop(); idles briefly when nothing is claimable. Errors are logged, not fatal. */
  async loop(): Promise<void> {
    const idle = this.o.idleMs ?? 20;
    let pause = 1;
    this.engine.delivery.start();
    while (!this.stopped) {
      let worked = false;
      try {
        worked = (await this.pass()).claimed !== null;
      } catch (err) {
        this.o.log?.warn({ err, worker: this.id }, err instanceof LeaseLost ? 'partition lease lost; another worker took it over' : 'worker pass failed');
      }
      // Yield to the event loop (signals, logs) between partitions; sleep when idle.
      pause = worked ? 1 : Math.min(idle, pause * 2);
      await new Promise((r) => (worked ? setImmediate(r) : setTimeout(r, pause)));
    }
    await this.engine.delivery.stop();
  }

  stop(): void {
    this.stopped = true;
  }
}

export class LeaseLost extends Error {
  constructor(c: Claim) {
    super(`lease on run ${c.runId} partition ${c.part} was lost`);
    this.name = 'LeaseLost';
  }
}
