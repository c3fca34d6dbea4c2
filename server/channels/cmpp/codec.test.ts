/**
 * Golden bytes, written field by field from the CMPP 2.0 / 3.0 specification's tables (not from the
 * encoder), then decoded back. `a(s, n)` is an ASCII octet string NUL-padded to n bytes, `z(n)` n zero bytes.
 */
import { describe, expect, it } from 'vitest';
import { authenticatorSource, cmppTimestamp } from './auth.js';
import { decodePdu, decodeReport, encodePdu } from './codec.js';
import { V20, V30 } from './constants.js';
import { submitDefaults, type CmppPdu } from './pdu.js';
import { splitText, ucs2 } from '../text.js';

const a = (s: string, n: number) => Buffer.from(s, 'latin1').toString('hex').padEnd(n * 2, '0');
const z = (n: number) => '00'.repeat(n);
const hex = (...parts: string[]) => Buffer.from(parts.join(''), 'hex');

describe('CMPP CONNECT', () => {
  it('authenticator = MD5(Source_Addr + 9 NULs + secret + MMDDHHMMSS) and the 39-byte PDU', () => {
    const ts = cmppTimestamp(new Date(2026, 11, 6, 4, 55, 0));
    expect(ts).toBe(1206045500);
    // md5(b'901234' + b'\0'*9 + b'secret' + b'1206045500'), computed outside this code base
    const auth = authenticatorSource('901234', 'secret', ts);
    expect(auth.toString('hex')).toBe('85b48a22663ebb88b4deceb90dd6e1c8');
    const bytes = encodePdu({ command: 'connect', sequenceId: 1, sourceAddr: '901234', authenticatorSource: auth, version: 0x30, timestamp: ts }, V30);
    expect(bytes.toString('hex')).toBe(
      ['00000027', '00000001', '00000001', a('901234', 6), '85b48a22663ebb88b4deceb90dd6e1c8', '30', '47e2cb3c'].join(''),
    );
  });

  it('CONNECT_RESP: Status is 1 byte in 2.0 and 4 bytes in 3.0', () => {
    const auth = Buffer.alloc(16, 0xab);
    expect(encodePdu({ command: 'connect_resp', sequenceId: 1, status: 3, authenticatorIsmg: auth, version: 0x20 }, V20).toString('hex')).toBe(
      ['0000001e', '80000001', '00000001', '03', 'ab'.repeat(16), '20'].join(''),
    );
    expect(encodePdu({ command: 'connect_resp', sequenceId: 1, status: 3, authenticatorIsmg: auth, version: 0x30 }, V30).toString('hex')).toBe(
      ['00000021', '80000001', '00000001', '00000003', 'ab'.repeat(16), '30'].join(''),
    );
  });
});

const shortSubmit = (): CmppPdu => ({
  command: 'submit',
  sequenceId: 7,
  ...submitDefaults(),
  serviceId: 'MKT',
  msgSrc: '901234',
  srcId: '106581230042',
  destTerminalIds: ['13800138000'],
  msgContent: ucs2('你好'),
});

describe('CMPP SUBMIT', () => {
  it('a short Chinese text in UCS2, CMPP 2.0 (163 bytes)', () => {
    const expected = hex(
      '000000a3', '00000004', '00000007',
      z(8), '01', '01', '01', '00', a('MKT', 10), '02', z(21), // Msg_Id … Fee_terminal_Id
      '00', '00', '08', a('901234', 6), a('01', 2), a('000000', 6), z(17), z(17), // TP_pId TP_udhi Msg_Fmt Msg_src FeeType FeeCode ValId_Time At_Time
      a('106581230042', 21), '01', a('13800138000', 21), '04', '4f60597d', z(8), // Src_Id DestUsr_tl Dest_terminal_Id Msg_Length 你好 Reserve
    );
    const bytes = encodePdu(shortSubmit(), V20);
    expect(bytes.toString('hex')).toBe(expected.toString('hex'));
    expect(decodePdu(bytes, V20)).toEqual(shortSubmit());
  });

  it('the same in CMPP 3.0: 32-byte terminal ids, terminal types, LinkID (199 bytes)', () => {
    const expected = hex(
      '000000c7', '00000004', '00000007',
      z(8), '01', '01', '01', '00', a('MKT', 10), '02', z(32), '00',
      '00', '00', '08', a('901234', 6), a('01', 2), a('000000', 6), z(17), z(17),
      a('106581230042', 21), '01', a('13800138000', 32), '00', '04', '4f60597d', z(20),
    );
    expect(encodePdu(shortSubmit(), V30).toString('hex')).toBe(expected.toString('hex'));
  });

  it('a 100-character Chinese text as 2 parts: UDHI, 05 00 03 ref 02 seq, 67 + 33 characters', () => {
    const text = '尊敬的客户'.repeat(20);
    const parts = splitText(text, 0x5a);
    expect(parts.map((p) => [p.total, p.seq, p.udhi, p.payload.length])).toEqual([
      [2, 1, true, 6 + 134],
      [2, 2, true, 6 + 66],
    ]);
    const pdus = parts.map((p, i) => encodePdu({ ...(shortSubmit() as Extract<CmppPdu, { command: 'submit' }>), sequenceId: 8 + i, pkTotal: 2, pkNumber: i + 1, tpUdhi: 1, msgContent: p.payload }, V20));
    const [first, second] = pdus as [Buffer, Buffer];
    // the 163-byte short SUBMIT above with 140 content bytes instead of 4
    expect(first.readUInt32BE(0)).toBe(299);
    expect(first.length).toBe(299);
    // Pk_total, Pk_number at body offsets 8, 9; TP_udhi at 8+1+1+1+1+10+1+21+1 = 45; Msg_Length after Dest_terminal_Id
    expect([first[12 + 8], first[12 + 9], first[12 + 45]]).toEqual([2, 1, 1]);
    expect([second[12 + 8], second[12 + 9], second[12 + 45]]).toEqual([2, 2, 1]);
    const contentAt = 12 + 138;
    expect(first[contentAt]).toBe(140);
    expect(first.subarray(contentAt + 1, contentAt + 7).toString('hex')).toBe('0500035a0201');
    expect(first.subarray(contentAt + 7, contentAt + 11).toString('hex')).toBe('5c0a656c'); // 尊敬
    expect(second[contentAt]).toBe(72);
    expect(second.subarray(contentAt + 1, contentAt + 7).toString('hex')).toBe('0500035a0202');
  });

  it('SUBMIT_RESP: Msg_Id + Result (1 byte in 2.0, 4 in 3.0); Result 8 is flow control', () => {
    const p: CmppPdu = { command: 'submit_resp', sequenceId: 7, msgId: 0x0123456789abcdefn, result: 8 };
    expect(encodePdu(p, V20).toString('hex')).toBe('00000015800000040000000' + '70123456789abcdef08');
    expect(encodePdu(p, V30).toString('hex')).toBe('00000018800000040000000' + '70123456789abcdef00000008');
    expect(decodePdu(encodePdu(p, V30), V30)).toEqual(p);
  });
});

describe('CMPP DELIVER', () => {
  it('a status report (Registered_Delivery 1), CMPP 2.0: 145 bytes with a 60-byte report', () => {
    const report = ['0123456789abcdef', a('DELIVRD', 7), a('2512060455', 10), a('2512060456', 10), a('13800138000', 21), '00000001'].join('');
    const bytes = hex(
      '00000091', '00000005', '00000003',
      'fedcba9876543210', a('106581230042', 21), a('MKT', 10), '00', '00', '00', a('13800138000', 21), '01', '3c', report, z(8),
    );
    const pdu = decodePdu(bytes, V20);
    expect(pdu).toMatchObject({ command: 'deliver', sequenceId: 3, msgId: 0xfedcba9876543210n, destId: '106581230042', srcTerminalId: '13800138000', registeredDelivery: 1 });
    if (pdu.command !== 'deliver') throw new Error('not a deliver');
    expect(decodeReport(pdu.msgContent, V20)).toEqual({
      msgId: 0x0123456789abcdefn, stat: 'DELIVRD', submitTime: '2512060455', doneTime: '2512060456', destTerminalId: '13800138000', smscSequence: 1,
    });
    expect(encodePdu(pdu, V20).toString('hex')).toBe(bytes.toString('hex'));
  });

  it('ACTIVE_TEST, ACTIVE_TEST_RESP, TERMINATE', () => {
    expect(encodePdu({ command: 'active_test', sequenceId: 9 }, V20).toString('hex')).toBe('0000000c0000000800000009');
    expect(encodePdu({ command: 'active_test_resp', sequenceId: 9, reserved: 0 }, V20).toString('hex')).toBe('0000000d800000080000000900');
    expect(encodePdu({ command: 'terminate', sequenceId: 2 }, V30).toString('hex')).toBe('0000000c0000000200000002');
  });
});

describe('malformed PDUs are errors, not crashes', () => {
  it.each([
    ['shorter than a header', '00000008000000010000'],
    ['length mismatch', '0000000d0000000800000009'],
    ['unknown command', '0000000c0000009900000001'],
    ['truncated SUBMIT_RESP', '0000000f800000040000000101020304'.slice(0, 30)],
    ['trailing bytes', '0000000e0000000800000009aaaa'],
  ])('%s', (_name, h) => {
    expect(() => decodePdu(Buffer.from(h, 'hex'), V20)).toThrow(/CMPP|PDU|Total_Length|Command_Id|truncated|trailing/);
  });
});
