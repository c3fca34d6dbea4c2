/** CMPP command ids, results and the field widths that differ between protocol 2.0 and 3.0. */

export const CMD = {
  CONNECT: 0x00000001,
  CONNECT_RESP: 0x80000001,
  TERMINATE: 0x00000002,
  TERMINATE_RESP: 0x80000002,
  SUBMIT: 0x00000004,
  SUBMIT_RESP: 0x80000004,
  DELIVER: 0x00000005,
  DELIVER_RESP: 0x80000005,
  ACTIVE_TEST: 0x00000008,
  ACTIVE_TEST_RESP: 0x80000008,
} as const;

export const HEADER_LENGTH = 12;
/** No legal CMPP PDU is longer (3.0 SUBMIT to 100 terminals with 255 content bytes is under 3,500). */
export const MAX_PDU_LENGTH = 4096;

export type CmppVersion = 0x20 | 0x30;
export const V20: CmppVersion = 0x20;
export const V30: CmppVersion = 0x30;

/** The widths that changed in 3.0: terminal ids 21 → 32 bytes, results 1 → 4 bytes, Reserve(8) → LinkID(20). */
export interface Widths {
  terminalId: number;
  result: number;
  /** 2.0 ends SUBMIT/DELIVER with an 8-byte Reserve, 3.0 with a 20-byte LinkID. */
  tail: number;
  /** 3.0 adds a one-byte terminal type after each terminal id (0 real number, 1 pseudo code). */
  terminalType: boolean;
}

export const widths = (v: CmppVersion): Widths =>
  v === V30 ? { terminalId: 32, result: 4, tail: 20, terminalType: true } : { terminalId: 21, result: 1, tail: 8, terminalType: false };

/** Msg_Fmt values (the ones Linkage uses or may receive). */
export const MSG_FMT = { ASCII: 0, BINARY: 4, UCS2: 8, GBK: 15 } as const;

/** SUBMIT_RESP Result 8: the gateway's flow control ("too fast, slow down"); the submit was not taken. */
export const RESULT_FLOW_CONTROL = 8;

/** CONNECT_RESP Status values, from the specification, worded for an operator's status page. */
export const CONNECT_STATUS: Record<number, string> = {
  0: 'ok',
  1: 'malformed CONNECT',
  2: 'unknown source address (SP id)',
  3: 'authentication failed (wrong shared secret)',
  4: 'protocol version too high for this gateway',
  5: 'other gateway error',
};

/** SUBMIT_RESP Result values (2.0/3.0). */
export const SUBMIT_RESULT: Record<number, string> = {
  0: 'ok',
  1: 'malformed message',
  2: 'invalid command id',
  3: 'duplicate sequence id',
  4: 'invalid message length',
  5: 'invalid fee code',
  6: 'content too long',
  7: 'invalid service id',
  8: 'flow control',
  9: 'other error',
};
