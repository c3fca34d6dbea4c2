import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Machine } from '../../../shared/machine/types.js';
import { openDb, type Db } from '../../../server/db/open.js';
import type { ChannelAdapter } from '../../../server/engine/channels/adapter.js';
import { HOUR } from '../../../server/engine/core/clock.js';
import { DEFAULT_POLICY } from '../../../server/engine/core/policy.js';
import { Engine } from '../../../server/engine/runtime/engine.js';
import { ingestEvents } from '../../../server/engine/runtime/events.js';
import { RunStepper } from '../../../server/engine/runtime/stepper.js';
import { getRun, startRun } from '../../../server/engine/store/runs.js';
import { testBackend } from '../../support/test-store.js';
import { openFixture, periodStart, quiet, type Fixture } from './support/fixture.js';
import { interleaved } from './support/interleave.js';
import { end, machine, oneSmsTouch } from './support/machines.js';

/**
 * The engine's read-then-write transactions on SQLite, with another connection writing the same file
 * (an import from the CLI, a second process) between a transaction's reads and its first write. A
 * deferred transaction lets that writer commit, then fails its own first write (SQLITE_BUSY_SNAPSHOT);
 * an immediate one holds the write lock from BEGIN, so the other writer waits and the engine's work
 * goes through. The other writer here does not wait (busy timeout 0): it is refused while the engine
 * holds the lock, and writes once the step is done.
 */
describe.runIf(testBackend() === 'sqlite')('SQLite: another writer between the engine’s reads and its writes', () => {
  let fx: Fixture;
  let other: Database.Database;
  beforeEach(() => {
    fx = openFixture(120, 4);
    other = new Database(fx.path, { timeout: 0 });
  });
  afterEach(() => {
    other.close();
    fx.close();
  });

  /** An import touching a customer: refused while the engine holds the writer, written afterwards. */
  const importer = () => {
    const log: string[] = [];
    const write = () => other.prepare('UPDATE subscribers SET data_used_mb = data_used_mb + 1 WHERE id = 1').run();
    return {
      log,
      during: () => {
        try {
          write();
          log.push('committed');
        } catch (err) {
          if ((err as { code?: string }).code !== 'SQLITE_BUSY') throw err;
          log.push('waited');
        }
      },
      after: () => {
        write();
        log.push('committed');
      },
    };
  };
  const used = () => fx.db.prepare('SELECT data_used_mb FROM subscribers WHERE id = 1').pluck().get() as number;

  const begin = (m: Machine, flowId: string) => {
    const id = startRun(fx.db, { flowId, version: 1, machine: { ...m, flowId }, clock: 'virtual' });
    return { id, now: periodStart(m) + 10 * HOUR };
  };
  const enrolled = (db: Db, id: number, now: number) => new Engine(db).stepRunLevel(getRun(db, id)!, now).enrolled;
  const count = (sql: string, ...a: unknown[]) => Number(fx.db.prepare(sql).pluck().get(...a));

  it('enrolment counts who enters, then inserts them: the import waits for it', () => {
    const { id, now } = begin(oneSmsTouch(), 'imm-enrol');
    const v = interleaved(fx.db);
    const imp = importer();
    const before = used();
    v.arm(imp.during);
    expect(enrolled(v.db, id, now)).toBe(120);
    imp.after();
    expect(imp.log).toEqual(['waited', 'committed']);
    expect(used()).toBe(before + 1);
    expect(count('SELECT count(*) FROM journeys WHERE run_id = ?', id)).toBe(120);
  });

  it('the set-based pass reads who is due, then sends to them: the import waits for it', () => {
    const { id, now } = begin(oneSmsTouch(), 'imm-set');
    enrolled(fx.db, id, now);
    const outbox: ChannelAdapter = { name: 'outbox', mode: 'outbox', deliver: async (b) => b.map(() => ({ status: 'retry' as const, reason: 'test' })) };
    const v = interleaved(fx.db);
    const imp = importer();
    const stepper = new RunStepper(v.db, getRun(fx.db, id)!, now, { policy: DEFAULT_POLICY, adapters: {}, defaultAdapter: outbox, batchSize: 50, traces: 'all', setBasedSends: true });
    v.arm(imp.during);
    expect(stepper.setBased()).toBeGreaterThan(0);
    imp.after();
    expect(imp.log).toEqual(['waited', 'committed']);
    expect(stepper.setBasedContacts).toBeGreaterThan(100);
    expect(count(`SELECT count(*) FROM contacts WHERE run_id = ? AND status = 'queued'`, id)).toBe(stepper.setBasedContacts);
  });

  it('a per-customer batch reads counts and holdings, then writes its decisions: the import waits for it; then an ingest the same', () => {
    const { id, now } = begin(oneSmsTouch(), 'imm-batch');
    enrolled(fx.db, id, now);
    const v = interleaved(fx.db);
    const imp = importer();
    const stepper = new RunStepper(v.db, getRun(fx.db, id)!, now, { policy: DEFAULT_POLICY, adapters: {}, defaultAdapter: quiet, batchSize: 50, traces: 'all', setBasedSends: false });
    v.arm(imp.during);
    const r = stepper.perCustomer();
    expect(r).toMatchObject({ stepped: 120, stop: null });
    imp.after();
    expect(imp.log).toEqual(['waited', 'committed']);
    expect(count(`SELECT count(*) FROM journeys WHERE run_id = ? AND state = 't.await'`, id)).toBe(r.contacts);

    // The ingest reads the journeys its events apply to, then writes them.
    const customer = count(`SELECT min(customer_id) FROM journeys WHERE run_id = ? AND state = 't.await'`, id);
    const imp2 = importer();
    v.arm(imp2.during);
    expect(ingestEvents(v.db, [{ id: 'imm-1', type: 'response', customerId: customer, runId: id }], now + HOUR)).toMatchObject([{ status: 'applied' }]);
    imp2.after();
    expect(imp2.log).toEqual(['waited', 'committed']);
    expect(fx.db.prepare('SELECT state FROM journeys WHERE run_id = ? AND customer_id = ?').pluck().get(id, customer)).toBe('resp');
  });

  it('two engines granting one benefit: the one stepping during the other’s batch waits, and then finds the benefit held (one grant each)', () => {
    const grant = (flowId: string) => machine([
      { id: 'b', node: 'b', kind: 'provision', service: 'benefit', cost: 1, request: { benefit: 'TRIAL-IMM', kind: 'trial_data', expiryDays: 3 }, on: { granted: 'b.granted', failed: 'b.failed', already_held: 'b.held' } },
      end('b.granted', 'granted'), end('b.failed', 'failed'), end('b.held', 'already_held'),
    ], { flowId });
    const a = begin(grant('imm-a'), 'imm-a');
    const b = begin(grant('imm-b'), 'imm-b');
    enrolled(fx.db, a.id, a.now);
    enrolled(fx.db, b.id, b.now);
    // The second engine is another connection to the file, as another process would be.
    const second = openDb(fx.path);
    try {
      second.pragma('busy_timeout = 0');
      const log: string[] = [];
      const stepB = () => new Engine(second).stepPartition(getRun(second, b.id)!, b.now, null);
      const v = interleaved(fx.db);
      v.arm(() => {
        try {
          stepB();
          log.push('b stepped');
        } catch (err) {
          if ((err as { code?: string }).code !== 'SQLITE_BUSY') throw err;
          log.push('b waited');
        }
      });
      expect(new Engine(v.db).stepPartition(getRun(fx.db, a.id)!, a.now, null)).toMatchObject({ perCustomer: 120, stopped: false });
      stepB();
      expect(log).toEqual(['b waited']);
    } finally {
      second.close();
    }
    const granted = count(`SELECT count(*) FROM grants WHERE run_id = ? AND result = 'granted'`, a.id);
    expect(granted).toBeGreaterThan(100);
    expect(count(`SELECT count(*) FROM (SELECT customer_id FROM grants WHERE result = 'granted' GROUP BY customer_id HAVING count(*) > 1) x`)).toBe(0);
    // every customer run a was granted holds it in run b; b grants only where a's call failed
    expect(count(`SELECT count(*) FROM grants WHERE run_id = ? AND result = 'already_held' AND reason = 'benefit TRIAL-IMM'`, b.id)).toBe(granted);
  });
});
