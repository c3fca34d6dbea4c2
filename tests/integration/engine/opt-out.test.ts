import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultMessageScript } from '../../../shared/flow/script.js';
import { createApp } from '../../../server/app.js';
import { HOUR } from '../../../server/engine/core/clock.js';
import { Engine } from '../../../server/engine/runtime/engine.js';
import { channelBit } from '../../../server/engine/core/policy.js';
import { startRun } from '../../../server/engine/store/runs.js';
import { createTestServices } from '../../support/test-services.js';
import { callerAs } from '../monitoring/support.js';
import { periodStart, quiet } from './support/fixture.js';
import { end, machine, touch } from './support/machines.js';

let services: ReturnType<typeof createTestServices> | null = null;
let server: Server | null = null;
afterEach(async () => {
  if (server) await new Promise((r) => server!.close(r));
  server = null;
  services?.cleanup();
  services = null;
});

/** One SMS-hall touch; its script also offers "reply 0 to stop" (a script-level optout keyword). */
const smsFlow = (flowId: string) => {
  const m = machine([...touch('t', 'sms_hall', 'publicity', { responded: 'resp', noResponse: 'none', converted: 'won', unreachable: 'lost' }, 48, 'stop0'), end('resp'), end('none'), end('won'), end('lost')], { flowId });
  return { ...m, scripts: { ...m.scripts, stop0: { ...defaultMessageScript(), replyKeywords: [{ keyword: '1', action: 'order' as const }, { keyword: '0', action: 'optout' as const }] } } };
};

async function setUp() {
  services = createTestServices(300);
  const engine = new Engine(services.db, { channels: () => ({ adapters: {}, defaultAdapter: quiet }) });
  const s = { ...services, config: { ...services.config, EVENTS_API_KEY: 'k-test' }, engine };
  server = createApp(s).listen(0, '127.0.0.1');
  await new Promise((ok) => server!.once('listening', ok));
  const port = (server.address() as AddressInfo).port;
  const post = async (body: unknown) => {
    const res = await fetch(`http://127.0.0.1:${port}/api/events`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer k-test' }, body: JSON.stringify(body) });
    expect(res.status).toBe(200);
    return ((await res.json()) as { results: { status: string; reason?: string }[] }).results;
  };
  return { db: services.db, engine, post, services: s };
}

const prefs = (db: ReturnType<typeof createTestServices>['db'], id: number) =>
  db.prepare('SELECT dnd, opt_out_mask AS mask FROM subscribers WHERE id = ?').get(id) as { dnd: number; mask: number };

describe('opt-out takes effect at once', () => {
  it('POST /api/events: TD / 退订 / T replies, script keywords, optout and dnd events close channels in the same transaction; acknowledged; no later contact', async () => {
    const { db, engine, post } = await setUp();
    const m = smsFlow('first');
    const first = startRun(db, { flowId: m.flowId, version: 1, machine: m, clock: 'virtual' });
    const t0 = periodStart(m) + 9 * HOUR;
    engine.tickSync(t0);
    const waiting = db.prepare(`SELECT customer_id FROM journeys WHERE run_id = ? AND state = 't.await' AND customer_id IN (SELECT id FROM subscribers WHERE dnd = 0 AND opt_out_mask = 0) ORDER BY customer_id`).pluck().all(first) as number[];
    const [a, b, c, d, e, f, g] = waiting as [number, number, number, number, number, number, number];
    const res = await post([
      { id: 'r1', type: 'reply', customerId: a, channel: 'sms_hall', text: ' td ' },
      { id: 'r2', type: 'reply', customerId: b, channel: 'sms_hall', text: '退订' },
      { id: 'r3', type: 'reply', customerId: c, channel: 'sms_hall', text: '全部退订' },
      { id: 'r4', type: 'reply', customerId: d, channel: 'sms_hall', text: '0' },
      { id: 'r5', type: 'optout', customerId: e, channel: 'bulk_sms' },
      { id: 'r6', type: 'optout', customerId: f },
      { id: 'r7', type: 'dnd', customerId: g },
      { id: 'r8', type: 'reply', customerId: a, channel: 'sms_hall', text: '谢谢' },
      { id: 'r9', type: 'reply', customerId: a, text: 'TD' },
      { id: 'r10', type: 'reply', customerId: a, channel: 'bulk_sms', text: 'T' },
    ]);
    expect(res.map((r) => r.status)).toEqual(['applied', 'applied', 'applied', 'applied', 'applied', 'applied', 'applied', 'recorded', 'invalid', 'applied']);
    const sms = channelBit('sms_hall');
    const bulk = channelBit('bulk_sms');
    expect(prefs(db, a).mask).toBe(sms | bulk);
    expect(prefs(db, b).mask).toBe(sms);
    expect(prefs(db, c).mask & channelBit('outbound_call')).not.toBe(0);
    expect(prefs(db, d).mask).toBe(sms);
    expect(prefs(db, e).mask).toBe(bulk);
    expect(prefs(db, f).mask & channelBit('app')).not.toBe(0);
    expect(prefs(db, f).mask & sms).not.toBe(0);
    expect(prefs(db, g).dnd).toBe(1);
    // the history says where each came from; replies on SMS are acknowledged with the channel's template
    const hist = db.prepare('SELECT customer_id, kind, channel, source, ack FROM contact_pref_changes ORDER BY id').all() as { customer_id: number; kind: string; channel: string | null; source: string; ack: string | null }[];
    expect(hist.find((h) => h.customer_id === a)).toMatchObject({ kind: 'opt_out', channel: 'sms_hall', source: 'reply', ack: expect.stringContaining('退订') });
    expect(hist.find((h) => h.customer_id === c)).toMatchObject({ channel: null, source: 'reply' });
    expect(hist.find((h) => h.customer_id === d)).toMatchObject({ channel: 'sms_hall', source: 'script' });
    expect(hist.find((h) => h.customer_id === g)).toMatchObject({ kind: 'dnd_on', source: 'event', ack: null });
    expect(db.prepare(`SELECT detail FROM traces WHERE run_id = ? AND customer_id = ? AND code = 'opt_out'`).pluck().get(first, a)).toMatch(/acknowledged/);

    // a later run on the SMS hall contacts none of them; b (opted out of SMS only) is still reachable elsewhere
    const later = smsFlow('later');
    const second = startRun(db, { flowId: later.flowId, version: 1, machine: later, clock: 'virtual' });
    engine.tickSync(t0 + 24 * HOUR);
    const sent = db.prepare(`SELECT customer_id FROM contacts WHERE run_id = ? AND channel = 'sms_hall' AND status IN ('sent','queued') AND customer_id IN (?, ?, ?, ?, ?, ?)`).pluck().all(second, a, b, c, d, f, g);
    expect(sent).toEqual([]);
    const reasons = db.prepare(`SELECT customer_id, reason FROM contacts WHERE run_id = ? AND customer_id IN (?, ?) ORDER BY customer_id`).all(second, a, g) as { reason: string }[];
    expect(reasons.map((r) => r.reason)).toEqual(a < g ? ['opt_out', 'dnd'] : ['dnd', 'opt_out']);
    expect(db.prepare(`SELECT count(*) FROM contacts WHERE run_id = ? AND customer_id = ? AND status = 'sent'`).pluck().get(second, e)).toBe(1);
  });

  it('tRPC contactPrefs: admins set and clear DND and opt-outs, audited; others refused; bad input answered clearly', async () => {
    const { db, services: s } = await setUp();
    const gz = db.prepare("SELECT id FROM subscribers WHERE city = 'gz' AND dnd = 0 AND opt_out_mask = 0 ORDER BY id LIMIT 1").pluck().get() as number;
    const admin = callerAs(s, 'admin');
    const on = await admin.contactPrefs.set({ customerId: gz, dnd: true, optOut: [{ channel: 'sms_hall', optedOut: true }], note: '投诉工单 123' });
    expect(on).toEqual({ dnd: true, optOut: ['sms_hall'] });
    expect(prefs(db, gz)).toEqual({ dnd: 1, mask: channelBit('sms_hall') });
    const off = await admin.contactPrefs.set({ customerId: gz, dnd: false, optOut: [{ channel: 'all', optedOut: false }] });
    expect(off).toEqual({ dnd: false, optOut: [] });
    const got = await admin.contactPrefs.get({ customerId: gz });
    expect(got.history.map((h) => (h as { kind: string }).kind)).toEqual(['opt_in', 'dnd_off', 'opt_out', 'dnd_on']);
    const audit = db.prepare(`SELECT entity, entity_id, detail FROM audit_log WHERE action = 'customer.contact_prefs' ORDER BY id`).all() as { entity: string; entity_id: string; detail: string }[];
    expect(audit).toHaveLength(2);
    expect(audit[0]).toMatchObject({ entity: 'customer', entity_id: String(gz) });
    expect(JSON.parse(audit[0]!.detail)).toMatchObject({ before: { dnd: false, optOut: [] }, after: { dnd: true, optOut: ['sms_hall'] }, note: '投诉工单 123' });
    await expect(callerAs(s, 'planner').contactPrefs.set({ customerId: gz, dnd: true })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(admin.contactPrefs.set({ customerId: gz })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('没有要修改的内容') });
    await expect(admin.contactPrefs.set({ customerId: 99_999_999, dnd: true })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(admin.contactPrefs.set({ customerId: gz, optOut: [{ channel: 'fax' as never, optedOut: true }] })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    expect(prefs(db, gz)).toEqual({ dnd: 0, mask: 0 });
  });
});
