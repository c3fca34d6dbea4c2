/**
 * A customer reply that a CMPP gateway delivers twice (it missed the DELIVER_RESP and sends the same
 * DELIVER, same Msg_Id, again) is applied once (#19, migration 026): one confirmation prompt for "1",
 * one conversion for "Y", one opt-out for "TD". The local gateway's `repeatMo` fault sends each copy; its
 * `moAcks` shows Linkage answered both, so the second copy really arrived and was handled.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { TestGateway } from '../../../server/channels/gateway/gateway.js';
import { ACCOUNTS } from '../../../server/channels/test-support.js';
import { closeGatewayAdapters, gatewayAdapter } from '../../../server/channels/delivery/gateway-adapter.js';
import { applyReply } from '../../../server/channels/delivery/replies.js';
import { channelBit } from '../../../server/engine/core/policy.js';
import { Engine } from '../../../server/engine/runtime/engine.js';
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
  engine = null;
  gw = null;
  fx = null;
});

describe('a customer message the CMPP gateway delivers twice', () => {
  it('is applied once: one prompt for 1, one conversion for Y, one opt-out for TD', async () => {
    gw = new TestGateway({ accounts: ACCOUNTS, reportDelayMs: 20 });
    const ports = await gw.listen();
    fx = openFixture(60);
    const db = fx.db;
    const adapter = gatewayAdapter(db, binding('cmpp', ports), { tuning: { reconnectMs: 20, maxReconnectMs: 200 } });
    const flow = liveSmsFlow('dup-mo', 1);
    engine = new Engine(db, { policy: smsPolicy, channels: () => ({ adapters: { bulk_sms: adapter }, defaultAdapter: quiet }), delivery: { idleMs: 20 } });
    const runId = startRun(db, { flowId: flow.flowId, version: 1, machine: flow, clock: 'live' });
    engine.startLoop(50);
    const count = (sql: string, ...a: unknown[]) => Number(db.prepare(sql).pluck().get(...a));

    const [a, b] = await until('two customers reached', () => {
      const rows = db.prepare(`SELECT c.customer_id AS id, s.phone FROM contacts c JOIN subscribers s ON s.id = c.customer_id
        WHERE c.run_id = ? AND c.state = 't1.send' AND c.status = 'sent' ORDER BY c.sent_at, c.customer_id LIMIT 2`).all(runId) as { id: number; phone: string }[];
      return rows.length === 2 && rows.every((r) => gw!.log.some((e) => e.to === r.phone)) ? rows : undefined;
    });
    const touchAddress = gw.log.find((e) => e.to === a!.phone)!.from;
    const account = '901234';
    /** Every customer message delivered so far was answered twice by Linkage: both copies were handled. */
    const bothCopiesAnswered = (messages: number) => gw!.moAcks.size === messages && [...gw!.moAcks.values()].every((n) => n === 2);

    gw.faults.repeatMo = 3;
    gw.mobileOriginated(account, { from: a!.phone, to: touchAddress, text: '1' });
    const prompt = await until('the confirmation prompt', () => gw!.log.find((e) => e.to === a!.phone && e.text.includes('回复Y确认')));
    await until('both copies of 1 answered', () => bothCopiesAnswered(1));
    gw.mobileOriginated(account, { from: a!.phone, to: prompt.from, text: 'Y' });
    await until('the order to convert', () => count(`SELECT count(*) FROM journeys WHERE run_id = ? AND customer_id = ? AND state = 'won'`, runId, a!.id) === 1);
    await until('both copies of Y answered', () => bothCopiesAnswered(2));
    gw.mobileOriginated(account, { from: b!.phone, to: touchAddress, text: 'TD' });
    await until('the opt-out', () => (count('SELECT opt_out_mask FROM subscribers WHERE id = ?', b!.id) & channelBit('bulk_sms')) !== 0);
    await until('both copies of TD answered', () => bothCopiesAnswered(3));
    await until('the opt-out acknowledgement', () => gw!.log.some((e) => e.to === b!.phone && e.text.includes('退订')));

    // Three messages, six deliveries: three replies kept, each with its Msg_Id, each applied once.
    const replies = db.prepare('SELECT text, status, msg_id AS "msgId" FROM inbound_replies ORDER BY id').all() as { text: string; status: string; msgId: string }[];
    expect(replies.map((r) => [r.text, r.status])).toEqual([['1', 'order_intent'], ['Y', 'confirmed'], ['TD', 'opted_out']]);
    expect(new Set(replies.map((r) => r.msgId))).toEqual(new Set(gw.moAcks.keys()));
    expect(count('SELECT count(*) FROM contact_pref_changes WHERE customer_id = ?', b!.id)).toBe(1);
    expect(count(`SELECT count(*) FROM journeys WHERE run_id = ? AND state = 'won'`, runId)).toBe(1);
    // The prompt, the order confirmation and the opt-out acknowledgement each went out once.
    expect(gw.log.filter((e) => e.to === a!.phone && e.text.includes('回复Y确认'))).toHaveLength(1);
    expect(gw.log.filter((e) => e.to === a!.phone && e.text.includes('您已成功办理'))).toHaveLength(1);
    expect(gw.log.filter((e) => e.to === b!.phone && e.text.includes('退订'))).toHaveLength(1);
  });

  it('the same Msg_Id on another channel, or a reply without one (SMPP), is a new message', () => {
    fx = openFixture(5);
    const db = fx.db;
    const phone = db.prepare('SELECT phone FROM subscribers ORDER BY id LIMIT 1').pluck().get() as string;
    const reply = (channel: string, msgId?: string) => applyReply(db, { channel, from: phone, text: 'hello', ...(msgId ? { msgId } : {}) }).status;
    expect(reply('bulk_sms', '42')).toBe('unmatched');
    expect(reply('bulk_sms', '42')).toBe('duplicate');
    expect(reply('sms_hall', '42')).toBe('unmatched');
    expect(reply('bulk_sms')).toBe('unmatched');
    expect(reply('bulk_sms')).toBe('unmatched');
    expect(Number(db.prepare('SELECT count(*) FROM inbound_replies').pluck().get())).toBe(4);
  });
});
