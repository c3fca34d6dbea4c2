import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { ZodError } from 'zod';
import type { Machine } from '../../../shared/machine/types.js';
import { createApp } from '../../../server/app.js';
import { DAY, HOUR } from '../../../server/engine/core/clock.js';
import { Engine } from '../../../server/engine/runtime/engine.js';
import { recountRun } from '../../../server/engine/store/counters-recount.js';
import { getRun, pauseRun, resumeRun, startRun } from '../../../server/engine/store/runs.js';
import { applyProvisionAnswer } from '../../../server/provisioning/apply.js';
import { ANSWER_WITHIN_MS, ProvisionCaller } from '../../../server/provisioning/caller.js';
import { openHarness, type Harness } from '../governance/harness.js';
import { end, machine } from '../engine/support/machines.js';
import { postSigned, signedReceiver, type Answer } from '../channels/support/signed-http.js';
import { until } from '../../support/until.js';

/**
 * Benefit provisioning through an HTTP binding (#21 item 2): live runs against a real operator on
 * loopback that verifies the Standard Webhooks signature; the calls go out from the provisioning outbox
 * and the answers move the journeys. SQLite here, PostgreSQL in the pg project.
 */
const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const OTHER_SECRET = 'whsec_c2Vjb25kLXNlY3JldC1mb3ItdGhlLXRlc3QtMTIz';

let h: Harness;
let engine: Engine;
beforeAll(() => {
  process.env.LINKAGE_SECRET_KEY = 'b'.repeat(64);
  h = openHarness(60);
  engine = new Engine(h.db, { provisionCalls: { retryBaseMs: 5, retryMaxMs: 20, breakers: { failures: 1000 } } });
  const id = h.db.prepare(`INSERT INTO users (username, display_name, password_hash, org_unit, disabled, created_at) VALUES ('admin_gz', '广州管理员', 'x', 'gz', 0, '2026-01-01') RETURNING id`).pluck().get() as number;
  h.db.prepare("INSERT INTO user_roles (user_id, role) VALUES (?, 'admin')").run(id);
});
afterAll(() => {
  delete process.env.LINKAGE_SECRET_KEY;
  h.close();
});

const servers: Server[] = [];
const runs: number[] = [];
afterEach(async () => {
  for (const r of runs.splice(0)) engine.stopRun(r);
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

interface Call { type: string; idempotencyKey: string; service: string; customer: string; benefit: string; kind: string; expiryDays?: number; customerId: number; runId: number; node: string }

/** The operator's provisioning interface on loopback: verifies each request's signature (a bad one is a 401), answers as `decide` says (`seen`: calls with this key so far, this one included). */
async function operator(decide: (c: Call, seen: number) => Answer, secret = SECRET) {
  const o = await signedReceiver(secret, {}, (c: Call, r) => decide(c, r.got.filter((x) => x.idempotencyKey === c.idempotencyKey).length), '/provision');
  servers.push(o.server);
  return o;
}

const bind = (url: string, secret = SECRET, maxAttempts = 3) =>
  h.as('admin').channelBindings.saveProvisioning({ service: 'benefit', binding: { kind: 'http', http: { url, secret, timeoutMs: 2000, maxAttempts } } });
const count = (sql: string, ...a: unknown[]) => Number(h.db.prepare(sql).pluck().get(...a));

/** A live flow over this week: grant a 3-day trial (¥2) to everyone; granted customers wait for the notice 24 h before it ends. */
function grantFlow(flowId: string, benefit: string, budget = 0): Machine {
  const day = (d: number) => new Date(Date.now() + 8 * HOUR + d * DAY).toISOString().slice(0, 10);
  return machine([
    { id: 'b', node: 'b', kind: 'provision', service: 'benefit', cost: 2, request: { benefit, kind: 'trial_data', expiryDays: 3 }, on: { granted: 'b.notice', failed: 'b.failed', already_held: 'b.held' } },
    { id: 'b.notice', node: 'b', kind: 'timer', wake: { mode: 'duration', hours: 48 }, next: 'expiring' },
    end('expiring'), end('b.failed', 'failed'), end('b.held', 'already_held'),
  ], { flowId, period: { start: day(-1), end: day(7) }, goal: { reach: 0, responses: 0, conversions: 0, revenue: 0, budget, evaluationDays: 0 } });
}

function live(m: Machine): number {
  const id = startRun(h.db, { flowId: m.flowId, version: 1, machine: m, clock: 'live' });
  runs.push(id);
  return id;
}

/** The run's counters as the engine kept them equal a recount from its journeys, contacts and grants (answers move journeys outside the stepper). */
function expectCountersKept(runId: number): void {
  const rows = () => (h.db.prepare('SELECT key, n, amount FROM run_counters WHERE run_id = ? AND NOT (n = 0 AND amount = 0) ORDER BY key').all(runId) as { key: string; n: number; amount: number }[])
    .map((r) => `${r.key}=${Number(r.n)}/${Number(r.amount).toFixed(2)}`);
  const kept = rows();
  expect(kept.length).toBeGreaterThan(0);
  recountRun(h.db, runId);
  expect(kept).toEqual(rows());
}

/** Tick the engine (steps, then one provisioning pass) until no call of the run is waiting to go out. */
const settle = (runId: number) => until('calls answered', async () => {
  await engine.tick(Date.now());
  return count(`SELECT count(*) FROM provision_calls WHERE run_id = ? AND status = 'queued'`, runId) === 0 && count('SELECT count(*) FROM provision_calls WHERE run_id = ?', runId) > 0;
});

async function zodPaths(p: Promise<unknown>): Promise<string[]> {
  const e = await p.then(() => null, (err: unknown) => err as { cause?: unknown });
  expect(e?.cause).toBeInstanceOf(ZodError);
  return (e!.cause as ZodError).issues.map((i) => i.path.join('.'));
}

describe('provisioning bindings through tRPC', () => {
  test('admins only, a province admin changes them; every field checked; the secret is write-only, sealed, never audited, kept when left blank', async () => {
    await expect(h.as('planner').channelBindings.provisioning()).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const view = await h.as('admin_gz').channelBindings.provisioning();
    expect(view.bindings).toEqual([expect.objectContaining({ service: 'benefit', kind: 'simulated', version: 0, queued: 0, accepted: 0 })]);
    expect(view.answerPath).toBe('/api/provisioning/:service/answer');
    await expect(h.as('admin_gz').channelBindings.saveProvisioning({ service: 'benefit', binding: { kind: 'simulated' } })).rejects.toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('省公司') });
    const admin = h.as('admin').channelBindings;
    expect(await zodPaths(admin.saveProvisioning({ service: 'benefit', binding: { kind: 'http', http: { url: 'ftp://x', secret: 'nope', timeoutMs: 10, maxAttempts: 99 } } })))
      .toEqual(expect.arrayContaining(['binding.http.url', 'binding.http.secret', 'binding.http.timeoutMs', 'binding.http.maxAttempts']));
    expect(await zodPaths(admin.saveProvisioning({ service: 'ringback' as 'benefit', binding: { kind: 'simulated' } }))).toEqual(['service']);
    await expect(admin.saveProvisioning({ service: 'benefit', binding: { kind: 'http', http: { url: 'http://127.0.0.1:9/p', timeoutMs: 1000, maxAttempts: 2 } } }))
      .rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringMatching(/binding\.http\.secret.*签名密钥.*signing secret/) });
    process.env.LINKAGE_SECRET_KEY = 'not-a-32-byte-key';
    const misconfigured = await admin.saveProvisioning({ service: 'benefit', binding: { kind: 'simulated' } }).then(() => null, (e: unknown) => e).finally(() => { process.env.LINKAGE_SECRET_KEY = 'b'.repeat(64); });
    expect(misconfigured).toMatchObject({ code: 'PRECONDITION_FAILED', message: expect.stringMatching(/服务器密钥配置错误：.*Server key misconfigured: LINKAGE_SECRET_KEY must be 32 bytes/) });
    expect(count('SELECT count(*) FROM provisioning_binding_versions')).toBe(0);
    const a = await admin.saveProvisioning({ service: 'benefit', binding: { kind: 'http', http: { url: 'http://127.0.0.1:9/a', secret: SECRET, timeoutMs: 1000, maxAttempts: 2 } } });
    expect(a).toMatchObject({ kind: 'http', encrypted: true, http: { secretSet: true, url: 'http://127.0.0.1:9/a' } });
    const b = await admin.saveProvisioning({ service: 'benefit', binding: { kind: 'http', http: { url: 'http://127.0.0.1:9/b', timeoutMs: 1000, maxAttempts: 2 } } });
    expect(b).toMatchObject({ version: a.version + 1, http: { secretSet: true, url: 'http://127.0.0.1:9/b' } });
    const stored = h.db.prepare('SELECT settings FROM provisioning_binding_versions WHERE service = ? AND version = ?').pluck().get('benefit', b.version) as string;
    expect(stored).toContain('enc:v1:');
    expect(stored).not.toContain(SECRET.slice(6));
    const audit = h.db.prepare(`SELECT detail FROM audit_log WHERE action = 'provisioning.binding' ORDER BY id`).pluck().all() as string[];
    expect(audit.length).toBeGreaterThanOrEqual(2);
    expect(audit.join('')).not.toContain(SECRET.slice(6));
    expect(JSON.parse(audit.at(-2)!)).toMatchObject({ secretChanged: true });
    expect(JSON.parse(audit.at(-1)!)).toMatchObject({ secretChanged: false });
    expect(JSON.stringify(await admin.provisioning())).not.toContain(SECRET.slice(6));
  });
});

describe('provisioning binding: the benefit service over HTTP', () => {
  test('granted, failed and already held answers move each journey once; a 503 is retried with the same key and grants once; grants cost the spend', async () => {
    const op = await operator((c, seen) => {
      const k = c.customerId % 4;
      if (k === 0) return { status: 200, body: { result: 'failed', reason: 'not eligible' } };
      if (k === 1) return { status: 200, body: { result: 'already_held' } };
      if (k === 2 && seen === 1) return { status: 503, body: { error: 'busy' } };
      return { status: 200, body: { result: 'granted' } };
    });
    expect(await bind(op.url)).toMatchObject({ kind: 'http', version: expect.any(Number), encrypted: true, http: { secretSet: true } });
    const runId = live(grantFlow('grant-http', 'TRIAL-A'));
    await settle(runId);

    const enrolled = count('SELECT count(*) FROM journeys WHERE run_id = ?', runId);
    expect(enrolled).toBeGreaterThan(40);
    expect(op.badSignatures).toBe(0);
    // one grant row per customer, whatever the retries; each answer as the operator gave it
    expect(count('SELECT count(*) FROM grants WHERE run_id = ?', runId)).toBe(enrolled);
    expect(count('SELECT count(DISTINCT customer_id) FROM grants WHERE run_id = ?', runId)).toBe(enrolled);
    const rows = h.db.prepare('SELECT customer_id AS id, result, reason, cost, expires_at AS expires, created_at AS at FROM grants WHERE run_id = ?').all(runId) as { id: number; result: string; reason: string | null; cost: number; expires: number | null; at: number }[];
    for (const g of rows) {
      const want = ['failed', 'already_held', 'granted', 'granted'][g.id % 4];
      expect(g.result, `customer ${g.id}`).toBe(want);
      if (g.result === 'granted') expect([g.cost, g.expires]).toEqual([2, g.at + 3 * DAY]);
      else expect([g.cost, g.expires]).toEqual([0, null]);
    }
    expect(rows.find((g) => g.result === 'failed')?.reason).toBe('not eligible');
    // the request: the customer's number, the benefit, the expiry; the key names run, customer, state and attempt
    const first = op.got[0]!;
    expect(first).toMatchObject({ type: 'provision', service: 'benefit', benefit: 'TRIAL-A', kind: 'trial_data', expiryDays: 3, runId, node: 'b' });
    expect(first.customer).toBe(h.db.prepare('SELECT phone FROM subscribers WHERE id = ?').pluck().get(first.customerId));
    expect(first.idempotencyKey).toBe(`${runId}:${first.customerId}:b:1`);
    // the 503 customers were called twice with the same key, and granted once
    const twice = op.got.filter((c) => c.customerId % 4 === 2);
    const keys = new Set(twice.map((c) => c.idempotencyKey));
    expect(twice.length).toBe(keys.size * 2);
    expect(count(`SELECT count(*) FROM grants WHERE run_id = ? AND customer_id % 4 = 2 AND result = 'granted'`, runId)).toBe(keys.size);
    // journeys: failed and held ended on their ports; granted ones wait in the node for the notice, 24 h before the grant ends
    expect(count(`SELECT count(*) FROM journeys WHERE run_id = ? AND outcome = 'failed'`, runId)).toBe(rows.filter((g) => g.result === 'failed').length);
    expect(count(`SELECT count(*) FROM journeys WHERE run_id = ? AND outcome = 'already_held'`, runId)).toBe(rows.filter((g) => g.result === 'already_held').length);
    const granted = rows.filter((g) => g.result === 'granted');
    expect(count(`SELECT count(*) FROM journeys j JOIN grants g ON g.run_id = j.run_id AND g.customer_id = j.customer_id
      WHERE j.run_id = ? AND j.state = 'b.notice' AND j.due_at = g.expires_at - ${24 * HOUR}`, runId)).toBe(granted.length);
    // spend: the grants' cost only (failed and held calls gave their reservation back)
    expect(getRun(h.db, runId)!.spent).toBeCloseTo(granted.length * 2, 6);
    expect(count(`SELECT entered FROM node_counts WHERE run_id = ? AND node = 'b.failed'`, runId)).toBe(rows.filter((g) => g.result === 'failed').length);
    expectCountersKept(runId);
  });

  test('an operator that answers later: 202, then a signed answer on the answer endpoint is applied once; an unsigned one is refused', async () => {
    const op = await operator(() => ({ status: 202, body: { result: 'pending' } }));
    await bind(op.url);
    const runId = live(grantFlow('grant-async', 'TRIAL-B'));
    await settle(runId);
    const accepted = count(`SELECT count(*) FROM provision_calls WHERE run_id = ? AND status = 'accepted'`, runId);
    expect(accepted).toBe(count('SELECT count(*) FROM journeys WHERE run_id = ?', runId));
    expect(count('SELECT count(*) FROM grants WHERE run_id = ?', runId)).toBe(0);
    // the run does not complete while answers are outstanding
    await engine.tick(Date.now());
    expect(getRun(h.db, runId)!.status).toBe('running');

    const app = createApp(h.services);
    const server = app.listen(0, '127.0.0.1');
    servers.push(server);
    await new Promise((r) => server.once('listening', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/provisioning/benefit/answer`;
    const post = (body: object, secret = SECRET) => postSigned(url, secret, body);
    const key = op.got[0]!.idempotencyKey;
    const expiresAt = Date.now() + 5 * DAY;
    const bad = await post({ idempotencyKey: key, result: 'granted' }, OTHER_SECRET);
    expect(bad.status).toBe(401);
    expect(count('SELECT count(*) FROM grants WHERE run_id = ?', runId)).toBe(0);
    const maybe = await post({ idempotencyKey: key, result: 'maybe' });
    expect([maybe.status, await maybe.json()]).toEqual([400, { error: expect.stringMatching(/^result：取值应为 .+ \/ result: must be one of .+$/) }]);
    // No binding behind the URL, or a secret the configured key cannot open: refused before anything is said or applied.
    const unknown = await fetch(url.replace('/benefit/', '/ringback/'), { method: 'POST', body: '{}' });
    expect([unknown.status, await unknown.json()]).toEqual([401, { error: 'signature: no HTTP binding for this service' }]);
    process.env.LINKAGE_SECRET_KEY = 'c'.repeat(64);
    const sealedAway = await post({ idempotencyKey: key, result: 'granted' }).finally(() => { process.env.LINKAGE_SECRET_KEY = 'b'.repeat(64); });
    expect([sealedAway.status, await sealedAway.json()]).toEqual([401, { error: expect.stringMatching(/^signature: 密钥无法解密 \/ secret cannot be opened: /) }]);
    expect(count('SELECT count(*) FROM grants WHERE run_id = ?', runId)).toBe(0);
    const ok = await post({ idempotencyKey: key, result: 'granted', expiresAt });
    expect(await ok.json()).toEqual({ status: 'applied' });
    expect(await (await post({ idempotencyKey: key, result: 'failed' })).json()).toEqual({ status: 'duplicate' });
    const customer = op.got[0]!.customerId;
    expect(h.db.prepare('SELECT result, expires_at AS e FROM grants WHERE run_id = ? AND customer_id = ?').get(runId, customer)).toEqual({ result: 'granted', e: expiresAt });
    // the notice runs from the operator's own end of the grant
    expect(h.db.prepare('SELECT state, due_at AS d FROM journeys WHERE run_id = ? AND customer_id = ?').get(runId, customer)).toEqual({ state: 'b.notice', d: expiresAt - 24 * HOUR });
    expectCountersKept(runId);

    // the other answers never come: a day later each call is answered failed, with a dead letter saying why
    const silent = count(`SELECT count(*) FROM provision_calls WHERE run_id = ? AND status = 'accepted'`, runId);
    expect(silent).toBe(accepted - 1);
    expect(silent).toBeGreaterThan(0);
    await engine.provisionCalls.pass(Date.now() + ANSWER_WITHIN_MS - HOUR);
    expect(count(`SELECT count(*) FROM provision_calls WHERE run_id = ? AND status = 'accepted'`, runId)).toBe(silent);
    await engine.provisionCalls.pass(Date.now() + ANSWER_WITHIN_MS + HOUR);
    expect(count(`SELECT count(*) FROM provision_calls WHERE run_id = ? AND status = 'accepted'`, runId)).toBe(0);
    expect(count(`SELECT count(*) FROM journeys WHERE run_id = ? AND state = 'b.failed'`, runId)).toBe(silent);
    expect(count(`SELECT count(*) FROM grants WHERE run_id = ? AND result = 'failed' AND reason LIKE '%no answer within 24 h'`, runId)).toBe(silent);
    expect(count(`SELECT count(*) FROM http_dead_letters WHERE target = 'provision' AND reason LIKE '%no answer within 24 h'`)).toBe(silent);
    expectCountersKept(runId);
  });

  test('a binding whose signature the operator refuses, or an unreachable URL: failed with the reason, and a dead letter', async () => {
    const op = await operator(() => ({ status: 200, body: { result: 'granted' } }));
    await bind(op.url, OTHER_SECRET);
    const refused = live(grantFlow('grant-badsig', 'TRIAL-C'));
    await settle(refused);
    const n1 = count('SELECT count(*) FROM journeys WHERE run_id = ?', refused);
    expect(op.badSignatures).toBe(n1);
    expect(count(`SELECT count(*) FROM grants WHERE run_id = ? AND result = 'failed' AND reason LIKE 'HTTP 401%'`, refused)).toBe(n1);
    expect(count(`SELECT count(*) FROM journeys WHERE run_id = ? AND outcome = 'failed'`, refused)).toBe(n1);
    expect(count(`SELECT count(*) FROM http_dead_letters WHERE run_id = ? AND target = 'provision' AND channel = 'benefit' AND reason LIKE 'HTTP 401%'`, refused)).toBe(n1);
    engine.stopRun(refused);

    // a port nobody listens on: two attempts each, then failed with the socket's error
    const closed = await operator(() => ({ status: 200 }));
    const deadUrl = closed.url;
    await new Promise((r) => servers.pop()!.close(r));
    await bind(deadUrl, SECRET, 2);
    const unreachable = live(grantFlow('grant-down', 'TRIAL-D'));
    await settle(unreachable);
    const n2 = count('SELECT count(*) FROM journeys WHERE run_id = ?', unreachable);
    expect(count(`SELECT count(*) FROM grants WHERE run_id = ? AND result = 'failed' AND reason LIKE 'ECONNREFUSED%'`, unreachable)).toBe(n2);
    expect(count(`SELECT count(*) FROM provision_calls WHERE run_id = ? AND tries = 2`, unreachable)).toBe(n2);
    expect(count(`SELECT count(*) FROM http_dead_letters WHERE run_id = ? AND target = 'provision' AND tries = 2`, unreachable)).toBe(n2);
    expect(getRun(h.db, unreachable)!.spent).toBe(0);
    // the channel pages' dead letters are not these
    const listed = await h.as('admin').channelBindings.deadLetters({});
    expect(listed.some((d) => d.runId === unreachable)).toBe(false);
    const overview = await h.as('admin').channelBindings.provisioning();
    expect(overview.bindings[0]).toMatchObject({ service: 'benefit', kind: 'http', queued: 0, deadLetters: count(`SELECT count(*) FROM http_dead_letters WHERE target = 'provision'`) });
    expect(overview.deadLetters.filter((d) => d.runId === unreachable)).toHaveLength(Math.min(n2, 50));
    // a caller whose circuit opened, in any process, shows on the page as paused
    expect(overview.bindings[0]!.paused).toBe(false);
    new ProvisionCaller(h.db, { breakers: { failures: 1, coolDownMs: 60_000 } }).breaker('benefit', overview.bindings[0]!.version).failure(Date.now());
    expect((await h.as('admin').channelBindings.provisioning()).bindings[0]!.paused).toBe(true);
  });

  test('paused: nothing new is sent until resumed; budget: calls are reserved at queue time, the run stops before passing it', async () => {
    const op = await operator(() => ({ status: 200, body: { result: 'granted' } }));
    await bind(op.url);
    const runId = live(grantFlow('grant-pause', 'TRIAL-E'));
    engine.tickSync(Date.now());
    const queued = count(`SELECT count(*) FROM provision_calls WHERE run_id = ? AND status = 'queued'`, runId);
    expect(queued).toBeGreaterThan(40);
    expect(count(`SELECT count(*) FROM journeys WHERE run_id = ? AND state = 'b' AND due_at IS NULL`, runId)).toBe(queued);
    pauseRun(h.db, runId);
    expect(await engine.provisionCalls.pass(Date.now())).toBe(0);
    expect(op.got).toHaveLength(0);
    resumeRun(h.db, runId);
    await settle(runId);
    expect(op.got).toHaveLength(queued);
    expect(count(`SELECT count(*) FROM grants WHERE run_id = ? AND result = 'granted'`, runId)).toBe(queued);
    engine.stopRun(runId);

    // ¥11 buys five ¥2 reservations; the sixth stops the run; its queued calls never go out and give their reservation back
    const before = op.got.length;
    const budgeted = live(grantFlow('grant-budget', 'TRIAL-F', 11));
    engine.tickSync(Date.now());
    expect(getRun(h.db, budgeted)!.stopReason).toBe('budget_exhausted');
    expect(count('SELECT count(*) FROM provision_calls WHERE run_id = ?', budgeted)).toBe(5);
    expect(getRun(h.db, budgeted)!.spent).toBe(10);
    await engine.provisionCalls.pass(Date.now());
    expect(op.got.length).toBe(before);
    expect(count(`SELECT count(*) FROM grants WHERE run_id = ? AND result = 'failed' AND reason LIKE '%run ended before the call went out'`, budgeted)).toBe(5);
    expect(getRun(h.db, budgeted)!.spent).toBe(0);
    expectCountersKept(budgeted);
  });
});

describe('a benefit is not queued twice for one customer', () => {
  test('a call queued or awaiting its answer in another run counts as held; another benefit, or a call answered failed, does not', async () => {
    const op = await operator(() => ({ status: 202, body: { result: 'pending' } }));
    await bind(op.url);
    const first = live(grantFlow('pending-a', 'TRIAL-P'));
    engine.tickSync(Date.now());
    const customers = count('SELECT count(*) FROM journeys WHERE run_id = ?', first);
    expect(count(`SELECT count(*) FROM provision_calls WHERE run_id = ? AND status = 'queued'`, first)).toBe(customers);

    // queued, not yet posted: a second run of the same benefit takes the already-held port for everyone, and calls nobody
    const second = live(grantFlow('pending-b', 'TRIAL-P'));
    const other = live(grantFlow('pending-c', 'TRIAL-Q'));
    engine.tickSync(Date.now());
    expect(count('SELECT count(*) FROM provision_calls WHERE run_id = ?', second)).toBe(0);
    expect(count(`SELECT count(*) FROM journeys WHERE run_id = ? AND outcome = 'already_held'`, second)).toBe(customers);
    expect(count(`SELECT count(*) FROM grants WHERE run_id = ? AND result = 'already_held' AND reason = 'benefit TRIAL-P (call pending)' AND cost = 0`, second)).toBe(customers);
    expect(count(`SELECT count(*) FROM traces WHERE run_id = ? AND code = 'already_held'`, second)).toBe(customers);
    expect(getRun(h.db, second)!.spent).toBe(0);
    expectCountersKept(second);
    // another benefit is queued as usual
    expect(count(`SELECT count(*) FROM provision_calls WHERE run_id = ? AND status = 'queued'`, other)).toBe(customers);

    // posted and accepted (the answer comes later): still pending
    await settle(first);
    expect(count(`SELECT count(*) FROM provision_calls WHERE run_id = ? AND status = 'accepted'`, first)).toBe(customers);
    const third = live(grantFlow('pending-d', 'TRIAL-P'));
    engine.tickSync(Date.now());
    expect(count('SELECT count(*) FROM provision_calls WHERE run_id = ?', third)).toBe(0);
    expect(count(`SELECT count(*) FROM grants WHERE run_id = ? AND reason = 'benefit TRIAL-P (call pending)'`, third)).toBe(customers);

    // answered: a failed call frees the customer, a granted one holds the benefit as before
    const [failed, granted] = op.got.slice(0, 2).map((c) => c.customerId);
    const answer = (customerId: number, result: 'failed' | 'granted') =>
      expect(applyProvisionAnswer(h.db, { runId: first, customerId, state: 'b', attempt: 1 }, { result }, Date.now())).toBe('applied');
    answer(failed!, 'failed');
    answer(granted!, 'granted');
    const fourth = live(grantFlow('pending-e', 'TRIAL-P'));
    engine.tickSync(Date.now());
    expect(h.db.prepare('SELECT customer_id FROM provision_calls WHERE run_id = ?').pluck().all(fourth)).toEqual([failed]);
    expect(h.db.prepare('SELECT reason FROM grants WHERE run_id = ? AND customer_id = ?').pluck().get(fourth, granted)).toBe('benefit TRIAL-P');
    expect(count(`SELECT count(*) FROM grants WHERE run_id = ? AND reason = 'benefit TRIAL-P (call pending)'`, fourth)).toBe(customers - 2);
    expectCountersKept(fourth);
  });
});
