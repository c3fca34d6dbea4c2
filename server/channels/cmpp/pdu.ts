/** CMPP 2.0 / 3.0 PDUs as plain objects. Fields that exist only in 3.0 are ignored by the 2.0 codec (and decode as 0/''). */

export interface SubmitBody {
  /** Filled by the gateway; an SP sends 0. */
  msgId: bigint;
  pkTotal: number;
  pkNumber: number;
  /** 1 = ask for a status report. */
  registeredDelivery: number;
  msgLevel: number;
  serviceId: string;
  feeUserType: number;
  feeTerminalId: string;
  /** 3.0 only. */
  feeTerminalType: number;
  tpPid: number;
  /** 1 when Msg_Content starts with a user-data header (a part of a long message). */
  tpUdhi: number;
  /** 8 = UCS2. */
  msgFmt: number;
  /** The SP id (same as the CONNECT Source_Addr). */
  msgSrc: string;
  feeType: string;
  feeCode: string;
  validTime: string;
  atTime: string;
  /** Access number + extension: the address the customer sees and replies to. */
  srcId: string;
  destTerminalIds: string[];
  /** 3.0 only. */
  destTerminalType: number;
  msgContent: Buffer;
  /** 3.0 LinkID (20 bytes); 2.0 Reserve (8 bytes). */
  linkId: string;
}

export interface DeliverBody {
  msgId: bigint;
  /** The address the customer wrote to: access number + extension. */
  destId: string;
  serviceId: string;
  tpPid: number;
  tpUdhi: number;
  msgFmt: number;
  srcTerminalId: string;
  /** 3.0 only. */
  srcTerminalType: number;
  /** 1 = Msg_Content is a status report, 0 = a message from the customer. */
  registeredDelivery: number;
  msgContent: Buffer;
  linkId: string;
}

/** The Msg_Content of a DELIVER with Registered_Delivery = 1. */
export interface StatusReport {
  /** The Msg_Id the gateway gave the SUBMIT this report is about. */
  msgId: bigint;
  /** DELIVRD, EXPIRED, DELETED, UNDELIV, ACCEPTD, UNKNOWN, REJECTD, or a gateway-specific code. */
  stat: string;
  /** YYMMDDHHMM */
  submitTime: string;
  doneTime: string;
  destTerminalId: string;
  smscSequence: number;
}

interface Head {
  sequenceId: number;
}

export type CmppPdu =
  | (Head & { command: 'connect'; sourceAddr: string; authenticatorSource: Buffer; version: number; timestamp: number })
  | (Head & { command: 'connect_resp'; status: number; authenticatorIsmg: Buffer; version: number })
  | (Head & { command: 'terminate' })
  | (Head & { command: 'terminate_resp' })
  | (Head & { command: 'submit' } & SubmitBody)
  | (Head & { command: 'submit_resp'; msgId: bigint; result: number })
  | (Head & { command: 'deliver' } & DeliverBody)
  | (Head & { command: 'deliver_resp'; msgId: bigint; result: number })
  | (Head & { command: 'active_test' })
  | (Head & { command: 'active_test_resp'; reserved: number });

export type CmppCommand = CmppPdu['command'];
export type PduOf<C extends CmppCommand> = Extract<CmppPdu, { command: C }>;

/** A SUBMIT with the defaults an SP normally sends; the caller fills addresses and content. */
export function submitDefaults(): Omit<SubmitBody, 'srcId' | 'destTerminalIds' | 'msgContent' | 'msgSrc' | 'serviceId'> {
  return {
    msgId: 0n,
    pkTotal: 1,
    pkNumber: 1,
    registeredDelivery: 1,
    msgLevel: 0,
    feeUserType: 2,
    feeTerminalId: '',
    feeTerminalType: 0,
    tpPid: 0,
    tpUdhi: 0,
    msgFmt: 8,
    feeType: '01',
    feeCode: '000000',
    validTime: '',
    atTime: '',
    destTerminalType: 0,
    linkId: '',
  };
}
