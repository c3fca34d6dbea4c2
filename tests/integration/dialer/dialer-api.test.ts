import type { Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { saveBinding } from '../../../server/channels/bindings/store.js';
import { agentQueue, agentQueueAdapter, disposeItem } from '../../../server/engine/channels/agent-queue.js';
import { HOUR } from '../../../server/engine/core/clock.js';
import { FLAG } from '../../../server/engine/core/journey.js';
import { startRun } from '../../../server/engine/store/runs.js';
import { newEngine, openFixture, periodStart, quiet, type Fixture } from '../engine/support/fixture.js';
import { serveApp } from '../engine/support/http-app.js';
import { oneAgentCall } from '../engine/support/machines.js';

let fx: Fixture | null = null;
let server: Server | null = null;
afterEach(async () => {
  if (server) await new Promise((r) => server!.close(r));
  server = null;
  fx?.close();
  fx = null;
});

interface Call { callId: string; id: number; customerId: number; phone: string; script: { opening: string; takesOrder: boolean } | null; leasedUntil: number }

/** A live outbound-call touch with `n` customers queued, and the dialer API on a real HTTP server with a pinned clock. */
async function setup(n = 40, bind = true) {
  fx = openFixture(n);
  if (bind) saveBinding(fx.db, { channel: 'outbound_call', binding: { kind: 'dialer', dialer: { leaseSeconds: 120 } } }, { userId: 1, username: 'admin' });
  const m = oneAgentCall();
  const engine = newEngine(fx.db, { channels: () => ({ adapters: { outbound_call: agentQueueAdapter }, defaultAdapter: quiet }) });
  const runId = startRun(fx.db, { flowId: m.flowId, version: 1, machine: m, clock: 'virtual' });
  const t0 = periodStart(m) + 10 * HOUR; // 10:00 Beijing time: the call centre is open (09–20)
  engine.tickSync(t0);
  const clock = { now: t0 };
  const app = await serveApp(fx, { DIALER_API_KEY: 'dialer-test-key' }, { now: () => clock.now });
  server = app.server;
  const call = async (path: string, body?: unknown, key = 'dialer-test-key') => {
    const res = await fetch(`${app.base}/api/dialer/${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const pull = async (idleAgents: number, extra: Record<string, unknown> = {}) => {
    const r = await call('pull', { idleAgents, ...extra });
    expect(r.status).toBe(200);
    return r.body as { calls: Call[]; released: number; note?: string };
  };
  const report = async (results: unknown[]) => {
    const r = await call('results', { results });
    expect(r.status).toBe(200);
    return (r.body as { results: { callId: string; status: string; reason?: string }[] }).results;
  };
  const journey = (cu: number) => fx!.db.prepare('SELECT state, flags FROM journeys WHERE run_id = ? AND customer_id = ?').get(runId, cu) as { state: string; flags: number };
  return { clock, call, pull, report, journey, t0, runId };
}

describe('dialer API (CTI pulls due calls, posts results back)', () => {
  it('is closed until an admin binds the channel to the dialer', async () => {
    const s = await setup(10, false);
    const r = await s.call('pull', { idleAgents: 1 });
    expect(r.status).toBe(409);
    expect(String(r.body.error)).toMatch(/not bound to the dialer/);
  });

  it('refuses a missing key and names the bad field', async () => {
    const s = await setup(10);
    expect((await s.call('pull', { idleAgents: 1 }, 'wrong')).status).toBe(401);
    const bad = await s.call('pull', { idleAgents: -1, ratio: 9 });
    expect(bad.status).toBe(400);
    // Each problem names its field, 中文 / English.
    expect(bad.body.problems).toEqual(['idleAgents：不能小于 0 / idleAgents: must be at least 0', 'ratio：不能大于 5 / ratio: must be at most 5']);
    const unknownKey = await s.call('results', { results: [{ callId: 'x', result: 'accepted', extra: 1 }] });
    expect(unknownKey.status).toBe(400);
  });

  it('a predictive pull hands out idle agents × ratio numbers, never the same twice, hidden from the workbench meanwhile', async () => {
    const s = await setup(40);
    const due = agentQueue(fx!.db, { channel: 'outbound_call', now: s.t0, limit: 500 }).length;
    expect(due).toBeGreaterThan(10);
    const first = await s.pull(4, { ratio: 1.5 });
    expect(first.calls).toHaveLength(6);
    expect(first.calls[0]!.phone).toMatch(/^1[3-9]\d{9}$/);
    expect(first.calls[0]!.script?.opening).toContain('{agent}'); // the CTI fills the agent's name
    expect(first.calls[0]!.script?.opening).not.toContain('{name}');
    const second = await s.pull(4, { ratio: 1.5 });
    const ids = new Set([...first.calls, ...second.calls].map((c) => c.id));
    expect(ids.size).toBe(12);
    // the workbench sees only the numbers the dialer does not hold
    const workbench = agentQueue(fx!.db, { channel: 'outbound_call', now: s.t0, limit: 500 });
    expect(workbench).toHaveLength(due - 12);
    expect(workbench.some((q) => ids.has(q.id))).toBe(false);
    // an agent's form left open on a number the dialer now holds is late, not applied
    expect(disposeItem(fx!.db, { queueId: first.calls[0]!.id, disposition: 'accepted', secondConfirmed: true }, s.t0).status).toBe('late');
  });

  it('results move journeys like the workbench: confirmed order converts, unconfirmed waits, busy retries, connected extends the lease', async () => {
    const s = await setup(30);
    const { calls } = await s.pull(6);
    const [a, b, c, d, e] = calls as [Call, Call, Call, Call, Call];
    s.clock.now += 60_000;
    const out = await s.report([
      { callId: a.callId, result: 'accepted', secondConfirmed: true },
      { callId: b.callId, result: 'accepted' },
      { callId: c.callId, result: 'declined' },
      { callId: d.callId, result: 'busy' },
      { callId: e.callId, result: 'connected' },
      { callId: 'never-handed-out', result: 'accepted', secondConfirmed: true },
    ]);
    expect(out.map((r) => r.status)).toEqual(['applied', 'awaiting_confirmation', 'applied', 'recorded', 'recorded', 'unknown_call']);
    expect(s.journey(a.customerId).state).toBe('won');
    expect(s.journey(a.customerId).flags & FLAG.converted).toBe(FLAG.converted);
    expect(s.journey(b.customerId).flags & FLAG.converted).toBe(0);
    expect(s.journey(c.customerId).state).toBe('declined');
    expect(s.journey(e.customerId).flags & FLAG.contacted).toBe(FLAG.contacted);
    // busy: back in the queue later, not now
    const later = agentQueue(fx!.db, { channel: 'outbound_call', now: s.clock.now + 3 * HOUR, limit: 500 }).map((q) => q.id);
    expect(agentQueue(fx!.db, { channel: 'outbound_call', now: s.clock.now, limit: 500 }).map((q) => q.id)).not.toContain(d.id);
    expect(later).toContain(d.id);
    // a result for a call already settled is late
    expect((await s.report([{ callId: a.callId, result: 'declined' }]))[0]!.status).toBe('unknown_call');
    // connected renewed the lease: the outcome still lands after the first lease ran out
    s.clock.now += 100_000; // past the first lease (pull + 120 s), within the one connected renewed (connect + 120 s)
    expect((await s.report([{ callId: e.callId, result: 'declined' }]))[0]!.status).toBe('applied');
  });

  it('a number not reported in time is released, counted, and offered again', async () => {
    const s = await setup(20);
    const { calls } = await s.pull(2, { leaseSeconds: 30 });
    expect(calls).toHaveLength(2);
    s.clock.now += 31_000;
    expect((await s.report([{ callId: calls[0]!.callId, result: 'accepted', secondConfirmed: true }]))[0]!.status).toBe('late');
    const again = await s.pull(50);
    expect(again.released).toBe(2);
    expect(again.calls.map((c) => c.id)).toEqual(expect.arrayContaining(calls.map((c) => c.id)));
    const stats = await s.call('stats');
    const row = (stats.body.channels as { channel: string; expiredLeases: number; leased: number }[]).find((r) => r.channel === 'outbound_call')!;
    expect(row.expiredLeases).toBe(2);
    expect(row.leased).toBe(again.calls.length);
  });

  it('outside the channel contact hours nothing is handed out, and says why', async () => {
    const s = await setup(10);
    s.clock.now = s.t0 + 11 * HOUR; // 21:00 Beijing time
    const r = await s.pull(5);
    expect(r.calls).toHaveLength(0);
    expect(r.note).toMatch(/contact hours/);
  });
});
