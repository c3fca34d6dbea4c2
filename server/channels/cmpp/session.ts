/** One CMPP connection: CONNECT, SUBMIT/answers, DELIVER (reports and replies), ACTIVE_TEST, TERMINATE. */
import { connect as tcpConnect, type Socket } from 'node:net';
import { Framer } from '../framer.js';
import { AuthError, extensionOf, type LinkSession, type OpenSession, type PartToSend, type SessionHooks } from '../session.js';
import { fromUcs2, readUdh, Reassembler } from '../text.js';
import { isDelivered } from '../types.js';
import { authenticatorSource, cmppTimestamp } from './auth.js';
import { decodePdu, decodeReport, encodePdu } from './codec.js';
import { CONNECT_STATUS, HEADER_LENGTH, MAX_PDU_LENGTH, MSG_FMT, RESULT_FLOW_CONTROL, SUBMIT_RESULT, type CmppVersion } from './constants.js';
import { submitDefaults, type CmppPdu } from './pdu.js';

/** What an operator gets from its provider (see README § Gateways). */
export interface CmppSettings {
  host: string;
  port: number;
  /** SP id / Source_Addr (6 characters). */
  sourceAddr: string;
  sharedSecret: string;
  /** 0x20 (CMPP 2.0) or 0x30 (CMPP 3.0). */
  version: CmppVersion;
  serviceId: string;
  /** The SP access number (e.g. 10658123); the per-touch extension is appended to it. */
  accessNumber: string;
  /** Msg_Src; defaults to sourceAddr. */
  msgSrc?: string;
  connectTimeoutMs?: number;
  keepAliveMs?: number;
}

export const openCmppSession =
  (cfg: CmppSettings): OpenSession =>
  (hooks) =>
    new Promise((resolve, reject) => {
      const s = new CmppSession(cfg, hooks);
      s.start(resolve, reject);
    });

const decodeText = (fmt: number, b: Buffer): string => (fmt === MSG_FMT.UCS2 ? fromUcs2(b) : fmt === MSG_FMT.GBK ? new TextDecoder('gbk').decode(b) : b.toString('latin1'));

class CmppSession implements LinkSession {
  private socket!: Socket;
  private readonly framer = new Framer(HEADER_LENGTH, MAX_PDU_LENGTH);
  private readonly reassembler = new Reassembler();
  private readonly bySeq = new Map<number, number>();
  private seq = 0;
  private bound = false;
  private ended = false;
  private onBound: ((s: LinkSession) => void) | null = null;
  private onFail: ((e: Error) => void) | null = null;
  private idle: NodeJS.Timeout | null = null;
  private unanswered = 0;
  private terminated: (() => void) | null = null;

  constructor(
    private readonly cfg: CmppSettings,
    private readonly hooks: SessionHooks,
  ) {}

  start(resolve: (s: LinkSession) => void, reject: (e: Error) => void): void {
    this.onFail = reject;
    const timeout = setTimeout(() => this.die(new Error(`no CONNECT_RESP from ${this.cfg.host}:${this.cfg.port} within ${this.cfg.connectTimeoutMs ?? 10_000} ms`)), this.cfg.connectTimeoutMs ?? 10_000);
    this.socket = tcpConnect({ host: this.cfg.host, port: this.cfg.port });
    this.socket.setNoDelay(true);
    this.socket.on('connect', () => {
      const timestamp = cmppTimestamp(new Date());
      this.write({
        command: 'connect',
        sequenceId: this.nextSeq(),
        sourceAddr: this.cfg.sourceAddr,
        authenticatorSource: authenticatorSource(this.cfg.sourceAddr, this.cfg.sharedSecret, timestamp),
        version: this.cfg.version,
        timestamp,
      });
    });
    this.socket.on('data', (chunk: Buffer) => this.onData(chunk));
    this.socket.on('error', (e) => this.die(new Error(`CMPP ${this.cfg.host}:${this.cfg.port}: ${e.message}`)));
    this.socket.on('close', () => {
      clearTimeout(timeout);
      this.die(new Error(this.bound ? 'the gateway closed the connection' : 'the gateway closed the connection during CONNECT'));
    });
    this.onBound = (s) => {
      clearTimeout(timeout);
      resolve(s);
    };
  }

  send(part: PartToSend): void {
    const sequenceId = this.nextSeq();
    this.bySeq.set(sequenceId, part.token);
    this.write({
      command: 'submit',
      sequenceId,
      ...submitDefaults(),
      pkTotal: part.total,
      pkNumber: part.seq,
      tpUdhi: part.udhi ? 1 : 0,
      msgFmt: MSG_FMT.UCS2,
      serviceId: this.cfg.serviceId,
      msgSrc: this.cfg.msgSrc ?? this.cfg.sourceAddr,
      srcId: `${this.cfg.accessNumber}${part.extension}`,
      destTerminalIds: [part.to],
      msgContent: part.payload,
    });
  }

  close(): Promise<void> {
    if (this.ended) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.socket.destroy(), 2_000);
      this.terminated = () => {
        clearTimeout(timer);
        resolve();
      };
      this.socket.once('close', () => this.terminated?.());
      this.write({ command: 'terminate', sequenceId: this.nextSeq() });
    });
  }

  destroy(): void {
    this.socket.destroy();
  }

  private nextSeq(): number {
    this.seq = this.seq >= 0x7fffffff ? 1 : this.seq + 1;
    return this.seq;
  }

  private write(p: CmppPdu): void {
    if (!this.socket.destroyed) this.socket.write(encodePdu(p, this.cfg.version));
  }

  /** One exit for every failure: reject the open, or tell the link the session is lost; then drop the socket. */
  private die(err: Error): void {
    if (this.ended) return;
    this.ended = true;
    if (this.idle) clearTimeout(this.idle);
    this.socket.destroy();
    if (!this.bound) this.onFail?.(err);
    else this.hooks.lost(err);
  }

  private armKeepAlive(): void {
    if (this.idle) clearTimeout(this.idle);
    const every = this.cfg.keepAliveMs ?? 30_000;
    this.idle = setTimeout(() => {
      if (++this.unanswered > 3) return this.die(new Error(`the gateway did not answer ${this.unanswered - 1} ACTIVE_TEST in a row`));
      this.write({ command: 'active_test', sequenceId: this.nextSeq() });
      this.armKeepAlive();
    }, every);
  }

  private onData(chunk: Buffer): void {
    let pdus: CmppPdu[];
    try {
      pdus = this.framer.push(chunk).map((f) => decodePdu(f, this.cfg.version));
    } catch (e) {
      return this.die(new Error(`malformed PDU from the gateway: ${(e as Error).message}`));
    }
    this.unanswered = 0;
    if (this.bound) this.armKeepAlive();
    for (const p of pdus) {
      if (this.ended) return;
      this.handle(p);
    }
  }

  private handle(p: CmppPdu): void {
    switch (p.command) {
      case 'connect_resp':
        if (this.bound) return;
        if (p.status !== 0) {
          this.ended = true;
          this.socket.destroy();
          this.onFail?.(new AuthError(`CMPP CONNECT refused: ${CONNECT_STATUS[p.status] ?? 'status'} (status ${p.status})`));
          return;
        }
        // AuthenticatorISMG is not checked: gateways differ in how wide a Status they hash, and the TCP peer is configured by the operator.
        this.bound = true;
        this.armKeepAlive();
        this.onBound?.(this);
        return;
      case 'submit_resp': {
        const token = this.bySeq.get(p.sequenceId);
        if (token === undefined) return;
        this.bySeq.delete(p.sequenceId);
        if (p.result === 0) this.hooks.result(token, { kind: 'ok', msgId: p.msgId.toString() });
        else if (p.result === RESULT_FLOW_CONTROL) this.hooks.result(token, { kind: 'flow' });
        else this.hooks.result(token, { kind: 'rejected', code: p.result, reason: SUBMIT_RESULT[p.result] ?? 'gateway error' });
        return;
      }
      case 'deliver':
        this.write({ command: 'deliver_resp', sequenceId: p.sequenceId, msgId: p.msgId, result: 0 });
        if (p.registeredDelivery === 1) {
          let r;
          try {
            r = decodeReport(p.msgContent, this.cfg.version);
          } catch (e) {
            return this.die(new Error(`malformed status report from the gateway: ${(e as Error).message}`));
          }
          this.hooks.report({ msgId: r.msgId.toString(), stat: r.stat, delivered: isDelivered(r.stat), to: r.destTerminalId, submitTime: r.submitTime, doneTime: r.doneTime });
        } else {
          const { concat, body } = p.tpUdhi ? readUdh(p.msgContent) : { concat: null, body: p.msgContent };
          const text = decodeText(p.msgFmt, body);
          const whole = concat ? this.reassembler.add(p.srcTerminalId, concat, text) : text;
          if (whole !== null) this.hooks.reply({ from: p.srcTerminalId, to: p.destId, extension: extensionOf(p.destId, this.cfg.accessNumber), text: whole, msgId: p.msgId.toString() });
        }
        return;
      case 'active_test':
        this.write({ command: 'active_test_resp', sequenceId: p.sequenceId, reserved: 0 });
        return;
      case 'terminate':
        this.write({ command: 'terminate_resp', sequenceId: p.sequenceId });
        this.socket.end();
        return this.die(new Error('the gateway sent TERMINATE'));
      case 'terminate_resp':
        this.ended = true;
        this.socket.end();
        this.terminated?.();
        return;
      case 'active_test_resp':
      case 'deliver_resp':
        return;
      case 'connect':
      case 'submit':
        return this.die(new Error(`the gateway sent a ${p.command.toUpperCase()}, which only an SP may send`));
    }
  }
}
