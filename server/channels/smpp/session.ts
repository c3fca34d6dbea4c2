/** One SMPP 3.4 transceiver session over the `smpp` package: bind, submit_sm, deliver_sm receipts and MO, enquire_link. */
import smpp from 'smpp';
import { AuthError, extensionOf, type LinkSession, type OpenSession, type PartToSend } from '../session.js';
import { Reassembler } from '../text.js';
import { isDelivered } from '../types.js';

/** What an operator gets from its provider (see README § Gateways). */
export interface SmppSettings {
  host: string;
  port: number;
  systemId: string;
  password: string;
  systemType?: string;
  /** The sender address (short code / long number); the per-touch extension is appended. */
  accessNumber: string;
  connectTimeoutMs?: number;
  keepAliveMs?: number;
}

/** Bind answers that mean "these credentials will not work". */
const AUTH_STATUSES = new Set([smpp.ESME_RINVPASWD, smpp.ESME_RINVSYSID, smpp.ESME_RBINDFAIL]);
/** submit_sm answers that mean "slow down": the message was not taken. */
const FLOW_STATUSES = new Set([smpp.ESME_RTHROTTLED, smpp.ESME_RMSGQFUL]);

/** The receipt text of SMPP 3.4 appendix B: "id:… sub:… dlvrd:… submit date:… done date:… stat:… err:…". */
export function parseReceipt(text: string): { id: string; stat: string; submitDate?: string; doneDate?: string } | null {
  const id = /\bid:(\S+)/i.exec(text)?.[1];
  const stat = /\bstat:(\S+)/i.exec(text)?.[1];
  if (!id || !stat) return null;
  const submitDate = /submit date:(\d+)/i.exec(text)?.[1];
  const doneDate = /done date:(\d+)/i.exec(text)?.[1];
  return { id, stat: stat.toUpperCase(), ...(submitDate ? { submitDate } : {}), ...(doneDate ? { doneDate } : {}) };
}

interface ShortMessage {
  message?: unknown;
  udh?: Buffer[];
}

export const openSmppSession =
  (cfg: SmppSettings): OpenSession =>
  (hooks) =>
    new Promise((resolve, reject) => {
      const where = `${cfg.host}:${cfg.port}`;
      const session = smpp.connect({ host: cfg.host, port: cfg.port });
      const reassembler = new Reassembler();
      let bound = false;
      let ended = false;
      let idle: NodeJS.Timeout | null = null;
      let unanswered = 0;

      const die = (err: Error) => {
        if (ended) return;
        ended = true;
        clearTimeout(connectTimer);
        if (idle) clearTimeout(idle);
        session.destroy();
        if (bound) hooks.lost(err);
        else reject(err);
      };
      const connectTimer = setTimeout(() => die(new Error(`no bind answer from the SMSC ${where} within ${cfg.connectTimeoutMs ?? 10_000} ms`)), cfg.connectTimeoutMs ?? 10_000);
      const armKeepAlive = () => {
        if (idle) clearTimeout(idle);
        idle = setTimeout(() => {
          if (++unanswered > 3) return die(new Error(`the SMSC did not answer ${unanswered - 1} enquire_link in a row`));
          session.enquire_link({});
          armKeepAlive();
        }, cfg.keepAliveMs ?? 30_000);
      };

      session.on('error', (e: Error & { code?: string }) =>
        die(new Error(e.code ? `SMPP ${where}: ${e.message}` : `malformed PDU from the SMSC: ${e.message}`)),
      );
      session.on('close', () => die(new Error(bound ? 'the SMSC closed the connection' : 'the SMSC closed the connection during bind')));
      session.on('pdu', () => {
        unanswered = 0;
        if (bound) armKeepAlive();
      });
      session.on('enquire_link', (pdu: smpp.PDU) => session.send(pdu.response()));
      session.on('unbind', (pdu: smpp.PDU) => {
        session.send(pdu.response());
        die(new Error('the SMSC unbound the session'));
      });
      session.on('deliver_sm', (pdu: smpp.PDU) => {
        session.send(pdu.response());
        const esm = Number(pdu.esm_class ?? 0);
        const sm = (pdu.short_message ?? {}) as ShortMessage;
        const text = typeof sm.message === 'string' ? sm.message : Buffer.isBuffer(sm.message) ? sm.message.toString('latin1') : '';
        if ((esm & 0x3c) === 0x04) {
          const r = parseReceipt(text) ?? (pdu.receipted_message_id ? { id: String(pdu.receipted_message_id), stat: 'UNKNOWN' } : null);
          if (!r) return;
          hooks.report({ msgId: r.id, stat: r.stat, delivered: isDelivered(r.stat), to: String(pdu.source_addr ?? ''), ...(r.submitDate ? { submitTime: r.submitDate } : {}), ...(r.doneDate ? { doneTime: r.doneDate } : {}) });
          return;
        }
        const from = String(pdu.source_addr ?? '');
        const to = String(pdu.destination_addr ?? '');
        const udh = sm.udh?.find((u) => u[0] === 0x00 || u[0] === 0x08);
        const concat = udh ? (udh[0] === 0x00 ? { ref: udh[2]!, total: udh[3]!, seq: udh[4]! } : { ref: udh.readUInt16BE(2), total: udh[4]!, seq: udh[5]! }) : null;
        const whole = concat ? reassembler.add(from, concat, text) : text;
        if (whole !== null) hooks.reply({ from, to, extension: extensionOf(to, cfg.accessNumber), text: whole });
      });

      session.on('connect', () => {
        session.bind_transceiver({ system_id: cfg.systemId, password: cfg.password, system_type: cfg.systemType ?? '' }, (pdu) => {
          if (ended) return;
          if (pdu.command_status !== smpp.ESME_ROK) {
            const why = `SMPP bind refused by ${where}: status 0x${pdu.command_status.toString(16).padStart(2, '0')}`;
            ended = true;
            clearTimeout(connectTimer);
            session.destroy();
            return reject(AUTH_STATUSES.has(pdu.command_status) ? new AuthError(`${why} (wrong system_id or password)`) : new Error(why));
          }
          bound = true;
          clearTimeout(connectTimer);
          armKeepAlive();
          resolve(link);
        });
      });

      const link: LinkSession = {
        send(part: PartToSend) {
          const source = `${cfg.accessNumber}${part.extension}`;
          // SMPP 3.4 addresses are C-strings of at most 21 octets with the NUL: the package does not check.
          if (source.length > 20) throw new RangeError(`source_addr "${source}" is longer than 20 characters`);
          if (part.to.length > 20) throw new RangeError(`destination_addr "${part.to}" is longer than 20 characters`);
          session.submit_sm(
            {
              source_addr: source,
              destination_addr: part.to,
              registered_delivery: 1,
              data_coding: 8,
              esm_class: part.udhi ? 0x40 : 0,
              short_message: part.payload,
            },
            (resp) => {
              if (resp.command_status === smpp.ESME_ROK) hooks.result(part.token, { kind: 'ok', msgId: String(resp.message_id) });
              else if (FLOW_STATUSES.has(resp.command_status)) hooks.result(part.token, { kind: 'flow' });
              else hooks.result(part.token, { kind: 'rejected', code: resp.command_status, reason: `SMSC status 0x${resp.command_status.toString(16)}` });
            },
          );
        },
        close: () =>
          new Promise<void>((done) => {
            if (ended) return done();
            ended = true;
            if (idle) clearTimeout(idle);
            const timer = setTimeout(() => session.destroy(), 2_000);
            session.socket.once('close', () => {
              clearTimeout(timer);
              done();
            });
            session.unbind({}, () => session.close());
          }),
        destroy: () => die(new Error('closed')),
      };
    });
