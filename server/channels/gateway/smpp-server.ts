/** The test gateway's SMPP 3.4 side (the SMSC role), on the `smpp` package's server. */
import smpp from 'smpp';
import { splitText } from '../text.js';
import type { GatewayCore, Outlet, PendingReport, SubmitOutcome } from './core.js';

/** A command_length far beyond any PDU: the client cannot parse past it. */
const MALFORMED = Buffer.from('7fffffff00000004', 'hex');

/** The SMPP receipt text most SMSCs send (SMPP 3.4 appendix B). */
export const receiptText = (r: PendingReport): string =>
  `id:${r.msgId} sub:001 dlvrd:${r.stat === 'DELIVRD' ? '001' : '000'} submit date:${r.submitTime} done date:${r.doneTime} stat:${r.stat} err:000 text:`;

export function smppServer(core: GatewayCore): smpp.Server {
  return smpp.createServer((session) => serve(core, session));
}

function serve(core: GatewayCore, session: smpp.Session): void {
  let account: string | null = null;
  let outlet: Outlet | null = null;
  let ref = 0;
  const pending = new Map<NodeJS.Timeout, () => void>();
  session.on('error', () => session.destroy());
  session.on('close', () => {
    if (outlet) core.detach(outlet);
    for (const [t, drop] of pending) {
      clearTimeout(t);
      drop();
    }
    pending.clear();
  });

  session.on('bind_transceiver', (pdu: smpp.PDU) => {
    const id = String(pdu.system_id ?? '');
    if (!core.checkPassword(id, String(pdu.password ?? ''))) {
      session.send(pdu.response({ command_status: smpp.ESME_RINVPASWD }));
      return session.close();
    }
    account = id;
    session.send(pdu.response({ system_id: 'LINKAGE-GW' }));
    outlet = {
      account: id,
      report: (r) => session.deliver_sm({ source_addr: r.to, destination_addr: r.from, esm_class: 0x04, short_message: receiptText(r) }),
      reply: (r) => {
        const parts = splitText(r.text, ref++ & 0xff);
        const copies = core.takeRepeatMo() ? 2 : 1;
        for (let copy = 0; copy < copies; copy++) {
          for (const part of parts) session.deliver_sm({ source_addr: r.from, destination_addr: r.to, esm_class: part.udhi ? 0x40 : 0, data_coding: 8, short_message: part.payload });
        }
      },
    };
    core.attach(outlet);
  });

  session.on('enquire_link', (pdu: smpp.PDU) => {
    core.keepAlives++;
    session.send(pdu.response());
  });
  session.on('unbind', (pdu: smpp.PDU) => {
    session.send(pdu.response());
    session.close();
  });

  session.on('submit_sm', (pdu: smpp.PDU) => {
    if (!account) return session.send(pdu.response({ command_status: smpp.ESME_RBINDFAIL }));
    const sm = pdu.short_message as { message?: unknown; udh?: Buffer[] } | Buffer | undefined;
    const concat = sm && !Buffer.isBuffer(sm) ? sm.udh?.find((u) => u[0] === 0x00) : undefined;
    const text = sm && !Buffer.isBuffer(sm) ? String(sm.message ?? '') : '';
    const entry = {
      proto: 'smpp' as const, account, to: String(pdu.destination_addr ?? ''), from: String(pdu.source_addr ?? ''),
      pkTotal: concat?.[3] ?? 1, pkNumber: concat?.[4] ?? 1, text,
    };
    const decision = core.admit();
    if (decision === 'close') {
      core.record({ ...entry, msgId: '', outcome: 'dropped' });
      return session.destroy();
    }
    if (decision === 'malformed') {
      core.record({ ...entry, msgId: '', outcome: 'dropped' });
      return void session.socket.write(MALFORMED);
    }
    const msgId = decision === 'ok' ? core.nextSmppMsgId() : '';
    const outcome: SubmitOutcome = decision === 'ok' ? 'accepted' : 'flow-control';
    const answer = () => {
      session.send(decision === 'ok' ? pdu.response({ message_id: msgId }) : pdu.response({ command_status: smpp.ESME_RTHROTTLED }));
      core.record({ ...entry, msgId, outcome });
      if (decision === 'ok') core.accepted(account!, { ...entry, msgId });
    };
    const delay = core.opts.responseDelayMs ?? 0;
    core.noteInFlight(pending.size + 1);
    if (delay <= 0 && pending.size === 0) return answer();
    const t = setTimeout(() => {
      pending.delete(t);
      answer();
    }, delay);
    pending.set(t, () => core.record({ ...entry, msgId: '', outcome: 'dropped' }));
  });
}
