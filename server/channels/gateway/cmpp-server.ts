/** The test gateway's CMPP side (the ISMG role), built on Linkage's own codec. */
import { createServer, type Server, type Socket } from 'node:net';
import { authenticatorIsmg, authenticatorSource } from '../cmpp/auth.js';
import { decodePdu, encodePdu, encodeReport } from '../cmpp/codec.js';
import { HEADER_LENGTH, MAX_PDU_LENGTH, MSG_FMT, RESULT_FLOW_CONTROL, V20, V30, type CmppVersion } from '../cmpp/constants.js';
import type { CmppPdu, PduOf } from '../cmpp/pdu.js';
import { Framer } from '../framer.js';
import { fromUcs2, readUdh, splitText } from '../text.js';
import type { GatewayCore, Outlet, SubmitOutcome } from './core.js';

/** Bytes that cannot be a CMPP PDU: a Total_Length of 8, shorter than the header itself. */
export const MALFORMED = Buffer.from('00000008deadbeef', 'hex');

export function cmppServer(core: GatewayCore): Server {
  return createServer((socket) => new CmppPeer(core, socket));
}

class CmppPeer {
  private readonly framer = new Framer(HEADER_LENGTH, MAX_PDU_LENGTH);
  private version: CmppVersion = V20;
  private account: string | null = null;
  private outlet: Outlet | null = null;
  private seq = 0;
  private replyRef = 0;
  private readonly pending = new Map<NodeJS.Timeout, () => void>();

  constructor(
    private readonly core: GatewayCore,
    private readonly socket: Socket,
  ) {
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('error', () => socket.destroy());
    socket.on('close', () => this.onClose());
  }

  private write(p: CmppPdu): void {
    if (!this.socket.destroyed) this.socket.write(encodePdu(p, this.version));
  }

  private nextSeq(): number {
    this.seq = this.seq >= 0x7fffffff ? 1 : this.seq + 1;
    return this.seq;
  }

  private onData(chunk: Buffer): void {
    try {
      for (const f of this.framer.push(chunk)) this.handle(decodePdu(f, this.version));
    } catch {
      this.socket.destroy();
    }
  }

  private onClose(): void {
    if (this.outlet) this.core.detach(this.outlet);
    // Submits that arrived but were never answered: the SP cannot know their fate.
    for (const [t, drop] of this.pending) {
      clearTimeout(t);
      drop();
    }
    this.pending.clear();
  }

  private handle(p: CmppPdu): void {
    if (p.command === 'connect') return this.onConnect(p);
    if (!this.account) return void this.socket.destroy();
    switch (p.command) {
      case 'submit':
        return this.onSubmit(p);
      case 'deliver_resp': {
        const id = p.msgId.toString();
        if (this.core.moAcks.has(id)) this.core.moAcks.set(id, this.core.moAcks.get(id)! + 1);
        return;
      }
      case 'active_test':
        this.core.keepAlives++;
        return this.write({ command: 'active_test_resp', sequenceId: p.sequenceId, reserved: 0 });
      case 'terminate':
        this.write({ command: 'terminate_resp', sequenceId: p.sequenceId });
        this.socket.end();
        return;
      default:
        return;
    }
  }

  private onConnect(p: PduOf<'connect'>): void {
    this.version = p.version >= 0x30 ? V30 : V20;
    const secret = this.core.secretOf(p.sourceAddr);
    const ok = secret !== undefined && authenticatorSource(p.sourceAddr, secret, p.timestamp).equals(p.authenticatorSource);
    const status = secret === undefined ? 2 : ok ? 0 : 3;
    this.write({ command: 'connect_resp', sequenceId: p.sequenceId, status, authenticatorIsmg: ok ? authenticatorIsmg(status, p.authenticatorSource, secret) : Buffer.alloc(16), version: this.version });
    if (!ok) return void this.socket.end();
    this.account = p.sourceAddr;
    this.outlet = { account: p.sourceAddr, report: (r) => this.sendReport(r), reply: (r) => this.sendReply(r) };
    this.core.attach(this.outlet);
  }

  private onSubmit(p: PduOf<'submit'>): void {
    const account = this.account!;
    const body = p.tpUdhi ? readUdh(p.msgContent).body : p.msgContent;
    const entry = { proto: 'cmpp' as const, account, to: p.destTerminalIds[0] ?? '', from: p.srcId, pkTotal: p.pkTotal, pkNumber: p.pkNumber, text: p.msgFmt === MSG_FMT.UCS2 ? fromUcs2(body) : body.toString('latin1') };
    const decision = this.core.admit();
    if (decision === 'close') {
      this.core.record({ ...entry, msgId: '', outcome: 'dropped' });
      return void this.socket.destroy();
    }
    if (decision === 'malformed') {
      this.core.record({ ...entry, msgId: '', outcome: 'dropped' });
      return void this.socket.write(MALFORMED);
    }
    const msgId = decision === 'ok' ? this.core.nextCmppMsgId() : 0n;
    const outcome: SubmitOutcome = decision === 'ok' ? 'accepted' : 'flow-control';
    const answer = () => {
      this.write({ command: 'submit_resp', sequenceId: p.sequenceId, msgId, result: decision === 'ok' ? 0 : RESULT_FLOW_CONTROL });
      this.core.record({ ...entry, msgId: msgId.toString(), outcome });
      if (decision === 'ok') this.core.accepted(account, { ...entry, msgId: msgId.toString() });
    };
    const delay = this.core.opts.responseDelayMs ?? 0;
    this.core.noteInFlight(this.pending.size + 1);
    if (delay <= 0 && this.pending.size === 0) return answer();
    // Answers keep arrival order, like a real gateway's queue.
    const t = setTimeout(() => {
      this.pending.delete(t);
      answer();
    }, delay);
    this.pending.set(t, () => this.core.record({ ...entry, msgId: '', outcome: 'dropped' }));
  }

  private sendReport(r: { msgId: string; to: string; from: string; stat: string; submitTime: string; doneTime: string }): void {
    const content = encodeReport({ msgId: BigInt(r.msgId), stat: r.stat, submitTime: r.submitTime, doneTime: r.doneTime, destTerminalId: r.to, smscSequence: this.seq }, this.version);
    this.write({
      command: 'deliver', sequenceId: this.nextSeq(), msgId: this.core.nextCmppMsgId(), destId: r.from, serviceId: '', tpPid: 0, tpUdhi: 0, msgFmt: 0,
      srcTerminalId: r.to, srcTerminalType: 0, registeredDelivery: 1, msgContent: content, linkId: '',
    });
  }

  private sendReply(r: { from: string; to: string; text: string }): void {
    const parts = splitText(r.text, this.replyRef++ & 0xff).map((part) => ({ part, msgId: this.core.nextCmppMsgId() }));
    const copies = this.core.takeRepeatMo() ? 2 : 1;
    for (let copy = 0; copy < copies; copy++) {
      for (const { part, msgId } of parts) {
        this.core.moAcks.set(msgId.toString(), this.core.moAcks.get(msgId.toString()) ?? 0);
        this.write({
          command: 'deliver', sequenceId: this.nextSeq(), msgId, destId: r.to, serviceId: '', tpPid: 0, tpUdhi: part.udhi ? 1 : 0,
          msgFmt: MSG_FMT.UCS2, srcTerminalId: r.from, srcTerminalType: 0, registeredDelivery: 0, msgContent: part.payload, linkId: '',
        });
      }
    }
  }
}
