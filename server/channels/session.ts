/**
 * What a protocol (CMPP, SMPP) provides to the generic link: open a bound session, send one part,
 * and report answers, receipts, replies and loss through hooks. The link owns window, rate and retries.
 */
import type { DeliveryReport, InboundReply } from './types.js';

export interface PartToSend {
  /** The link's handle for this part; answers come back with it. */
  token: number;
  to: string;
  extension: string;
  /** UDH (for parts of a long message) + UCS2 text. */
  payload: Buffer;
  udhi: boolean;
  total: number;
  seq: number;
}

export type PartResult = { kind: 'ok'; msgId: string } | { kind: 'flow' } | { kind: 'rejected'; code: number; reason: string };

export interface SessionHooks {
  result(token: number, r: PartResult): void;
  report(r: DeliveryReport): void;
  reply(r: InboundReply): void;
  /** The connection is gone (or can no longer be trusted). Called at most once. */
  lost(err: Error): void;
}

export interface LinkSession {
  send(part: PartToSend): void;
  /** Graceful: TERMINATE / unbind, then close the socket. */
  close(): Promise<void>;
  destroy(): void;
}

export type OpenSession = (hooks: SessionHooks) => Promise<LinkSession>;

/** The gateway refused the credentials: retrying with the same ones would not help (and may lock the account). */
export class AuthError extends Error {
  override name = 'AuthError';
}

/** The extension a reply was addressed to: the address minus the access number. */
export const extensionOf = (to: string, accessNumber: string): string => (to.startsWith(accessNumber) ? to.slice(accessNumber.length) : '');
