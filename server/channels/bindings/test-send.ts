import { randomUUID } from 'node:crypto';
import type { ChannelId } from '../../../shared/catalogue/channels.js';
import type { Db } from '../../db/open.js';
import { recordAudit } from '../../governance/audit.js';
import { GatewayAdapter } from '../delivery/gateway-adapter.js';
import { HttpAdapter } from './http-adapter.js';
import { cannotSend, type BindingResolver } from './resolve.js';
import { loadBinding } from './store.js';

export type TestResult = { ok: true; messageId: string } | { ok: false; error: string };

/** A gateway that neither answers nor fails within this is reported as such (the admin is waiting on the page). */
const TEST_TIMEOUT_MS = 15_000;

/**
 * "Send a test message to this number": a real send through the channel's current binding, not tied to
 * any contact. The answer is the platform's / gateway's message id, or the error in words. Audited with
 * the number's last four digits only.
 */
export async function sendTestMessage(db: Db, resolver: BindingResolver, channel: ChannelId, to: string, text: string, by: { userId: number; username: string }): Promise<TestResult> {
  const result = await attempt(db, resolver, channel, to.replace(/^\+?86(?=1\d{10}$)/, ''), text);
  recordAudit(db, { userId: by.userId, action: 'channel.test_send', entity: 'channel', entityId: channel, detail: { to: `****${to.slice(-4)}`, ok: result.ok, ...(result.ok ? { messageId: result.messageId } : { error: result.error }) } });
  return result;
}

async function attempt(db: Db, resolver: BindingResolver, channel: ChannelId, to: string, text: string): Promise<TestResult> {
  let kind: string;
  try {
    kind = loadBinding(db, channel).settings.kind;
  } catch (err) {
    return { ok: false, error: cannotSend(err) };
  }
  if (kind === 'simulated') return { ok: false, error: '该渠道为模拟发送，没有消息会离开 Linkage；请先绑定 HTTP、SMPP 或 CMPP / This channel is simulated: nothing leaves Linkage; bind it to HTTP, SMPP or CMPP first' };
  if (kind === 'agent_queue' || kind === 'dialer') return { ok: false, error: '人工渠道不发送消息 / A people channel sends no messages' };
  const version = resolver.currentVersion(channel);
  try {
    const sender = resolver.sender(channel, version);
    if (sender instanceof HttpAdapter) {
      const r = await sender.post({ type: 'test', key: `test:${randomUUID()}`, channel, to, text, scriptId: '', touchId: '', runId: null, flowId: null, customerId: null, bindingVersion: version });
      return r.status === 'sent' ? { ok: true, messageId: r.providerId } : { ok: false, error: r.reason };
    }
    if (sender instanceof GatewayAdapter) {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`网关 ${TEST_TIMEOUT_MS / 1000} 秒内没有应答 / no answer from the gateway within ${TEST_TIMEOUT_MS / 1000} s`)), TEST_TIMEOUT_MS); });
      try {
        const r = await Promise.race([sender.sendTest(to, text), timeout]);
        return { ok: true, messageId: r.msgIds.join(', ') };
      } finally {
        clearTimeout(timer);
      }
    }
    return { ok: false, error: `binding ${channel}@${version} cannot send a test` };
  } catch (err) {
    return { ok: false, error: cannotSend(err) };
  }
}
