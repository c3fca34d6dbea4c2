import { afterEach, expect, it } from 'vitest';
import { DAY, HOUR } from '../../../server/engine/core/clock.js';
import { runMetrics } from '../../../server/engine/store/metrics.js';
import { startRun } from '../../../server/engine/store/runs.js';
import { newEngine, openFixture, periodStart, quiet, type Fixture } from './support/fixture.js';
import { oneSmsTouch } from './support/machines.js';

/** Why a running run shows no contacts at night: the dashboard counts the journeys held for contact hours. */
const m = oneSmsTouch();
let fx: Fixture | null = null;
afterEach(() => { fx?.close(); fx = null; });

it('counts the journeys a send holds until its contact hours, and when the first goes out', () => {
  fx = openFixture(300);
  const engine = newEngine(fx.db, { channels: () => ({ adapters: {}, defaultAdapter: quiet }) });
  const runId = startRun(fx.db, { flowId: m.flowId, version: 1, machine: m, clock: 'virtual' });
  // 22:00 in Beijing: the SMS hall sends from 08:00 to 21:00.
  const night = periodStart(m) + 22 * HOUR;
  engine.tickSync(night);
  const held = fx.db.prepare(`SELECT count(*) FROM traces WHERE run_id = ? AND code = 'deferred'`).pluck().get(runId) as number;
  expect(held).toBeGreaterThan(100);
  const sent = () => fx!.db.prepare(`SELECT count(*) FROM contacts WHERE run_id = ? AND status IN ('sent', 'queued')`).pluck().get(runId) as number;
  expect(sent()).toBe(0);
  expect(runMetrics(fx.db, runId).deferred).toEqual({ customers: held, nextAt: periodStart(m) + DAY + 8 * HOUR });
  // At 08:00 they go out, and nothing is held any more.
  engine.tickSync(periodStart(m) + DAY + 8 * HOUR);
  expect(sent()).toBeGreaterThan(100);
  expect(runMetrics(fx.db, runId).deferred).toEqual({ customers: 0, nextAt: null });
});
