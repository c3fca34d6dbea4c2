/**
 * CMPP and SMPP links against the local test gateway over real TCP (ephemeral ports): parts and
 * reports, replies by extension, window, TPS, flow control, a connection dropped mid-window, bad
 * credentials, a malformed PDU, a slow gateway. The gateway's own log is the ground truth.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TestGateway, type GatewayPorts } from './gateway/gateway.js';
import type { GatewayOptions } from './gateway/core.js';
import type { GatewayLink } from './link.js';
import { ACCESS_NUMBER, ACCOUNTS, linkTo, recordStatuses, waitFor, type Proto } from './test-support.js';
import { SubmitError, type DeliveryReport, type InboundReply, type LinkTuning } from './types.js';

const LONG = '尊敬的客户您好，您的宽带即将到期，回复1办理续约，回复TD退订。'.repeat(3); // 99 characters: 2 parts

describe.each(['cmpp', 'smpp'] as const)('%s link against the local gateway', (proto: Proto) => {
  let gw: TestGateway;
  let ports: GatewayPorts;
  const links: GatewayLink[] = [];

  async function setup(opts: Partial<GatewayOptions> = {}): Promise<void> {
    gw = new TestGateway({ accounts: ACCOUNTS, reportDelayMs: 10, ...opts });
    ports = await gw.listen();
  }
  function open(tuning: Partial<LinkTuning> = {}, password?: string): GatewayLink {
    const link = linkTo(proto, ports, { window: 16, tps: 5_000, ...tuning }, password ? { password } : {});
    links.push(link);
    link.start();
    return link;
  }
  const settle = (p: Promise<{ msgIds: string[] }>) => p.then((r) => ({ ok: true as const, ids: r.msgIds }), (e: SubmitError) => ({ ok: false as const, outcome: e.outcome, error: e }));

  beforeEach(() => {
    links.length = 0;
  });
  afterEach(async () => {
    await Promise.all(links.map((l) => l.close()));
    await gw.close();
  });

  it('a 2-part Chinese message: 2 submits in the gateway log, one report each, text intact', async () => {
    await setup();
    const link = open();
    const reports: DeliveryReport[] = [];
    link.on('report', (r) => reports.push(r));
    const { msgIds } = await link.submit({ to: '13800138000', text: LONG, extension: '0042' });
    expect(msgIds).toHaveLength(2);
    const logged = gw.log.filter((e) => e.outcome === 'accepted');
    expect(logged.map((e) => [e.pkTotal, e.pkNumber, e.from, e.to])).toEqual([
      [2, 1, `${ACCESS_NUMBER}0042`, '13800138000'],
      [2, 2, `${ACCESS_NUMBER}0042`, '13800138000'],
    ]);
    expect(logged.map((e) => e.text).join('')).toBe(LONG);
    await waitFor(() => reports.length === 2, 'two reports');
    expect(reports.map((r) => r.msgId).sort()).toEqual([...msgIds].sort());
    expect(reports.every((r) => r.stat === 'DELIVRD' && r.delivered && r.to === '13800138000')).toBe(true);
  });

  it('a 2,000-character message: 30 parts, in order, each accepted once', async () => {
    await setup();
    const link = open();
    const text = '联动营销长短信测试。'.repeat(200);
    const { msgIds } = await link.submit({ to: '13800000005', text });
    expect(msgIds).toHaveLength(30);
    const logged = gw.log.filter((e) => e.to === '13800000005');
    expect(logged.map((e) => e.pkNumber)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    expect(logged.every((e) => e.outcome === 'accepted' && e.pkTotal === 30)).toBe(true);
    expect(logged.map((e) => e.text).join('')).toBe(text);
  });

  it('a reply routes back by the extension; a long reply is reassembled', async () => {
    await setup({ replyRate: 1, replyTexts: ['TD'], replyDelayMs: 5 });
    const link = open();
    const replies: InboundReply[] = [];
    link.on('reply', (r) => replies.push(r));
    await link.submit({ to: '13900001111', text: '回复1办理', extension: '0777' });
    await waitFor(() => replies.length === 1, 'the reply');
    // CMPP's DELIVER carries the message's Msg_Id (replies are applied once per id); SMPP's MO has none.
    expect(replies[0]).toEqual({ from: '13900001111', to: `${ACCESS_NUMBER}0777`, extension: '0777', text: 'TD', ...(proto === 'cmpp' ? { msgId: expect.stringMatching(/^\d+$/) } : {}) });
    gw.mobileOriginated(proto === 'cmpp' ? '901234' : 'linkage', { from: '13900001111', to: `${ACCESS_NUMBER}0777`, text: LONG });
    await waitFor(() => replies.length === 2, 'the long reply');
    expect(replies[1]!.text).toBe(LONG);
  });

  it('never has more unacknowledged submits than the window', async () => {
    await setup({ responseDelayMs: 15 });
    const link = open({ window: 4 });
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) => link.submit({ to: `1380000${String(i).padStart(4, '0')}`, text: `第${i}条` })));
    expect(results).toHaveLength(40);
    expect(gw.maxInFlight).toBeLessThanOrEqual(4);
    expect(gw.maxInFlight).toBeGreaterThan(1); // the window is used, not one at a time
  });

  it('honours the TPS limit', async () => {
    await setup();
    const link = open({ tps: 40, burst: 1 });
    await waitFor(() => link.status().state === 'connected', 'connected');
    const t0 = performance.now();
    await Promise.all(Array.from({ length: 21 }, (_, i) => link.submit({ to: `1370000${String(i).padStart(4, '0')}`, text: 'hi' })));
    const elapsed = performance.now() - t0;
    // 1 token to start with, then 40 a second: 20 more take at least 500 ms (a lower bound, so no timing flakiness).
    expect(elapsed).toBeGreaterThanOrEqual(480);
    expect(gw.log.filter((e) => e.outcome === 'accepted')).toHaveLength(21);
  });

  it('flow control: backs off and every message is eventually accepted once', async () => {
    await setup();
    const link = open();
    const statuses = recordStatuses(link);
    await waitFor(() => link.status().state === 'connected', 'connected');
    gw.faults.flowControl = 3;
    const results = await Promise.all(Array.from({ length: 5 }, (_, i) => link.submit({ to: `1360000000${i}`, text: '流控测试' })));
    expect(results.every((r) => r.msgIds.length === 1)).toBe(true);
    expect(gw.log.filter((e) => e.outcome === 'flow-control')).toHaveLength(3);
    const accepted = gw.log.filter((e) => e.outcome === 'accepted').map((e) => e.to);
    expect(accepted.sort()).toEqual(Array.from({ length: 5 }, (_, i) => `1360000000${i}`));
    expect(statuses.some((s) => s.state === 'throttled')).toBe(true);
  });

  it('the gateway drops the connection mid-window: reconnects; each message accepted once or reported unknown, never sent twice', async () => {
    await setup({ responseDelayMs: 10 });
    const link = open({ window: 8 });
    const statuses = recordStatuses(link);
    await waitFor(() => link.status().state === 'connected', 'connected');
    gw.faults.closeAfter = 10;
    const dests = Array.from({ length: 40 }, (_, i) => `1350000${String(i).padStart(4, '0')}`);
    const outcomes = await Promise.all(dests.map((to) => settle(link.submit({ to, text: '断线重连' }))));
    const unknown = outcomes.filter((o) => !o.ok);
    expect(unknown.length).toBeGreaterThan(0);
    expect(unknown.every((o) => !o.ok && o.outcome === 'unknown')).toBe(true);
    expect(statuses.some((s) => s.state === 'disconnected')).toBe(true);
    expect(statuses.at(-1)!.state).toBe('connected');
    for (const [i, to] of dests.entries()) {
      const seen = gw.log.filter((e) => e.to === to && e.outcome !== 'flow-control');
      expect(seen.length).toBeLessThanOrEqual(1); // never sent twice
      if (outcomes[i]!.ok) expect(seen.map((e) => e.outcome)).toEqual(['accepted']);
    }
  });

  it('a wrong password: status auth-failed with a clear error; submits are refused as not sent', async () => {
    await setup();
    const link = open({}, 'wrong');
    await waitFor(() => link.status().state === 'auth-failed', 'auth-failed');
    expect(link.status().error).toMatch(proto === 'cmpp' ? /authentication failed/ : /wrong system_id or password/);
    const r = await settle(link.submit({ to: '13800138000', text: 'x' }));
    expect(r).toMatchObject({ ok: false, outcome: 'not-sent' });
    expect(gw.log).toHaveLength(0);
  });

  it('a malformed PDU from the gateway: a clear error, the part in flight is unknown, the link recovers', async () => {
    await setup();
    const link = open();
    const statuses = recordStatuses(link);
    await waitFor(() => link.status().state === 'connected', 'connected');
    gw.faults.malformedNext = true;
    const r = await settle(link.submit({ to: '13800000001', text: 'x' }));
    expect(r).toMatchObject({ ok: false, outcome: 'unknown' });
    expect(statuses.find((s) => s.state === 'disconnected')?.error).toMatch(/malformed PDU/);
    await expect(link.submit({ to: '13800000002', text: 'y' })).resolves.toMatchObject({ msgIds: [expect.any(String)] });
  });

  it('a gateway slower than the response timeout: the part is unknown and not sent again', async () => {
    await setup({ responseDelayMs: 400 });
    const link = open({ responseTimeoutMs: 100 });
    const r = await settle(link.submit({ to: '13800000003', text: '慢' }));
    expect(r).toMatchObject({ ok: false, outcome: 'unknown' });
    await waitFor(() => gw.log.length === 1, 'the late answer');
    expect(gw.log.filter((e) => e.to === '13800000003')).toHaveLength(1);
  });

  it('gateway down: a clear status, the message waits, and goes once the gateway is back', async () => {
    await setup();
    await gw.close();
    const link = open();
    await waitFor(() => /ECONNREFUSED/.test(link.status().error ?? ''), 'connection refused');
    const pending = link.submit({ to: '13800000004', text: '网关恢复后发送' });
    expect(link.status()).toMatchObject({ queued: 1, inFlight: 0 });
    gw = new TestGateway({ accounts: ACCOUNTS, reportDelayMs: 10 });
    await gw.listen(ports);
    await expect(pending).resolves.toMatchObject({ msgIds: [expect.any(String)] });
    expect(gw.log.filter((e) => e.to === '13800000004')).toHaveLength(1);
  });

  it('an address too long for its field: refused as not sent, the link stays up', async () => {
    await setup();
    const link = open();
    const r = await settle(link.submit({ to: '13800000006', text: 'x', extension: '9'.repeat(40) }));
    expect(r).toMatchObject({ ok: false, outcome: 'not-sent' });
    if (!r.ok) expect(r.error.message).toMatch(/cannot encode|too long|source_addr|length/i);
    await expect(link.submit({ to: '13800000007', text: 'y' })).resolves.toMatchObject({ msgIds: [expect.any(String)] });
  });

  it('keeps an idle link alive', async () => {
    await setup();
    const link = open({ keepAliveMs: 30 });
    await waitFor(() => gw.keepAlives >= 2, 'two keep-alives');
    expect(link.status().state).toBe('connected');
  });
});
