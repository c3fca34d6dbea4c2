import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, onTestFinished, test } from 'vitest';
import { ZodError } from 'zod';
import type { Machine } from '../../../shared/machine/types.js';
import { createApp } from '../../../server/app.js';
import { DAY } from '../../../server/engine/core/clock.js';
import { DEFAULT_POLICY } from '../../../server/engine/core/policy.js';
import { Engine } from '../../../server/engine/runtime/engine.js';
import { startRun, stopRun } from '../../../server/engine/store/runs.js';
import { openHarness, type Harness } from '../governance/harness.js';
import { allSegment, end, machine, touch } from '../engine/support/machines.js';
import { postSigned, signedReceiver } from './support/signed-http.js';
import { until } from '../../support/until.js';

/**
 * Channel bindings through tRPC and the signed HTTP channel against a real receiver on loopback that
 * verifies the Standard Webhooks signature (#19 items 1, 4). SQLite here, PostgreSQL in the pg project.
 */
const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const SECRET_2 = 'whsec_c2Vjb25kLXNlY3JldC1mb3ItdGhlLXRlc3QtMTIz';
const KEY = 'a'.repeat(64);

let h: Harness;
const logLines: string[] = [];
let engine: Engine;
beforeAll(() => {
  process.env.LINKAGE_SECRET_KEY = KEY;
  h = openHarness(120);
  const sink = new Writable({ write(chunk: Buffer, _e, cb) { logLines.push(chunk.toString()); cb(); } });
  const log = pino({ level: 'debug' }, sink);
  (h.services as { log: unknown }).log = log;
  const policy = { ...DEFAULT_POLICY, dailyCap: 10, weeklyCap: 20, channels: { sms_hall: { contactHours: [0, 24] as const }, app: { contactHours: [0, 24] as const } } };
  engine = new Engine(h.db, { policy, log, delivery: { retryBaseMs: 10, retryMaxMs: 40, breakers: { failures: 3, coolDownMs: 300 } } });
  (h.services as { engine: unknown }).engine = engine;
  const id = h.db.prepare(`INSERT INTO users (username, display_name, password_hash, org_unit, disabled, created_at) VALUES ('admin_gz', '广州管理员', 'x', 'gz', 0, '2026-01-01') RETURNING id`).pluck().get() as number;
  h.db.prepare("INSERT INTO user_roles (user_id, role) VALUES (?, 'admin')").run(id);
});
afterAll(() => {
  delete process.env.LINKAGE_SECRET_KEY;
  h.close();
});

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

interface Received { key: string; to: string; text: string; scriptId: string; touchId: string; type: string; bindingVersion: number }
/** A platform on loopback: verifies every request's signature (a bad one is a 401 and not kept), answers `status`; `accepted` keeps the keys it answered 200. */
async function receiver(secret = SECRET) {
  const r = await signedReceiver(secret, { status: 200, accepted: [] as string[] }, (msg: Received, p) => {
    if (p.status === 200) p.accepted.push(msg.key);
    return { status: p.status, body: { id: `plat-${p.got.length}` } };
  }, '/push');
  servers.push(r.server);
  return r;
}

const httpBinding = (url: string, secret: string | undefined, maxAttempts = 3) =>
  ({ kind: 'http' as const, http: { url, ...(secret !== undefined ? { secret } : {}), timeoutMs: 2000, maxAttempts } });
const count = (sql: string, ...a: unknown[]) => h.db.prepare(sql).pluck().get(...a) as number;

async function zodPaths(p: Promise<unknown>): Promise<string[]> {
  const e = await p.then(() => null, (err: unknown) => err as { cause?: unknown });
  expect(e?.cause).toBeInstanceOf(ZodError);
  return (e!.cause as ZodError).issues.map((i) => i.path.join('.'));
}

/** A live flow over this week with one touch on `channel` (its message script has {name} and {product}). */
function liveFlow(flowId: string, channel: 'sms_hall' | 'app'): Machine {
  const day = (d: number) => new Date(Date.now() + 8 * 3600_000 + d * DAY).toISOString().slice(0, 10);
  return machine([...touch('t', channel, 'publicity', { responded: 'resp', noResponse: 'none', converted: 'won', unreachable: 'lost' }, 24), end('resp'), end('none'), end('won'), end('lost')],
    { flowId, period: { start: day(-1), end: day(7) } });
}

describe('admin bindings', () => {
  test('admins only; a city admin reads but may not change or test; every field checked with its own message', async () => {
    await expect(h.as('planner').channelBindings.list()).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(h.as(null).channelBindings.list()).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    const listed = await h.as('admin_gz').channelBindings.list();
    expect(listed.bindings.find((b) => b.channel === 'sms_hall')).toMatchObject({ kind: 'simulated', version: 0 });
    expect(listed.bindings.find((b) => b.channel === 'outbound_call')).toMatchObject({ kind: 'agent_queue' });
    expect(listed.secretKey).toBe('set');
    await expect(h.as('admin_gz').channelBindings.save({ channel: 'sms_hall', binding: httpBinding('http://127.0.0.1:9/x', SECRET) })).rejects.toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('省公司') });
    await expect(h.as('admin_gz').channelBindings.test({ channel: 'sms_hall', to: '13800138000' })).rejects.toMatchObject({ code: 'FORBIDDEN' });

    const admin = h.as('admin').channelBindings;
    expect(await zodPaths(admin.save({ channel: 'sms_hall', binding: { kind: 'http', http: { url: 'ftp://x', secret: 'nope', timeoutMs: 10, maxAttempts: 99 } } })))
      .toEqual(expect.arrayContaining(['binding.http.url', 'binding.http.secret', 'binding.http.timeoutMs', 'binding.http.maxAttempts']));
    const gw = { host: 'bad host!', port: 70000, account: '12ab', password: 'x', version: undefined, serviceId: '', accessNumber: '10086x', tps: 0, window: 65 };
    expect(await zodPaths(admin.save({ channel: 'sms_hall', binding: { kind: 'cmpp', gateway: gw } })))
      .toEqual(expect.arrayContaining(['binding.gateway.host', 'binding.gateway.port', 'binding.gateway.accessNumber', 'binding.gateway.tps', 'binding.gateway.window']));
    // Rules that need the kind: CMPP's 6-digit SP id and its version; SMPP's 8-character password; kinds per channel.
    const okGw = { host: '127.0.0.1', port: 7890, account: '12ab', password: 'longer-than-8', serviceId: '', accessNumber: '10690', tps: 50, window: 16 };
    expect(await zodPaths(admin.save({ channel: 'sms_hall', binding: { kind: 'cmpp', gateway: okGw } }))).toEqual(['binding.gateway.account', 'binding.gateway.version']);
    expect(await zodPaths(admin.save({ channel: 'sms_hall', binding: { kind: 'smpp', gateway: okGw } }))).toEqual(['binding.gateway.password']);
    expect(await zodPaths(admin.save({ channel: 'outbound_call', binding: httpBinding('http://127.0.0.1:9/x', SECRET) }))).toEqual(['binding.kind']);
    // A first HTTP binding needs its secret: the message names the field in both languages.
    await expect(admin.save({ channel: 'app', binding: httpBinding('http://127.0.0.1:9/x', '') })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringMatching(/binding\.http\.secret.*签名密钥.*signing secret/) });
    // A malformed LINKAGE_SECRET_KEY is the operator's to fix: the save is refused, saying so in both languages.
    process.env.LINKAGE_SECRET_KEY = 'not-a-32-byte-key';
    const misconfigured = await admin.save({ channel: 'app', binding: httpBinding('http://127.0.0.1:9/x', SECRET) }).then(() => null, (e: unknown) => e).finally(() => { process.env.LINKAGE_SECRET_KEY = KEY; });
    expect(misconfigured).toMatchObject({ code: 'PRECONDITION_FAILED', message: expect.stringMatching(/服务器密钥配置错误：.*Server key misconfigured: LINKAGE_SECRET_KEY must be 32 bytes/) });
    expect(count(`SELECT count(*) FROM channel_bindings`)).toBe(0);
  });

  test('secrets are write-only: never answered, audited or logged, encrypted at rest, kept when an edit leaves them blank; each change bumps the version', async () => {
    const admin = h.as('admin').channelBindings;
    const a = await admin.save({ channel: 'wechat', binding: httpBinding('http://127.0.0.1:9/a', SECRET) });
    expect(a).toMatchObject({ kind: 'http', version: 1, encrypted: true, http: { secretSet: true, url: 'http://127.0.0.1:9/a' } });
    const b = await admin.save({ channel: 'wechat', binding: httpBinding('http://127.0.0.1:9/b', undefined) });
    expect(b).toMatchObject({ version: 2, http: { secretSet: true, url: 'http://127.0.0.1:9/b' } });
    const gw = { host: 'sms.example.cn', port: 7890, account: '901234', password: 'Gw-Pass-77', version: '3.0' as const, serviceId: 'MKT', accessNumber: '10690123', tps: 100, window: 16 };
    const c = await admin.save({ channel: 'bulk_sms', binding: { kind: 'cmpp', gateway: gw } });
    expect(c).toMatchObject({ kind: 'cmpp', version: 1, gateway: { passwordSet: true, account: '901234' } });
    const d = await admin.save({ channel: 'bulk_sms', binding: { kind: 'cmpp', gateway: { ...gw, password: '', tps: 200 } } });
    expect(d).toMatchObject({ version: 2, gateway: { passwordSet: true, tps: 200 } });

    const answers = JSON.stringify([a, b, c, d, await admin.list()]);
    const stored = JSON.stringify(h.db.prepare('SELECT * FROM channel_bindings').all()) + JSON.stringify(h.db.prepare('SELECT * FROM channel_binding_versions').all());
    const audit = JSON.stringify(h.db.prepare(`SELECT detail FROM audit_log WHERE action LIKE 'channel.%'`).all());
    for (const secret of [SECRET, SECRET.slice(6), 'Gw-Pass-77']) {
      expect(answers).not.toContain(secret);
      expect(stored).not.toContain(secret);
      expect(audit).not.toContain(secret);
      expect(logLines.join('')).not.toContain(secret);
    }
    expect(stored).toContain('enc:v1:');
    expect(count(`SELECT count(*) FROM audit_log WHERE action = 'channel.binding' AND entity = 'channel' AND entity_id = 'bulk_sms'`)).toBe(2);
    const changed = (h.db.prepare(`SELECT detail FROM audit_log WHERE action = 'channel.binding' ORDER BY id`).pluck().all() as string[]).map((d) => (JSON.parse(d) as { secretChanged: boolean }).secretChanged);
    expect(changed).toEqual([true, false, true, false]);
    // The kept password still opens (the version-2 binding has the version-1 secret).
    const { loadBinding } = await import('../../../server/channels/bindings/store.js');
    const kept = loadBinding(h.db, 'bulk_sms');
    expect(kept.settings.kind === 'cmpp' && kept.settings.gateway.password).toBe('Gw-Pass-77');
    // Another kind does not inherit it.
    await expect(admin.save({ channel: 'bulk_sms', binding: { kind: 'smpp', gateway: { ...gw, password: '' } } })).rejects.toMatchObject({ message: expect.stringContaining('binding.gateway.password') });
    await admin.save({ channel: 'bulk_sms', binding: { kind: 'simulated' } });
    await admin.save({ channel: 'wechat', binding: { kind: 'simulated' } });
  });
});

describe('HTTP channel', () => {
  test('the next send uses a changed binding, a contact already attempted keeps its own; signed payload with recipient, text, script and touch ids, key', async () => {
    const a = await receiver();
    const b = await receiver(SECRET_2);
    const admin = h.as('admin').channelBindings;
    await admin.save({ channel: 'sms_hall', binding: httpBinding(a.url, SECRET, 20) });
    a.status = 503;
    const m1 = liveFlow('bind-first', 'sms_hall');
    const run1 = startRun(h.db, { flowId: m1.flowId, version: 1, machine: m1, clock: 'live' });
    const now = Date.now();
    await engine.tick(now, 'live');
    const queued1 = count(`SELECT count(*) FROM contacts WHERE run_id = ? AND status = 'queued'`, run1);
    expect(queued1).toBeGreaterThan(20);
    expect(count(`SELECT count(*) FROM contacts WHERE run_id = ? AND binding_version = 1`, run1)).toBeGreaterThan(0);

    // The admin moves the channel to platform B (new URL, new secret).
    await admin.save({ channel: 'sms_hall', binding: httpBinding(b.url, SECRET_2, 20) });
    a.status = 200;
    const m2 = liveFlow('bind-second', 'sms_hall');
    const run2 = startRun(h.db, { flowId: m2.flowId, version: 1, machine: m2, clock: 'live' });
    await until('both runs delivered', async () => {
      await engine.tick(Date.now() + 5_000, 'live');
      return count(`SELECT count(*) FROM contacts WHERE run_id IN (?, ?) AND status = 'queued'`, run1, run2) === 0;
    });
    // Run 1's contacts first attempted under version 1 (before the circuit opened) went to A, each once;
    // those not attempted before the change, and all of run 2's, only to B.
    const keysOf = (run: number, version: number) => h.db.prepare(`SELECT run_id || ':' || customer_id || ':' || state || ':' || attempt FROM contacts WHERE run_id = ? AND status = 'sent' AND binding_version = ?`).pluck().all(run, version) as string[];
    const v1 = keysOf(run1, 1);
    expect(v1.length).toBeGreaterThanOrEqual(3);
    expect([...v1].sort()).toEqual([...a.accepted].sort());
    expect(new Set(b.accepted)).toEqual(new Set([...keysOf(run1, 2), ...keysOf(run2, 2)]));
    expect(v1.length + keysOf(run1, 2).length).toBe(queued1);
    expect(new Set(b.accepted).size).toBe(b.accepted.length);
    expect(keysOf(run2, 2).length).toBeGreaterThan(20);
    expect(b.got.every((g) => g.bindingVersion === 2)).toBe(true);
    expect(a.got.some((g) => g.key.startsWith(`${run2}:`))).toBe(false);
    expect(a.badSignatures + b.badSignatures).toBe(0);
    // The message: the customer's number, the touch's script filled for them, script and touch ids, the idempotency key.
    const one = b.got[0]!;
    const [, customerId] = one.key.split(':');
    const sub = h.db.prepare('SELECT name, phone FROM subscribers WHERE id = ?').get(Number(customerId)) as { name: string; phone: string };
    expect(one).toMatchObject({ type: 'message', to: sub.phone, scriptId: 'msg', touchId: 't' });
    expect(one.text).toContain(sub.name);
    expect(one.text).not.toMatch(/\{\w+\}/);
  }, 60_000);

  test('5xx: retried with back-off up to the cap, then a dead letter (still queued, binding paused); an admin retry delivers it once', async () => {
    // A short cool-down: the open circuit lets one probe through per 20 ms, so every contact reaches its cap quickly.
    const shared = engine;
    engine = new Engine(h.db, { policy: { ...DEFAULT_POLICY, dailyCap: 10, weeklyCap: 20, channels: { app: { contactHours: [0, 24] as const } } }, delivery: { retryBaseMs: 10, retryMaxMs: 40, breakers: { failures: 3, coolDownMs: 20 } } });
    (h.services as { engine: unknown }).engine = engine;
    onTestFinished(() => {
      engine = shared;
      (h.services as { engine: unknown }).engine = shared;
    });
    const r = await receiver();
    r.status = 503;
    const admin = h.as('admin').channelBindings;
    await admin.save({ channel: 'app', binding: httpBinding(r.url, SECRET, 3) });
    // A few customers (heavy data users): each has three attempts, one probe per cool-down once the circuit is open.
    const m = { ...liveFlow('dead-letters', 'app'), entry: allSegment({ conditions: { combinator: 'and', rules: [{ field: 'dataUsagePct', op: 'gte', value: 85 }], groups: [] } }) };
    const runId = startRun(h.db, { flowId: m.flowId, version: 1, machine: m, clock: 'live' });
    const queued = await until('contacts queued', async () => {
      await engine.tick(Date.now(), 'live');
      return count(`SELECT count(*) FROM contacts WHERE run_id = ? AND status = 'queued'`, runId) || undefined;
    });
    expect(queued).toBeGreaterThanOrEqual(2);
    // Passes until every contact has had its 3 attempts (the breaker lets a probe through each cool-down).
    const dead = await until('all dead-lettered', async () => {
      await engine.tick(Date.now() + 1_000, 'live');
      const n = count(`SELECT count(*) FROM http_dead_letters WHERE run_id = ? AND status = 'waiting'`, runId);
      return n === queued ? n : undefined;
    }, 40_000);
    expect(dead).toBe(queued);
    const perKey = new Map<string, number>();
    for (const g of r.got) perKey.set(g.key, (perKey.get(g.key) ?? 0) + 1);
    expect(Math.max(...perKey.values())).toBe(3);
    // Parked, not lost: still queued, the journeys held at their await.
    expect(count(`SELECT count(*) FROM contacts WHERE run_id = ? AND status = 'queued'`, runId)).toBe(queued);
    const listed = await admin.list();
    const st = listed.statuses.find((s) => s.channel === 'app')!;
    expect(st).toMatchObject({ paused: true, link: 'down', deadLetters: queued, waiting: queued });
    expect(st.detail).toContain('HTTP 503');
    // The run's own dashboard says so too: sending paused on that binding, its contacts waiting, nothing lost.
    const dash = await h.as('admin').monitoring.dashboard({ runId });
    expect(dash.bindings).toEqual([expect.objectContaining({ channel: 'app', paused: true, link: 'down', waiting: queued, deadLetters: queued })]);
    const letters = await admin.deadLetters({ channel: 'app' });
    expect(letters[0]).toMatchObject({ channel: 'app', status: 'waiting', tries: 3, contactStatus: 'queued', reason: expect.stringContaining('503') });

    // The platform is back; an admin retries one letter: delivered once, the others stay parked.
    r.status = 200;
    const before = r.got.length;
    await admin.retryDeadLetter({ id: letters[0]!.id });
    await expect(admin.retryDeadLetter({ id: letters[0]!.id })).rejects.toMatchObject({ code: 'CONFLICT' });
    await until('the retried letter delivered', async () => {
      await engine.tick(Date.now() + 1_000, 'live');
      return r.accepted.includes(letters[0]!.contactKey);
    });
    for (let i = 0; i < 3; i++) await engine.tick(Date.now() + 1_000, 'live');
    expect(r.accepted.filter((k) => k === letters[0]!.contactKey)).toHaveLength(1);
    expect(r.got.length - before).toBe(1);
    expect((await admin.deadLetters({ channel: 'app' }))[0]).toMatchObject({ status: 'retried', contactStatus: 'sent', retriedBy: 'admin' });
    expect(count(`SELECT count(*) FROM contacts WHERE run_id = ? AND status = 'queued'`, runId)).toBe(queued - 1);
    await expect(h.as('admin_gz').channelBindings.retryDeadLetter({ id: letters[1]!.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    // Switching to simulated would strand the parked contacts: refused, saying how many; once the run stops, allowed.
    await expect(admin.save({ channel: 'app', binding: { kind: 'simulated' } })).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining(`${queued - 1} 条联系`) });
    stopRun(h.db, runId);
    await admin.save({ channel: 'app', binding: { kind: 'simulated' } });
  }, 60_000);

  test('test message: a real signed send answered with the platform id, or the error in words; simulated channels say they send nothing', async () => {
    const r = await receiver();
    const admin = h.as('admin').channelBindings;
    await admin.save({ channel: 'wechat', binding: httpBinding(r.url, SECRET) });
    const ok = await admin.test({ channel: 'wechat', to: '+8613800138000', text: '测试' });
    expect(ok).toEqual({ ok: true, messageId: 'plat-1' });
    expect(r.got[0]).toMatchObject({ type: 'test', to: '13800138000', text: '测试' });
    r.status = 500;
    expect(await admin.test({ channel: 'wechat', to: '13800138000' })).toMatchObject({ ok: false, error: expect.stringContaining('HTTP 500') });
    const gone = await receiver();
    await new Promise((ok) => servers.pop()!.close(ok));
    await admin.save({ channel: 'wechat', binding: httpBinding(gone.url, undefined) });
    const refused = await admin.test({ channel: 'wechat', to: '13800138000' });
    expect(refused, JSON.stringify(refused)).toMatchObject({ ok: false, error: expect.stringContaining('ECONNREFUSED') });
    expect(await admin.test({ channel: 'kiosk', to: '13800138000' })).toMatchObject({ ok: false, error: expect.stringContaining('simulated') });
    expect(await zodPaths(admin.test({ channel: 'wechat', to: '12345' }))).toEqual(['to']);
    expect(count(`SELECT count(*) FROM audit_log WHERE action = 'channel.test_send'`)).toBe(4);
  });

  test('inbound: a signed delivery report is applied, a bad signature is 401 and applies nothing, a signed TD reply opts out', async () => {
    const app = createApp(h.services);
    const server = app.listen(0, '127.0.0.1');
    servers.push(server);
    await new Promise((ok) => server.once('listening', ok));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const post = (secret: string, body: unknown, channel = 'sms_hall', id?: string) => postSigned(`${base}/api/channels/${channel}/inbound`, secret, body, id);
    // sms_hall is bound to platform B (SECRET_2) by the first HTTP test; take two of its sent contacts.
    const [c1, c2] = h.db.prepare(`SELECT run_id || ':' || customer_id || ':' || state || ':' || attempt AS key, customer_id AS "customerId", run_id AS "runId" FROM contacts WHERE channel = 'sms_hall' AND status = 'sent' ORDER BY customer_id LIMIT 2`).all() as { key: string; customerId: number; runId: number }[];
    const bad = await post(SECRET, { type: 'report', key: c1!.key, status: 'UNDELIV' });
    expect([bad.status, await bad.json()]).toEqual([401, { error: 'signature: No matching signature found' }]);
    const unsigned = await fetch(`${base}/api/channels/sms_hall/inbound`, { method: 'POST', body: JSON.stringify({ type: 'report', key: c1!.key, status: 'UNDELIV' }), headers: { 'content-type': 'application/json' } });
    expect(unsigned.status).toBe(401);
    expect(count(`SELECT count(*) FROM contacts WHERE run_id = ? AND customer_id = ? AND status = 'failed'`, c1!.runId, c1!.customerId)).toBe(0);

    const failed = await post(SECRET_2, { type: 'report', key: c1!.key, status: 'UNDELIV' });
    expect(failed.status).toBe(200);
    expect(await failed.json()).toMatchObject({ status: 'applied' });
    expect(count(`SELECT count(*) FROM contacts WHERE run_id = ? AND customer_id = ? AND status = 'failed'`, c1!.runId, c1!.customerId)).toBe(1);
    expect(h.db.prepare(`SELECT state FROM journeys WHERE run_id = ? AND customer_id = ?`).pluck().get(c1!.runId, c1!.customerId)).toBe('lost');
    expect(await (await post(SECRET_2, { type: 'report', key: c1!.key, status: 'UNDELIV' })).json()).toMatchObject({ status: 'duplicate' });
    expect(await (await post(SECRET_2, { type: 'report', key: c2!.key, status: 'DELIVRD' })).json()).toMatchObject({ status: 'applied' });
    expect(count(`SELECT count(*) FROM traces WHERE run_id = ? AND customer_id = ? AND code = 'delivered'`, c2!.runId, c2!.customerId)).toBe(1);
    const noKey = await post(SECRET_2, { type: 'report', status: 'DELIVRD' });
    expect([noKey.status, await noKey.json()]).toEqual([400, { error: 'key：类型应为文本 / key: must be text' }]);
    const unbound = await post(SECRET_2, { type: 'report', key: c2!.key, status: 'DELIVRD' }, 'kiosk');
    expect([unbound.status, await unbound.json()]).toEqual([401, { error: 'signature: no HTTP binding for this channel' }]);

    const phone = h.db.prepare('SELECT phone FROM subscribers WHERE id = ?').pluck().get(c2!.customerId) as string;
    const td = await post(SECRET_2, { type: 'reply', from: phone, text: 'TD' }, 'sms_hall', 'msg_td_1');
    expect(td.status).toBe(200);
    expect(await td.json()).toMatchObject({ status: 'opted_out' });
    // The same signed reply again (a platform retry, or a replay inside the signature window): not applied twice.
    const replies = count('SELECT count(*) FROM inbound_replies');
    expect(replies).toBeGreaterThan(0);
    const again = await post(SECRET_2, { type: 'reply', from: phone, text: 'TD' }, 'sms_hall', 'msg_td_1');
    expect(await again.json()).toMatchObject({ status: 'duplicate' });
    expect(count('SELECT count(*) FROM inbound_replies')).toBe(replies);
  });
});
