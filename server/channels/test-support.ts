/** Helpers for the channel tests: a link to the local gateway, and waiting on a condition (never a fixed sleep). */
import { createCmppLink } from './cmpp/index.js';
import { V30, type CmppVersion } from './cmpp/constants.js';
import type { GatewayPorts } from './gateway/gateway.js';
import type { GatewayLink } from './link.js';
import { createSmppLink } from './smpp/index.js';
import type { LinkStatus, LinkTuning } from './types.js';

export type Proto = 'cmpp' | 'smpp';
export const ACCESS_NUMBER = '10658123';
export const ACCOUNTS = { '901234': 'cmpp-secret', linkage: 'smpp-pw' };

export function linkTo(proto: Proto, ports: GatewayPorts, tuning: LinkTuning, opts: { password?: string; version?: CmppVersion } = {}): GatewayLink {
  const fast = { reconnectMs: 20, maxReconnectMs: 200, ...tuning };
  if (proto === 'cmpp') {
    return createCmppLink(
      'test-cmpp',
      { host: '127.0.0.1', port: ports.cmpp, sourceAddr: '901234', sharedSecret: opts.password ?? ACCOUNTS['901234'], version: opts.version ?? V30, serviceId: 'MKT', accessNumber: ACCESS_NUMBER },
      fast,
    );
  }
  return createSmppLink('test-smpp', { host: '127.0.0.1', port: ports.smpp, systemId: 'linkage', password: opts.password ?? ACCOUNTS.linkage, accessNumber: ACCESS_NUMBER }, fast);
}

export async function waitFor(cond: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** Every status the link reports, in order. */
export function recordStatuses(link: GatewayLink): LinkStatus[] {
  const seen: LinkStatus[] = [];
  link.on('status', (s) => seen.push(s));
  return seen;
}
