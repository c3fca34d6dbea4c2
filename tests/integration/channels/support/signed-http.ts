/** The peers of Linkage's HTTP bindings (channels and provisioning), real ones on loopback, signing and verifying with Standard Webhooks. */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

/** How the receiver answers a verified request: `delayMs` holds the answer back (a struggling provider). */
export type Answer = { status: number; body?: unknown; delayMs?: number };

export interface SignedReceiver<T> {
  /** Every request whose signature verified, in the order they came. */
  got: T[];
  /** Requests refused with 401 for a bad or missing signature (not in `got`). */
  badSignatures: number;
  url: string;
  server: Server;
}

/**
 * A platform or an operator's interface as Linkage posts to it: each request's signature is verified
 * with `secret` (a bad one is a 401 and not kept), its message kept, and answered as `answer` says, which
 * sees the receiver with the message already in `got` (and the request, for its other headers). `state` is
 * the test's own part of the receiver (what `answer` reads, what the test changes between sends). The
 * caller closes `server`.
 */
export async function signedReceiver<T, X extends object>(
  secret: string, state: X, answer: (msg: T, r: SignedReceiver<T> & X, req: IncomingMessage) => Answer, path: string,
): Promise<SignedReceiver<T> & X> {
  const hook = new Webhook(secret);
  const server = createServer((req: IncomingMessage, res) => {
    let raw = '';
    req.on('data', (d: Buffer) => { raw += d.toString(); });
    req.on('end', () => {
      let msg: T;
      try {
        msg = hook.verify(raw, req.headers as Record<string, string>) as T;
      } catch {
        r.badSignatures++;
        res.statusCode = 401;
        return void res.end('bad signature');
      }
      r.got.push(msg);
      const a = answer(msg, r, req);
      const send = () => {
        res.statusCode = a.status;
        res.setHeader('content-type', 'application/json');
        res.end(a.body === undefined ? '' : JSON.stringify(a.body));
      };
      if (a.delayMs) setTimeout(send, a.delayMs);
      else send();
    });
  });
  const r = Object.assign(state, { got: [] as T[], badSignatures: 0, url: '', server });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', () => ok()));
  r.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`;
  return r;
}

/** What a platform posts back to Linkage (a report, a reply, an answer): `body` signed with `secret` under a fresh webhook-id unless one is given. */
export function postSigned(url: string, secret: string, body: unknown, id = `msg_${Math.random().toString(36).slice(2)}`): Promise<Response> {
  const raw = JSON.stringify(body);
  const at = new Date();
  return fetch(url, {
    method: 'POST',
    body: raw,
    headers: { 'content-type': 'application/json', 'webhook-id': id, 'webhook-timestamp': String(Math.floor(at.getTime() / 1000)), 'webhook-signature': new Webhook(secret).sign(id, at, raw) },
  });
}
