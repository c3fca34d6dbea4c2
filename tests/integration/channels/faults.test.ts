/**
 * Bad input and faults on a gateway-bound channel (issue #19): wrong credentials, a gateway that is down,
 * closes the connection mid-window, answers too slowly or sends a malformed PDU; duplicate, early and
 * failed receipts; a reply from an unknown number; a 2,000-character message. Each gives a clear status
 * (link state and reason, contacts waiting, unknown written with its reason) and never a duplicate send —
 * the local gateway's log is the ground truth.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Machine } from '../../../shared/machine/types.js';
import { TestGateway, type GatewayPorts } from '../../../server/channels/gateway/gateway.js';
import type { GatewayOptions } from '../../../server/channels/gateway/core.js';
import { ACCOUNTS, type Proto } from '../../../server/channels/test-support.js';
import { closeGatewayAdapters, gatewayAdapter, type GatewayAdapter } from '../../../server/channels/delivery/gateway-adapter.js';
import { applyDeliveryReport } from '../../../server/channels/delivery/receipts.js';
import { applyReply } from '../../../server/channels/delivery/replies.js';
import { Engine } from '../../../server/engine/runtime/engine.js';
import { runDashboard } from '../../../server/monitoring/dashboard.js';
import { startRun } from '../../../server/engine/store/runs.js';
import { openFixture, quiet, type Fixture } from '../engine/support/fixture.js';
import { until } from '../../support/until.js';
import { binding, liveSmsFlow, smsPolicy } from './support/flow.js';

let fx: Fixture | null = null;
let engine: Engine | null = null;
let gw: TestGateway | null = null;
afterEach(async () => {
  await engine?.stopLoop();
  if (fx) await closeGatewayAdapters(fx.db);
  await gw?.close();
  fx?.close();
  engine = gw = fx = null;
});

interface Setup { adapter: GatewayAdapter; runId: number; count: (sql: string, ...a: unknown[]) => number }

/** 40 customers, one live SMS run through the adapter bound to `ports` (the gateway may not be listening). */
function run(proto: Proto, ports: GatewayPorts, o: { password?: string; tuning?: object; flow?: Machine } = {}): Setup {
  fx = openFixture(40);
  const db = fx.db;
  const adapter = gatewayAdapter(db, binding(proto, ports, o.password ? { password: o.password } : {}), { tuning: { reconnectMs: 20, maxReconnectMs: 100, ...o.tuning }, connectWaitMs: 300 });
  const flow = o.flow ?? liveSmsFlow(`${proto}-faults`, 1);
  engine = new Engine(db, { policy: smsPolicy, channels: () => ({ adapters: { bulk_sms: adapter }, defaultAdapter: quiet }),
    delivery: { idleMs: 20, retryBaseMs: 50, retryMaxMs: 200, breakers: { failures: 3, coolDownMs: 200 } } });
  const runId = startRun(db, { flowId: flow.flowId, version: 1, machine: flow, clock: 'live' });
  engine.startLoop(50);
  return { adapter, runId, count: (sql, ...a) => db.prepare(sql).pluck().get(...a) as number };
}
async function gateway(opts: Partial<GatewayOptions> = {}, ports?: GatewayPorts): Promise<GatewayPorts> {
  gw = new TestGateway({ accounts: ACCOUNTS, reportDelayMs: 10, ...opts });
  return gw.listen(ports);
}
const queued = (s: Setup) => s.count(`SELECT count(*) FROM contacts WHERE run_id = ? AND status = 'queued'`, s.runId);
const settled = (s: Setup) => () => queued(s) === 0 && s.count(`SELECT count(*) FROM contacts WHERE run_id = ?`, s.runId) > 0;
/** No number got the campaign text twice. */
const noDuplicates = () => {
  const to = gw!.log.filter((e) => e.outcome === 'accepted' && e.pkNumber === 1).map((e) => `${e.to}|${e.from}`);
  expect(to.length).toBe(new Set(to).size);
  return to.length;
};

describe.each(['cmpp', 'smpp'] as const)('%s faults', (proto: Proto) => {
  it('wrong credentials: the link says so, sending pauses, every contact waits; nothing reaches the gateway', async () => {
    const ports = await gateway();
    const s = run(proto, ports, { password: 'wrong-secret' });
    await until('auth-failed', () => s.adapter.status().state === 'auth-failed');
    expect(s.adapter.status().error).toMatch(/auth|password|secret|credential|bind/i);
    await until('the breaker to pause the binding', () => engine!.delivery.breaker(s.adapter).state(Date.now()) !== 'closed');
    expect(queued(s)).toBeGreaterThan(30);
    expect(s.count(`SELECT count(*) FROM submits`)).toBe(0);
    expect(gw!.log).toHaveLength(0);
  });

  it('gateway down at first: contacts wait, then go out once each when it comes up', async () => {
    const probe = new TestGateway({ accounts: ACCOUNTS });
    const ports = await probe.listen();
    await probe.close();
    const s = run(proto, ports);
    await until('the link to report it down', () => s.adapter.status().state === 'disconnected' && s.adapter.status().error !== undefined);
    await until('the contacts to wait for it', () => queued(s) > 30);
    await until('the breaker to pause the binding', () => engine!.delivery.breaker(s.adapter).state(Date.now()) !== 'closed');
    expect(s.count(`SELECT count(*) FROM submits`)).toBe(0);
    await gateway({}, ports);
    await until('every contact sent', settled(s));
    expect(noDuplicates()).toBe(s.count(`SELECT count(*) FROM contacts WHERE run_id = ? AND status = 'sent'`, s.runId));
  });

  it('the gateway closes mid-window and answers slowly: lost answers are unknown, never re-sent; the rest once', async () => {
    const ports = await gateway({ responseDelayMs: 20 });
    gw!.faults.closeAfter = 6;
    const s = run(proto, ports);
    await until('every contact decided', settled(s));
    const unknown = s.count(`SELECT count(*) FROM submits WHERE status = 'unknown'`);
    expect(unknown).toBeGreaterThan(0);
    expect(s.count(`SELECT count(*) FROM contacts WHERE run_id = ? AND status = 'sent' AND reason LIKE '提交结果未知%'`, s.runId)).toBe(unknown);
    // The run dashboard counts them.
    expect(runDashboard(fx!.db, s.runId).gateway).toMatchObject({ unknown, submitted: s.count(`SELECT count(*) FROM submits WHERE status = 'submitted'`) });
    noDuplicates();
    // Each submitted contact is in the log once; an unknown one at most once.
    expect(gw!.log.filter((e) => e.outcome === 'accepted').length).toBeGreaterThanOrEqual(s.count(`SELECT count(*) FROM submits WHERE status = 'submitted'`));
  });

  it('answers slower than the response timeout: unknown, the late answer ignored, nothing sent twice', async () => {
    const ports = await gateway({ responseDelayMs: 400 });
    const s = run(proto, ports, { tuning: { responseTimeoutMs: 100 } });
    await until('every contact decided', settled(s));
    expect(s.count(`SELECT count(*) FROM submits WHERE status = 'unknown'`)).toBeGreaterThan(0);
    expect(s.count(`SELECT count(*) FROM submits WHERE status = 'submitting'`)).toBe(0);
    noDuplicates();
  });

  it('a malformed PDU: the link drops and reconnects, the contact in question is unknown, none twice', async () => {
    const ports = await gateway();
    gw!.faults.malformedNext = true;
    const s = run(proto, ports);
    await until('every contact decided', settled(s));
    expect(s.count(`SELECT count(*) FROM submits WHERE status = 'unknown'`)).toBeGreaterThan(0);
    noDuplicates();
  });
});

describe('receipts, replies and long messages (CMPP)', () => {
  it('an early and a repeated receipt, and a failed delivery that moves the journey by the failure rule', async () => {
    const ports = await gateway({ reportDelayMs: 60_000 });
    const s = run('cmpp', ports);
    await until('every contact sent', settled(s));
    const db = fx!.db;
    const subs = db.prepare(`SELECT contact_key AS key, customer_id AS id, msg_ids FROM submits WHERE status = 'submitted' ORDER BY customer_id LIMIT 2`).all() as { key: string; id: number; msg_ids: string }[];
    const [ok, bad] = subs.map((x) => ({ ...x, msgId: (JSON.parse(x.msg_ids) as string[])[0]! }));
    expect(applyDeliveryReport(db, { channel: 'bulk_sms', msgId: ok!.msgId, status: 'DELIVRD' }).status).toBe('applied');
    expect(applyDeliveryReport(db, { channel: 'bulk_sms', msgId: ok!.msgId, status: 'DELIVRD' }).status).toBe('duplicate');
    expect(applyDeliveryReport(db, { channel: 'bulk_sms', msgId: bad!.msgId, status: 'UNDELIV' }).status).toBe('applied');
    expect(s.count(`SELECT count(*) FROM journeys WHERE run_id = ? AND customer_id = ? AND state = 'lost'`, s.runId, bad!.id)).toBe(1);
    expect(db.prepare(`SELECT detail FROM traces WHERE customer_id = ? AND code = 'delivery_failed'`).pluck().get(bad!.id)).toMatch(/^bulk_sms: 无法送达.*（UNDELIV） \/ undeliverable.*\(UNDELIV\)$/);
    expect(s.count(`SELECT count(*) FROM contacts WHERE run_id = ? AND customer_id = ? AND status = 'failed'`, s.runId, bad!.id)).toBe(1);
    // Out of order: a report for an id the gateway has not answered yet is kept, not lost.
    expect(applyDeliveryReport(db, { channel: 'bulk_sms', msgId: 'not-yet-known', status: 'DELIVRD' }).status).toBe('buffered');
    expect(applyDeliveryReport(db, { channel: 'bulk_sms', msgId: 'not-yet-known', status: 'DELIVRD' }).status).toBe('duplicate');
    expect(applyDeliveryReport(db, { channel: 'nope', msgId: '', status: 'DELIVRD' })).toMatchObject({ status: 'invalid', reason: expect.stringMatching(/channel.*msgId|msgId/) });
  });

  it('a reply from an unknown number is recorded as unmatched, with the reason', async () => {
    const ports = await gateway();
    const s = run('cmpp', ports);
    await until('every contact sent', settled(s));
    const out = applyReply(fx!.db, { channel: 'bulk_sms', from: '13000000000', text: '1', extension: '01' });
    expect(out).toMatchObject({ status: 'unmatched', reason: expect.stringContaining('13000000000') });
    expect(s.count(`SELECT count(*) FROM inbound_replies WHERE phone = '13000000000' AND status = 'unmatched'`)).toBe(1);
    expect(applyReply(fx!.db, { channel: 'bulk_sms', from: 'abc', text: '1' })).toMatchObject({ status: 'invalid', reason: expect.stringContaining('from') });
  });

  it('a 2,000-character message: 30 parts, each accepted once, delivered when all 30 reports are in', async () => {
    const ports = await gateway();
    const flow = liveSmsFlow('long-sms', 1);
    const template = '联动营销长短信测试。'.repeat(200);
    flow.scripts.msg2 = { kind: 'message', template, replyKeywords: [{ keyword: '1', action: 'order' }], secondConfirmation: true };
    const s = run('cmpp', ports, { flow });
    await until('every contact sent', settled(s));
    const sent = s.count(`SELECT count(*) FROM contacts WHERE run_id = ? AND status = 'sent'`, s.runId);
    expect(gw!.log.filter((e) => e.outcome === 'accepted')).toHaveLength(sent * 30);
    noDuplicates();
    await until('all reports', () => s.count(`SELECT count(*) FROM submits WHERE delivery = 'delivered'`) === sent);
    expect(s.count(`SELECT count(*) FROM submit_parts WHERE stat = 'DELIVRD'`)).toBe(sent * 30);
  });
});
