import fc from 'fast-check';
import type { Server } from 'node:http';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { ChannelId } from '../../../shared/catalogue/channels.js';
import type { FlowDocument } from '../../../shared/flow/document.js';
import { auditPolicy } from '../../../server/engine/store/audit.js';
import { HttpAdapter } from '../../../server/channels/bindings/http-adapter.js';
import { HOUR } from '../../../server/engine/core/clock.js';
import { DEFAULT_POLICY, type ContactPolicy } from '../../../server/engine/core/policy.js';
import { startRun } from '../../../server/engine/store/runs.js';
import { simulate } from '../../../server/engine/simulation/simulate.js';
import { signedReceiver } from '../channels/support/signed-http.js';
import { assertConservation, newEngine, openFixture, periodStart, quiet, type Fixture } from './support/fixture.js';
import { serveApp } from './support/http-app.js';
import { allSegment, end, machine, oneSmsTouch, touch } from './support/machines.js';

let fx: Fixture | null = null;
let server: Server | null = null;
afterEach(async () => {
  fx?.close();
  fx = null;
  if (server) await new Promise((r) => server!.close(r));
  server = null;
});

describe('events', () => {
  const m = oneSmsTouch();

  it('answers bad, unknown, late and duplicate events clearly and never advances a journey twice', () => {
    fx = openFixture(300);
    const engine = newEngine(fx.db, { channels: () => ({ adapters: {}, defaultAdapter: quiet }) });
    const runId = startRun(fx.db, { flowId: m.flowId, version: 1, machine: m, clock: 'virtual' });
    const t0 = periodStart(m) + 9 * HOUR;
    engine.tickSync(t0);
    const waiting = fx.db.prepare(`SELECT customer_id FROM journeys WHERE run_id = ? AND state = 't.await' ORDER BY customer_id`).pluck().all(runId) as number[];
    const [a, b, c] = waiting as [number, number, number];
    const res = engine.ingest([
      { id: 'e1', type: 'response', customerId: a },
      { id: 'e1', type: 'response', customerId: a },
      { id: 'e2', type: 'response', customerId: a },
      { id: 'e3', type: 'order', customerId: b },
      { id: 'e4', type: 'order', customerId: b, secondConfirmed: true },
      { id: 'e5', type: 'response', customerId: 999_999 },
      { id: 'e6', type: 'nonsense', customerId: c },
      'not an event',
      { id: 'e7', type: 'response', customerId: -3 },
    ], t0 + HOUR);
    expect(res.map((r) => r.status)).toEqual(['applied', 'duplicate', 'late', 'awaiting_confirmation', 'applied', 'unknown_customer', 'invalid', 'invalid', 'invalid']);
    // A bad event's reason names its field (the event itself when it is not one), 中文 / English.
    expect(res.slice(7).map((r) => r.reason)).toEqual(['event：类型应为对象 / event: must be a group of fields', 'customerId：不能小于等于 0 / customerId: must be more than 0']);
    const state = (cu: number) => fx!.db.prepare('SELECT state FROM journeys WHERE run_id = ? AND customer_id = ?').pluck().get(runId, cu);
    expect(state(a)).toBe('resp');
    expect(state(b)).toBe('won');
    // The replay of e1 is answered `duplicate` but not stored (#20 item 11: it used to add a 'duplicate' row).
    expect(fx.db.prepare(`SELECT status, count(*) AS n FROM events GROUP BY status ORDER BY status`).all()).toEqual(expect.arrayContaining([{ status: 'late', n: 1 }]));
    expect(fx.db.prepare(`SELECT count(*) FROM events WHERE status = 'duplicate'`).pluck().get()).toBe(0);
    // random order, repeated: the same batch shuffled and sent twice moves each journey once
    const ev = waiting.slice(3, 200).map((cu) => ({ id: `x-${cu}`, type: 'response', customerId: cu }));
    const shuffled = [...ev].sort((x, y) => ((x.customerId * 7919) % 211) - ((y.customerId * 7919) % 211));
    engine.ingest(shuffled, t0 + 2 * HOUR);
    const again = engine.ingest(ev, t0 + 2 * HOUR);
    expect(again.every((r) => r.status === 'duplicate')).toBe(true);
    expect(fx.db.prepare(`SELECT count(*) FROM events WHERE idem_key LIKE 'x-%'`).pluck().get()).toBe(ev.length);
    expect(fx.db.prepare(`SELECT count(*) FROM journeys WHERE run_id = ? AND state = 'resp'`).pluck().get(runId)).toBe(1 + ev.length);
    assertConservation(fx.db, runId, m);
  });

  it('enrols on a trigger event (usage over the threshold) within the same cycle, subject to re-entry', () => {
    fx = openFixture(300);
    const trig = { ...m, flowId: 'trig', entry: allSegment({ entry: { mode: 'event', event: 'usage_threshold', threshold: 90 } }) };
    const engine = newEngine(fx.db, { channels: () => ({ adapters: {}, defaultAdapter: quiet }) });
    const runId = startRun(fx.db, { flowId: 'trig', version: 1, machine: trig, clock: 'virtual' });
    const t0 = periodStart(trig) + 9 * HOUR;
    engine.tickSync(t0);
    expect(fx.db.prepare('SELECT count(*) FROM journeys').pluck().get()).toBe(0);
    const allowance = fx.db.prepare('SELECT data_allowance_mb FROM subscribers WHERE id = 5').pluck().get() as number;
    const r = engine.ingest([{ id: 'u1', type: 'usage', customerId: 5, dataUsedMb: allowance }, { id: 'u2', type: 'usage', customerId: 6, dataUsedMb: 0 }], t0);
    expect(r.map((x) => x.status)).toEqual(['enrolled', 'recorded']);
    engine.tickSync(t0);
    expect(fx.db.prepare('SELECT state FROM journeys WHERE run_id = ? AND customer_id = 5').pluck().get(runId)).toBe('t.await');
    expect(engine.ingest([{ id: 'u3', type: 'usage', customerId: 5, dataUsedMb: allowance + 1 }], t0 + HOUR)[0]!.status).toBe('recorded');
  });

  it('serves POST /api/events with a bearer key or an admin session, single and batch', async () => {
    fx = openFixture(200);
    const app = await serveApp(fx, { EVENTS_API_KEY: 'k-test' });
    server = app.server;
    const post = (b: unknown, key?: string) => fetch(`${app.base}/api/events`, { method: 'POST', headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) }, body: JSON.stringify(b) });
    expect((await post({ type: 'response', customerId: 1 })).status).toBe(401);
    expect((await post({ type: 'response', customerId: 1 }, 'wrong')).status).toBe(401);
    const one = await post({ id: 'h1', type: 'app_login', customerId: 1 }, 'k-test');
    expect(one.status).toBe(200);
    expect(await one.json()).toMatchObject({ id: 'h1', status: 'recorded' });
    const many = await post([{ id: 'h1', type: 'app_login', customerId: 1 }, { id: 'h2', type: 'response', customerId: 123456 }, { type: 'bogus' }], 'k-test');
    expect((await many.json() as { results: { status: string }[] }).results.map((x) => x.status)).toEqual(['duplicate', 'unknown_customer', 'invalid']);
  });
});

describe('HTTP channel adapter', () => {
  it('posts signed messages, is retried by the outbox after a back-off with the same idempotency key, and re-delivers with it after a crash', async () => {
    const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
    // The platform refuses the first two posts (busy), then accepts; it notes each post's Idempotency-Key header.
    const platform = await signedReceiver(secret, { keyHeaders: [] as unknown[], accepted: new Set<string>() }, (msg: { key: string; to: string; text: string }, p, req) => {
      p.keyHeaders.push(req.headers['idempotency-key']);
      if (p.got.length <= 2) return { status: 503, body: 'busy' };
      p.accepted.add(msg.key);
      return { status: 200, body: { id: `prov-${p.accepted.size}` } };
    }, '/send');
    server = platform.server;
    const seen = platform.got;
    fx = openFixture(50);
    const hook = new HttpAdapter(fx.db, { channel: 'sms_hall', version: 1, url: platform.url, secret, timeoutMs: 2000, maxAttempts: 4, concurrency: 1 });
    const m = machine([...touch('t', 'sms_hall', 'publicity', { responded: 'd', noResponse: 'd', converted: 'd', unreachable: 'lost' }, 24), end('d'), end('lost')],
      { entry: allSegment({ conditions: { combinator: 'and', rules: [{ field: 'age', op: 'gte', value: 0 }], groups: [] } }) });
    const engine = newEngine(fx.db, { channels: () => ({ adapters: { sms_hall: hook }, defaultAdapter: quiet }), delivery: { retryBaseMs: 1000, retryMaxMs: 4000 } });
    const runId = startRun(fx.db, { flowId: m.flowId, version: 1, machine: m, clock: 'virtual' });
    const t0 = periodStart(m) + 9 * HOUR;
    engine.tickSync(t0);
    const sentCount = () => fx!.db.prepare(`SELECT count(*) FROM contacts WHERE run_id = ? AND status = 'sent'`).pluck().get(runId) as number;
    const queued = fx.db.prepare(`SELECT count(*) FROM contacts WHERE run_id = ? AND status = 'queued'`).pluck().get(runId) as number;
    expect(queued).toBeGreaterThan(40);
    await engine.tick(t0);
    // The two refused contacts wait for their back-off (1 to 2 s of engine time), the rest went out.
    expect(sentCount()).toBe(queued - 2);
    await engine.tick(t0 + 2_000);
    expect(sentCount()).toBe(queued);
    const [first, second] = [seen[0]!.key, seen[1]!.key];
    expect(first).toMatch(/^\d+:\d+:t\.send:1$/);
    expect(seen.filter((s) => s.key === first)).toHaveLength(2);
    expect(seen.filter((s) => s.key === second)).toHaveLength(2);
    // The recipient and the touch's text filled for that customer.
    expect(seen[0]!.to).toMatch(/^1\d{10}$/);
    expect(seen[0]!.text.length).toBeGreaterThan(0);
    expect(seen[0]!.text).not.toMatch(/\{\w+\}/);
    // a crash after delivery but before the write: the contact is re-delivered with the same key
    fx.db.prepare(`UPDATE contacts SET status = 'queued' WHERE run_id = ? AND customer_id = (SELECT min(customer_id) FROM contacts)`).run(runId);
    const before = seen.length;
    await engine.tick(t0 + 60_000);
    expect(seen.length).toBe(before + 1);
    expect(platform.accepted.has(seen[seen.length - 1]!.key)).toBe(true);
    // Every post carried its idempotency key as a header too, and was signed.
    expect(platform.keyHeaders).toEqual(seen.map((s) => s.key));
    expect(platform.badSignatures).toBe(0);
  });
});

describe('simulation', () => {
  it('is deterministic for a seed (and differs for another)', async () => {
    const doc = JSON.parse(readFileSync('flows/data-pack-upsell.json', 'utf8')) as FlowDocument;
    const strip = ({ elapsedMs: _e, ...s }: Awaited<ReturnType<typeof simulate>>) => s;
    const a = strip(await simulate(doc, { customers: 3000, seed: 42, days: 20 }));
    const b = strip(await simulate(doc, { customers: 3000, seed: 42, days: 20 }));
    expect(a).toEqual(b);
    expect(a.policyViolations).toBe(0);
    expect(a.enrolled).toBeGreaterThan(0);
    const c = strip(await simulate(doc, { customers: 3000, seed: 43, days: 20 }));
    expect(c).not.toEqual(a);
  });

  it('never violates caps, quiet hours, dnd or opt-out over random flows and policies (property)', async () => {
    const channels: ChannelId[] = ['sms_hall', 'bulk_sms', 'app', 'wechat', 'ivr_10086', 'outbound_call'];
    const touchArb = fc.record({ channel: fc.constantFrom(...channels), timeout: fc.integer({ min: 0, max: 72 }), stage: fc.constantFrom('publicity' as const, 'sales' as const) });
    await fc.assert(fc.asyncProperty(
      fc.array(touchArb, { minLength: 1, maxLength: 3 }),
      fc.record({ daily: fc.integer({ min: 1, max: 2 }), weekly: fc.integer({ min: 1, max: 4 }), start: fc.integer({ min: 0, max: 12 }), len: fc.integer({ min: 2, max: 12 }), scale: fc.constantFrom(1, 5, 15) }),
      fc.integer({ min: 1, max: 1000 }),
      async (touches, p, seed) => {
        const ids = touches.map((_, i) => `t${i}`);
        const states = touches.flatMap((t, i) => touch(ids[i]!, t.channel, t.stage, {
          responded: ids[i + 1] ? `${ids[i + 1]}.send` : 'done', noResponse: ids[i + 1] ? `${ids[i + 1]}.send` : 'done', converted: 'won', unreachable: ids[i + 1] ? `${ids[i + 1]}.send` : 'lost',
        }, t.timeout));
        const mm = machine([...states, end('done'), end('won'), end('lost')], { flowId: `prop-${seed}`, entry: allSegment({ controlGroupPct: 5 }) });
        const policy: ContactPolicy = { dailyCap: p.daily, weeklyCap: p.weekly, channels: Object.fromEntries(channels.map((c) => [c, { contactHours: [p.start, Math.min(24, p.start + p.len)] as const }])) };
        const s = await simulate(mm, { customers: 600, seed, days: 12, policy });
        expect(s.policyViolations).toBe(0);
        expect(s.completed + s.active + s.control).toBe(s.enrolled);
      },
    ), { numRuns: 8 });
    void DEFAULT_POLICY;
    void auditPolicy;
  }, 60_000);
});
