import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Machine } from '../../../shared/machine/types.js';
import { BindingResolver } from '../../../server/channels/bindings/resolve.js';
import { bindingStatuses } from '../../../server/channels/bindings/status.js';
import { DAY } from '../../../server/engine/core/clock.js';
import { DEFAULT_POLICY } from '../../../server/engine/core/policy.js';
import { Engine } from '../../../server/engine/runtime/engine.js';
import { startRun } from '../../../server/engine/store/runs.js';
import { openHarness, type Harness } from '../governance/harness.js';
import { until } from '../../support/until.js';
import { signedReceiver, type SignedReceiver } from './support/signed-http.js';
import { end, machine, touch } from '../engine/support/machines.js';

/**
 * The admin page's circuit state is what the senders see (#19 leftover): two engine instances on one
 * store, as two worker processes would be — the sender posts to a platform answering 503 and its circuit
 * opens; the other (and the web view, which has no engine) reads it from the store, not "closed". When the
 * platform is back the sender's probe closes it, and every view says so. SQLite here, PostgreSQL in pg.
 */
const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
let h: Harness;
let platform: SignedReceiver<unknown> & { status: number };
beforeAll(async () => {
  process.env.LINKAGE_SECRET_KEY = 'b'.repeat(64);
  h = openHarness(120);
  // The platform on loopback: answers `status` to every signed post (503 while it is down).
  platform = await signedReceiver(SECRET, { status: 503 }, (_msg, p) => ({ status: p.status, body: { id: `p-${p.got.length}` } }), '/push');
});
afterAll(async () => {
  delete process.env.LINKAGE_SECRET_KEY;
  await new Promise((r) => platform.server.close(r));
  h.close();
});

function liveFlow(flowId: string): Machine {
  const day = (d: number) => new Date(Date.now() + 8 * 3600_000 + d * DAY).toISOString().slice(0, 10);
  return machine([...touch('t', 'app', 'publicity', { responded: 'resp', noResponse: 'none', converted: 'won', unreachable: 'lost' }, 24), end('resp'), end('none'), end('won'), end('lost')],
    { flowId, period: { start: day(-1), end: day(7) } });
}

describe('a binding\'s circuit across processes', () => {
  test('opened by one sender, it shows paused in a process that does not send; closed again by the sender\'s probe', async () => {
    const policy = { ...DEFAULT_POLICY, dailyCap: 10, weeklyCap: 20, channels: { app: { contactHours: [0, 24] as const } } };
    const sender = new Engine(h.db, { policy, delivery: { retryBaseMs: 10, retryMaxMs: 40, breakers: { failures: 2, coolDownMs: 1_500 } } });
    const other = new Engine(h.db, { policy, delivery: { breakers: { failures: 2, coolDownMs: 1_500 } } });
    await h.as('admin').channelBindings.save({ channel: 'app', binding: { kind: 'http', http: { url: platform.url, secret: SECRET, timeoutMs: 2_000, maxAttempts: 20 } } });
    const runId = startRun(h.db, { flowId: 'breaker-across', version: 1, machine: liveFlow('breaker-across'), clock: 'live' });

    // The web process: its own resolver, no engine, no breaker in memory.
    const web = () => bindingStatuses(h.db, { bindings: new BindingResolver(h.db) }).find((s) => s.channel === 'app')!;
    expect(web()).toMatchObject({ paused: false, link: 'up' });

    await until('the sender\'s circuit to open', async () => {
      await sender.tick(Date.now(), 'live');
      return platform.got.length >= 2 && web().paused;
    });
    const bound = sender.bindings.adapterFor('app')!;
    expect(sender.delivery.breaker(bound).state(Date.now())).not.toBe('closed');
    // The other engine never sent: its own breaker is closed, yet the page (which reads the store) says paused.
    expect(other.delivery.breaker(other.bindings.adapterFor('app')!).state(Date.now())).toBe('closed');
    expect(web()).toMatchObject({ paused: true, link: 'down', waiting: expect.any(Number) });
    expect(web().detail).toContain('503');
    const queued = Number(h.db.prepare(`SELECT count(*) FROM contacts WHERE run_id = ? AND status = 'queued'`).pluck().get(runId));
    expect(queued).toBeGreaterThan(0);

    // The platform is back: after the cool-down the sender's probe succeeds, the circuit closes, and the page follows.
    platform.status = 200;
    await until('the probe to close the circuit', async () => {
      await sender.tick(Date.now(), 'live');
      return sender.delivery.breaker(bound).state(Date.now()) === 'closed' && !web().paused;
    });
    expect(web()).toMatchObject({ paused: false, link: 'up' });
    expect(platform.badSignatures).toBe(0);
  });
});
