import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildFlow, flowPlanArb } from '../../../shared/flow/testing/arbitrary-flow.js';
import { compileFlow } from '../../../shared/machine/compile.js';
import { AWAIT_EVENTS, type Machine } from '../../../shared/machine/types.js';
import { HOUR } from '../../../server/engine/core/clock.js';
import { Engine } from '../../../server/engine/runtime/engine.js';
import { FLAG } from '../../../server/engine/core/journey.js';
import { startRun } from '../../../server/engine/store/runs.js';
import { simulate } from '../../../server/engine/simulation/simulate.js';
import { appliedUnconfirmedOrders, unconfirmedConversions } from './support/confirmation.js';
import { openFixture, periodStart, quiet } from './support/fixture.js';
import { testBackend } from '../../support/test-store.js';

/** A random flow that compiles (no noise: the property is about running flows, not about broken ones). */
const machineArb = flowPlanArb.map((p) => compileFlow(buildFlow({ ...p, noise: 0 }))).filter((r) => r.ok).map((r) => (r as { machine: Machine }).machine);

const eventArb = fc.record({
  type: fc.constantFrom(...AWAIT_EVENTS),
  /** Index into the run's customers. */
  who: fc.nat({ max: 10_000 }),
  secondConfirmed: fc.constantFrom(true, false, undefined),
});

// Each run seeds its own store; on PostgreSQL (a fresh database per run) fewer runs keep the suite to a couple of minutes.
const PG = testBackend() === 'postgres';
const RUNS = PG ? 4 : 8;

describe('no conversion without a second confirmation (property)', () => {
  it('in the simulator, over random flows and seeds', async () => {
    await fc.assert(fc.asyncProperty(machineArb, fc.integer({ min: 1, max: 10_000 }), async (m, seed) => {
      // Enough customers that unconfirmed orders on publicity touches (a few % respond, 10% of those order, 15% unconfirmed) occur.
      const fx = openFixture(2500, seed);
      try {
        // The simulated world draws orders on every kind of touch, about 15% of them unconfirmed.
        const s = await simulate(m, { customers: 2500, seed, days: 10, db: fx.db });
        expect(appliedUnconfirmedOrders(fx.db)).toBe(0);
        expect(unconfirmedConversions(fx.db)).toBe(0);
        const confirmed = fx.db.prepare(`SELECT count(DISTINCT customer_id) FROM events WHERE type = 'order' AND status = 'applied'`).pluck().get() as number;
        expect(s.conversions).toBeLessThanOrEqual(confirmed);
      } finally {
        fx.close();
      }
    }), { numRuns: PG ? 3 : 6, seed: 1616 });
  }, 600_000);

  it('live ingest, over random flows, events and confirmation flags', async () => {
    await fc.assert(fc.asyncProperty(machineArb, fc.array(fc.array(eventArb, { minLength: 1, maxLength: 40 }), { minLength: 1, maxLength: 4 }), async (m, rounds) => {
      const fx = openFixture(300);
      try {
        // A channel that answers nothing: every order comes from the random events.
        const engine = new Engine(fx.db, { channels: () => ({ adapters: {}, defaultAdapter: quiet }) });
        const runId = startRun(fx.db, { flowId: m.flowId, version: 1, machine: m, clock: 'virtual' });
        let now = periodStart(m) + 9 * HOUR;
        engine.tickSync(now);
        const customers = fx.db.prepare('SELECT customer_id FROM journeys WHERE run_id = ? ORDER BY customer_id').pluck().all(runId) as number[];
        let n = 0;
        for (const round of rounds) {
          now += 2 * HOUR;
          const events = round.map((e) => ({
            id: `p-${n++}`, type: e.type, customerId: customers.length ? customers[e.who % customers.length]! : 1,
            ...(e.secondConfirmed === undefined ? {} : { secondConfirmed: e.secondConfirmed }),
          }));
          const res = engine.ingest(events, now);
          res.forEach((r, i) => {
            if (events[i]!.type === 'order' && r.status === 'applied') expect(events[i]!.secondConfirmed).toBe(true);
          });
          engine.tickSync(now);
        }
        expect(appliedUnconfirmedOrders(fx.db)).toBe(0);
        expect(unconfirmedConversions(fx.db)).toBe(0);
        const converted = fx.db.prepare(`SELECT count(*) FROM journeys WHERE run_id = ? AND (flags & ${FLAG.converted}) <> 0`).pluck().get(runId) as number;
        const confirmedCustomers = new Set(rounds.flat().filter((e) => e.type === 'order' && e.secondConfirmed === true).map((e) => customers[e.who % Math.max(1, customers.length)]));
        expect(converted).toBeLessThanOrEqual(confirmedCustomers.size);
      } finally {
        fx.close();
      }
    }), { numRuns: RUNS, seed: 1617 });
  }, 600_000);
});
