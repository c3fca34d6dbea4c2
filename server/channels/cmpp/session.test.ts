/**
 * The CMPP link against a scripted peer written with the codec: byte-by-byte and coalesced reads, the
 * gateway's own ACTIVE_TEST answered, TERMINATE on close, CMPP 2.0 field widths end to end.
 */
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { afterEach, expect, it } from 'vitest';
import { Framer } from '../framer.js';
import type { GatewayLink } from '../link.js';
import { ucs2 } from '../text.js';
import { waitFor } from '../test-support.js';
import type { DeliveryReport, InboundReply } from '../types.js';
import { decodePdu, encodePdu, encodeReport } from './codec.js';
import { HEADER_LENGTH, MAX_PDU_LENGTH, V20 } from './constants.js';
import { createCmppLink } from './index.js';
import type { CmppPdu } from './pdu.js';

let server: Server | null = null;
let link: GatewayLink | null = null;
afterEach(async () => {
  await link?.close();
  await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
  server = link = null;
});

/** A CMPP 2.0 peer that hands every PDU it receives to `onPdu` and writes with `send`, byte by byte when asked. */
async function peer(onPdu: (p: CmppPdu, send: (p: CmppPdu, opts?: { byteByByte?: boolean }) => void, raw: Socket) => void): Promise<number> {
  server = createServer((sock) => {
    const framer = new Framer(HEADER_LENGTH, MAX_PDU_LENGTH);
    const send = (p: CmppPdu, opts: { byteByByte?: boolean } = {}) => {
      const b = encodePdu(p, V20);
      if (!opts.byteByByte) return void sock.write(b);
      for (const byte of b) sock.write(Buffer.from([byte]));
    };
    sock.on('data', (chunk: Buffer) => {
      for (const f of framer.push(chunk)) onPdu(decodePdu(f, V20), send, sock);
    });
    sock.on('error', () => sock.destroy());
  });
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', () => r()));
  return (server.address() as AddressInfo).port;
}

const open = (port: number) => {
  link = createCmppLink('scripted', { host: '127.0.0.1', port, sourceAddr: '901234', sharedSecret: 's', version: V20, serviceId: 'MKT', accessNumber: '10658123' }, { window: 4, tps: 1_000, reconnectMs: 20 });
  link.start();
  return link;
};

it('byte-by-byte and coalesced reads; the gateway ACTIVE_TEST is answered; TERMINATE on close', async () => {
  const seen: string[] = [];
  const port = await peer((p, send, raw) => {
    seen.push(p.command);
    if (p.command === 'connect') {
      send({ command: 'connect_resp', sequenceId: p.sequenceId, status: 0, authenticatorIsmg: Buffer.alloc(16), version: 0x20 }, { byteByByte: true });
      send({ command: 'active_test', sequenceId: 500 });
    }
    if (p.command === 'submit') {
      // The answer, a status report and a customer reply in one TCP write.
      raw.write(
        Buffer.concat([
          encodePdu({ command: 'submit_resp', sequenceId: p.sequenceId, msgId: 77n, result: 0 }, V20),
          encodePdu({ command: 'deliver', sequenceId: 501, msgId: 1n, destId: p.srcId, serviceId: '', tpPid: 0, tpUdhi: 0, msgFmt: 0, srcTerminalId: '13800138000', srcTerminalType: 0, registeredDelivery: 1, msgContent: encodeReport({ msgId: 77n, stat: 'EXPIRED', submitTime: '2512060500', doneTime: '2512070500', destTerminalId: '13800138000', smscSequence: 1 }, V20), linkId: '' }, V20),
          encodePdu({ command: 'deliver', sequenceId: 502, msgId: 2n, destId: p.srcId, serviceId: '', tpPid: 0, tpUdhi: 0, msgFmt: 8, srcTerminalId: '13800138000', srcTerminalType: 0, registeredDelivery: 0, msgContent: ucs2('退订'), linkId: '' }, V20),
        ]),
      );
    }
    if (p.command === 'terminate') send({ command: 'terminate_resp', sequenceId: p.sequenceId });
  });
  const l = open(port);
  const reports: DeliveryReport[] = [];
  const replies: InboundReply[] = [];
  l.on('report', (r) => reports.push(r));
  l.on('reply', (r) => replies.push(r));
  await expect(l.submit({ to: '13800138000', text: '你好', extension: '9' })).resolves.toEqual({ msgIds: ['77'] });
  const answered = () => seen.filter((c) => c === 'deliver_resp').length === 2 && seen.includes('active_test_resp');
  await waitFor(() => reports.length === 1 && replies.length === 1 && answered(), 'report, reply and the answers to DELIVER and ACTIVE_TEST');
  expect(reports[0]).toMatchObject({ msgId: '77', stat: 'EXPIRED', delivered: false });
  expect(replies[0]).toEqual({ from: '13800138000', to: '106581239', extension: '9', text: '退订', msgId: '2' });
  expect(seen.filter((c) => c === 'deliver_resp')).toHaveLength(2);
  await l.close();
  expect(seen.at(-1)).toBe('terminate');
  expect(l.status().state).toBe('closed');
});

it('a gateway that sends a SUBMIT (only an SP may) is dropped with a clear error, then reconnected', async () => {
  let connects = 0;
  const port = await peer((p, send) => {
    if (p.command !== 'connect') return;
    connects++;
    send({ command: 'connect_resp', sequenceId: p.sequenceId, status: 0, authenticatorIsmg: Buffer.alloc(16), version: 0x20 });
    if (connects === 1) send({ command: 'submit', sequenceId: 9, msgId: 0n, pkTotal: 1, pkNumber: 1, registeredDelivery: 0, msgLevel: 0, serviceId: '', feeUserType: 0, feeTerminalId: '', feeTerminalType: 0, tpPid: 0, tpUdhi: 0, msgFmt: 0, msgSrc: '', feeType: '', feeCode: '', validTime: '', atTime: '', srcId: '', destTerminalIds: ['1'], destTerminalType: 0, msgContent: Buffer.alloc(0), linkId: '' });
  });
  const l = open(port);
  const errors: string[] = [];
  l.on('status', (s) => s.error && errors.push(s.error));
  await waitFor(() => connects === 2 && l.status().state === 'connected', 'the reconnect');
  expect(errors.some((e) => /only an SP may send/.test(e))).toBe(true);
});
