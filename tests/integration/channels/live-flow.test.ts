/**
 * A live flow over CMPP and over SMPP against the local gateway (issue #19 "Done when", in one process):
 * the engine's outbox sends each contact once through the gateway adapter (the gateway's own log), the
 * delivery reports mark contacts delivered, a reply 1 gets the second-confirmation prompt over the same
 * link and a reply Y converts, TD opts the customer out at once and no later contact follows.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { TestGateway } from '../../../server/channels/gateway/gateway.js';
import { ACCESS_NUMBER, ACCOUNTS, type Proto } from '../../../server/channels/test-support.js';
import { closeGatewayAdapters, gatewayAdapter } from '../../../server/channels/delivery/gateway-adapter.js';
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

describe.each(['cmpp', 'smpp'] as const)('a live flow over %s', (proto: Proto) => {
  it('sends each contact once, applies receipts, converts on 1 → Y, and TD stops the next touch', async () => {
    gw = new TestGateway({ accounts: ACCOUNTS, reportDelayMs: 20 });
    const ports = await gw.listen();
    fx = openFixture(120);
    const db = fx.db;
    const adapter = gatewayAdapter(db, binding(proto, ports), { tuning: { reconnectMs: 20, maxReconnectMs: 200 } });
    const flow = liveSmsFlow(`${proto}-flow`, 8 / 3600);
    engine = new Engine(db, { policy: smsPolicy, channels: () => ({ adapters: { bulk_sms: adapter }, defaultAdapter: quiet }), delivery: { idleMs: 20 } });
    const runId = startRun(db, { flowId: flow.flowId, version: 1, machine: flow, clock: 'live' });
    engine.startLoop(50);
    const count = (sql: string, ...a: unknown[]) => db.prepare(sql).pluck().get(...a) as number;

    // The first two customers reached answer at once (the first touch's 8 s timeout runs from their send).
    const [a, b] = await until('two customers reached', () => {
      const rows = db.prepare(`SELECT c.customer_id AS id, s.phone FROM contacts c JOIN subscribers s ON s.id = c.customer_id
        WHERE c.run_id = ? AND c.state = 't1.send' AND c.status = 'sent' ORDER BY c.sent_at, c.customer_id LIMIT 2`).all(runId) as { id: number; phone: string }[];
      return rows.length === 2 && rows.every((r) => gw!.log.some((e) => e.to === r.phone)) ? rows : undefined;
    });
    const account = proto === 'cmpp' ? '901234' : 'linkage';
    const touchAddress = gw.log.find((e) => e.to === a!.phone)!.from;

    // Reply 1 → the confirmation prompt comes back over the link; reply Y → order → converted.
    gw.mobileOriginated(account, { from: a!.phone, to: touchAddress, text: '1' });
    const prompt = await until('the confirmation prompt', () => gw!.log.find((e) => e.to === a!.phone && e.text.includes('回复Y确认')));
    expect(prompt.outcome).toBe('accepted');
    gw.mobileOriginated(account, { from: a!.phone, to: prompt.from, text: 'Y' });
    await until('the order to convert', () => count(`SELECT count(*) FROM journeys WHERE run_id = ? AND customer_id = ? AND state = 'won'`, runId, a!.id) === 1);

    // TD → opted out of bulk SMS at once, acknowledged; the reminder never reaches them.
    gw.mobileOriginated(account, { from: b!.phone, to: touchAddress, text: 'TD' });
    await until('the opt-out', () => (count('SELECT opt_out_mask FROM subscribers WHERE id = ?', b!.id) & channelBit('bulk_sms')) !== 0);
    await until('the opt-out acknowledgement', () => gw!.log.some((e) => e.to === b!.phone && e.text.includes('退订')));

    // The reminder goes out to the others after the first touch's timeout; the signature and the touch's extension are on the wire.
    await until('every journey to end', () => count(`SELECT count(*) FROM journeys WHERE run_id = ? AND ended_at IS NULL`, runId) === 0, 50_000);
    const campaignText = gw.log.filter((e) => e.outcome === 'accepted' && e.text.includes('回复1办理'));
    expect(campaignText.length).toBeGreaterThan(100);
    expect(campaignText.every((e) => e.text.startsWith('【中国移动】') && e.from.startsWith(ACCESS_NUMBER) && e.from.length > ACCESS_NUMBER.length)).toBe(true);
    expect(count(`SELECT count(*) FROM contacts WHERE run_id = ? AND customer_id = ? AND state = 't2.send' AND status = 'sent'`, runId, b!.id)).toBe(0);
    expect(gw.log.filter((e) => e.to === b!.phone && e.text.includes('回复1办理'))).toHaveLength(1);

    // Exactly once, by the gateway's own log: one accepted submit per sent contact, none twice.
    const sent = db.prepare(`SELECT s.phone, c.state FROM contacts c JOIN subscribers s ON s.id = c.customer_id WHERE c.run_id = ? AND c.status IN ('sent', 'failed') AND c.provider_id IS NOT NULL`).all(runId) as { phone: string; state: string }[];
    const campaign = gw.log.filter((e) => e.outcome === 'accepted' && e.text.includes('回复1办理'));
    expect(campaign).toHaveLength(sent.length);
    expect(new Set(campaign.map((e) => `${e.to}|${e.from}`)).size).toBe(campaign.length);
    // Receipts applied: every submitted contact is delivered.
    await until('every receipt', () => count(`SELECT count(*) FROM submits WHERE run_id = ? AND delivery = 'delivered'`, runId) === sent.length);
    expect(count(`SELECT count(*) FROM traces WHERE run_id = ? AND code = 'delivered'`, runId)).toBe(sent.length);
    expect(count(`SELECT count(*) FROM inbound_replies WHERE status = 'confirmed'`)).toBe(1);
  }, 90_000);
});
