import type { Server } from 'node:http';
import { afterEach, expect, it } from 'vitest';
import type { Machine } from '../../../shared/machine/types.js';
import type { ChannelAdapter } from '../../../server/engine/channels/adapter.js';
import { HttpAdapter } from '../../../server/channels/bindings/http-adapter.js';
import { DAY } from '../../../server/engine/core/clock.js';
import { Engine, type EngineOptions } from '../../../server/engine/runtime/engine.js';
import { runMetrics } from '../../../server/engine/store/metrics.js';
import { DEFAULT_POLICY } from '../../../server/engine/core/policy.js';
import { getRun, startRun } from '../../../server/engine/store/runs.js';
import { signedReceiver } from '../channels/support/signed-http.js';
import { until } from '../../support/until.js';
import { openFixture, quiet, type Fixture } from './support/fixture.js';
import { end, machine, touch } from './support/machines.js';

/**
 * A webhook receiver that is down (issue #20 item 12), against a real HTTP server on loopback and the
 * engine's live loop on the wall clock. Before: delivery and its retries ran inside the tick, so a run
 * published during the outage waited for them to enrol, and the stuck run completed with its contacts
 * still queued. Now delivery runs beside the tick, behind a circuit breaker.
 */
let fx: Fixture | null = null;
let engine: Engine | null = null;
let server: Server | null = null;
afterEach(async () => {
  await engine?.stopLoop();
  engine = null;
  fx?.close();
  fx = null;
  if (server) await new Promise((r) => server!.close(r));
  server = null;
});

const DEADLINE_MS = 60_000;
const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';

/**
 * The receiver, on loopback (the channel bindings' peer: it verifies each request's Standard Webhooks
 * signature, a bad one is a 401): while `down`, a slow 503 (a struggling provider); otherwise 200,
 * logging every accepted key. Its server is closed after the test.
 */
async function receiver() {
  const r = await signedReceiver(SECRET, { down: true, refused: 0, accepted: [] as string[] }, ({ key }: { key: string }, p) => {
    if (p.down) {
      p.refused++;
      return { status: 503, delayMs: 300 };
    }
    p.accepted.push(key);
    return { status: 200, body: { id: `prov-${key}` } };
  }, '/send');
  server = r.server;
  return r;
}

/** A live flow over this week (Beijing dates) with one touch on `channel` and a ~1 s response timeout. */
function liveFlow(flowId: string, channel: 'sms_hall' | 'app'): Machine {
  const day = (d: number) => new Date(Date.now() + 8 * 3600_000 + d * DAY).toISOString().slice(0, 10);
  return machine([...touch('t', channel, 'publicity', { responded: 'resp', noResponse: 'none', converted: 'won', unreachable: 'lost' }, 0.0003), end('resp'), end('none'), end('won'), end('lost')],
    { flowId, period: { start: day(-1), end: day(7) } });
}
const policy = { ...DEFAULT_POLICY, dailyCap: 10, weeklyCap: 20, channels: { sms_hall: { contactHours: [0, 24] as const }, app: { contactHours: [0, 24] as const } } };
const count = (sql: string, ...args: unknown[]) => fx!.db.prepare(sql).pluck().get(...args) as number;

it('keeps ticking through a receiver outage, holds the stuck run open, and delivers every contact exactly once after', async () => {
  const rc = await receiver();
  fx = openFixture(300);
  const hook = new HttpAdapter(fx.db, { channel: 'sms_hall', version: 1, url: rc.url, secret: SECRET, timeoutMs: 3000, maxAttempts: 1000, concurrency: 8 });
  const stuck = liveFlow('stuck-flow', 'sms_hall');
  const other = liveFlow('other-flow', 'app');
  const channels: EngineOptions['channels'] = (run) => (run.flowId === stuck.flowId
    ? { adapters: { sms_hall: hook }, defaultAdapter: quiet }
    : { adapters: {}, defaultAdapter: quiet as ChannelAdapter });
  let ticks = 0;
  engine = new (class extends Engine {
    override tickSync(...a: Parameters<Engine['tickSync']>) {
      ticks++;
      return super.tickSync(...a);
    }
  })(fx.db, { policy, channels, delivery: { idleMs: 20, retryBaseMs: 50, retryMaxMs: 400, breakers: { failures: 5, coolDownMs: 500 } } });
  const a = startRun(fx.db, { flowId: stuck.flowId, version: 1, machine: stuck, clock: 'live' });
  engine.startLoop(100);
  const queued = await until('the stuck run to queue its contacts', () => count(`SELECT count(*) FROM contacts WHERE run_id = ? AND status = 'queued'`, a) || undefined, DEADLINE_MS);
  expect(queued).toBeGreaterThan(200);
  await until('the receiver to refuse', () => rc.refused >= 5, DEADLINE_MS);

  // Published during the outage: enrols, steps and completes while the receiver is still down.
  const ticksBefore = ticks;
  const t0 = performance.now();
  const b = startRun(fx.db, { flowId: other.flowId, version: 1, machine: other, clock: 'live' });
  await until('the other run to complete', () => getRun(fx!.db, b)?.status === 'completed', DEADLINE_MS);
  expect(rc.down).toBe(true);
  expect(count(`SELECT count(*) FROM journeys WHERE run_id = ?`, b)).toBeGreaterThan(200);
  expect(count(`SELECT count(*) FROM contacts WHERE run_id = ? AND status = 'sent'`, b)).toBeGreaterThan(200);
  // Its await needs ~1 s of wall time, so several ticks; and they kept (a generous quarter of) their 100 ms cadence.
  expect(ticks - ticksBefore).toBeGreaterThanOrEqual(Math.max(3, Math.floor((performance.now() - t0) / 400)));

  // The stuck run stays open while its outbox holds contacts, its journeys held at the await.
  await until('another cool-down or two of the outage', () => ticks - ticksBefore >= 30, DEADLINE_MS);
  expect(getRun(fx.db, a)?.status).toBe('running');
  expect(count(`SELECT count(*) FROM contacts WHERE run_id = ? AND status = 'queued'`, a)).toBe(queued);
  expect(count(`SELECT count(*) FROM journeys WHERE run_id = ? AND due_at IS NULL AND ended_at IS NULL`, a)).toBe(queued);
  // The breaker kept the dead receiver from being hit once per contact.
  expect(rc.refused).toBeLessThan(queued / 2);

  rc.down = false;
  await until('the stuck run to complete', () => getRun(fx!.db, a)?.status === 'completed', DEADLINE_MS);
  expect(count(`SELECT count(*) FROM contacts WHERE run_id = ? AND status = 'queued'`, a)).toBe(0);
  expect(count(`SELECT count(*) FROM contacts WHERE run_id = ? AND status = 'sent'`, a)).toBe(queued);
  // The receiver's own log: every contact accepted exactly once.
  expect(rc.accepted).toHaveLength(queued);
  expect(new Set(rc.accepted).size).toBe(queued);
  expect(rc.badSignatures).toBe(0);
  // And each journey then waited out its response timeout from the delivery, and ended.
  expect(count(`SELECT count(*) FROM journeys WHERE run_id = ? AND outcome = 'none'`, a)).toBe(queued);
}, 120_000);

it('marks and counts the contacts an outage keeps until the run\'s end, and leaves none queued', async () => {
  const rc = await receiver();
  fx = openFixture(200);
  const hook = new HttpAdapter(fx.db, { channel: 'sms_hall', version: 1, url: rc.url, secret: SECRET, timeoutMs: 3000, maxAttempts: 1000, concurrency: 8 });
  const m = liveFlow('ends-in-outage', 'sms_hall');
  engine = new Engine(fx.db, { policy, channels: () => ({ adapters: { sms_hall: hook }, defaultAdapter: quiet }), delivery: { breakers: { failures: 3, coolDownMs: 60_000 } } });
  const runId = startRun(fx.db, { flowId: m.flowId, version: 1, machine: m, clock: 'live' });
  const now = Date.now();
  await engine.tick(now, 'live');
  expect(rc.refused).toBeGreaterThan(0);
  const queued = count(`SELECT count(*) FROM contacts WHERE run_id = ? AND status = 'queued'`, runId);
  expect(queued).toBeGreaterThan(100);
  expect(runMetrics(fx.db, runId).outbox).toEqual({ queued, undelivered: 0 });
  // Ticks go on (no customer times out: the timeout waits for delivery); then the period ends with the receiver still down.
  for (let k = 1; k <= 5; k++) await engine.tick(now + k * 1000, 'live');
  expect(getRun(fx.db, runId)?.status).toBe('running');
  engine.tickSync(getRun(fx.db, runId)!.periodEnd, 'live');
  expect(getRun(fx.db, runId)?.status).toBe('completed');
  expect(count(`SELECT count(*) FROM contacts WHERE run_id = ? AND status = 'queued'`, runId)).toBe(0);
  expect(count(`SELECT count(*) FROM contacts WHERE run_id = ? AND status = 'failed' AND reason = 'undelivered'`, runId)).toBe(queued);
  const metrics = runMetrics(fx.db, runId);
  expect(metrics.outbox).toEqual({ queued: 0, undelivered: queued });
  expect(metrics.outcomes.undelivered).toBe(queued);
  // The dashboard's suppression panel lists them under their own reason.
  expect(metrics.suppressed.undelivered).toBe(queued);
  expect(rc.accepted).toHaveLength(0);
  expect(rc.badSignatures).toBe(0);
});
