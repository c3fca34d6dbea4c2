/**
 * The protocol-neutral interface of one gateway link (CMPP or SMPP). The engine's channel adapter
 * (a later piece of issue #19) records a submit before calling `submit`, stores the ids it resolves
 * with, and marks the contact `unknown` when it rejects with outcome `unknown` — never re-sending it.
 */

export interface OutboundMessage {
  /** Customer's number. */
  to: string;
  /** The rendered text (signature included); split into parts here. */
  text: string;
  /** Appended to the access number (Src_Id / source_addr) so the customer's reply routes back to this touch. */
  extension?: string;
}

export interface SubmitAccepted {
  /** One gateway message id per part, in part order. */
  msgIds: string[];
}

/**
 * - `not-sent`: nothing left Linkage (link closed, credentials refused, too long): safe to try again later.
 * - `rejected`: the gateway answered with an error result; it will not deliver it.
 * - `unknown`: at least one part left and its answer never came (connection lost, no response):
 *   it may or may not reach the customer, so it must not be sent again.
 */
export type SubmitOutcome = 'not-sent' | 'rejected' | 'unknown';

export class SubmitError extends Error {
  override name = 'SubmitError';
  constructor(
    readonly outcome: SubmitOutcome,
    message: string,
    /** Ids of the parts the gateway did accept before the failure. */
    readonly acceptedIds: string[] = [],
    /** The gateway's result code, for `rejected`. */
    readonly code?: number,
  ) {
    super(message);
  }
}

export interface DeliveryReport {
  /** The id `submit` resolved with (one per part). */
  msgId: string;
  /** DELIVRD, UNDELIV, EXPIRED, REJECTD, DELETED, UNKNOWN, … as the gateway reports it. */
  stat: string;
  delivered: boolean;
  to: string;
  submitTime?: string;
  doneTime?: string;
}

export interface InboundReply {
  /** Customer's number. */
  from: string;
  /** The full address written to (access number + extension). */
  to: string;
  /** `to` minus the configured access number: the touch's extension ('' when none). */
  extension: string;
  text: string;
  /**
   * The gateway's id of the message: CMPP's DELIVER Msg_Id (of the part that completed a long message),
   * the same when the gateway delivers it again. SMPP's deliver_sm has none for a customer's message.
   */
  msgId?: string;
}

export type LinkState = 'connecting' | 'connected' | 'throttled' | 'disconnected' | 'auth-failed' | 'closed';

export interface LinkStatus {
  state: LinkState;
  /** A sentence an operator can act on (wrong secret, malformed PDU, connection refused, …). */
  error?: string;
  inFlight: number;
  queued: number;
}

export interface LinkEvents {
  report: [DeliveryReport];
  reply: [InboundReply];
  status: [LinkStatus];
}

/** Window, rate and retry settings shared by every link kind. */
export interface LinkTuning {
  /** Unacknowledged submits allowed at once (the contracted window; 16 is common). */
  window: number;
  /** Submits per second allowed on this link (the contracted TPS). */
  tps: number;
  /** Token-bucket depth: how many submits may leave back to back after a pause. Default max(1, tps / 50): 20 ms worth, so any one second holds at most 1.02 × tps. */
  burst?: number;
  /** First reconnect delay; doubles up to maxReconnectMs. */
  reconnectMs?: number;
  maxReconnectMs?: number;
  /** A part whose answer takes longer is marked unknown. */
  responseTimeoutMs?: number;
  /** Keep-alive after this much silence; the link is dropped after 3 unanswered. */
  keepAliveMs?: number;
  /** First pause after a flow-control answer; doubles while they repeat. */
  flowBackoffMs?: number;
  /** Flow-control answers for one part before it is given up as rejected. */
  maxFlowRetries?: number;
}

export const isDelivered = (stat: string): boolean => stat.trim().toUpperCase() === 'DELIVRD';
