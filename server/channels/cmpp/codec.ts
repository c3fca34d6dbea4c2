/**
 * CMPP 2.0 / 3.0 encoder and decoder, written from the China Mobile specification's field tables.
 * Every PDU is Total_Length(4) Command_Id(4) Sequence_Id(4) + body, all integers big-endian.
 */
import { DecodeError, Reader, Writer } from './bytes.js';
import { CMD, HEADER_LENGTH, type CmppVersion, widths } from './constants.js';
import type { CmppPdu, DeliverBody, StatusReport, SubmitBody } from './pdu.js';

const ID_OF: Record<CmppPdu['command'], number> = {
  connect: CMD.CONNECT,
  connect_resp: CMD.CONNECT_RESP,
  terminate: CMD.TERMINATE,
  terminate_resp: CMD.TERMINATE_RESP,
  submit: CMD.SUBMIT,
  submit_resp: CMD.SUBMIT_RESP,
  deliver: CMD.DELIVER,
  deliver_resp: CMD.DELIVER_RESP,
  active_test: CMD.ACTIVE_TEST,
  active_test_resp: CMD.ACTIVE_TEST_RESP,
};

export function encodePdu(pdu: CmppPdu, version: CmppVersion): Buffer {
  const body = new Writer();
  encodeBody(pdu, version, body);
  const head = new Writer()
    .u32(HEADER_LENGTH + body.length)
    .u32(ID_OF[pdu.command])
    .u32(pdu.sequenceId);
  return Buffer.concat([head.done(), body.done()]);
}

function encodeBody(p: CmppPdu, v: CmppVersion, w: Writer): void {
  const W = widths(v);
  switch (p.command) {
    case 'connect':
      w.str(p.sourceAddr, 6).bytes(p.authenticatorSource, 16).u8(p.version).u32(p.timestamp);
      return;
    case 'connect_resp':
      w.uint(p.status, W.result).bytes(p.authenticatorIsmg, 16).u8(p.version);
      return;
    case 'submit':
      encodeSubmit(p, v, w);
      return;
    case 'submit_resp':
    case 'deliver_resp':
      w.u64(p.msgId).uint(p.result, W.result);
      return;
    case 'deliver':
      encodeDeliver(p, v, w);
      return;
    case 'active_test_resp':
      w.u8(p.reserved);
      return;
    case 'terminate':
    case 'terminate_resp':
    case 'active_test':
      return;
  }
}

function encodeSubmit(p: SubmitBody, v: CmppVersion, w: Writer): void {
  const W = widths(v);
  if (p.destTerminalIds.length < 1 || p.destTerminalIds.length > 100) throw new RangeError('SUBMIT needs 1 to 100 destination numbers');
  if (p.msgContent.length > 255) throw new RangeError(`SUBMIT content is ${p.msgContent.length} bytes; a part holds at most 255 (140 in practice)`);
  w.u64(p.msgId).u8(p.pkTotal).u8(p.pkNumber).u8(p.registeredDelivery).u8(p.msgLevel).str(p.serviceId, 10).u8(p.feeUserType);
  w.str(p.feeTerminalId, W.terminalId);
  if (W.terminalType) w.u8(p.feeTerminalType);
  w.u8(p.tpPid).u8(p.tpUdhi).u8(p.msgFmt).str(p.msgSrc, 6).str(p.feeType, 2).str(p.feeCode, 6);
  w.str(p.validTime, 17).str(p.atTime, 17).str(p.srcId, 21).u8(p.destTerminalIds.length);
  for (const d of p.destTerminalIds) w.str(d, W.terminalId);
  if (W.terminalType) w.u8(p.destTerminalType);
  w.u8(p.msgContent.length).bytes(p.msgContent).str(p.linkId, W.tail);
}

function encodeDeliver(p: DeliverBody, v: CmppVersion, w: Writer): void {
  const W = widths(v);
  if (p.msgContent.length > 255) throw new RangeError(`DELIVER content is ${p.msgContent.length} bytes; at most 255`);
  w.u64(p.msgId).str(p.destId, 21).str(p.serviceId, 10).u8(p.tpPid).u8(p.tpUdhi).u8(p.msgFmt).str(p.srcTerminalId, W.terminalId);
  if (W.terminalType) w.u8(p.srcTerminalType);
  w.u8(p.registeredDelivery).u8(p.msgContent.length).bytes(p.msgContent).str(p.linkId, W.tail);
}

/** Decode one complete frame (exactly Total_Length bytes). Throws DecodeError on anything malformed. */
export function decodePdu(frame: Buffer, version: CmppVersion): CmppPdu {
  if (frame.length < HEADER_LENGTH) throw new DecodeError(`PDU shorter than the 12-byte header (${frame.length} bytes)`);
  const total = frame.readUInt32BE(0);
  if (total !== frame.length) throw new DecodeError(`Total_Length ${total} does not match the frame (${frame.length} bytes)`);
  const commandId = frame.readUInt32BE(4);
  const sequenceId = frame.readUInt32BE(8);
  const r = new Reader(frame.subarray(HEADER_LENGTH), `CMPP 0x${commandId.toString(16).padStart(8, '0')}`);
  const W = widths(version);
  let pdu: CmppPdu;
  switch (commandId) {
    case CMD.CONNECT:
      pdu = { command: 'connect', sequenceId, sourceAddr: r.str(6), authenticatorSource: r.bytes(16), version: r.u8(), timestamp: r.u32() };
      break;
    case CMD.CONNECT_RESP:
      pdu = { command: 'connect_resp', sequenceId, status: r.uint(W.result), authenticatorIsmg: r.bytes(16), version: r.u8() };
      break;
    case CMD.TERMINATE:
      pdu = { command: 'terminate', sequenceId };
      break;
    case CMD.TERMINATE_RESP:
      pdu = { command: 'terminate_resp', sequenceId };
      break;
    case CMD.SUBMIT:
      pdu = { command: 'submit', sequenceId, ...decodeSubmit(r, version) };
      break;
    case CMD.SUBMIT_RESP:
      pdu = { command: 'submit_resp', sequenceId, msgId: r.u64(), result: r.uint(W.result) };
      break;
    case CMD.DELIVER:
      pdu = { command: 'deliver', sequenceId, ...decodeDeliver(r, version) };
      break;
    case CMD.DELIVER_RESP:
      pdu = { command: 'deliver_resp', sequenceId, msgId: r.u64(), result: r.uint(W.result) };
      break;
    case CMD.ACTIVE_TEST:
      pdu = { command: 'active_test', sequenceId };
      break;
    case CMD.ACTIVE_TEST_RESP:
      // Some gateways omit the Reserved byte; accept both.
      pdu = { command: 'active_test_resp', sequenceId, reserved: r.remaining > 0 ? r.u8() : 0 };
      break;
    default:
      throw new DecodeError(`unknown Command_Id 0x${commandId.toString(16).padStart(8, '0')}`);
  }
  r.end();
  return pdu;
}

function decodeSubmit(r: Reader, v: CmppVersion): SubmitBody {
  const W = widths(v);
  const msgId = r.u64();
  const pkTotal = r.u8();
  const pkNumber = r.u8();
  const registeredDelivery = r.u8();
  const msgLevel = r.u8();
  const serviceId = r.str(10);
  const feeUserType = r.u8();
  const feeTerminalId = r.str(W.terminalId);
  const feeTerminalType = W.terminalType ? r.u8() : 0;
  const tpPid = r.u8();
  const tpUdhi = r.u8();
  const msgFmt = r.u8();
  const msgSrc = r.str(6);
  const feeType = r.str(2);
  const feeCode = r.str(6);
  const validTime = r.str(17);
  const atTime = r.str(17);
  const srcId = r.str(21);
  const n = r.u8();
  if (n < 1 || n > 100) throw new DecodeError(`SUBMIT DestUsr_tl ${n} is outside 1..100`);
  const destTerminalIds = Array.from({ length: n }, () => r.str(W.terminalId));
  const destTerminalType = W.terminalType ? r.u8() : 0;
  const msgContent = r.bytes(r.u8());
  const linkId = r.str(W.tail);
  return {
    msgId, pkTotal, pkNumber, registeredDelivery, msgLevel, serviceId, feeUserType, feeTerminalId, feeTerminalType, tpPid, tpUdhi, msgFmt,
    msgSrc, feeType, feeCode, validTime, atTime, srcId, destTerminalIds, destTerminalType, msgContent, linkId,
  };
}

function decodeDeliver(r: Reader, v: CmppVersion): DeliverBody {
  const W = widths(v);
  const msgId = r.u64();
  const destId = r.str(21);
  const serviceId = r.str(10);
  const tpPid = r.u8();
  const tpUdhi = r.u8();
  const msgFmt = r.u8();
  const srcTerminalId = r.str(W.terminalId);
  const srcTerminalType = W.terminalType ? r.u8() : 0;
  const registeredDelivery = r.u8();
  const msgContent = r.bytes(r.u8());
  const linkId = r.str(W.tail);
  return { msgId, destId, serviceId, tpPid, tpUdhi, msgFmt, srcTerminalId, srcTerminalType, registeredDelivery, msgContent, linkId };
}

/** The Msg_Content of a status-report DELIVER: 60 bytes in 2.0, 71 in 3.0. */
export function encodeReport(s: StatusReport, v: CmppVersion): Buffer {
  return new Writer().u64(s.msgId).str(s.stat, 7).str(s.submitTime, 10).str(s.doneTime, 10).str(s.destTerminalId, widths(v).terminalId).u32(s.smscSequence).done();
}

export function decodeReport(content: Buffer, v: CmppVersion): StatusReport {
  const r = new Reader(content, 'CMPP status report');
  const s: StatusReport = { msgId: r.u64(), stat: r.str(7), submitTime: r.str(10), doneTime: r.str(10), destTerminalId: r.str(widths(v).terminalId), smscSequence: r.u32() };
  r.end();
  return s;
}

