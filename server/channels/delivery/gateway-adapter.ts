/**
 * The outbox adapter of a channel bound to a CMPP or SMPP gateway (issue #19 items 5-6). One link per
 * binding version, kept open (window, TPS, keep-alive, reconnect: server/channels/link.ts). Each contact
 * is recorded in `submits` before it leaves and with the gateway's ids after, so it goes out at most once
 * whatever dies in between; the link's reports and replies are applied as they arrive, and what a reply
 * asks to send back (confirmation prompt, opt-out acknowledgement) goes out on the same link.
 */
import { renderContact, type RenderContact } from '../bindings/render.js';
import type { ChannelBinding, GatewaySettings } from '../bindings/types.js';
import { createCmppLink } from '../cmpp/index.js';
import { V20, V30 } from '../cmpp/constants.js';
import type { GatewayLink } from '../link.js';
import { createSmppLink } from '../smpp/index.js';
import { SubmitError, type LinkStatus, type LinkTuning } from '../types.js';
import type { Db } from '../../db/open.js';
import type { Logger } from '../../logger.js';
import { contactKey, type ChannelAdapter, type OutboxContact, type OutboxResult } from '../../engine/channels/adapter.js';
import { touchExtension } from './extensions.js';
import { absorbBuffered, applyDeliveryReport, settleReported } from './receipts.js';
import { applyReply, type ReplyOptions } from './replies.js';
import { channelSignature, signed } from './signature.js';
import { claimSubmit, markFailed, markSubmitted, sweepOrphans } from './submits.js';

export type GatewayBinding = ChannelBinding & { settings: { kind: 'smpp' | 'cmpp'; gateway: GatewaySettings } };

export interface GatewayDeps {
  /** The touch's text for a contact (default: the bindings' renderer, shared with the HTTP channel and the workbench). */
  render?: RenderContact;
  log?: Logger;
  /** Reconnect, timeouts and keep-alive beyond the binding's window and TPS (tests shorten them). */
  tuning?: Partial<LinkTuning>;
  /** The channel's signature from the catalogue; the binding's own `signature` is the fallback. */
  signature?: string;
  replies?: ReplyOptions;
  /** How long a submit waits for the link to come up before the contact is put back (retry later). */
  connectWaitMs?: number;
}

const UP = new Set(['connected', 'throttled']);

export class GatewayAdapter implements ChannelAdapter {
  readonly mode = 'outbox' as const;
  readonly name: string;
  readonly link: GatewayLink;
  private readonly render: RenderContact;

  constructor(private readonly db: Db, readonly binding: GatewayBinding, private readonly deps: GatewayDeps = {}) {
    const g = binding.settings.gateway;
    const kind = binding.settings.kind;
    this.name = `${kind}:${binding.channel}@v${binding.version}`;
    this.render = deps.render ?? renderContact;
    const tuning: LinkTuning = { window: g.window, tps: g.tps, ...deps.tuning };
    this.link = kind === 'cmpp'
      ? createCmppLink(this.name, { host: g.host, port: g.port, sourceAddr: g.account, sharedSecret: g.password, version: g.version === '2.0' ? V20 : V30, serviceId: g.serviceId, accessNumber: g.accessNumber }, tuning)
      : createSmppLink(this.name, { host: g.host, port: g.port, systemId: g.account, password: g.password, ...(g.serviceId ? { systemType: g.serviceId } : {}), accessNumber: g.accessNumber }, tuning);
    this.link.on('report', (r) => this.guard('report', () => applyDeliveryReport(db, { channel: binding.channel, msgId: r.msgId, status: r.stat })));
    this.link.on('reply', (r) => this.guard('reply', () => {
      const out = applyReply(db, { channel: binding.channel, from: r.from, text: r.text, ...(r.extension ? { extension: r.extension } : {}), ...(r.msgId ? { msgId: r.msgId } : {}) }, Date.now(), deps.replies);
      if (out.reply && out.replyId !== undefined) void this.acknowledge(out.replyId, out.reply);
    }));
    this.link.on('status', (s) => {
      if (s.state === 'auth-failed' || (s.state === 'disconnected' && s.error)) deps.log?.warn({ link: this.name, state: s.state, error: s.error }, 'gateway link down; its contacts wait');
    });
    sweepOrphans(db, Date.now());
    this.link.start();
  }

  status(): LinkStatus {
    return this.link.status();
  }

  async deliver(batch: OutboxContact[]): Promise<OutboxResult[]> {
    if (!(await this.ready())) {
      const s = this.link.status();
      const why = `${this.name} ${s.state}${s.error ? `: ${s.error}` : ''}`;
      return batch.map(() => ({ status: 'retry' as const, reason: why }));
    }
    return Promise.all(batch.map((c) => this.deliverOne(c)));
  }

  /** The outbox wrote the batch: reports that came before that (fast gateways) are applied now. */
  recorded(batch: OutboxContact[]): void {
    settleReported(this.db, batch.map(contactKey), Date.now());
  }

  /** The admin page's "send a test message to this number": a real submit, not tied to a contact. */
  sendTest(to: string, text: string): Promise<{ msgIds: string[] }> {
    return this.link.submit({ to, text: signed(text, this.signature()) });
  }

  close(): Promise<void> {
    return this.link.close();
  }

  private async deliverOne(c: OutboxContact): Promise<OutboxResult> {
    const key = contactKey(c);
    const msg = this.render(this.db, c);
    if (!msg?.text || !msg.phone) return { status: 'failed', reason: `${this.binding.channel}: 无可发送的内容（客户或短信话术不存在） / nothing to send (no such customer or message script)` };
    const extension = touchExtension(this.db, c.runId, c.state);
    const prior = claimSubmit(this.db, c, { key, kind: this.binding.settings.kind, bindingVersion: this.binding.version, extension }, Date.now());
    if (!prior.own) return prior.result;
    try {
      const { msgIds } = await this.link.submit({ to: msg.phone, text: signed(msg.text, this.signature()), extension });
      markSubmitted(this.db, key, this.binding.channel, msgIds, Date.now());
      absorbBuffered(this.db, this.binding.channel, msgIds);
      return { status: 'sent', providerId: msgIds[0]! };
    } catch (e) {
      const err = e instanceof SubmitError ? e : new SubmitError('unknown', (e as Error).message);
      const now = Date.now();
      if (err.outcome === 'rejected') {
        markFailed(this.db, key, 'rejected', err.message, now, err.code, err.acceptedIds);
        return { status: 'failed', reason: `${this.binding.channel}: ${err.message}` };
      }
      if (err.outcome === 'unknown') {
        markFailed(this.db, key, 'unknown', err.message, now, undefined, err.acceptedIds);
        return { status: 'unknown', reason: `提交结果未知，不再重发（${err.message}） / submit outcome unknown, not sent again (${err.message})` };
      }
      markFailed(this.db, key, 'not_sent', err.message, now);
      // Nothing left. With the link up the message itself cannot go (too long to split, an address that does
      // not encode): trying again will not help. With the link down it waits for the link.
      if (UP.has(this.link.status().state)) return { status: 'failed', reason: `${this.binding.channel}: cannot be sent: ${err.message}` };
      return { status: 'retry', reason: err.message };
    }
  }

  private async acknowledge(replyId: number, m: { to: string; text: string; extension?: string }): Promise<void> {
    const set = (status: string) => this.db.prepare('UPDATE inbound_replies SET ack_status = ? WHERE id = ?').run(status, replyId);
    set('submitting');
    try {
      await this.link.submit({ to: m.to, text: signed(m.text, this.signature()), ...(m.extension ? { extension: m.extension } : {}) });
      set('submitted');
    } catch (e) {
      set(e instanceof SubmitError ? e.outcome : 'unknown');
      this.deps.log?.warn({ link: this.name, err: e }, 'reply acknowledgement not sent');
    }
  }

  private signature(): string | undefined {
    return this.deps.signature ?? channelSignature(this.binding.channel, this.binding.settings.gateway.signature);
  }

  private ready(): Promise<boolean> {
    const s = this.link.status().state;
    if (UP.has(s)) return Promise.resolve(true);
    if (s !== 'connecting') return Promise.resolve(false);
    return new Promise((resolve) => {
      const done = (ok: boolean) => {
        clearTimeout(timer);
        this.link.off('status', onStatus);
        resolve(ok);
      };
      const onStatus = (st: LinkStatus) => {
        if (UP.has(st.state)) done(true);
        else if (st.state !== 'connecting') done(false);
      };
      const timer = setTimeout(() => done(false), this.deps.connectWaitMs ?? 5_000);
      this.link.on('status', onStatus);
    });
  }

  private guard(what: string, f: () => void): void {
    try {
      f();
    } catch (err) {
      this.deps.log?.error({ link: this.name, err }, `applying a gateway ${what} failed`);
    }
  }
}

/** One adapter per (store, channel), replaced when the binding's version changes (the old link closes after its answers). */
const live = new WeakMap<Db, Map<string, GatewayAdapter>>();

export function gatewayAdapter(db: Db, binding: GatewayBinding, deps: GatewayDeps = {}): GatewayAdapter {
  let byChannel = live.get(db);
  if (!byChannel) live.set(db, (byChannel = new Map()));
  const had = byChannel.get(binding.channel);
  if (had && had.binding.version === binding.version) return had;
  const a = new GatewayAdapter(db, binding, deps);
  byChannel.set(binding.channel, a);
  if (had) void had.close();
  return a;
}

/** Close every gateway link of a store (shutdown). */
export async function closeGatewayAdapters(db: Db): Promise<void> {
  const byChannel = live.get(db);
  live.delete(db);
  await Promise.all([...(byChannel?.values() ?? [])].map((a) => a.close()));
}
