import { afterEach, describe, expect, it } from 'vitest';
import type { Machine, MachineState, ProvisionState } from '../../../shared/machine/types.js';
import { DAY, HOUR } from '../../../server/engine/core/clock.js';
import { simulatedProvisioning } from '../../../server/engine/core/provision.js';
import { runMetrics } from '../../../server/engine/store/metrics.js';
import { getRun, startRun } from '../../../server/engine/store/runs.js';
import { simulate } from '../../../server/engine/simulation/simulate.js';
import { assertConservation, drive, newEngine, openFixture, periodStart, quiet, type Fixture } from './support/fixture.js';
import { end, machine, touch } from './support/machines.js';

let fx: Fixture | null = null;
afterEach(() => {
  fx?.close();
  fx = null;
});

const quietChannels = () => ({ adapters: {}, defaultAdapter: quiet });

/** A trial pack (¥2, 3 days, leads to dp_10g), then a sales SMS 24 h before it expires; failed / already held end at once. */
const grant = (over: Partial<ProvisionState> = {}): ProvisionState => ({
  id: 'b', node: 'b', kind: 'provision', service: 'benefit', cost: 2,
  request: { benefit: 'TRIAL-5G-3D', kind: 'trial_data', product: 'dp_10g', expiryDays: 3 },
  on: { granted: 'b.expiring', failed: 'b.failed', already_held: 'b.already_held' },
  ...over,
});

function trialFlow(over: Partial<Machine> = {}, state: Partial<ProvisionState> = {}): Machine {
  const states: MachineState[] = [
    grant(state),
    { id: 'b.expiring', node: 'b', kind: 'timer', wake: { mode: 'duration', hours: 48 }, next: 'call.send' },
    end('b.failed', 'failed'), end('b.already_held', 'already_held'),
    ...touch('call', 'sms_hall', 'sales', { responded: 'done', noResponse: 'done', converted: 'won', unreachable: 'lost' }, 24),
    end('done'), end('won', 'converted'), end('lost', 'unreachable'),
  ];
  return machine(states, { flowId: 'trial-flow', ...over });
}

const count = (fx: Fixture, sql: string, ...args: unknown[]): number => fx.db.prepare(sql).pluck().get(...args) as number;

describe('provision state: an operator service call per customer, branching on its answer', () => {
  it('grants, fails or finds the benefit already held; logs every call; the cost is the run\'s spend; the expiry wait leads to the sales touch', () => {
    fx = openFixture(1500);
    const m = trialFlow();
    const engine = newEngine(fx.db, { channels: quietChannels });
    const runId = startRun(fx.db, { flowId: m.flowId, version: 1, machine: m, clock: 'virtual', seed: 5 });
    const t0 = periodStart(m) + 10 * HOUR;
    drive(engine, runId, t0, t0 + 10 * DAY, () => assertConservation(fx!.db, runId, m));

    const enrolled = count(fx, 'SELECT count(*) FROM journeys WHERE run_id = ?', runId);
    expect(enrolled).toBe(1500);
    // one call per customer, each answered one way
    expect(count(fx, 'SELECT count(*) FROM grants WHERE run_id = ?', runId)).toBe(enrolled);
    const holders = count(fx, `SELECT count(*) FROM subscriber_products WHERE product_id = 'dp_10g'`);
    expect(holders).toBeGreaterThan(0);
    // already held = exactly the customers holding the product the benefit leads to
    expect(count(fx, `SELECT count(*) FROM grants g JOIN subscriber_products p ON p.subscriber_id = g.customer_id AND p.product_id = 'dp_10g'
      WHERE g.run_id = ? AND g.result = 'already_held'`, runId)).toBe(holders);
    expect(count(fx, `SELECT count(*) FROM grants WHERE run_id = ? AND result = 'already_held'`, runId)).toBe(holders);
    const failed = count(fx, `SELECT count(*) FROM grants WHERE run_id = ? AND result = 'failed'`, runId);
    expect(failed).toBeGreaterThan(10); // ~3 % of 1,500
    expect(failed).toBeLessThan(100);
    const granted = enrolled - holders - failed;
    // a grant lasts 3 days from when it was made, and costs ¥2; the others cost nothing and never expire
    expect(count(fx, `SELECT count(*) FROM grants WHERE run_id = ? AND result = 'granted' AND expires_at = created_at + ${3 * DAY} AND cost = 2`, runId)).toBe(granted);
    expect(count(fx, `SELECT count(*) FROM grants WHERE run_id = ? AND result <> 'granted' AND expires_at IS NULL AND cost = 0`, runId)).toBe(enrolled - granted);
    // every journey left the way its answer said
    const outcomes = runMetrics(fx.db, runId).outcomes;
    expect(outcomes['already_held']).toBe(holders);
    expect(outcomes['failed']).toBe(failed);
    // the granted ones waited for the expiry lead (48 h) and then got the sales SMS, within the contact hours
    expect(count(fx, `SELECT count(*) FROM contacts WHERE run_id = ? AND state = 'call.send'`, runId)).toBe(granted);
    expect(count(fx, `SELECT count(*) FROM contacts c JOIN grants g ON g.run_id = c.run_id AND g.customer_id = c.customer_id
      WHERE c.run_id = ? AND c.created_at < g.created_at + 48 * ${HOUR}`, runId)).toBe(0);

    const metrics = runMetrics(fx.db, runId);
    expect(metrics.grants).toEqual({ granted, failed, alreadyHeld: holders, cost: granted * 2, byNode: { b: { granted, failed, alreadyHeld: holders, cost: granted * 2 } } });
    const contactCost = count(fx, 'SELECT coalesce(sum(cost), 0) FROM contacts WHERE run_id = ?', runId);
    expect(getRun(fx.db, runId)!.spent).toBeCloseTo(granted * 2 + contactCost, 6);
    expect(metrics.cost).toBeCloseTo(granted * 2 + contactCost, 2);
    expect(metrics.nodes['b']!.entered).toBe(enrolled);
  });

  it('a benefit granted and not expired is already held in a later run; once expired it can be granted again', () => {
    fx = openFixture(400);
    const engine = newEngine(fx.db, { channels: quietChannels, provisioning: (run) => simulatedProvisioning({ seed: run.seed, failureRate: 0 }) });
    const first = trialFlow({ flowId: 'first' });
    const r1 = startRun(fx.db, { flowId: 'first', version: 1, machine: first, clock: 'virtual' });
    const t0 = periodStart(first) + 10 * HOUR;
    engine.tickSync(t0);
    const granted1 = count(fx, `SELECT count(*) FROM grants WHERE run_id = ? AND result = 'granted'`, r1);
    expect(granted1).toBeGreaterThan(300);
    expect(count(fx, `SELECT count(*) FROM grants WHERE run_id = ? AND result = 'failed'`, r1)).toBe(0);

    const again = trialFlow({ flowId: 'again' });
    const r2 = startRun(fx.db, { flowId: 'again', version: 1, machine: again, clock: 'virtual' });
    engine.tickSync(t0 + DAY);
    expect(count(fx, `SELECT count(*) FROM grants WHERE run_id = ? AND result = 'granted'`, r2)).toBe(0);
    expect(count(fx, `SELECT count(*) FROM grants WHERE run_id = ? AND result = 'already_held' AND reason = 'benefit TRIAL-5G-3D'`, r2)).toBe(granted1);

    const later = trialFlow({ flowId: 'later' });
    const r3 = startRun(fx.db, { flowId: 'later', version: 1, machine: later, clock: 'virtual' });
    engine.tickSync(t0 + 4 * DAY); // the first run's grants expired a day ago
    expect(count(fx, `SELECT count(*) FROM grants WHERE run_id = ? AND result = 'granted'`, r3)).toBe(granted1);
  });

  it('stops the run when the next grant would pass the budget: the grants made stay within it', () => {
    fx = openFixture(1000);
    const m = trialFlow({ goal: { reach: 0, responses: 0, conversions: 0, revenue: 0, budget: 101, evaluationDays: 0 } });
    const engine = newEngine(fx.db, { channels: quietChannels, batchSize: 64 });
    const runId = startRun(fx.db, { flowId: m.flowId, version: 1, machine: m, clock: 'virtual' });
    engine.tickSync(periodStart(m) + 10 * HOUR);
    const run = getRun(fx.db, runId)!;
    expect(run.stopReason).toBe('budget_exhausted');
    expect(count(fx, `SELECT count(*) FROM grants WHERE run_id = ? AND result = 'granted'`, runId)).toBe(50);
    expect(run.spent).toBe(100);
    expect(count(fx, `SELECT count(*) FROM journeys WHERE run_id = ? AND outcome = 'budget_exhausted'`, runId)).toBeGreaterThan(800);
  });

  it('answers do not depend on batch size or the order customers are stepped in', () => {
    // the same run (id, seed) on two fresh stores, stepped in batches of 37 and of 5,000
    const answers = (batchSize: number): string[] => {
      const f = openFixture(800);
      try {
        const m = trialFlow();
        const runId = startRun(f.db, { flowId: m.flowId, version: 1, machine: m, clock: 'virtual', seed: 9 });
        newEngine(f.db, { channels: quietChannels, batchSize }).tickSync(periodStart(m) + 10 * HOUR);
        return f.db.prepare(`SELECT customer_id || ':' || result FROM grants WHERE run_id = ? ORDER BY customer_id`).pluck().all(runId) as string[];
      } finally {
        f.close();
      }
    };
    const small = answers(37);
    expect(small).toHaveLength(800);
    expect(small.filter((a) => a.endsWith(':failed')).length).toBeGreaterThan(5);
    expect(answers(5000)).toEqual(small);
  });
});

describe('simulation output', () => {
  it('counts grants per node and puts their cost into the flow\'s cost', async () => {
    const m = trialFlow();
    const s = await simulate(m, { customers: 600, seed: 3, days: 10 });
    expect(s.grants.granted + s.grants.failed + s.grants.alreadyHeld).toBe(s.enrolled - s.control);
    expect(s.grants.granted).toBeGreaterThan(400);
    expect(s.grants.byNode['b']!.cost).toBe(s.grants.granted * 2);
    const contactCost = Object.values(s.channels).reduce((a, c) => a + c.cost, 0);
    expect(s.cost).toBeCloseTo(s.grants.cost + contactCost, 2);
    expect(s.daily.reduce((a, d) => a + d.cost, 0)).toBeCloseTo(s.cost, 2);
  });
});
